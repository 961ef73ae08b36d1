/**
 * Bits per second over a sliding window, for stream stats and the REMB
 * estimate. The window is split into buckets so that adding a packet is O(1)
 * and old data leaves the window in bucket-sized steps.
 */
export interface RateCalculatorOptions {
  /** Default 1000 ms. */
  readonly windowMs?: number;
  /** Default 100 ms; windowMs must be a multiple of it. */
  readonly bucketMs?: number;
}

export class RateCalculator {
  readonly windowMs: number;
  readonly bucketMs: number;
  readonly #bytes: number[];
  /** The bucket index (time / bucketMs) each slot holds; slots from older rounds are stale. */
  readonly #round: number[];

  constructor(options: RateCalculatorOptions = {}) {
    this.windowMs = options.windowMs ?? 1000;
    this.bucketMs = options.bucketMs ?? 100;
    const buckets = this.windowMs / this.bucketMs;
    if (!Number.isInteger(buckets) || buckets < 1) {
      throw new RangeError(`media: rate window ${this.windowMs} ms is not a whole number of ${this.bucketMs} ms buckets`);
    }
    this.#bytes = new Array<number>(buckets).fill(0);
    this.#round = new Array<number>(buckets).fill(-Infinity);
  }

  add(bytes: number, nowMs: number): void {
    const index = Math.floor(nowMs / this.bucketMs);
    const slot = index % this.#bytes.length;
    if (this.#round[slot] !== index) {
      this.#round[slot] = index;
      this.#bytes[slot] = 0;
    }
    this.#bytes[slot]! += bytes;
  }

  /** Bits per second over the window ending now (the current, partial bucket included). */
  rate(nowMs: number): number {
    const newest = Math.floor(nowMs / this.bucketMs);
    const oldest = newest - this.#bytes.length + 1;
    let bytes = 0;
    for (let slot = 0; slot < this.#bytes.length; slot++) {
      const round = this.#round[slot]!;
      if (round >= oldest && round <= newest) bytes += this.#bytes[slot]!;
    }
    return (bytes * 8 * 1000) / this.windowMs;
  }
}
