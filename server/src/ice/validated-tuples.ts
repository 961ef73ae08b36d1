/**
 * The tuples an agent has validated: each one a check authenticated on
 * (RFC 8445 §7.3), with the time of its last such check, for consent
 * (RFC 7675 §5.1: consent is per 5-tuple and lasts 30 s from the last proof).
 * Bounded: past `max`, the tuple checked longest ago goes, never the one
 * in use, so a peer (even one holding the credentials) cannot grow it.
 */
import { type TransportTuple, tupleKey } from './transport-tuple.ts';

interface Entry {
  readonly tuple: TransportTuple;
  lastCheckMs: number;
}

export class ValidatedTuples {
  readonly #max: number;
  readonly #entries = new Map<string, Entry>();

  constructor(max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`ice: maxTuples must be an integer >= 1, got ${max}`);
    this.#max = max;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Oldest-validated first. */
  get tuples(): TransportTuple[] {
    return [...this.#entries.values()].map((entry) => entry.tuple);
  }

  has(tuple: TransportTuple): boolean {
    return this.#entries.has(tupleKey(tuple));
  }

  /** When a check last authenticated on `tuple`; undefined if it is not validated. */
  lastCheckMs(tuple: TransportTuple): number | undefined {
    return this.#entries.get(tupleKey(tuple))?.lastCheckMs;
  }

  /**
   * Records an authenticated check on `tuple` at `nowMs`. Returns the stored
   * tuple (the first object seen for it, so identity is stable) and whether it is new.
   */
  touch(tuple: TransportTuple, nowMs: number): { tuple: TransportTuple; added: boolean } {
    const key = tupleKey(tuple);
    const entry = this.#entries.get(key);
    if (entry !== undefined) {
      entry.lastCheckMs = nowMs;
      return { tuple: entry.tuple, added: false };
    }
    this.#entries.set(key, { tuple, lastCheckMs: nowMs });
    return { tuple, added: true };
  }

  /** Removes tuples last checked before `cutoffMs` and, past `max`, the longest unchecked, sparing `keep`. */
  prune(cutoffMs: number, keep: readonly (TransportTuple | undefined)[]): TransportTuple[] {
    const spared = new Set(keep.filter((tuple) => tuple !== undefined).map(tupleKey));
    const removed: TransportTuple[] = [];
    const candidates = [...this.#entries].filter(([key]) => !spared.has(key)).sort(([, a], [, b]) => a.lastCheckMs - b.lastCheckMs);
    let excess = this.#entries.size - this.#max;
    for (const [key, entry] of candidates) {
      if (entry.lastCheckMs >= cutoffMs && excess <= 0) break;
      this.#entries.delete(key);
      removed.push(entry.tuple);
      excess -= 1;
    }
    return removed;
  }

  delete(tuple: TransportTuple): boolean {
    return this.#entries.delete(tupleKey(tuple));
  }

  /** Empties the set; returns what it held. */
  clear(): TransportTuple[] {
    const all = this.tuples;
    this.#entries.clear();
    return all;
  }
}
