import { describe, expect, it } from 'vitest';
import { SeededRandom } from '#server/common/fuzz.ts';
import { type Acceptance, MAX_SEQUENCE, MAX_WINDOW_SIZE, ReceiveWindow, type ReceiveWindowStats } from '../receive-window.ts';

/** Segment n's payload: its number as text, so delivered payloads read back as numbers. */
const payload = (n: number): Buffer => Buffer.from(String(n));
const numbers = (buffers: Buffer[]): number[] => buffers.map((buffer) => Number(buffer.toString()));

interface Case {
  readonly name: string;
  readonly windowSize: number;
  /** [sequence, outcome, delivered sequence numbers, ack after] */
  readonly arrivals: ReadonlyArray<readonly [number, Acceptance, number[], number]>;
  readonly stats: ReceiveWindowStats;
}

const cases: Case[] = [
  {
    name: 'segments in order are delivered one by one, and the ack follows',
    windowSize: 4,
    arrivals: [[0, 'in-order', [0], 1], [1, 'in-order', [1], 2], [2, 'in-order', [2], 3]],
    stats: { delivered: 3, buffered: 0, duplicates: 0, outOfWindow: 0 },
  },
  {
    name: 'a segment after a hole is buffered; filling the hole delivers both, in order',
    windowSize: 4,
    arrivals: [[1, 'buffered', [], 0], [0, 'in-order', [0, 1], 2]],
    stats: { delivered: 2, buffered: 0, duplicates: 0, outOfWindow: 0 },
  },
  {
    name: 'while a hole stays open every arrival repeats the same ack (the duplicate ACKs of a fast retransmit)',
    windowSize: 8,
    arrivals: [[0, 'in-order', [0], 1], [2, 'buffered', [], 1], [3, 'buffered', [], 1], [4, 'buffered', [], 1], [1, 'in-order', [1, 2, 3, 4], 5]],
    stats: { delivered: 5, buffered: 0, duplicates: 0, outOfWindow: 0 },
  },
  {
    name: 'filling the first of two holes delivers only up to the second',
    windowSize: 8,
    arrivals: [[1, 'buffered', [], 0], [3, 'buffered', [], 0], [0, 'in-order', [0, 1], 2], [2, 'in-order', [2, 3], 4]],
    stats: { delivered: 4, buffered: 0, duplicates: 0, outOfWindow: 0 },
  },
  {
    name: 'a segment already delivered is a duplicate, and still gets the current ack',
    windowSize: 4,
    arrivals: [[0, 'in-order', [0], 1], [1, 'in-order', [1], 2], [0, 'duplicate', [], 2], [1, 'duplicate', [], 2]],
    stats: { delivered: 2, buffered: 0, duplicates: 2, outOfWindow: 0 },
  },
  {
    name: 'a segment already buffered is a duplicate and is delivered once',
    windowSize: 4,
    arrivals: [[2, 'buffered', [], 0], [2, 'duplicate', [], 0], [1, 'buffered', [], 0], [0, 'in-order', [0, 1, 2], 3]],
    stats: { delivered: 3, buffered: 0, duplicates: 1, outOfWindow: 0 },
  },
  {
    name: 'the window is [ack, ack + windowSize): its last segment fits, the next one does not',
    windowSize: 4,
    arrivals: [[3, 'buffered', [], 0], [4, 'out-of-window', [], 0], [0, 'in-order', [0], 1], [4, 'buffered', [], 1]],
    stats: { delivered: 1, buffered: 2, duplicates: 0, outOfWindow: 1 },
  },
  {
    name: 'slots are reused as the window slides: segment n + windowSize is not segment n',
    windowSize: 2,
    arrivals: [
      [1, 'buffered', [], 0],
      [0, 'in-order', [0, 1], 2],
      [3, 'buffered', [], 2],
      [2, 'in-order', [2, 3], 4],
      [5, 'buffered', [], 4],
      [1, 'duplicate', [], 4],
      [4, 'in-order', [4, 5], 6],
    ],
    stats: { delivered: 6, buffered: 0, duplicates: 1, outOfWindow: 0 },
  },
  {
    name: 'a window of one accepts only the segment it waits for',
    windowSize: 1,
    arrivals: [[1, 'out-of-window', [], 0], [0, 'in-order', [0], 1], [1, 'in-order', [1], 2]],
    stats: { delivered: 2, buffered: 0, duplicates: 0, outOfWindow: 1 },
  },
  {
    name: 'buffered counts the segments held right now',
    windowSize: 8,
    arrivals: [[5, 'buffered', [], 0], [6, 'buffered', [], 0], [2, 'buffered', [], 0]],
    stats: { delivered: 0, buffered: 3, duplicates: 0, outOfWindow: 0 },
  },
];

