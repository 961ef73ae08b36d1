/**
 * Replay protection: a sliding window over authenticated indices (RFC 3711 §3.3.2),
 * for SRTP packet indices (48 bits) and SRTCP indices (31 bits, §3.4) alike.
 *
 *            too old      |<------------ size ------------>|   new
 *   ------------------------+-------------------------------+----------->
 *                        highest - size + 1              highest    index
 *
 * An index right of `highest` is new; one inside the window is accepted once
 * (its bit records it); one left of the window is refused, since it can no
 * longer be told apart from a replay.
 *
 * Window size: RFC 3711 §3.3.2 asks for at least 64. The default is 1024, the
 * size libwebrtc gives libsrtp for the packets Chromium receives: an SFU gets
 * a key frame as a burst of a hundred or more packets and loses nothing by
 * accepting a late one, and 1024 bits cost 128 bytes per SSRC.
 */

export const MIN_REPLAY_WINDOW_SIZE = 64;
export const DEFAULT_REPLAY_WINDOW_SIZE = 1024;

const WORD_BITS = 32;

/** Throws a TypeError naming `size` unless it is a multiple of 32 and at least 64. */
export function checkReplayWindowSize(size: number): void {
  if (!Number.isInteger(size) || size < MIN_REPLAY_WINDOW_SIZE || size % WORD_BITS !== 0) {
    throw new TypeError(`srtp: replay window size must be a multiple of 32 and at least 64, got ${size}`);
  }
}

export class ReplayWindow {
  readonly size: number;
  /** Bit (index mod size) is set when that index was accepted; only bits inside the window mean anything. */
  readonly #bits: Uint32Array;
  #highest = -1;

  /** `size` is a multiple of 32 and at least 64. */
  constructor(size: number = DEFAULT_REPLAY_WINDOW_SIZE) {
    checkReplayWindowSize(size);
    this.size = size;
    this.#bits = new Uint32Array(size / WORD_BITS);
  }

  /** The highest accepted index, or -1 before the first. */
  get highest(): number {
    return this.#highest;
  }

  /** Why `index` must be refused, or undefined when it may be authenticated and accepted. */
  check(index: number): 'REPLAYED' | 'TOO_OLD' | undefined {
    if (index > this.#highest) return undefined;
    if (this.#highest - index >= this.size) return 'TOO_OLD';
    return this.#isSet(index % this.size) ? 'REPLAYED' : undefined;
  }

  /** Records `index` after it authenticated (RFC 3711 §3.3 step 6: never before). */
  accept(index: number): void {
    if (index > this.#highest) this.#slideTo(index);
    const bit = index % this.size;
    this.#bits[bit >>> 5]! |= 1 << (bit & 31);
  }

  /** Moves the right edge to `index`, forgetting the bits that fall out on the left. */
  #slideTo(index: number): void {
    const advance = this.#highest < 0 ? this.size : index - this.#highest;
    if (advance >= this.size) {
      this.#bits.fill(0);
    } else {
      // The positions highest+1 .. index last held indices a whole window ago.
      for (let i = this.#highest + 1; i <= index; i++) {
        const bit = i % this.size;
        this.#bits[bit >>> 5]! &= ~(1 << (bit & 31));
      }
    }
    this.#highest = index;
  }

  #isSet(bit: number): boolean {
    return (this.#bits[bit >>> 5]! & (1 << (bit & 31))) !== 0;
  }
}
