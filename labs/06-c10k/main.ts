/**
 * npm run lab -- 06-c10k demo [--steps 1000,5000,10000] [--keepalive-ms 5000] [--window-ms 4000] [--sources 0]
 * npm run lab -- 06-c10k server [--port 7010] [--idle-timeout-ms 60000] [--max-connections 10000]
 * npm run lab -- 06-c10k client --port 7010 [--connections 1000] [--keepalive-ms 5000] [--seconds 30]
 * npm run lab -- 06-c10k limits
 *
 * `demo` measures the reference hold server at 1k, 5k and 10k connections; `server` and `client`
 * are its two halves, to run in two terminals and look at with ps, ss and /proc.
 * Commands that need many descriptors check the open-files limit first, and run with what fits
 * when it is too low (fd-limit.ts).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import chalk from 'chalk';
import { startHoldServer } from '#solutions/06-c10k/hold-server.ts';
import { DEFAULT_STEPS, runDemo } from './demo.ts';
import { checkFdLimit, readFdLimits, readStackLimitBytes, tooLowMessage, type FdLimits } from './fd-limit.ts';
import { LoadClient, MAX_CONNECTIONS } from './load-client.ts';
import { readLoopDelay, readMemory, startLoopDelayMonitor } from './measurement.ts';

const usage = `usage:
  npm run lab -- 06-c10k demo [--steps ${DEFAULT_STEPS.join(',')}] [--keepalive-ms 5000] [--window-ms 4000] [--sources 0]
        the server measured at each step: memory per connection, event-loop delay, PING round trip
  npm run lab -- 06-c10k server [--port 7010] [--idle-timeout-ms 60000] [--max-connections 10000]
        the hold server alone, printing its connections, memory and loop delay every 5 s
  npm run lab -- 06-c10k client --port 7010 [--connections 1000] [--keepalive-ms 5000] [--seconds 30]
        the load client alone: ramp up, keep alive, print PING round trips, close after --seconds
  npm run lab -- 06-c10k limits
        the limits that decide how many connections fit: open files, ephemeral ports, listen backlog

at most ${MAX_CONNECTIONS.toLocaleString('en-US')} connections; --sources n spreads the client over 127.0.0.1..127.0.0.n`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string' },
    steps: { type: 'string' },
    connections: { type: 'string', default: '1000' },
    'keepalive-ms': { type: 'string', default: '5000' },
    'window-ms': { type: 'string', default: '4000' },
    seconds: { type: 'string', default: '30' },
    sources: { type: 'string', default: '0' },
    'idle-timeout-ms': { type: 'string', default: '60000' },
    'max-connections': { type: 'string', default: '10000' },
    help: { type: 'boolean', short: 'h' },
  },
});

class UsageError extends Error {}

function integer(name: string, text: string | undefined, min: number, max: number): number {
  const value = Number(text);
  if (text === undefined || !Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${text}"`);
  }
  return value;
}

function parseSteps(text: string | undefined): number[] {
  if (text === undefined) return [...DEFAULT_STEPS];
  const steps = text.split(',').map((step) => integer('steps', step.trim(), 1, MAX_CONNECTIONS));
  if (steps.some((step, i) => i > 0 && step <= steps[i - 1]!)) throw new UsageError('--steps must be ascending, e.g. 1000,5000,10000');
  return steps;
}

const limitNote = ({ soft, hard }: FdLimits): string => `open files (ulimit -n): soft ${soft}, hard ${hard}`;

/** How many of `connections` this process may open; says why when that is fewer. */
function fittingConnections(connections: number): number {
  const check = checkFdLimit(connections);
  if (check.kind === 'enough') return connections;
  console.error(chalk.yellow(tooLowMessage(connections, check.limits)));
  return check.usable;
}

async function demo(): Promise<number> {
  let steps = parseSteps(values.steps);
  const keepaliveMs = integer('keepalive-ms', values['keepalive-ms'], 100, 600_000);
  const windowMs = integer('window-ms', values['window-ms'], 500, 60_000);
  const sources = integer('sources', values.sources, 0, 250);
  const usable = fittingConnections(steps[steps.length - 1]!);
  if (usable < steps[steps.length - 1]!) {
    if (usable < 100) return 2;
    steps = [...steps.filter((step) => step < usable), usable];
    console.error(chalk.yellow(`so this run stops at ${usable} connections: steps ${steps.join(', ')}\n`));
  }
  await runDemo({ steps, keepaliveMs, windowMs, sources, fdLimitNote: limitNote(readFdLimits()) }, readStackLimitBytes());
  return 0;
}

