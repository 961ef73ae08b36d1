/**
 * Exercise 06-c10k, part 1: the idle registry (reference solution).
 * See exercises/06-c10k/idle-registry.ts for the contract.
 *
 * A Map iterates in insertion order, and delete + set moves a key to the end. So if every touch
 * re-inserts its key, the Map is ordered by last activity, oldest first: touch is O(1), and a
 * sweep walks from the front and stops at the first key that is still fresh, so it costs
 * O(evicted), not O(connections). With 10,000 mostly-busy connections that is the difference
 * between looking at a handful of entries per sweep and looking at all of them.
 */

export class IdleRegistry<K> {
  readonly idleTimeoutMs: number;
  /** key → time of its last activity; iteration order is activity order, oldest first. */
  readonly #lastActive = new Map<K, number>();

  constructor(idleTimeoutMs: number) {
    if (!Number.isFinite(idleTimeoutMs) || idleTimeoutMs <= 0) {
      throw new RangeError(`idleTimeoutMs must be a positive number of milliseconds, not ${idleTimeoutMs}`);
    }
    this.idleTimeoutMs = idleTimeoutMs;
  }

  get size(): number {
    return this.#lastActive.size;
  }

  touch(key: K, now: number): void {
    // Delete first: set() on a key that is already there keeps its old place in the order.
    this.#lastActive.delete(key);
    this.#lastActive.set(key, now);
  }

  delete(key: K): boolean {
    return this.#lastActive.delete(key);
  }

  lastActive(key: K): number | undefined {
    return this.#lastActive.get(key);
  }

  oldest(): K | undefined {
    for (const key of this.#lastActive.keys()) return key;
    return undefined;
  }

  sweep(now: number, limit = Number.POSITIVE_INFINITY): K[] {
    const evicted: K[] = [];
    for (const [key, lastActive] of this.#lastActive) {
      // Everything after the first fresh key was touched later, so it is fresh too.
      if (evicted.length >= limit || now - lastActive < this.idleTimeoutMs) break;
      evicted.push(key);
    }
    // Deleting while iterating a Map is allowed, but two passes keep the loop above obviously right.
    for (const key of evicted) this.#lastActive.delete(key);
    return evicted;
  }
}
