import { describe, expect, it } from 'vitest';
import { SequenceNumberUnwrapper, TimestampUnwrapper } from './sequence.ts';
import { isNewerSequenceNumber, isNewerTimestamp, sequenceNumberDistance, timestampDistance } from './sequence.ts';

const sequenceRows: { name: string; from: number; to: number; distance: number }[] = [
  { name: 'one step forward', from: 1, to: 2, distance: 1 },
  { name: 'the same number', from: 7, to: 7, distance: 0 },
  { name: 'forward across the wrap, 65535 → 0', from: 65535, to: 0, distance: 1 },
  { name: 'forward across the wrap, 65530 → 5', from: 65530, to: 5, distance: 11 },
  { name: 'backward across the wrap, 0 → 65535', from: 0, to: 65535, distance: -1 },
  { name: 'the largest step forward, 0 → 32767', from: 0, to: 32767, distance: 32767 },
  { name: 'one past it reads as backward, 0 → 32769', from: 0, to: 32769, distance: -32767 },
  { name: 'exactly half-way up: the larger number is ahead', from: 0, to: 32768, distance: 32768 },
  { name: 'exactly half-way down: the smaller number is behind', from: 32768, to: 0, distance: -32768 },
];

describe('sequence numbers (RFC 1982 on 16 bits)', () => {
  it.each(sequenceRows)('sequenceNumberDistance: $name', ({ from, to, distance }) => {
    expect(sequenceNumberDistance(from, to)).toBe(distance);
  });

  it.each(sequenceRows)('isNewerSequenceNumber agrees with the sign of the distance: $name', ({ from, to, distance }) => {
    expect(isNewerSequenceNumber(to, from)).toBe(distance > 0);
  });

  it('is antisymmetric for every pair at every distance', () => {
    for (const a of [0, 1, 100, 32767, 32768, 40000, 65535]) {
      for (let step = 1; step < 65536; step += 97) {
        const b = (a + step) % 65536;
        expect(isNewerSequenceNumber(a, b)).toBe(!isNewerSequenceNumber(b, a));
      }
    }
  });
});

const timestampRows: { name: string; from: number; to: number; distance: number }[] = [
  { name: 'one 20 ms Opus frame', from: 1000, to: 1960, distance: 960 },
  { name: 'forward across the wrap, 2^32-1 → 0', from: 0xffffffff, to: 0, distance: 1 },
  { name: 'a 90 kHz frame across the wrap', from: 0xffffffff - 1000, to: 2000, distance: 3001 },
  { name: 'backward across the wrap, 0 → 2^32-1', from: 0, to: 0xffffffff, distance: -1 },
  { name: 'exactly half-way up', from: 0, to: 0x80000000, distance: 0x80000000 },
  { name: 'exactly half-way down', from: 0x80000000, to: 0, distance: -0x80000000 },
];

describe('timestamps (RFC 1982 on 32 bits)', () => {
  it.each(timestampRows)('timestampDistance: $name', ({ from, to, distance }) => {
    expect(timestampDistance(from, to)).toBe(distance);
  });

  it.each(timestampRows)('isNewerTimestamp agrees with the sign of the distance: $name', ({ from, to, distance }) => {
    expect(isNewerTimestamp(to, from)).toBe(distance > 0);
  });
});

describe('SequenceNumberUnwrapper', () => {
  it.each([
    { name: 'counts up through the wrap', input: [65534, 65535, 0, 1], want: [65534, 65535, 65536, 65537] },
    {
      name: 'places packets reordered across the wrap on the right side of it',
      input: [65534, 0, 65535, 2, 1, 65533],
      want: [65534, 65536, 65535, 65538, 65537, 65533],
    },
    { name: 'goes negative for a packet older than the first, before any wrap', input: [1, 0, 65535, 2], want: [1, 0, -1, 2] },
    {
      name: 'follows several wraps',
      input: [0, 30000, 60000, 24464, 54464, 18928],
      want: [0, 30000, 60000, 90000, 120000, 150000],
    },
  ])('$name', ({ input, want }) => {
    const unwrapper = new SequenceNumberUnwrapper();
    expect(input.map((value) => unwrapper.unwrap(value))).toEqual(want);
  });
});

describe('TimestampUnwrapper', () => {
  it('counts up through the 2^32 wrap and places a late packet before it', () => {
    const unwrapper = new TimestampUnwrapper();
    const input = [0xffffffff - 3000, 0xffffffff, 2999, 0xffffffff - 100, 5999];
    expect(input.map((value) => unwrapper.unwrap(value))).toEqual([
      2 ** 32 - 1 - 3000,
      2 ** 32 - 1,
      2 ** 32 + 2999,
      2 ** 32 - 1 - 100,
      2 ** 32 + 5999,
    ]);
  });

  it('stays exact far beyond 2^32 (a year of 90 kHz ticks)', () => {
    const unwrapper = new TimestampUnwrapper();
    const step = 0x40000000;
    let expected = 0;
    unwrapper.unwrap(0);
    for (let i = 0; i < 2900; i++) {
      expected += step;
      expect(unwrapper.unwrap(expected % 2 ** 32)).toBe(expected);
    }
    expect(expected).toBeGreaterThan(90_000 * 86_400 * 365);
  });
});
