/**
 * npm run lab -- 06-cluster spread [--connections 200] [--workers 2]
 *
 * Who gets each new connection, under each of node:cluster's scheduling policies: for rr and then
 * for none, it starts the reference cluster, makes `connections` requests each on a connection of
 * its own (a few at a time), and counts the connections each worker answered.
 */
import chalk from 'chalk';
import { shortConnections, type LoadResult } from './http-load.ts';
import { startReferenceCluster, type Policy } from './reference-cluster.ts';

export const DEFAULT_CONNECTIONS = 200;
export const MAX_CONNECTIONS = 5000;
export const MAX_WORKERS = 8;
/** Connections in flight at once: enough that several wait to be accepted at the same moment. */
const CONCURRENCY = 4;
const POLICIES: readonly Policy[] = ['rr', 'none'];

async function measure(policy: Policy, workers: number, connections: number): Promise<LoadResult> {
  const cluster = await startReferenceCluster(workers, policy);
  try {
    return await shortConnections(cluster.port, connections, CONCURRENCY);
  } finally {
    await cluster.stop();
  }
}

export async function runSpread(connections: number, workers: number): Promise<void> {
  console.log(chalk.bold(`06-cluster spread: ${connections} connections, one GET each, ${CONCURRENCY} at a time, to ${workers} workers\n`));
  const results: Array<[Policy, LoadResult]> = [];
  for (const policy of POLICIES) {
    console.log(chalk.dim(`policy ${policy}: starting the cluster and connecting …`));
    results.push([policy, await measure(policy, workers, connections)]);
  }
  const ids = Array.from({ length: workers }, (_, i) => `worker ${i + 1}`);
  const header = ['policy', ...ids, 'busiest / idlest', 'errors'];
  const cells = results.map(([policy, result]) => {
    const counts = ids.map((id) => result.byWorker.get(id) ?? 0);
    const idlest = Math.min(...counts);
    return [
      policy === 'rr' ? 'rr (SCHED_RR)' : 'none (SCHED_NONE)',
      ...counts.map(String),
      idlest > 0 ? `${(Math.max(...counts) / idlest).toFixed(2)}×` : 'one worker got none',
      String(result.errors),
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((row) => row[column]!.length)));
  const format = (row: readonly string[]): string => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('   ');
  console.log('');
  console.log(chalk.bold(format(header)));
  cells.forEach((row) => console.log(format(row)));
  console.log('\nrr: the primary accepts and hands each connection to the next free worker. none: every worker');
  console.log('waits in epoll on the same listening socket, all are woken, and whoever calls accept() first wins.');
}
