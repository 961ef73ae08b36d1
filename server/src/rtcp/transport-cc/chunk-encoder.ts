/**
 * Packs a stream of status symbols into as few chunks as it can, greedily
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1.3, §3.1.4):
 *
 * - a symbol joins the pending ones while they still fit one chunk: any 7
 *   (a 2-bit vector), 14 without a large delta (a 1-bit vector), or up to 8191
 *   of the same symbol (a run);
 * - otherwise the pending symbols are written out: all alike as a run, 14 as
 *   a 1-bit vector, else the first 7 as a 2-bit vector, keeping the rest.
 *
 * Long runs of loss or of steady small deltas thus cost 2 bytes per 8191
 * packets, and mixed stretches 2 bytes per 14 (or 7 with large deltas).
 */
import {
  MAX_RUN_LENGTH,
  ONE_BIT_CAPACITY,
  type PacketChunk,
  StatusSymbol,
  TWO_BIT_CAPACITY,
} from './types.ts';

export class ChunkEncoder {
  readonly chunks: PacketChunk[] = [];
  #pending: StatusSymbol[] = [];
  // Kept up to date on every add: a run may grow to 8191 symbols, too many to rescan each time.
  #allSame = true;
  #hasLarge = false;

  add(symbol: StatusSymbol): void {
    if (!this.#fits(symbol)) this.#emit();
    this.#allSame &&= this.#pending.length === 0 || symbol === this.#pending[0];
    this.#hasLarge ||= symbol === StatusSymbol.LargeDelta;
    this.#pending.push(symbol);
  }

  /** Writes out what is pending (vectors padded with NotReceived) and returns every chunk. */
  finish(): PacketChunk[] {
    while (this.#pending.length > 0) {
      const size = this.#pending.length;
      if (this.#allSame || size > ONE_BIT_CAPACITY || (size > TWO_BIT_CAPACITY && this.#hasLarge)) this.#emit();
      else this.#emitVector(size <= TWO_BIT_CAPACITY ? 2 : 1, size);
    }
    return this.chunks;
  }

  /** Chunks needed for what is pending now, for size estimates. */
  get pendingChunks(): number {
    return this.#pending.length === 0 ? 0 : 2;
  }

  #fits(symbol: StatusSymbol): boolean {
    const size = this.#pending.length;
    if (size < TWO_BIT_CAPACITY) return true;
    if (size < ONE_BIT_CAPACITY && symbol !== StatusSymbol.LargeDelta && !this.#hasLarge) return true;
    return size < MAX_RUN_LENGTH && this.#allSame && symbol === this.#pending[0];
  }

  #emit(): void {
    const size = this.#pending.length;
    if (this.#allSame) {
      this.chunks.push({ type: 'run-length', symbol: this.#pending[0]!, runLength: size });
      this.#setPending([]);
    } else if (size === ONE_BIT_CAPACITY && !this.#hasLarge) {
      this.#emitVector(1, size);
    } else {
      this.#emitVector(2, TWO_BIT_CAPACITY);
    }
  }

  /** Writes the first `take` pending symbols as a vector of `symbolSize`-bit symbols. */
  #emitVector(symbolSize: 1 | 2, take: number): void {
    const capacity = symbolSize === 1 ? ONE_BIT_CAPACITY : TWO_BIT_CAPACITY;
    const symbols = this.#pending.slice(0, take);
    while (symbols.length < capacity) symbols.push(StatusSymbol.NotReceived);
    this.chunks.push({ type: 'status-vector', symbolSize, symbols });
    this.#setPending(this.#pending.slice(take));
  }

  #setPending(symbols: StatusSymbol[]): void {
    this.#pending = symbols;
    this.#allSame = symbols.every((symbol) => symbol === symbols[0]);
    this.#hasLarge = symbols.includes(StatusSymbol.LargeDelta);
  }
}
