/**
 * Exercise 06-cluster: the program the tests start (reference solution).
 * See exercises/06-cluster/server.ts for the contract.
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
