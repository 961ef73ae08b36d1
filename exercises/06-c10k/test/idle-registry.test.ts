import { describe, expect, it } from 'vitest';
import { IdleRegistry } from '../idle-registry.ts';


/** A registry with keys touched at the given times, in that order. */
function registryWith(idleTimeoutMs: number, touches: ReadonlyArray<[key: string, now: number]>): IdleRegistry<string> {
  const registry = new IdleRegistry<string>(idleTimeoutMs);
  for (const [key, now] of touches) registry.touch(key, now);
  return registry;
}

describe('06-c10k: IdleRegistry', () => {
  for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
    it(`refuses an idle timeout of ${bad} with a RangeError`, () => {
      const thrown = (() => {
        try {
          return new IdleRegistry(bad);
        } catch (error) {
          return error;
        }
      })();
      expect(thrown, `got ${String(thrown)}`).toBeInstanceOf(RangeError);
    });
  }

  it('registers keys, remembers when each was last active, and forgets deleted ones', () => {
    const registry = registryWith(1000, [['a', 10], ['b', 20], ['c', 30]]);
    expect(registry.size).toBe(3);
    expect(registry.lastActive('b')).toBe(20);
    expect(registry.delete('b')).toBe(true);
    expect(registry.delete('b')).toBe(false);
    expect(registry.lastActive('b')).toBeUndefined();
    expect(registry.size).toBe(2);
  });

  it('keeps the keys in activity order: a touch moves a key behind all the others', () => {
    const registry = registryWith(1000, [['a', 10], ['b', 20], ['c', 30]]);
    expect(registry.oldest()).toBe('a');
    registry.touch('a', 40);
    expect(registry.oldest()).toBe('b');
    expect(registry.lastActive('a')).toBe(40);
    expect(registry.size).toBe(3);
    registry.touch('b', 50);
    expect(registry.oldest()).toBe('c');
    registry.delete('c');
    expect(registry.oldest()).toBe('a');
    registry.delete('a');
    registry.delete('b');
    expect(registry.oldest()).toBeUndefined();
  });

  const sweeps: Array<{ name: string; touches: Array<[string, number]>; now: number; limit?: number; evicted: string[]; left: number }> = [
    { name: 'nothing is idle yet', touches: [['a', 0], ['b', 500]], now: 999, evicted: [], left: 2 },
    { name: 'idle for exactly the timeout counts as idle', touches: [['a', 0], ['b', 500]], now: 1000, evicted: ['a'], left: 1 },
    { name: 'every idle key, oldest first', touches: [['c', 5], ['a', 10], ['b', 20], ['d', 900]], now: 1500, evicted: ['c', 'a', 'b'], left: 1 },
    { name: 'everything, when everything is idle', touches: [['a', 0], ['b', 1]], now: 5000, evicted: ['a', 'b'], left: 0 },
    { name: 'a key touched again is judged by its last touch', touches: [['a', 0], ['b', 100], ['a', 900]], now: 1200, evicted: ['b'], left: 1 },
    { name: 'at most `limit` keys, the oldest ones', touches: [['a', 0], ['b', 1], ['c', 2], ['d', 3]], now: 5000, limit: 2, evicted: ['a', 'b'], left: 2 },
    { name: 'an empty registry', touches: [], now: 5000, evicted: [], left: 0 },
  ];
  for (const { name, touches, now, limit, evicted, left } of sweeps) {
    it(`sweep: ${name}`, () => {
      const registry = registryWith(1000, touches);
      expect(limit === undefined ? registry.sweep(now) : registry.sweep(now, limit)).toEqual(evicted);
      expect(registry.size).toBe(left);
      for (const key of evicted) expect(registry.lastActive(key), `${key} was removed`).toBeUndefined();
    });
  }

  it('a swept key is gone: the next sweep does not return it again, a new touch brings it back', () => {
    const registry = registryWith(1000, [['a', 0], ['b', 800]]);
    expect(registry.sweep(1000)).toEqual(['a']);
    expect(registry.sweep(1001)).toEqual([]);
    registry.touch('a', 1500);
    expect(registry.sweep(2500)).toEqual(['b', 'a']);
  });

  it('keys are compared by identity, so connection objects work as keys', () => {
    const registry = new IdleRegistry<{ id: number }>(100);
    const first = { id: 1 };
    const twin = { id: 1 };
    registry.touch(first, 0);
    registry.touch(twin, 50);
    expect(registry.size).toBe(2);
    expect(registry.sweep(120)).toEqual([first]);
    expect(registry.oldest()).toBe(twin);
  });

  it('holds 100,000 keys and sweeps the idle tenth of them in order', () => {
    const registry = new IdleRegistry<number>(1000);
    for (let key = 0; key < 100_000; key++) registry.touch(key, key < 10_000 ? 0 : 500);
    const evicted = registry.sweep(1200);
    expect(evicted.length).toBe(10_000);
    expect(evicted[0]).toBe(0);
    expect(evicted[9_999]).toBe(9_999);
    expect(registry.size).toBe(90_000);
  });
});
