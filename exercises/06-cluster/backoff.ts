/**
 * Exercise 06-cluster, part 1: when to restart a crashed worker.
 *
 * Restarting a crashed worker at once is right for a one-off crash and wrong for a worker that
 * crashes on start (a bad config, a port in use): that one would be restarted thousands of times a
 * second. CrashBackoff decides, from the recent crashes, how long to wait before the next restart,
 * and when to stop trying.
 *
 * recordCrash(now) is called once per crash (now: milliseconds on a monotonic clock, never
 * decreasing). It first forgets the crashes that happened windowMs or more before `now`, then
 * counts this one. With k crashes in the window, this one included:
 *   k > maxCrashes   → { kind: 'give-up', crashesInWindow: k }
 *   otherwise        → { kind: 'restart', delayMs: min(baseMs × 2^(k-1), maxMs), crashesInWindow: k }
 * So with baseMs 100 and maxMs 1000, crashes in quick succession wait 100, 200, 400, 800, 1000,
 * 1000, ... ms; once the window has passed without a crash, the next one waits 100 ms again.
 *
 * The constructor throws a RangeError unless baseMs > 0, maxMs >= baseMs, windowMs > 0 (all
 * finite) and maxCrashes is a whole number >= 0.
 */

export interface BackoffPolicy {
  /** Delay before restarting after the first crash in the window. */
  readonly baseMs: number;
  /** The delay never grows past this. */
  readonly maxMs: number;
  /** Crashes tolerated within the window; one more means give up. */
  readonly maxCrashes: number;
  /** How long a crash counts. */
  readonly windowMs: number;
}

export type CrashVerdict =
  | { readonly kind: 'restart'; readonly delayMs: number; readonly crashesInWindow: number }
  | { readonly kind: 'give-up'; readonly crashesInWindow: number };

export class CrashBackoff {
  readonly policy: BackoffPolicy;

  constructor(policy: BackoffPolicy) {
    this.policy = policy;
    throw new Error('TODO: check the policy (RangeError) and start with no crashes remembered');
  }

  recordCrash(now: number): CrashVerdict {
    throw new Error(`TODO: forget crashes older than the window, count the one at ${now}, restart with a doubling delay or give up`);
  }
}
