/**
 * npm run lab -- 08-realtime-tcp-vs-udp run [--path auto|netns|model] [--seconds 10] [--rate 50] [--size 1000]
 *                                           [--deadline 150] [--loss 2] [--delay 20] [--jitter 0] [--seed 1] [--quiet]
 */
import { parseArgs } from 'node:util';
import { checkNetem, describeImpairment, isTransparent, resolveImpairment } from '#server/netem/index.ts';
import { IMPAIRMENT_OPTIONS, IMPAIRMENT_USAGE, LabOptionError, impairmentsFrom, numberOption, runLabCommand } from '../08-reliable-udp/options.ts';
import { runModel } from './model-run.ts';
import { runInNamespace } from './netns-run.ts';
import { printReport, summarize } from './report.ts';
import { type RunOptions, type StreamLog, type StreamLogs, newStreamLog } from './stream-log.ts';

const usage = `usage:
  npm run lab -- 08-realtime-tcp-vs-udp run [--path auto|netns|model] [--seconds 10] [--rate 50] [--size 1000]
                                            [--deadline 150] [--loss 2] [--delay 20] [impairment] [--quiet]
      the same media-like stream (--rate frames/s of --size bytes) over UDP and over TCP through the
      same impaired path, then latency percentiles, late frames (over --deadline ms) and lost frames
      side by side
      --path netns   kernel TCP and UDP, sender in a network namespace with tc netem (root, sch_netem)
      --path model   UDP through the lossy proxy, TCP modelled by lab 08-reliable-udp (no privileges)
      --path auto    netns where it can, else model (the default)
  ${IMPAIRMENT_USAGE}`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    ...IMPAIRMENT_OPTIONS,
    path: { type: 'string', default: 'auto' },
    seconds: { type: 'string', default: '10' },
    rate: { type: 'string', default: '50' },
    size: { type: 'string', default: '1000' },
    deadline: { type: 'string', default: '150' },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});
const [command] = positionals;

/** Which path to run, and why, after checking what this machine allows. */
async function choosePath(requested: string, options: RunOptions): Promise<'netns' | 'model'> {
  if (requested === 'model') return 'model';
  if (requested !== 'netns' && requested !== 'auto') throw new LabOptionError(`--path must be auto, netns or model, got "${requested}"`);
  const needsNetem = !isTransparent(resolveImpairment(options.forward)) || !isTransparent(resolveImpairment(options.backward));
  const check = await checkNetem();
  const usable = check.available || (check.code === 'NETEM_UNAVAILABLE' && !needsNetem);
  if (usable) return 'netns';
  const why = `kernel TCP through netem is not possible here: ${check.available ? '' : check.reason.replace(/\.+$/, '')}`;
  if (requested === 'netns') throw new LabOptionError(why);
  console.log(`${why}.\nRunning the model instead: UDP through the lossy proxy, TCP's delivery modelled by 08-reliable-udp (see the README).\n`);
  return 'model';
}

/** Once a second: how many frames each stream delivered, and the worst latency among them. */
function startTicker(logs: readonly StreamLog[]): () => void {
  const seen = logs.map(() => 0);
  const started = performance.now();
  const timer = setInterval(() => {
    const parts = logs.map((log, i) => {
      const fresh = log.arrivals.slice(seen[i]);
      seen[i] = log.arrivals.length;
      const worst = Math.max(0, ...fresh.map((arrival) => arrival.arrivedAtMs - arrival.sentAtMs));
      return `${log.label} ${String(fresh.length).padStart(3)} frames, worst ${worst.toFixed(0).padStart(4)} ms`;
    });
    console.log(`  ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s   ${parts.join('   |   ')}`);
  }, 1000);
  return () => clearInterval(timer);
}

async function run(): Promise<void> {
  const [forward, backward] = impairmentsFrom({ ...values, loss: values.loss ?? '2', delay: values.delay ?? '20' });
  const rate = numberOption('rate', values.rate, 1, 1000);
  const seconds = numberOption('seconds', values.seconds, 0.1, 300);
  const options: RunOptions = {
    rate,
    count: Math.max(1, Math.round(rate * seconds)),
    size: numberOption('size', values.size, 12, 60_000, true),
    forward,
    backward,
    seed: numberOption('seed', values.seed, 0, 2 ** 32 - 1, true),
  };
  const deadlineMs = numberOption('deadline', values.deadline, 0, 60_000);
  const path = await choosePath(values.path, options);
  const logs: StreamLogs = { udp: newStreamLog('UDP'), tcp: newStreamLog(path === 'netns' ? 'TCP (kernel)' : 'TCP (model)') };
  console.log(`${options.count} frames of ${options.size} bytes at ${rate}/s over UDP and over TCP; media ${describeImpairment(forward)}; way back ${describeImpairment(backward)}`);
  const stopTicker = values.quiet ? () => {} : startTicker([logs.udp, logs.tcp]);
  let description: string;
  try {
    description = path === 'netns' ? await runInNamespace(options, logs) : await runModel(options, logs);
  } finally {
    stopTicker();
  }
  console.log(`\n${description}\n`);
  printReport([summarize(logs.udp, deadlineMs), summarize(logs.tcp, deadlineMs)], deadlineMs);
  for (const log of [logs.udp, logs.tcp]) {
    for (const note of log.notes) console.log(`${log.label}: ${note}`);
    if (log.malformed > 0) console.log(`${log.label}: ${log.malformed} malformed frames dropped`);
  }
}

await runLabCommand('08-realtime-tcp-vs-udp', usage, command, values.help, { run });
