/**
 * npm run lab -- 06-c10k demo [--steps 1000,5000,10000] [--keepalive-ms 5000] [--window-ms 4000]
 *
 * One Node process holding 10,000 TCP connections, measured. The reference hold server runs in a
 * process of its own (server-process.ts); this process is the load client. First the idle server
 * is measured (the baseline), then for each step the client ramps up to that many connections,
 * every connection PINGs once per keep-alive interval, and the server reports its memory and its
 * event-loop delay over a window while that traffic flows. The table shows memory per connection
 * (growth since the idle baseline, divided by the connections) and loop delay as a multiple of the
 * idle loop's.
 *
 * Bounded: at most MAX_CONNECTIONS, a deadline on every ramp and every answer from the server, and
 * both processes' sockets are closed when it ends, however it ends.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import chalk from 'chalk';
import { LoadClient, type RampResult, type RoundTrips } from './load-client.ts';
import type { ServerMeasurement } from './measurement.ts';
import type { FromServer, ToServer } from './server-process.ts';

export interface DemoOptions {
  /** Connection counts to measure at, ascending. */
  readonly steps: readonly number[];
  readonly keepaliveMs: number;
  readonly windowMs: number;
  /** Source addresses 127.0.0.1..127.0.0.<n> to spread the client over; 0: as many as the port range needs. */
  readonly sources: number;
  /** Printed above the table: the open-files limits the processes run with. */
  readonly fdLimitNote: string;
}

export const DEFAULT_STEPS: readonly number[] = [1000, 5000, 10_000];
const RAMP_DEADLINE_MS = 60_000;
/** Lets the ramp's garbage settle and the keep-alive reach its steady rate before measuring. */
const SETTLE_MS = 1000;
const STARTUP_MS = 20_000;
/** Leave some of the ephemeral range to everyone else on the machine. */
const PORT_RANGE_SHARE = 0.8;

interface Row {
  readonly label: string;
  readonly ramp?: RampResult;
  readonly server: ServerMeasurement;
  readonly roundTrips?: RoundTrips;
}

function ephemeralPortRange(): { low: number; high: number } {
  const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
  return { low: low ?? 32768, high: high ?? 60999 };
}

/**
 * One client address and one server address:port leave only the client port to tell connections
 * apart, so one source address holds at most the size of the ephemeral range. More source
 * addresses (all of 127.0.0.0/8 is loopback) multiply that.
 */
function sourceAddresses(requested: number, connections: number, portsPerAddress: number): string[] {
  const needed = requested > 0 ? requested : Math.ceil(connections / Math.floor(portsPerAddress * PORT_RANGE_SHARE));
  return needed <= 1 ? [] : Array.from({ length: Math.min(needed, 250) }, (_, i) => `127.0.0.${i + 1}`);
}

