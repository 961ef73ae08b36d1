import { describe, expect, it } from 'vitest';
import { nackPairsFromSequenceNumbers, sequenceNumbersFromNackPairs } from './nack.ts';

describe('generic NACK pairs (RFC 4585 §6.2.1)', () => {
  it.each([
    { name: 'a single loss is a PID with an empty BLP', seqs: [100], pairs: [{ packetId: 100, lostPackets: 0 }] },
    {
      name: 'losses within 16 after the PID set BLP bits, least significant first',
      seqs: [100, 101, 103, 116],
      pairs: [{ packetId: 100, lostPackets: 0b1000_0000_0000_0101 }],
    },
    {
      name: 'a loss 17 after the PID needs a second pair',
      seqs: [100, 117],
      pairs: [
        { packetId: 100, lostPackets: 0 },
        { packetId: 117, lostPackets: 0 },
      ],
    },
    {
      name: 'a run across the 16-bit wrap packs into one pair with PID 65534',
      seqs: [65534, 65535, 0, 1, 14],
      pairs: [{ packetId: 65534, lostPackets: 0b1000_0000_0000_0111 }],
    },
    {
      name: 'losses either side of the wrap more than 16 apart take two pairs',
      seqs: [65530, 20],
      pairs: [
        { packetId: 65530, lostPackets: 0 },
        { packetId: 20, lostPackets: 0 },
      ],
    },
    { name: 'nothing lost, no pairs', seqs: [], pairs: [] },
  ])('$name', ({ seqs, pairs }) => {
    expect(nackPairsFromSequenceNumbers(seqs)).toEqual(pairs);
    expect(sequenceNumbersFromNackPairs(pairs)).toEqual(seqs);
  });

  it('sorts and de-duplicates what it is given', () => {
    expect(nackPairsFromSequenceNumbers([5, 3, 5, 4])).toEqual([{ packetId: 3, lostPackets: 0b11 }]);
  });

  it('orders across the wrap: 10 then 65530 is 65530 with 10 in bit 15', () => {
    expect(nackPairsFromSequenceNumbers([10, 65530])).toEqual([{ packetId: 65530, lostPackets: 0x8000 }]);
  });

  it('expands a BLP past 65535 to the wrapped numbers', () => {
    expect(sequenceNumbersFromNackPairs([{ packetId: 65535, lostPackets: 0xffff }])).toEqual([65535, ...Array.from({ length: 16 }, (_, i) => i)]);
  });

  it('round-trips 2000 random loss sets around the wrap', () => {
    for (let trial = 0; trial < 2000; trial++) {
      const start = (65000 + trial * 7) % 65536;
      const lost = Array.from({ length: 1 + (trial % 60) }, (_, i) => (start + i * (1 + (trial % 5)) + (i % 3)) % 65536);
      const unique = [...new Set(lost)];
      const back = sequenceNumbersFromNackPairs(nackPairsFromSequenceNumbers(unique));
      expect(new Set(back)).toEqual(new Set(unique));
      expect(back).toHaveLength(unique.length);
    }
  });

  it.each([-1, 65536, 1.5])('refuses sequence number %d', (seq) => {
    expect(() => nackPairsFromSequenceNumbers([seq])).toThrow(RangeError);
  });
});
