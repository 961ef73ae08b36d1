/**
 * Exercise 06-cluster, part 2: the primary, a supervisor of N workers (reference solution).
 * See exercises/06-cluster/primary.ts for the contract.
 */
import cluster, { type Worker } from 'node:cluster';
import { performance } from 'node:perf_hooks';
import { CrashBackoff } from './backoff.ts';
import type { ClusterOptions } from './options.ts';

const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

const describe = (worker: Worker): string => `worker ${worker.id} pid ${worker.process.pid}`;
const howItEnded = (code: number | null, signal: string | null): string => (signal ? `signal ${signal}` : `code ${code}`);

export async function runPrimary(options: ClusterOptions): Promise<void> {
  // Read by cluster when the first worker is forked, and fixed from then on.
  cluster.schedulingPolicy = options.policy === 'none' ? cluster.SCHED_NONE : cluster.SCHED_RR;
  const backoff = new CrashBackoff({
    baseMs: options.backoffMs,
    maxMs: options.maxBackoffMs,
    maxCrashes: options.maxCrashes,
    windowMs: options.crashWindowMs,
  });
  /** Workers forked and not yet exited: cluster.workers drops a worker at 'disconnect' already. */
  const live = new Set<Worker>();
  const listening = new Set<Worker>();
  const restarts = new Set<NodeJS.Timeout>();
  let ready = false;
  let stopping: { readonly exitCode: number; readonly deadline: NodeJS.Timeout } | undefined;

  const finishIfDone = (): void => {
    if (!stopping || live.size > 0) return;
    clearTimeout(stopping.deadline);
    console.log('stopped');
    process.exit(stopping.exitCode);
  };

  const stop = (why: string, exitCode: number): void => {
    if (stopping) return;
    restarts.forEach(clearTimeout);
    restarts.clear();
    const deadline = setTimeout(() => {
      for (const worker of live) {
        console.log(`shutdown deadline: killing ${describe(worker)}`);
        worker.process.kill('SIGKILL');
      }
    }, options.shutdownTimeoutMs);
    stopping = { exitCode, deadline };
    console.log(`shutting down on ${why}: ${live.size} workers finishing`);
    // disconnect(): the worker closes its servers, finishes what it has, and exits by itself.
    for (const worker of live) worker.disconnect();
    finishIfDone();
  };

  const fork = (): void => {
    live.add(cluster.fork());
  };

  cluster.on('listening', (worker, address) => {
    console.log(`${describe(worker)} listening on ${address.address}:${address.port}`);
    listening.add(worker);
    if (!ready && listening.size === options.workers) {
      ready = true;
      console.log(`ready: ${options.workers} workers on ${address.address}:${address.port}`);
    }
  });

  cluster.on('exit', (worker, code, signal) => {
    live.delete(worker);
    listening.delete(worker);
    const how = howItEnded(code, signal);
    if (stopping) {
      console.log(`${describe(worker)} stopped (${how})`);
      finishIfDone();
      return;
    }
    const verdict = backoff.recordCrash(performance.now());
    if (verdict.kind === 'give-up') {
      console.log(`${describe(worker)} died (${how}); ${verdict.crashesInWindow} crashes within ${options.crashWindowMs} ms: giving up`);
      stop('too many crashes', 1);
      return;
    }
    console.log(`${describe(worker)} died (${how}); restarting in ${verdict.delayMs} ms`);
    const timer = setTimeout(() => {
      restarts.delete(timer);
      fork();
    }, verdict.delayMs);
    restarts.add(timer);
  });

  for (const signal of STOP_SIGNALS) process.on(signal, () => stop(signal, 0));
  console.log(`primary pid ${process.pid}: starting ${options.workers} workers (policy ${options.policy})`);
  for (let i = 0; i < options.workers; i++) fork();
}
