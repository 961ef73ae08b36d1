import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { SequenceTracker, type Arrival, type SequenceStats } from '../sequence-tracker.ts';

interface Case {
  readonly name: string;
  readonly windowSize?: number;
  readonly arrivals: ReadonlyArray<readonly [sequence: number, expected: Arrival]>;
  readonly stats: Partial<SequenceStats>;
}

const cases: Case[] = [
  {
    name: 'numbers one after another are in order, from wherever the first one is',
    arrivals: [[1000, 'in-order'], [1001, 'in-order'], [1002, 'in-order']],
    stats: { received: 3, lost: 0, duplicates: 0, reordered: 0, tooOld: 0 },
  },
  {
    name: 'a gap counts the missing numbers as lost; each late one is reordered and no longer lost',
    arrivals: [[0, 'in-order'], [1, 'in-order'], [4, 'gap'], [2, 'reordered'], [3, 'reordered'], [5, 'in-order']],
    stats: { received: 6, lost: 0, reordered: 2 },
  },
  {
    name: 'a gap that is never filled stays lost',
    arrivals: [[0, 'in-order'], [5, 'gap'], [6, 'in-order']],
    stats: { received: 3, lost: 4 },
  },
  {
    name: 'the highest number again is a duplicate',
    arrivals: [[7, 'in-order'], [7, 'duplicate'], [8, 'in-order'], [8, 'duplicate']],
    stats: { received: 2, duplicates: 2 },
  },
  {
    name: 'an older number already received is a duplicate',
    arrivals: [[0, 'in-order'], [1, 'in-order'], [2, 'in-order'], [3, 'in-order'], [1, 'duplicate'], [0, 'duplicate']],
    stats: { received: 4, duplicates: 2, lost: 0 },
  },
  {
    name: 'a late number that arrives twice is reordered, then a duplicate',
    arrivals: [[0, 'in-order'], [2, 'gap'], [1, 'reordered'], [1, 'duplicate']],
    stats: { received: 3, lost: 0, reordered: 1, duplicates: 1 },
  },
  {
    name: '65535 is followed by 0',
    arrivals: [[65534, 'in-order'], [65535, 'in-order'], [0, 'in-order'], [1, 'in-order']],
    stats: { received: 4, lost: 0 },
  },
  {
    name: 'a gap across the wrap, filled late',
    arrivals: [[65534, 'in-order'], [1, 'gap'], [65535, 'reordered'], [0, 'reordered']],
    stats: { received: 4, lost: 0, reordered: 2 },
  },
  {
    name: 'a duplicate across the wrap',
    arrivals: [[65535, 'in-order'], [0, 'in-order'], [65535, 'duplicate'], [0, 'duplicate']],
    stats: { received: 2, duplicates: 2 },
  },
  {
    name: 'a huge jump forward counts every number it skipped',
    arrivals: [[0, 'in-order'], [30_000, 'gap'], [30_001, 'in-order']],
    stats: { received: 3, lost: 29_999 },
  },
  {
    name: 'after a huge jump the window still knows its recent numbers',
    arrivals: [[0, 'in-order'], [30_000, 'gap'], [29_990, 'reordered'], [29_990, 'duplicate'], [30_000, 'duplicate']],
    stats: { received: 3, lost: 29_998, reordered: 1, duplicates: 2 },
  },
  {
    name: 'a jump of half the number space or more looks like a very late packet',
    arrivals: [[0, 'in-order'], [32_768, 'too-old'], [40_000, 'too-old'], [32_767, 'gap']],
    stats: { received: 2, tooOld: 2, lost: 32_766 },
  },
  {
    name: 'behind the window a missing number is too-old, and stays lost',
    windowSize: 8,
    arrivals: [[0, 'in-order'], [20, 'gap'], [15, 'reordered'], [13, 'reordered'], [12, 'too-old']],
    stats: { received: 4, lost: 17, reordered: 2, tooOld: 1 },
  },
  {
    name: 'behind the window a number already received is too-old, not a duplicate',
    windowSize: 4,
    arrivals: [[0, 'in-order'], [1, 'in-order'], [2, 'in-order'], [3, 'in-order'], [4, 'in-order'], [0, 'too-old'], [1, 'duplicate']],
    stats: { received: 5, duplicates: 1, tooOld: 1 },
  },
  {
    name: 'numbers before the first one tracked are too-old, across the wrap too',
    arrivals: [[2, 'in-order'], [1, 'too-old'], [65535, 'too-old'], [3, 'in-order']],
    stats: { received: 2, tooOld: 2, lost: 0 },
  },
];