describe('ReceiveWindow: reorder buffer and cumulative ACK', () => {
  for (const { name, windowSize, arrivals, stats } of cases) {
    it(name, () => {
      const window = new ReceiveWindow(windowSize);
      expect(window.ack).toBe(0);
      arrivals.forEach(([sequence, outcome, delivered, ack], i) => {
        const result = window.accept(sequence, payload(sequence));
        expect({ outcome: result.outcome, deliver: numbers(result.deliver), ack: result.ack }, `arrival ${i}: segment ${sequence}`).toEqual({
          outcome,
          deliver: delivered,
          ack,
        });
        expect(window.ack, `arrival ${i}: ack`).toBe(ack);
      });
      expect(window.stats).toEqual(stats);
    });
  }

  it('delivers a shuffled, duplicated stream exactly once and in order', () => {
    const random = new SeededRandom(8);
    const total = 5000;
    const windowSize = 64;
    const window = new ReceiveWindow(windowSize);
    const delivered: number[] = [];
    // Each round sends the segments of the current window the receiver still lacks, in a random order,
    // some twice and some not at all: what a sender would retransmit over a bad network.
    for (let round = 0; round < 10_000 && window.ack < total; round++) {
      const start = window.ack;
      const batch = Array.from({ length: Math.min(windowSize, total - start) }, (_, i) => start + i).filter(() => random.next() > 0.2);
      for (let i = batch.length - 1; i > 0; i--) {
        const j = random.below(i + 1);
        [batch[i], batch[j]] = [batch[j]!, batch[i]!];
      }
      for (const sequence of batch) {
        delivered.push(...numbers(window.accept(sequence, payload(sequence)).deliver));
        if (random.next() < 0.1) delivered.push(...numbers(window.accept(sequence, payload(sequence)).deliver));
      }
    }
    expect(window.ack).toBe(total);
    expect(delivered).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(window.stats).toMatchObject({ delivered: total, buffered: 0 });
    expect(window.stats.duplicates).toBeGreaterThan(0);
  });

  it('hands back the payload buffers it was given', () => {
    const window = new ReceiveWindow(4);
    const first = Buffer.from('first');
    const second = Buffer.from('second');
    window.accept(1, second);
    const { deliver } = window.accept(0, first);
    expect(deliver[0]).toBe(first);
    expect(deliver[1]).toBe(second);
  });

  it('keeps memory fixed: a window of MAX_WINDOW_SIZE works at the edges of the number space', () => {
    const window = new ReceiveWindow(MAX_WINDOW_SIZE);
    expect(window.accept(MAX_WINDOW_SIZE - 1, payload(1)).outcome).toBe('buffered');
    expect(window.accept(MAX_WINDOW_SIZE, payload(2)).outcome).toBe('out-of-window');
    expect(window.accept(MAX_SEQUENCE, payload(3)).outcome).toBe('out-of-window');
  });

  it('gives stats as a snapshot that later arrivals do not change', () => {
    const window = new ReceiveWindow(4);
    window.accept(0, payload(0));
    const before = window.stats;
    window.accept(0, payload(0));
    window.accept(2, payload(2));
    expect(before).toEqual({ delivered: 1, buffered: 0, duplicates: 0, outOfWindow: 0 });
    expect(window.stats).toEqual({ delivered: 1, buffered: 1, duplicates: 1, outOfWindow: 0 });
  });

  it('rejects a bad window size or sequence number with RangeError', () => {
    for (const size of [0, -1, 1.5, MAX_WINDOW_SIZE + 1, Number.NaN]) expect(() => new ReceiveWindow(size), `size ${size}`).toThrow(RangeError);
    const window = new ReceiveWindow(4);
    for (const sequence of [-1, 0.5, MAX_SEQUENCE + 1, Number.NaN]) {
      expect(() => window.accept(sequence, payload(0)), `sequence ${sequence}`).toThrow(RangeError);
    }
  });
});
