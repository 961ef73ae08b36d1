/**
 * Exercise 06-cluster, part 1: when to restart a crashed worker (reference solution).
 * See exercises/06-cluster/backoff.ts for the contract.
 */

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
  readonly maxCrashes: number;
  readonly windowMs: number;
}

export type CrashVerdict =
  | { readonly kind: 'restart'; readonly delayMs: number; readonly crashesInWindow: number }
  | { readonly kind: 'give-up'; readonly crashesInWindow: number };

export class CrashBackoff {
  readonly policy: BackoffPolicy;
  /** Times of the crashes still inside the window, oldest first. */
  readonly #crashes: number[] = [];

  constructor(policy: BackoffPolicy) {
    const { baseMs, maxMs, maxCrashes, windowMs } = policy;
    if (!(baseMs > 0 && Number.isFinite(baseMs))) throw new RangeError(`baseMs must be a positive number, not ${baseMs}`);
    if (!(maxMs >= baseMs && Number.isFinite(maxMs))) throw new RangeError(`maxMs must be at least baseMs (${baseMs}), not ${maxMs}`);
    if (!(Number.isInteger(maxCrashes) && maxCrashes >= 0)) throw new RangeError(`maxCrashes must be a whole number ≥ 0, not ${maxCrashes}`);
    if (!(windowMs > 0 && Number.isFinite(windowMs))) throw new RangeError(`windowMs must be a positive number, not ${windowMs}`);
    this.policy = policy;
  }

  recordCrash(now: number): CrashVerdict {
    const { baseMs, maxMs, maxCrashes, windowMs } = this.policy;
    while (this.#crashes.length > 0 && now - this.#crashes[0]! >= windowMs) this.#crashes.shift();
    this.#crashes.push(now);
    const crashesInWindow = this.#crashes.length;
    if (crashesInWindow > maxCrashes) return { kind: 'give-up', crashesInWindow };
    // 2 ** 30 and more would only be capped anyway; stop the exponent before it overflows to Infinity.
    const delayMs = Math.min(maxMs, baseMs * 2 ** Math.min(crashesInWindow - 1, 30));
    return { kind: 'restart', delayMs, crashesInWindow };
  }
}
