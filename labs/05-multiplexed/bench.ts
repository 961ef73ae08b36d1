/**
 * npm run lab -- 05-multiplexed bench [--clients 50]
 *
 * Fork vs multiplexed, measured on this machine. For each model it starts the reference server as
 * a process of its own (the labs' `server` commands, which import from solutions/), opens N
 * clients at once on loopback, and measures:
 *   - connections/s: N divided by the time from the first connect() to the last greeting line;
 *   - memory per connection: how much the RSS of the server's process tree grew (for fork: the
 *     parent and every child), divided by N.
 * Everything is bounded: at most MAX_CLIENTS clients, a deadline on every wait, and every process
 * it started is stopped, even when a step fails.
 */
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import chalk from 'chalk';
import { labsDir } from '#course/paths.ts';
import { LineClient, runTypeScript, type RunningProcess } from '#course/testing.ts';
import { processTree, treeRssKiB } from './process-tree.ts';

export const DEFAULT_CLIENTS = 50;
/** A forked child costs tens of MB: 100 of them is already several GB. */
export const MAX_CLIENTS = 100;

interface Model {
  readonly name: string;
  /** The lab entry point whose `server` command runs the reference server. */
  readonly entry: string;
  readonly serverArgs: (clients: number) => string[];
  readonly greeting: RegExp;
}

const MODELS: readonly Model[] = [
  {
    name: 'multiplexed',
    entry: path.join(labsDir, '05-multiplexed', 'main.ts'),
    serverArgs: () => ['server', '--port', '0'],
    greeting: /^WELCOME /,
  },
  {
    name: 'fork',
    entry: path.join(labsDir, '05-process-per-connection', 'main.ts'),
    serverArgs: (clients) => ['server', '--port', '0', '--max-children', String(clients)],
    greeting: /^HELLO from pid /,
  },
];

const STARTUP_MS = 20_000;
/** Lets start-up garbage and lazily mapped pages settle before RSS is read. */
const SETTLE_MS = 500;
/** A forked child starts a whole node + tsx: allow a second of a busy 2-core machine for each. */
const greetingDeadlineMs = (clients: number): number => 15_000 + 1_000 * clients;

interface Measurement {
  readonly model: string;
  readonly processes: number;
  readonly greetAllMs: number;
  readonly rssBeforeKiB: number;
  readonly rssAfterKiB: number;
}

const connectionsPerSecond = (m: Measurement, clients: number): number => clients / (m.greetAllMs / 1000);
const kibPerConnection = (m: Measurement, clients: number): number => (m.rssAfterKiB - m.rssBeforeKiB) / clients;

async function openGreetedClient(port: number, model: Model, deadlineMs: number, opened: LineClient[]): Promise<void> {
  const client = await LineClient.connect(port, '127.0.0.1', deadlineMs);
  opened.push(client);
  const line = await client.nextLine(deadlineMs);
  if (!model.greeting.test(line)) throw new Error(`${model.name}: unexpected greeting "${line}"`);
}

/** SIGTERM, then SIGKILL for whatever of the tree is still there. */
async function stopServer(server: RunningProcess): Promise<void> {
  const tree = processTree(server.pid);
  try {
    process.kill(server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  await server.waitForExit(10_000).catch(() => server.kill());
  for (const pid of tree.slice(1)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // exited with its parent, as it should
    }
  }
}

async function measure(model: Model, clients: number): Promise<Measurement> {
  const server = runTypeScript(model.entry, model.serverArgs(clients));
  const opened: LineClient[] = [];
  try {
    const [, port] = await server.waitForLine(/^listening on 127\.0\.0\.1:(\d+) pid \d+$/, STARTUP_MS);
    await sleep(SETTLE_MS);
    const rssBeforeKiB = treeRssKiB(server.pid);
    const started = performance.now();
    const deadlineMs = greetingDeadlineMs(clients);
    await Promise.all(Array.from({ length: clients }, () => openGreetedClient(Number(port), model, deadlineMs, opened)));
    const greetAllMs = performance.now() - started;
    await sleep(SETTLE_MS);
    return { model: model.name, processes: processTree(server.pid).length, greetAllMs, rssBeforeKiB, rssAfterKiB: treeRssKiB(server.pid) };
  } finally {
    opened.forEach((client) => client.close());
    await stopServer(server);
  }
}

const number = (value: number, digits = 0): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function printTable(results: readonly Measurement[], clients: number): void {
  const header = ['model', 'processes', 'greet all', 'connections/s', 'RSS before → after', 'per connection'];
  const rows = results.map((m) => [
    m.model,
    String(m.processes),
    `${number(m.greetAllMs)} ms`,
    number(connectionsPerSecond(m, clients), 1),
    `${number(m.rssBeforeKiB / 1024, 1)} → ${number(m.rssAfterKiB / 1024, 1)} MiB`,
    `${number(kibPerConnection(m, clients))} KiB`,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const format = (cells: readonly string[]): string =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('   ');
  console.log(chalk.bold(format(header)));
  rows.forEach((row) => console.log(format(row)));
}

function printRatios(results: readonly Measurement[], clients: number): void {
  const [baseline, ...others] = results;
  if (!baseline) return;
  const baselineKiB = kibPerConnection(baseline, clients);
  console.log(`\nrelative to ${baseline.model}:`);
  for (const m of others) {
    const rate = connectionsPerSecond(m, clients) / connectionsPerSecond(baseline, clients);
    const memory =
      baselineKiB > 0
        ? `${number(kibPerConnection(m, clients) / baselineKiB)}× the memory per connection`
        : `(${baseline.model} grew by less than RSS can show at ${clients} clients; try more)`;
    console.log(`  ${m.model}: ${number(rate, rate < 0.1 ? 3 : 2)}× the connection rate, ${memory}`);
  }
}

export async function runBench(clients: number): Promise<void> {
  console.log(chalk.bold(`05-multiplexed bench: ${clients} clients at once on 127.0.0.1, each server in its own process\n`));
  const results: Measurement[] = [];
  for (const model of MODELS) {
    console.log(chalk.dim(`${model.name}: starting the server and ${clients} clients …`));
    results.push(await measure(model, clients));
  }
  console.log('');
  printTable(results, clients);
  printRatios(results, clients);
}
