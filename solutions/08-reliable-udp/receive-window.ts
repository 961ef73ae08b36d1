/**
 * Exercise 08-reliable-udp: the receiver's reorder buffer and cumulative ACK (reference solution).
 * See exercises/08-reliable-udp/receive-window.ts for the contract.
 */
export const MAX_SEQUENCE = 0xffff_ffff;
export const MAX_WINDOW_SIZE = 1 << 16;

export type Acceptance = 'in-order' | 'buffered' | 'duplicate' | 'out-of-window';

export interface AcceptResult {
  readonly outcome: Acceptance;
  readonly deliver: Buffer[];
  readonly ack: number;
}

export interface ReceiveWindowStats {
  readonly delivered: number;
  readonly buffered: number;
  readonly duplicates: number;
  readonly outOfWindow: number;
}

export class ReceiveWindow {
  readonly #windowSize: number;
  /**
   * Slot s % windowSize holds segment s for ack <= s < ack + windowSize: two segments in the
   * window never share a slot, so a fixed ring is enough, however the segments arrive.
   */
  readonly #slots: Array<Buffer | undefined>;
  #ack = 0;
  #buffered = 0;
  #delivered = 0;
  #duplicates = 0;
  #outOfWindow = 0;

  constructor(windowSize: number) {
    if (!Number.isInteger(windowSize) || windowSize < 1 || windowSize > MAX_WINDOW_SIZE) {
      throw new RangeError(`receive-window: windowSize must be an integer from 1 to ${MAX_WINDOW_SIZE}, got ${windowSize}`);
    }
    this.#windowSize = windowSize;
    this.#slots = new Array<Buffer | undefined>(windowSize).fill(undefined);
  }

  get ack(): number {
    return this.#ack;
  }

  get stats(): ReceiveWindowStats {
    return { delivered: this.#delivered, buffered: this.#buffered, duplicates: this.#duplicates, outOfWindow: this.#outOfWindow };
  }

  accept(sequence: number, payload: Buffer): AcceptResult {
    if (!Number.isInteger(sequence) || sequence < 0 || sequence > MAX_SEQUENCE) {
      throw new RangeError(`receive-window: a sequence number is an integer from 0 to ${MAX_SEQUENCE}, got ${sequence}`);
    }
    if (sequence < this.#ack) return this.#duplicate();
    if (sequence >= this.#ack + this.#windowSize) {
      this.#outOfWindow += 1;
      return { outcome: 'out-of-window', deliver: [], ack: this.#ack };
    }
    const slot = sequence % this.#windowSize;
    if (this.#slots[slot] !== undefined) return this.#duplicate();
    if (sequence !== this.#ack) {
      this.#slots[slot] = payload;
      this.#buffered += 1;
      return { outcome: 'buffered', deliver: [], ack: this.#ack };
    }
    const deliver = [payload];
    this.#ack += 1;
    for (let next = this.#slots[this.#ack % this.#windowSize]; next !== undefined; next = this.#slots[this.#ack % this.#windowSize]) {
      this.#slots[this.#ack % this.#windowSize] = undefined;
      this.#buffered -= 1;
      deliver.push(next);
      this.#ack += 1;
    }
    this.#delivered += deliver.length;
    return { outcome: 'in-order', deliver, ack: this.#ack };
  }

  #duplicate(): AcceptResult {
    this.#duplicates += 1;
    return { outcome: 'duplicate', deliver: [], ack: this.#ack };
  }
}
