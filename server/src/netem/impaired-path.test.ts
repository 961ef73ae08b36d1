import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../common/fuzz.ts';
import { ManualClock } from '../timers/index.ts';
import { ImpairedPath, sumCounters } from './impaired-path.ts';
import { type Impairment, describeImpairment, resolveImpairment } from './impairment.ts';
import { NetemError } from './errors.ts';

/** A path on a manual clock that records what it delivers, as numbers, with the time. */
function harness(impairment: Impairment, random: () => number = () => 0.999) {
  const clock = new ManualClock();
  const out: Array<{ at: number; n: number }> = [];
  const path = new ImpairedPath({ impairment, random, clock, deliver: (datagram) => out.push({ at: clock.now(), n: datagram.readUInt32BE(0) }) });
  const push = (...numbers: number[]): void => numbers.forEach((n) => path.push(datagramOf(n)));
  return { clock, out, path, push, delivered: () => out.map((entry) => entry.n) };
}

function datagramOf(n: number): Buffer {
  const datagram = Buffer.alloc(8);
  datagram.writeUInt32BE(n, 0);
  return datagram;
}

/** A random source that plays back a fixed list of draws, then repeats the last. */
function draws(...values: number[]): () => number {
  let i = 0;
  return () => values[Math.min(i++, values.length - 1)]!;
}

describe('impairment', () => {
  it('fills in defaults and rejects what is not a probability or a time', () => {
    expect(resolveImpairment({ loss: 0.1 })).toMatchObject({ loss: 0.1, duplicate: 0, reorderDistance: 3, delayMs: 0 });
    expect(() => resolveImpairment({ loss: 1.5 })).toThrow(RangeError);
    expect(() => resolveImpairment({ duplicate: -0.1 })).toThrow(RangeError);
    expect(() => resolveImpairment({ reorder: Number.NaN })).toThrow(RangeError);
    expect(() => resolveImpairment({ delayMs: -1 })).toThrow(RangeError);
    expect(() => resolveImpairment({ reorderDistance: 0 })).toThrow(RangeError);
    expect(() => resolveImpairment({ reorderDistance: 1.5 })).toThrow(RangeError);
  });

  it('describes itself for log lines', () => {
    expect(describeImpairment({})).toBe('no impairment');
    expect(describeImpairment({ loss: 0.02, delayMs: 20, jitterMs: 5 })).toBe('loss 2%, delay 20±5 ms');
    expect(describeImpairment({ reorder: 0.1, reorderDistance: 2 })).toBe('reorder 10% by 2');
  });
});

describe('ImpairedPath', () => {
  it('delivers everything at once, in order, when nothing is impaired', () => {
    const { push, delivered, path } = harness({});
    push(1, 2, 3);
    expect(delivered()).toEqual([1, 2, 3]);
    expect(path.counters).toMatchObject({ received: 3, delivered: 3, dropped: 0, receivedBytes: 24, deliveredBytes: 24, inFlight: 0 });
  });

  it('drops a datagram whose loss draw falls under the loss probability', () => {
    // Draws per datagram: loss only (duplicate and reorder are 0, so not drawn).
    const { push, delivered, path } = harness({ loss: 0.5 }, draws(0.9, 0.1, 0.9));
    push(1, 2, 3);
    expect(delivered()).toEqual([1, 3]);
    expect(path.counters).toMatchObject({ received: 3, dropped: 1, delivered: 2 });
  });

  it('sends a duplicate right behind the original', () => {
    const { push, delivered, path } = harness({ duplicate: 0.5 }, draws(0.1, 0.9));
    push(1, 2);
    expect(delivered()).toEqual([1, 1, 2]);
    expect(path.counters).toMatchObject({ duplicated: 1, delivered: 3 });
  });

  it('holds a reordered datagram until reorderDistance later ones have gone out', () => {
    const { push, delivered, path } = harness({ reorder: 0.5, reorderDistance: 2 }, draws(0.1, 0.9));
    push(1, 2, 3, 4);
    expect(delivered()).toEqual([2, 3, 1, 4]);
    expect(path.counters).toMatchObject({ reordered: 1, held: 0, delivered: 4 });
  });

  it('lets a held datagram go after reorderHoldMs when nothing overtakes it', () => {
    const { push, delivered, clock, path } = harness({ reorder: 1, reorderHoldMs: 30 });
    push(7);
    expect(path.counters.held).toBe(1);
    clock.advance(29);
    expect(delivered()).toEqual([]);
    clock.advance(1);
    expect(delivered()).toEqual([7]);
    expect(path.counters.held).toBe(0);
  });

  it('delays every datagram by delayMs, never earlier', () => {
    const { push, out, clock, path } = harness({ delayMs: 20 });
    push(1);
    clock.advance(5);
    push(2);
    expect(path.counters.inFlight).toBe(2);
    clock.advance(14);
    expect(out).toEqual([]);
    clock.advance(100);
    expect(out).toEqual([{ at: 20, n: 1 }, { at: 25, n: 2 }]);
  });

  it('jitter varies the delay but keeps FIFO order', () => {
    // Jitter draws: +1 (20 + 10) for the first, -1 (20 - 10) for the second: the second may not overtake.
    const { push, out, clock } = harness({ delayMs: 20, jitterMs: 10 }, draws(1, 0));
    push(1, 2);
    clock.advance(100);
    expect(out.map((entry) => entry.n)).toEqual([1, 2]);
    expect(out[1]!.at).toBeGreaterThanOrEqual(out[0]!.at);
    expect(out[0]!.at).toBe(30);
  });

  it('makes the same decisions for the same seed', () => {
    const run = (seed: number): number[] => {
      const random = new SeededRandom(seed);
      const { push, delivered } = harness({ loss: 0.2, duplicate: 0.1, reorder: 0.1 }, () => random.next());
      for (let n = 0; n < 500; n++) push(n);
      return delivered();
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });

  it('comes close to the configured rates over many datagrams', () => {
    const random = new SeededRandom(9);
    const { push, path } = harness({ loss: 0.1, duplicate: 0.05 }, () => random.next());
    for (let n = 0; n < 20_000; n++) push(n);
    const { dropped, duplicated, delivered } = path.counters;
    expect(dropped / 20_000).toBeGreaterThan(0.09);
    expect(dropped / 20_000).toBeLessThan(0.11);
    expect(duplicated / (20_000 - dropped)).toBeGreaterThan(0.04);
    expect(duplicated / (20_000 - dropped)).toBeLessThan(0.06);
    expect(delivered).toBe(20_000 - dropped + duplicated);
  });

  it('changes its impairment for later datagrams only', () => {
    const { push, out, clock, path } = harness({ delayMs: 10 });
    push(1);
    path.impairment = { loss: 1 };
    push(2);
    clock.advance(10);
    expect(out).toEqual([{ at: 10, n: 1 }]);
    expect(path.counters.dropped).toBe(1);
  });

  it('drops what is in flight on close and refuses pushes after it', () => {
    const { push, out, clock, path } = harness({ delayMs: 10 });
    push(1);
    path.close();
    clock.advance(50);
    expect(out).toEqual([]);
    expect(() => push(2)).toThrow(NetemError);
  });

  it('sums counters across paths', () => {
    const a = harness({}).path;
    const b = harness({ loss: 1 }).path;
    a.push(datagramOf(1));
    b.push(datagramOf(2));
    expect(sumCounters([a.counters, b.counters])).toMatchObject({ received: 2, dropped: 1, delivered: 1 });
  });
});