describe('04-udp: SequenceTracker', () => {
  for (const { name, windowSize, arrivals, stats } of cases) {
    it(name, () => {
      const tracker = new SequenceTracker(windowSize === undefined ? {} : { windowSize });
      const got = arrivals.map(([sequence]) => [sequence, tracker.track(sequence)]);
      expect(got).toEqual(arrivals);
      expect(tracker.stats).toMatchObject(stats);
    });
  }

  it('counts a long impaired stream exactly: drops, duplicates and swaps, across the wrap', () => {
    // A numerical recipes LCG: the same "random" impairments on every run.
    let state = 0x0d_06;
    const random = (): number => (state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
    const toSequence = (n: number): number => (63_000 + n) % 65_536;
    const delivered: number[] = [];
    const truth = { dropped: 0, duplicated: 0, swapped: 0 };
    // The first and last packets always arrive: losses before the first or after the last are invisible.
    for (let n = 0; n < 5000; ) {
      const fate = random();
      if (fate < 0.05 && n > 0 && n < 4999) {
        truth.dropped += 1;
        n += 1;
      } else if (fate < 0.08) {
        delivered.push(toSequence(n), toSequence(n));
        truth.duplicated += 1;
        n += 1;
      } else if (fate < 0.12 && n > 0 && n < 4999) {
        delivered.push(toSequence(n + 1), toSequence(n));
        truth.swapped += 1;
        n += 2;
      } else {
        delivered.push(toSequence(n));
        n += 1;
      }
    }
    const tracker = new SequenceTracker();
    delivered.forEach((sequence) => tracker.track(sequence));
    expect(tracker.stats).toEqual({
      received: 5000 - truth.dropped,
      lost: truth.dropped,
      duplicates: truth.duplicated,
      reordered: truth.swapped,
      tooOld: 0,
    });
  });

  it('returns stats as a snapshot that later arrivals do not change', () => {
    const tracker = new SequenceTracker();
    tracker.track(0);
    const before = tracker.stats;
    tracker.track(5);
    expect(before).toEqual({ received: 1, lost: 0, duplicates: 0, reordered: 0, tooOld: 0 });
    expect(tracker.stats).toEqual({ received: 2, lost: 4, duplicates: 0, reordered: 0, tooOld: 0 });
  });

  it('rejects a sequence number outside 0..65535 with a RangeError', () => {
    const tracker = new SequenceTracker();
    for (const bad of [-1, 65_536, 1.5, Number.NaN]) expect(() => tracker.track(bad), String(bad)).toThrow(RangeError);
    expect(tracker.stats.received).toBe(0);
  });

  it('accepts a window of 1 to 32768 numbers and rejects any other with a RangeError', () => {
    expect(new SequenceTracker({ windowSize: 1 }).track(0)).toBe('in-order');
    expect(new SequenceTracker({ windowSize: 32_768 }).track(0)).toBe('in-order');
    for (const bad of [0, 32_769, 2.5]) expect(() => new SequenceTracker({ windowSize: bad }), String(bad)).toThrow(RangeError);
  });
});

describe('04-udp: SequenceTracker on real datagrams', () => {
  const sockets: dgram.Socket[] = [];
  afterEach(() => sockets.splice(0).forEach((socket) => socket.close()));

  async function bound(): Promise<dgram.Socket> {
    const socket = dgram.createSocket('udp4');
    sockets.push(socket);
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return socket;
  }

  it('classifies a crafted stream sent over loopback: a wrap, a swap, duplicates and gaps', async () => {
    const receiver = await bound();
    const sender = await bound();
    const tracker = new SequenceTracker();
    const sent = [65_533, 65_534, 65_535, 1, 0, 2, 2, 5, 3, 4, 4, 9];
    const arrivals: Arrival[] = [];
    const allArrived = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${arrivals.length} of ${sent.length} datagrams arrived`)), 2000);
      receiver.on('message', (datagram) => {
        arrivals.push(tracker.track(datagram.readUInt16BE(0)));
        if (arrivals.length === sent.length) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const { port } = receiver.address();
    for (const sequence of sent) {
      const datagram = Buffer.alloc(32, 0x2e);
      datagram.writeUInt16BE(sequence, 0);
      await new Promise((resolve) => sender.send(datagram, port, '127.0.0.1', resolve));
    }
    await allArrived;
    expect(arrivals).toEqual([
      'in-order', 'in-order', 'in-order', 'gap', 'reordered', 'in-order',
      'duplicate', 'gap', 'reordered', 'reordered', 'duplicate', 'gap',
    ]);
    expect(tracker.stats).toEqual({ received: 10, lost: 3, duplicates: 2, reordered: 3, tooOld: 0 });
  });
});
