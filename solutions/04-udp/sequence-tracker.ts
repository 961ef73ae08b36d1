/**
 * Exercise 04-udp: classifying 16-bit sequence numbers (reference solution).
 * See exercises/04-udp/sequence-tracker.ts for the contract.
 *
 * The wrap-around arithmetic is RTP's (RFC 3550 §A.1): the 16-bit number is extended with a
 * count of wraps, and "ahead" means ahead by less than half the number space.
 */
export const SEQUENCE_MODULUS = 0x1_0000;
const HALF_MODULUS = SEQUENCE_MODULUS / 2;
export const DEFAULT_WINDOW_SIZE = 1024;
export const MAX_WINDOW_SIZE = HALF_MODULUS;

export type Arrival = 'in-order' | 'gap' | 'duplicate' | 'reordered' | 'too-old';

type Counter = 'received' | 'lost' | 'duplicates' | 'reordered' | 'tooOld';
export type SequenceStats = { readonly [counter in Counter]: number };

export interface SequenceTrackerOptions { readonly windowSize?: number }

export class SequenceTracker {
  readonly #windowSize: number;
  /**
   * One flag per number in the window: #arrived[n % windowSize] says whether extended number n,
   * for highest - windowSize < n <= highest, has arrived. A fixed ring: memory does not grow
   * with gaps, however large (SRTP's replay window, RFC 3711 §3.3.2, works the same way).
   */
  readonly #arrived: Uint8Array;
  /** Extended numbers: the 16-bit number plus 65536 per wrap, counted from the first arrival. */
  #first: number | undefined;
  #highest = 0;
  #stats: Record<Counter, number> = { received: 0, lost: 0, duplicates: 0, reordered: 0, tooOld: 0 };

  constructor(options: SequenceTrackerOptions = {}) {
    const windowSize = options.windowSize ?? DEFAULT_WINDOW_SIZE;
    if (!Number.isInteger(windowSize) || windowSize < 1 || windowSize > MAX_WINDOW_SIZE) {
      throw new RangeError(`sequence-tracker: windowSize must be an integer from 1 to ${MAX_WINDOW_SIZE}, got ${windowSize}`);
    }
    this.#windowSize = windowSize;
    this.#arrived = new Uint8Array(windowSize);
  }

  get stats(): SequenceStats {
    return { ...this.#stats };
  }

  track(sequence: number): Arrival {
    if (!Number.isInteger(sequence) || sequence < 0 || sequence >= SEQUENCE_MODULUS) {
      throw new RangeError(`sequence-tracker: a sequence number is an integer from 0 to 65535, got ${sequence}`);
    }
    if (this.#first === undefined) {
      this.#first = sequence;
      this.#highest = sequence;
      this.#arrived[sequence % this.#windowSize] = 1;
      this.#stats.received += 1;
      return 'in-order';
    }
    const distance = this.#distanceFromHighest(sequence);
    if (distance > 0) return this.#advance(distance);

    const extended = this.#highest + distance;
    if (-distance >= this.#windowSize || extended < this.#first) {
      this.#stats.tooOld += 1;
      return 'too-old';
    }
    const slot = extended % this.#windowSize;
    if (this.#arrived[slot] === 1) {
      this.#stats.duplicates += 1;
      return 'duplicate';
    }
    this.#arrived[slot] = 1;
    this.#stats.received += 1;
    this.#stats.lost -= 1;
    this.#stats.reordered += 1;
    return 'reordered';
  }

  /** How far `sequence` is ahead of the highest number (negative: behind), in [-32768, 32767]. */
  #distanceFromHighest(sequence: number): number {
    const highestLow = this.#highest % SEQUENCE_MODULUS;
    return ((sequence - highestLow + SEQUENCE_MODULUS + HALF_MODULUS) % SEQUENCE_MODULUS) - HALF_MODULUS;
  }

  #advance(distance: number): Arrival {
    // Only the last windowSize numbers of the jump can still be in the window; the rest are
    // lost for good, and counting them needs no memory.
    for (let step = Math.max(1, distance - this.#windowSize + 1); step < distance; step += 1) {
      this.#arrived[(this.#highest + step) % this.#windowSize] = 0;
    }
    this.#highest += distance;
    this.#arrived[this.#highest % this.#windowSize] = 1;
    this.#stats.received += 1;
    this.#stats.lost += distance - 1;
    return distance === 1 ? 'in-order' : 'gap';
  }
}
