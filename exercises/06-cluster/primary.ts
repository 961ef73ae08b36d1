/**
 * Exercise 06-cluster, part 2: the primary, which starts the workers and looks after them.
 *
 * runPrimary(options), in the first process (cluster.isPrimary):
 *
 * Start
 *   - Set cluster.schedulingPolicy from options.policy (rr → cluster.SCHED_RR, none →
 *     cluster.SCHED_NONE) before the first fork: cluster reads it then, and never again.
 *   - Print  primary pid <pid>: starting <n> workers (policy <rr|none>)
 *     then fork options.workers workers with cluster.fork() (each runs server.ts again).
 *   - Each time a worker is listening (cluster's 'listening' event), print
 *       worker <id> pid <pid> listening on <address>:<port>
 *     and, the first time that all options.workers workers are listening, once:
 *       ready: <n> workers on <address>:<port>
 *
 * Crashes: a worker that exits while the primary is not shutting down has crashed.
 *   - Ask a CrashBackoff (backoff.ts; baseMs = options.backoffMs, maxMs = options.maxBackoffMs,
 *     maxCrashes = options.maxCrashes, windowMs = options.crashWindowMs; now = performance.now()).
 *   - restart:  print  worker <id> pid <pid> died (<how>); restarting in <delayMs> ms
 *               and fork a new worker after delayMs.
 *   - give-up:  print  worker <id> pid <pid> died (<how>); <k> crashes within <crashWindowMs> ms: giving up
 *               and shut down as below, but exit 1 at the end.
 *   <how> is "signal SIGKILL" when a signal ended it, "code 1" otherwise.
 *   The other workers keep serving all along.
 *
 * Graceful shutdown, on SIGTERM or SIGINT (or on giving up):
 *   - Print  shutting down on <SIGTERM|SIGINT|too many crashes>: <n> workers finishing
 *   - Cancel restarts still waiting; fork nothing more.
 *   - worker.disconnect() every worker: in the worker, cluster closes its servers (new
 *     connections are refused once every worker has closed), lets the requests in flight finish,
 *     and the worker exits by itself once nothing is left (worker.ts must make sure nothing is).
 *   - As each worker exits, print  worker <id> pid <pid> stopped (<how>)
 *   - If workers are still running options.shutdownTimeoutMs after the signal, print
 *       shutdown deadline: killing worker <id> pid <pid>
 *     for each and kill it with SIGKILL (it then prints its "stopped" line).
 *   - When the last worker has exited, print  stopped  and exit 0 (1 after giving up).
 *   A worker that exits during the shutdown is never restarted; a second signal changes nothing.
 *
 * Hint of the lesson: cluster.workers forgets a worker as soon as it disconnects, before it has
 * exited. Keep your own set of the workers you forked and have not seen exit.
 */
import type { ClusterOptions } from './options.ts';

export async function runPrimary(options: ClusterOptions): Promise<void> {
  // TODO: scheduling policy, fork the workers, 'listening' and 'exit' handlers (restart with
  // CrashBackoff), and SIGTERM/SIGINT handlers that disconnect every worker with a deadline.
  throw new Error(`TODO: start ${options.workers} workers and supervise them`);
}