async function server(): Promise<number> {
  const maxConnections = integer('max-connections', values['max-connections'], 1, MAX_CONNECTIONS);
  const usable = fittingConnections(maxConnections);
  if (usable < maxConnections) {
    console.error(chalk.yellow(`past about ${usable} connections accept() fails with EMFILE: watch what libuv does then (README, step 6)`));
  }
  const hold = await startHoldServer({
    port: integer('port', values.port ?? '7010', 0, 65_535),
    idleTimeoutMs: integer('idle-timeout-ms', values['idle-timeout-ms'], 1000, 3_600_000),
    maxConnections,
  });
  console.log(`listening on 127.0.0.1:${hold.port} pid ${process.pid} (${limitNote(readFdLimits())})`);
  console.log(`try:  npm run lab -- 06-c10k client --port ${hold.port} --connections 5000     (in another terminal)`);
  const loopDelay = startLoopDelayMonitor();
  let messagesBefore = 0;
  setInterval(() => {
    void readMemory().then((memory) => {
      const stats = hold.stats();
      const delay = readLoopDelay(loopDelay);
      loopDelay.reset();
      console.log(
        `connections ${stats.connections} (peak ${stats.peak}, refused ${stats.refused}, evicted ${stats.evicted})  lines/s ${Math.round((stats.messages - messagesBefore) / 5)}  ` +
          `RSS ${Number.isNaN(memory.rssBytes) ? 'n/a (EMFILE)' : `${(memory.rssBytes / 2 ** 20).toFixed(1)} MiB`}  heap ${(memory.heapUsedBytes / 2 ** 20).toFixed(1)} MiB  loop delay p50 ${delay.p50Ms.toFixed(2)} p99 ${delay.p99Ms.toFixed(2)} max ${delay.maxMs.toFixed(2)} ms`,
      );
      messagesBefore = stats.messages;
    });
  }, 5000).unref();
  await new Promise<void>((resolve) => process.once('SIGINT', resolve).once('SIGTERM', resolve));
  await hold.close();
  return 0;
}

async function client(): Promise<number> {
  const connections = integer('connections', values.connections, 1, MAX_CONNECTIONS);
  const port = integer('port', values.port, 1, 65_535);
  const keepaliveMs = integer('keepalive-ms', values['keepalive-ms'], 100, 600_000);
  const seconds = integer('seconds', values.seconds, 1, 600);
  const sources = integer('sources', values.sources, 0, 250);
  const usable = fittingConnections(connections);
  const load = new LoadClient({ port, sourceAddresses: sources > 1 ? Array.from({ length: sources }, (_, i) => `127.0.0.${i + 1}`) : [] });
  const stop = (): void => load.close();
  process.once('SIGINT', stop).once('SIGTERM', stop);
  try {
    const ramp = await load.rampTo(usable, seconds * 1000);
    const errors = [...ramp.errors].map(([code, n]) => `${code} ×${n}`).join(', ');
    console.log(`${ramp.open} connections open after ${Math.round(ramp.ms)} ms${ramp.stoppedEarly ? ` (stopped: ${ramp.stoppedEarly}; ${errors})` : ''}`);
    load.startKeepalive(keepaliveMs);
    const end = Date.now() + seconds * 1000;
    while (Date.now() < end && load.open > 0) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(5000, end - Date.now())));
      const rtt = load.takeRoundTrips();
      console.log(`open ${load.open} lost ${load.lost}  PINGs ${rtt.count}  RTT p50 ${rtt.p50Ms.toFixed(2)} p99 ${rtt.p99Ms.toFixed(2)} max ${rtt.maxMs.toFixed(2)} ms`);
    }
  } finally {
    load.close();
  }
  return 0;
}

function limits(): number {
  const fd = readFdLimits();
  const read = (file: string): string => readFileSync(file, 'utf8').trim().replace(/\s+/g, '-');
  console.log(`open files for this node process: soft ${fd.soft}, hard ${fd.hard}  (node raised soft to hard as it started: compare ulimit -n and ulimit -Hn in your shell)`);
  console.log(`open files, the most any process may be given (fs.nr_open): ${read('/proc/sys/fs/nr_open')}`);
  console.log(`open files, system-wide (fs.file-max): ${read('/proc/sys/fs/file-max')}`);
  console.log(`ephemeral ports (net.ipv4.ip_local_port_range): ${read('/proc/sys/net/ipv4/ip_local_port_range')}`);
  console.log(`listen backlog cap (net.core.somaxconn): ${read('/proc/sys/net/core/somaxconn')}; Node asks for 511`);
  console.log(`stack per thread (ulimit -s): ${((readStackLimitBytes() ?? 0) / 2 ** 20).toFixed(0)} MiB`);
  return 0;
}

const commands: Record<string, () => Promise<number> | number> = { demo, server, client, limits };
const [command] = positionals;
const run = command === undefined ? undefined : commands[command];
if (!run || values.help) {
  console.log(usage);
  process.exitCode = command === undefined || values.help ? 0 : 2;
} else {
  try {
    process.exitCode = await run();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${command}: ${error.message}`);
    process.exitCode = 2;
  }
}
