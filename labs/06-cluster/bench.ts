/**
 * npm run lab -- 06-cluster bench [--seconds 4] [--connections 16]
 *
 * Requests/s of the reference cluster with 1 worker and with 2, side by side, and the ratio to the
 * 1-worker figure measured in the same run, for two workloads:
 *   - GET /           a tiny response: the cost is HTTP parsing and syscalls, on both sides;
 *   - GET /cpu?ms=1   1 ms of CPU per request in the worker: the server is the bottleneck.
 * Each setup (1 worker rr, 2 workers rr, 2 workers none) runs as a process tree of its own (a
 * primary and its workers); this process is the load generator: `connections` keep-alive
 * connections sending requests back to back for `seconds` per workload, after a short warm-up.
 * The per-worker column shows how the connections, and so the requests, were spread.
 */
import os from 'node:os';
import chalk from 'chalk';
import { keepAliveLoad, type LoadResult } from './http-load.ts';
import { startReferenceCluster, type Policy } from './reference-cluster.ts';

export const DEFAULT_SECONDS = 4;
export const MAX_SECONDS = 60;
export const DEFAULT_CONNECTIONS = 16;
export const MAX_CONNECTIONS = 256;
const WARMUP_MS = 1000;

interface Setup {
  readonly workers: number;
  readonly policy: Policy;
}

const SETUPS: readonly Setup[] = [
  { workers: 1, policy: 'rr' },
  { workers: 2, policy: 'rr' },
  { workers: 2, policy: 'none' },
];

const WORKLOADS = [
  { name: 'GET / (tiny)', path: '/' },
  { name: 'GET /cpu?ms=1', path: '/cpu?ms=1' },
] as const;

interface Row {
  readonly setup: Setup;
  readonly workload: (typeof WORKLOADS)[number];
  readonly result: LoadResult;
}

const count = (value: number): string => Math.round(value).toLocaleString('en-US');
const perSecond = (result: LoadResult): number => (result.requests * 1000) / result.ms;
const setupName = ({ workers, policy }: Setup): string => `${workers} worker${workers > 1 ? 's' : ''} (${policy})`;
const shares = (result: LoadResult): string =>
  [...result.byWorker]
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([worker, n]) => `${worker.replace('worker ', 'w')} ${Math.round((100 * n) / Math.max(result.requests, 1))}%`)
    .join('  ');

async function measureSetup(setup: Setup, connections: number, seconds: number): Promise<Row[]> {
  const cluster = await startReferenceCluster(setup.workers, setup.policy);
  try {
    const rows: Row[] = [];
    for (const workload of WORKLOADS) {
      await keepAliveLoad(cluster.port, workload.path, connections, WARMUP_MS);
      rows.push({ setup, workload, result: await keepAliveLoad(cluster.port, workload.path, connections, seconds * 1000) });
    }
    return rows;
  } finally {
    await cluster.stop();
  }
}

function printTable(rows: readonly Row[]): void {
  const header = ['workload', 'setup', 'requests', 'requests/s', 'vs 1 worker', 'errors', 'requests per worker'];
  const cells = rows.map(({ setup, workload, result }) => {
    const baseline = rows.find((row) => row.workload === workload && row.setup.workers === 1)!.result;
    return [
      workload.name,
      setupName(setup),
      count(result.requests),
      count(perSecond(result)),
      `${(perSecond(result) / perSecond(baseline)).toFixed(2)}×`,
      count(result.errors),
      shares(result),
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((row) => row[column]!.length)));
  const text = new Set([0, 1, header.length - 1]);
  const format = (row: readonly string[]): string =>
    row.map((cell, column) => (text.has(column) ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('   ').trimEnd();
  console.log(chalk.bold(format(header)));
  for (const workload of WORKLOADS) {
    rows.forEach((row, i) => {
      if (row.workload === workload) console.log(format(cells[i]!));
    });
  }
}

export async function runBench(seconds: number, connections: number): Promise<void> {
  console.log(chalk.bold(`06-cluster bench: ${connections} keep-alive connections on 127.0.0.1, ${seconds} s per workload and setup`));
  console.log(`node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg().map((load) => load.toFixed(2)).join(' ')}; the load generator is this process, on the same cores\n`);
  const rows: Row[] = [];
  for (const setup of SETUPS) {
    console.log(chalk.dim(`${setupName(setup)}: starting, then ${WORKLOADS.map((w) => w.name).join(' and ')} …`));
    rows.push(...(await measureSetup(setup, connections, seconds)));
  }
  console.log('');
  printTable(rows);
  console.log(`\nratios are to 1 worker on the same workload, measured in this run; ${os.cpus().length} cores run the workers and the load generator (README, step 7)`);
}