/** Sends `message` and waits for the first message of `kind` from the server process. */
function request<K extends FromServer['kind']>(server: ChildProcess, message: ToServer | undefined, kind: K, timeoutMs: number): Promise<Extract<FromServer, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: FromServer): void => {
      if (reply.kind !== kind) return;
      done();
      resolve(reply as Extract<FromServer, { kind: K }>);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      done();
      reject(new Error(`the server process exited (code ${code}, signal ${signal})`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no "${kind}" from the server process within ${timeoutMs} ms`));
    }, timeoutMs);
    const done = (): void => {
      clearTimeout(timer);
      server.off('message', onMessage);
      server.off('exit', onExit);
    };
    server.on('message', onMessage);
    server.on('exit', onExit);
    if (message) server.send(message);
  });
}

async function measureStep(server: ChildProcess, client: LoadClient | undefined, windowMs: number): Promise<{ server: ServerMeasurement; roundTrips?: RoundTrips }> {
  client?.takeRoundTrips();
  const { measurement } = await request(server, { kind: 'measure', windowMs }, 'measured', windowMs + 30_000);
  return { server: measurement, ...(client ? { roundTrips: client.takeRoundTrips() } : {}) };
}

const count = (value: number): string => Math.round(value).toLocaleString('en-US');
const ms = (value: number): string => (value >= 100 ? value.toFixed(0) : value.toFixed(2));
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const gib = (bytes: number): string => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(2)} KiB`;
const ratio = (value: number, baseline: number): string => (baseline > 0 ? `${(value / baseline).toFixed(1)}×` : '-');

function printTable(rows: readonly Row[]): void {
  const idle = rows[0]!;
  const header = ['connections', 'ramp', 'conn/s', 'server RSS', 'RSS/conn', 'heap/conn', 'lines/s', 'loop delay p50 / p99 / max', 'p99 vs idle', 'PING RTT p50 / p99'];
  const cells = rows.map(({ label, ramp, server, roundTrips }) => {
    const n = server.connections;
    const perConnection = (now: number, before: number): string => (n > 0 ? kib((now - before) / n) : '-');
    const { loopDelay: d } = server;
    return [
      label,
      ramp ? `${count(ramp.ms)} ms` : '-',
      ramp && ramp.opened > 0 ? count((ramp.opened * 1000) / ramp.ms) : '-',
      mib(server.memory.rssBytes),
      perConnection(server.memory.rssBytes, idle.server.memory.rssBytes),
      perConnection(server.memory.heapUsedBytes, idle.server.memory.heapUsedBytes),
      count(server.messagesPerSecond),
      `${ms(d.p50Ms)} / ${ms(d.p99Ms)} / ${ms(d.maxMs)} ms`,
      ratio(d.p99Ms, idle.server.loopDelay.p99Ms),
      roundTrips && roundTrips.count > 0 ? `${ms(roundTrips.p50Ms)} / ${ms(roundTrips.p99Ms)} ms` : '-',
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((row) => row[column]!.length)));
  const format = (row: readonly string[]): string => row.map((cell, column) => cell.padStart(widths[column]!)).join('  ');
  console.log(chalk.bold(format(header)));
  cells.forEach((row) => console.log(format(row)));
}

function printComparison(rows: readonly Row[], stackBytes: number | undefined): void {
  const idle = rows[0]!;
  const last = rows[rows.length - 1]!;
  const n = last.server.connections;
  if (n === 0) return;
  const rssPerConnection = (last.server.memory.rssBytes - idle.server.memory.rssBytes) / n;
  console.log(`\nat ${count(n)} connections, relative to the idle server measured first in this run:`);
  console.log(`  memory: ${kib(rssPerConnection)} of RSS per connection, ${kib((last.server.memory.heapUsedBytes - idle.server.memory.heapUsedBytes) / n)} of it V8 heap`);
  console.log(`  loop delay p99: ${ratio(last.server.loopDelay.p99Ms, idle.server.loopDelay.p99Ms)} the idle loop's (${ms(last.server.loopDelay.p99Ms)} ms vs ${ms(idle.server.loopDelay.p99Ms)} ms)`);
  const processes = `the same ${count(n)} clients with one process each, each a Node like this idle server (${mib(idle.server.memory.rssBytes)} RSS): ${gib(n * idle.server.memory.rssBytes)}`;
  console.log(rssPerConnection > 0 ? `${processes},\n  ${count(idle.server.memory.rssBytes / rssPerConnection)}× the memory per connection` : processes);
  if (rssPerConnection <= 0) console.log(chalk.yellow(`  (RSS moves in whole pages and with the garbage collector: at ${count(n)} connections the growth is lost in that noise; try more)`));
  if (stackBytes !== undefined) {
    console.log(`with one thread each: ${count(n)} stacks of ${mib(stackBytes)} (ulimit -s) = ${gib(n * stackBytes)} of address space reserved,`);
    console.log(`  plus a kernel stack and a task_struct per thread, and ${count(n)} threads for the scheduler to pick from`);
  }
}

export async function runDemo(options: DemoOptions, stackBytes: number | undefined): Promise<void> {
  const { low, high } = ephemeralPortRange();
  const portsPerAddress = high - low + 1;
  const maxStep = Math.max(...options.steps);
  const sources = sourceAddresses(options.sources, maxStep, portsPerAddress);
  console.log(chalk.bold(`06-c10k demo: one Node process holding up to ${count(maxStep)} TCP connections on loopback\n`));
  console.log(`node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg().map((load) => load.toFixed(2)).join(' ')}`);
  console.log(options.fdLimitNote);
  console.log(
    `ephemeral ports ${low}-${high} (${count(portsPerAddress)} per source address); client source addresses: ${sources.length === 0 ? '127.0.0.1 (the kernel picks)' : `${sources[0]} … ${sources[sources.length - 1]}`}`,
  );
  console.log(`each connection sends PING every ${count(options.keepaliveMs)} ms; loop delay and RTT measured over ${count(options.windowMs)} ms per step\n`);

  const server = fork(fileURLToPath(new URL('./server-process.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let client: LoadClient | undefined;
  try {
    const { port } = await request(server, undefined, 'listening', STARTUP_MS);
    console.log(chalk.dim(`server pid ${server.pid} listening on 127.0.0.1:${port}; measuring it idle …`));
    await sleep(SETTLE_MS);
    const rows: Row[] = [{ label: '0 (idle)', ...(await measureStep(server, undefined, options.windowMs)) }];

    client = new LoadClient({ port, sourceAddresses: sources });
    client.startKeepalive(options.keepaliveMs);
    for (const step of options.steps) {
      console.log(chalk.dim(`ramping up to ${count(step)} connections …`));
      const ramp = await client.rampTo(step, RAMP_DEADLINE_MS);
      if (ramp.stoppedEarly) {
        const errors = [...ramp.errors].map(([code, n]) => `${code} ×${n}`).join(', ');
        console.log(chalk.yellow(`  stopped at ${count(ramp.open)} connections: ${ramp.stoppedEarly} (${errors})`));
      }
      await sleep(SETTLE_MS);
      rows.push({ label: count(client.open), ramp, ...(await measureStep(server, client, options.windowMs)) });
      if (ramp.stoppedEarly) break;
    }
    console.log('');
    printTable(rows);
    printComparison(rows, stackBytes);
    if (client.lost > 0) console.log(chalk.yellow(`\n${client.lost} connections were closed by the server during the run`));
  } finally {
    client?.close();
    // The server exits when its IPC channel closes; SIGKILL only if it does not.
    if (server.connected) server.disconnect();
    const exited = new Promise((resolve) => server.once('exit', resolve));
    if (server.exitCode === null && server.signalCode === null) {
      await Promise.race([exited, sleep(5000).then(() => server.kill('SIGKILL'))]);
    }
  }
}
