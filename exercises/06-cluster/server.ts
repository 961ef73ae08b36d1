/**
 * Exercise 06-cluster: a server of N worker processes sharing one port, and the primary process
 * that supervises them. This file is the program the tests start:
 *
 *   node --import tsx server.ts [--port 0] [--workers 2] [--policy rr|none] [--backoff-ms 100]
 *     [--max-backoff-ms 5000] [--max-crashes 5] [--crash-window-ms 30000] [--shutdown-timeout-ms 10000]
 *
 * (options.ts lists what each flag means.) The first process is the primary (primary.ts);
 * cluster.fork() starts this same file again, with the same arguments, as each worker (worker.ts).
 * If the arguments are bad, the primary prints one line "server: <why>" to stderr and exits 2.
 *
 * This file is complete: the work is in backoff.ts, options.ts, primary.ts and worker.ts.
 */
import cluster from 'node:cluster';
import { parseClusterArgs } from './options.ts';
import { runPrimary } from './primary.ts';
import { runWorker } from './worker.ts';

try {
  // cluster.fork() runs this same file with the same arguments: both sides parse them.
  const options = parseClusterArgs(process.argv.slice(2));
  if (cluster.isPrimary) await runPrimary(options);
  else await runWorker(options);
} catch (error) {
  console.error(`${cluster.isPrimary ? 'server' : 'worker'}: ${(error as Error).message}`);
  process.exit(cluster.isPrimary ? 2 : 1);
}
