/**
 * npm run lab -- 08-reliable-udp demo    [--bytes 1MiB] [--window 32] [impairment] [--min-rto 200] [--no-timestamps] [--verbose]
 * npm run lab -- 08-reliable-udp bench   [--bytes 1MiB] [--windows 1,4,16,64] [--losses 0,1,5,10] [--delay 5] [--max-seconds 2]
 * npm run lab -- 08-reliable-udp receive [--port 7008] [--out file]
 * npm run lab -- 08-reliable-udp send    --port <proxy or receiver port> [--file path | --bytes 1MiB] [--window 32]
 * npm run lab -- 08-reliable-udp proxy   --port 7009 --to 7008 [impairment]
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { RtoEstimatorOptions } from '#solutions/08-reliable-udp/rto-estimator.ts';
import { LossyUdpProxy, type PathCounters, describeImpairment } from '#server/netem/index.ts';
import { formatBytes, runBench } from './bench.ts';
import { IMPAIRMENT_OPTIONS, IMPAIRMENT_USAGE, LabOptionError, impairmentsFrom, listOption, numberOption, runLabCommand, sizeOption } from './options.ts';
import type { ReliableSenderStats } from './sender.ts';
import { runTransfer } from './transfer.ts';
import { openUdpReceiver, openUdpSender } from './udp-endpoint.ts';

const usage = `usage:
  npm run lab -- 08-reliable-udp demo [--bytes 1MiB] [--window 32] [impairment] [--min-rto 200] [--no-timestamps] [--verbose]
      receiver, lossy proxy and sender in one process; prints each retransmission with --verbose,
      then whether the bytes arrived intact (SHA-256), the goodput, and what each part counted
  npm run lab -- 08-reliable-udp bench [--bytes 1MiB] [--windows 1,4,16,64] [--losses 0,1,5,10] [--delay 5]
                                       [--max-seconds 2] [--min-rto 50] [--no-timestamps]
      goodput for every window size and loss rate, and as ratios to the largest window at the lowest loss
  npm run lab -- 08-reliable-udp receive [--port 7008] [--out file]
      wait for one transfer, print its SHA-256 (and write it to --out)
  npm run lab -- 08-reliable-udp send --port 7009 [--file path | --bytes 1MiB] [--window 32] [--min-rto 200]
      send a file (or random bytes) to 127.0.0.1:<port>: a receiver, or a proxy in front of one
  npm run lab -- 08-reliable-udp proxy --port 7009 --to 7008 [impairment]
      the lossy proxy on its own: 127.0.0.1:<port> forwards to 127.0.0.1:<to> and back
  ${IMPAIRMENT_USAGE}`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    ...IMPAIRMENT_OPTIONS,
    bytes: { type: 'string', default: '1MiB' },
    file: { type: 'string' },
    out: { type: 'string' },
    window: { type: 'string', default: '32' },
    windows: { type: 'string', default: '1,4,16,64' },
    losses: { type: 'string', default: '0,1,5,10' },
    'max-seconds': { type: 'string', default: '2' },
    'min-rto': { type: 'string' },
    'initial-rto': { type: 'string' },
    'no-timestamps': { type: 'boolean', default: false },
    port: { type: 'string' },
    to: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});
const [command] = positionals;
const MAX_BYTES = 256 << 20;

function rtoOptions(defaultFloorMs: number): RtoEstimatorOptions {
  const minRtoMs = numberOption('min-rto', values['min-rto'] ?? String(defaultFloorMs), 1, 60_000);
  const initialRtoMs = numberOption('initial-rto', values['initial-rto'] ?? String(Math.max(minRtoMs, 1000)), minRtoMs, 60_000);
  return { minRtoMs, initialRtoMs };
}

function portOption(name: 'port' | 'to', fallback?: number): number {
  const text = values[name] ?? (fallback === undefined ? undefined : String(fallback));
  if (text === undefined) throw new LabOptionError(`--${name} is required`);
  return numberOption(name, text, 0, 65_535, true);
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

function describeSender(stats: ReliableSenderStats): string[] {
  const { timeout, fast, partialAck } = stats.retransmissions;
  const retransmitted = timeout + fast + partialAck;
  const ms = (value: number | undefined): string => (value === undefined ? '-' : `${value.toFixed(1)} ms`);
  return [
    `sender:   ${stats.segmentsSent} segments sent (${stats.segmentsSent - retransmitted} new, ${retransmitted} again: ${timeout} after a timeout, ${fast} fast, ${partialAck} on a partial ACK)`,
    `          ${stats.duplicateAcks} duplicate ACKs; ${stats.rttSamples} RTT samples${stats.karnSkipped > 0 ? `, ${stats.karnSkipped} ACKs not timed (Karn)` : ''}; SRTT ${ms(stats.srttMs)}, RTTVAR ${ms(stats.rttvarMs)}, RTO ${ms(stats.rtoMs)} (highest ${ms(stats.maxRtoMs)})`,
  ];
}

function describePath(name: string, counters: PathCounters): string {
  return `${name}${counters.received} in, ${counters.dropped} dropped (${percent(counters.dropped / Math.max(1, counters.received))}), ${counters.duplicated} duplicated, ${counters.reordered} reordered, ${counters.delivered} out`;
}

async function demo(): Promise<void> {
  const bytes = sizeOption('bytes', values.bytes, MAX_BYTES);
  const windowSegments = numberOption('window', values.window, 1, 4096, true);
  const [forward, backward] = impairmentsFrom(values);
  const rto = rtoOptions(200);
  const timestamps = !values['no-timestamps'];
  console.log(`${formatBytes(bytes)} through the proxy: data ${describeImpairment(forward)}; ACKs ${describeImpairment(backward)}`);
  console.log(`window ${windowSegments} segments of up to 1200 bytes, RTO floor ${rto.minRtoMs} ms, initial ${rto.initialRtoMs} ms, timestamps ${timestamps ? 'on' : 'off (Karn only)'}`);
  const started = performance.now();
  const result = await runTransfer({
    data: randomBytes(bytes),
    forward,
    backward,
    seed: numberOption('seed', values.seed, 0, 2 ** 32 - 1, true),
    windowSegments,
    rto,
    timestamps,
    deadlineMs: 120_000,
    onRetransmit: (sequence, reason, rtoMs) => {
      if (values.verbose) console.log(`  ${(performance.now() - started).toFixed(0).padStart(6)} ms  ${reason.padEnd(11)} segment ${sequence}  (RTO ${rtoMs.toFixed(0)} ms)`);
    },
  });
  const seconds = result.elapsedMs / 1000;
  if (result.completed) {
    console.log(`\ndone in ${seconds.toFixed(2)} s: ${result.bytesDelivered.toLocaleString('en-US')} bytes ${result.intact ? 'intact' : 'CORRUPTED'} (sha256 ${result.sha256Received.slice(0, 16)}…), goodput ${(result.goodputBytesPerSecond / 1e6).toFixed(2)} MB/s`);
  } else {
    console.log(`\nNOT done after ${seconds.toFixed(1)} s (${result.error?.message ?? 'time limit'}): ${result.bytesDelivered.toLocaleString('en-US')} of ${bytes.toLocaleString('en-US')} bytes delivered`);
  }
  for (const line of describeSender(result.sender)) console.log(line);
  const r = result.receiver;
  console.log(`receiver: ${r.delivered} segments delivered in order, ${r.duplicates} duplicates, ${r.outOfWindow} out of window, ${r.acksSent} ACKs sent`);
  console.log(describePath('proxy:    data ', result.proxy.toTarget));
  console.log(describePath('          ACKs ', result.proxy.toClient));
  process.exitCode = result.completed && result.intact ? 0 : 1;
}

async function receive(): Promise<void> {
  const { receiver, address, close } = await openUdpReceiver({ port: portOption('port', 7008) });
  const hash = createHash('sha256');
  const out = values.out ? createWriteStream(values.out) : undefined;
  let first: number | undefined;
  receiver.on('data', (payload) => {
    first ??= performance.now();
    hash.update(payload);
    out?.write(payload);
  });
  receiver.once('end', () => {
    const seconds = (performance.now() - (first ?? performance.now())) / 1000;
    const { payloadBytesDelivered, duplicates } = receiver.stats;
    console.log(`received ${payloadBytesDelivered.toLocaleString('en-US')} bytes in ${seconds.toFixed(2)} s, ${duplicates} duplicate segments; sha256 ${hash.digest('hex')}`);
    out?.end();
    // Linger like TIME_WAIT: the sender may not have our last ACK yet.
    console.log('answering retransmissions for 2 s more, then exiting');
    setTimeout(() => void close(), 2000);
  });
  console.log(`waiting for a transfer on ${address.address}:${address.port} (pid ${process.pid})`);
}

async function send(): Promise<void> {
  const data = values.file ? readFileSync(values.file) : randomBytes(sizeOption('bytes', values.bytes, MAX_BYTES));
  const port = portOption('port');
  const { sender, close } = await openUdpSender({
    to: { address: '127.0.0.1', port },
    windowSegments: numberOption('window', values.window, 1, 4096, true),
    rto: rtoOptions(200),
    timestamps: !values['no-timestamps'],
  });
  const started = performance.now();
  if (values.verbose) sender.on('retransmit', (sequence, reason, rtoMs) => console.log(`  ${reason.padEnd(11)} segment ${sequence}  (RTO ${rtoMs.toFixed(0)} ms)`));
  sender.once('finish', () => {
    const seconds = (performance.now() - started) / 1000;
    console.log(`sent ${data.length.toLocaleString('en-US')} bytes in ${seconds.toFixed(2)} s (${(data.length / seconds / 1e6).toFixed(2)} MB/s); sha256 ${createHash('sha256').update(data).digest('hex')}`);
    for (const line of describeSender(sender.stats)) console.log(line);
    void close();
  });
  sender.once('error', (error) => {
    console.error(`08-reliable-udp: ${error.message}`);
    process.exitCode = 1;
    void close();
  });
  console.log(`sending ${data.length.toLocaleString('en-US')} bytes to 127.0.0.1:${port}`);
  sender.writeAll(data);
  sender.end();
}

async function proxy(): Promise<void> {
  const [toTarget, toClient] = impairmentsFrom(values);
  const running = await LossyUdpProxy.start({
    target: { address: '127.0.0.1', port: portOption('to') },
    listen: { port: portOption('port', 7009) },
    toTarget,
    toClient,
    seed: numberOption('seed', values.seed, 0, 2 ** 32 - 1, true),
  });
  console.log(`proxy 127.0.0.1:${running.address.port} -> 127.0.0.1:${values.to}: forward ${describeImpairment(toTarget)}; back ${describeImpairment(toClient)}`);
  const report = (): void => {
    const { toTarget: forward, toClient: back } = running.stats;
    console.log(describePath('forward ', forward));
    console.log(describePath('back    ', back));
  };
  const timer = setInterval(report, 5000);
  process.once('SIGINT', () => {
    clearInterval(timer);
    report();
    void running.close();
  });
}

const commands: Record<string, () => Promise<void>> = {
  demo,
  receive,
  send,
  proxy,
  bench: () =>
    runBench({
      bytes: sizeOption('bytes', values.bytes, MAX_BYTES),
      windows: listOption('windows', values.windows, 1, 4096, true),
      losses: listOption('losses', values.losses, 0, 90).map((loss) => loss / 100),
      delayMs: numberOption('delay', values.delay ?? '5', 0, 1000),
      maxSecondsPerCell: numberOption('max-seconds', values['max-seconds'], 0.1, 600),
      rto: rtoOptions(50),
      timestamps: !values['no-timestamps'],
      seed: numberOption('seed', values.seed, 0, 2 ** 32 - 1, true),
    }),
};

await runLabCommand('08-reliable-udp', usage, command, values.help, commands);
