import { describe, expect, it } from 'vitest';
import { SeededRandom, fuzz, mutate } from './fuzz.ts';

describe('SeededRandom', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = new SeededRandom(7);
    const b = new SeededRandom(7);
    const c = new SeededRandom(8);
    const seqA = Array.from({ length: 5 }, () => a.below(1000));
    expect(Array.from({ length: 5 }, () => b.below(1000))).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.below(1000))).not.toEqual(seqA);
  });
});

describe('mutate', () => {
  it('never changes its input and eventually produces every kind of change', () => {
    const random = new SeededRandom(1);
    const input = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    const lengths = new Set<number>();
    for (let i = 0; i < 500; i++) lengths.add(mutate(input, random).length);
    expect([...input]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...lengths].some((n) => n < 8)).toBe(true);
    expect([...lengths].some((n) => n > 8)).toBe(true);
  });
});

describe('fuzz', () => {
  it('reports the failing input as hex', () => {
    expect(() =>
      fuzz({ seed: 1, cases: 100, seeds: [Uint8Array.from([0xab])], check: (input) => {
        if (input.length > 3) throw new Error('too long');
      } }),
    ).toThrow(/failed on input [0-9a-f]{8,}/);
  });
});
