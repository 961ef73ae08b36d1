/**
 * A token bucket: `ratePerSecond` on average, bursts up to `burst`. Time comes
 * from `now()` (milliseconds) so tests need not sleep.
 */
export class TokenBucket {
  readonly #ratePerMs: number;
  readonly #burst: number;
  readonly #now: () => number;
  #tokens: number;
  #last: number;

  constructor(options: { ratePerSecond: number; burst: number; now: () => number }) {
    if (!(options.ratePerSecond > 0) || !(options.burst >= 1)) throw new RangeError('signaling: a token bucket needs a positive rate and a burst of at least 1');
    this.#ratePerMs = options.ratePerSecond / 1000;
    this.#burst = options.burst;
    this.#now = options.now;
    this.#tokens = options.burst;
    this.#last = options.now();
  }

  /** Takes one token if there is one. */
  take(): boolean {
    const now = this.#now();
    // max(0, …): a clock that steps back must not drain the bucket.
    this.#tokens = Math.min(this.#burst, this.#tokens + Math.max(0, now - this.#last) * this.#ratePerMs);
    this.#last = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
