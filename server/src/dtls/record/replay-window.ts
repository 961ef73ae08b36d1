/**
 * Anti-replay window for one epoch (RFC 6347 §4.1.2.6, after RFC 4303 §3.4.3).
 *
 * "A minimum window size of 32 MUST be supported, but a window size of 64 is
 * preferred and SHOULD be employed as the default." The right edge is the highest
 * sequence number accepted so far; a record left of the window is rejected, one
 * inside it is rejected if already seen, one right of it slides the window.
 *
 * The check and the update are separate on purpose: "The receive window is
 * updated only if the MAC verification succeeds" (§4.1.2.6), so the caller does
 *
 *   if (!window.isFresh(record.sequenceNumber)) return drop();   // before decrypting
 *   const plaintext = protection.open(record);                   // throws on a bad MAC
 *   window.accept(record.sequenceNumber);
 *
 * Epochs have separate sequence spaces: keep one window per epoch and start a new
 * one when the epoch changes. The bitmap is a ring of 32-bit words indexed by
 * sequence number modulo the window size.
 */
import { MAX_SEQUENCE_NUMBER } from './record.ts';

export const DEFAULT_REPLAY_WINDOW_SIZE = 64;

export class ReplayWindow {
  readonly size: number;
  readonly #bits: Uint32Array;
  /** Highest accepted sequence number, or -1 before the first. */
  #top = -1;

  /** `size` is a multiple of 32, at least 32 (RFC 6347 §4.1.2.6). */
  constructor(size = DEFAULT_REPLAY_WINDOW_SIZE) {
    if (!Number.isInteger(size) || size < 32 || size % 32 !== 0) {
      throw new RangeError(`dtls: replay window size must be a multiple of 32 and at least 32, got ${size}`);
    }
    this.size = size;
    this.#bits = new Uint32Array(size / 32);
  }

  /** The highest sequence number accepted so far, or -1. */
  get highest(): number {
    return this.#top;
  }

  /** False for a duplicate or a record left of the window; true if it may be processed. */
  isFresh(sequenceNumber: number): boolean {
    if (!Number.isInteger(sequenceNumber) || sequenceNumber < 0 || sequenceNumber > MAX_SEQUENCE_NUMBER) return false;
    if (sequenceNumber > this.#top) return true;
    if (this.#top - sequenceNumber >= this.size) return false;
    return !this.#has(sequenceNumber);
  }

  /** Marks `sequenceNumber` as received (after its record authenticated), sliding the window if it is new. */
  accept(sequenceNumber: number): void {
    if (!this.isFresh(sequenceNumber)) return;
    if (sequenceNumber > this.#top) this.#slideTo(sequenceNumber);
    this.#set(sequenceNumber);
  }

  #slideTo(newTop: number): void {
    if (newTop - this.#top >= this.size) {
      this.#bits.fill(0);
    } else {
      for (let seq = this.#top + 1; seq <= newTop; seq++) this.#clear(seq);
    }
    this.#top = newTop;
  }

  #position(seq: number): { word: number; mask: number } {
    const bit = seq % this.size;
    return { word: bit >>> 5, mask: 1 << (bit & 31) };
  }

  #has(seq: number): boolean {
    const { word, mask } = this.#position(seq);
    return (this.#bits[word]! & mask) !== 0;
  }

  #set(seq: number): void {
    const { word, mask } = this.#position(seq);
    this.#bits[word]! |= mask;
  }

  #clear(seq: number): void {
    const { word, mask } = this.#position(seq);
    this.#bits[word]! &= ~mask;
  }
}
