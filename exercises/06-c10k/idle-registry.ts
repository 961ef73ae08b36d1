/**
 * Exercise 06-c10k, part 1: the idle registry.
 *
 * A server holding 10,000 connections must notice the ones that went quiet (a client whose
 * machine vanished never sends a FIN) and close them. One timer per connection is 10,000 timers
 * re-armed on every message; scanning every connection once a second is 10,000 checks a second.
 * IdleRegistry does it with O(1) work per message and O(evicted) work per sweep:
 *
 *   touch(key, now)      record activity: add the key, or mark it active at `now`. O(1).
 *   delete(key)          forget it (the connection closed); true if it was there. O(1).
 *   lastActive(key)      the `now` of its last touch, undefined if unknown.
 *   oldest()             the key touched longest ago, undefined when empty.
 *   size                 how many keys are registered.
 *   sweep(now, limit?)   remove and return the keys idle for at least idleTimeoutMs
 *                        (now - lastActive >= idleTimeoutMs), oldest first, at most `limit` of them
 *                        (no limit by default). It must stop at the first key that is still
 *                        fresh instead of looking at every key.
 *
 * `now` is a monotonic clock in milliseconds (performance.now(), or a fake one in tests) and never
 * decreases from one call to the next. The constructor throws a RangeError unless idleTimeoutMs
 * is a positive finite number.
 *
 * Hint of the lesson: which built-in collection remembers the order in which keys were inserted,
 * and how do you move a key to the end of that order?
 */

export class IdleRegistry<K> {
  readonly idleTimeoutMs: number;

  constructor(idleTimeoutMs: number) {
    this.idleTimeoutMs = idleTimeoutMs;
    throw new Error('TODO: check idleTimeoutMs (RangeError) and create the structure that keeps keys in activity order');
  }

  get size(): number {
    throw new Error('TODO: how many keys are registered');
  }

  touch(key: K, now: number): void {
    throw new Error(`TODO: mark ${String(key)} active at ${now}, moving it behind every other key`);
  }

  delete(key: K): boolean {
    throw new Error(`TODO: forget ${String(key)}`);
  }

  lastActive(key: K): number | undefined {
    throw new Error(`TODO: when was ${String(key)} last touched`);
  }

  oldest(): K | undefined {
    throw new Error('TODO: the key touched longest ago');
  }

  sweep(now: number, limit = Number.POSITIVE_INFINITY): K[] {
    throw new Error(`TODO: remove and return the keys idle at ${now}, oldest first, at most ${limit}`);
  }
}
