/**
 * Exercise 06-cluster: the command line.
 *
 * parseClusterArgs(args) reads these flags (each takes a value; every number is a whole number):
 *   --port <0-65535>                 default 0 (the kernel picks a free port; all workers share it)
 *   --host <address>                 default 127.0.0.1
 *   --workers <1-64>                 how many worker processes; default 2
 *   --policy <rr|none>               cluster's scheduling policy: rr = SCHED_RR (the primary accepts
 *                                    and hands connections round-robin), none = SCHED_NONE (the
 *                                    workers accept from the shared listening socket); default rr
 *   --backoff-ms <1-600000>          delay before the first restart of a crashed worker; default 100
 *   --max-backoff-ms <backoff-ms-600000>  the longest restart delay; default 5000
 *   --max-crashes <0-1000>           crashes tolerated within the window; one more and the primary
 *                                    gives up; default 5
 *   --crash-window-ms <1-3600000>    how long a crash is remembered; default 30000
 *   --shutdown-timeout-ms <1-600000> how long a graceful shutdown may take before the workers
 *                                    still running are killed; default 10000
 * Anything else (an unknown flag, a value out of range or not a whole number, a policy other than
 * rr or none) throws an Error whose message names the flag; server.ts prints it and exits 2.
 */

export type SchedulingPolicy = 'rr' | 'none';

export interface ClusterOptions {
  readonly port: number;
  readonly host: string;
  readonly workers: number;
  readonly policy: SchedulingPolicy;
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  readonly maxCrashes: number;
  readonly crashWindowMs: number;
  readonly shutdownTimeoutMs: number;
}

export function parseClusterArgs(args: readonly string[]): ClusterOptions {
  // TODO: parseArgs({ args: [...args], options: { ... } }) from node:util, then check every value.
  throw new Error(`TODO: parse the ${args.length} command-line arguments with parseArgs from node:util, check each value, apply the defaults`);
}
