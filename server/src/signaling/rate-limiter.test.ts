import { describe, expect, it } from 'vitest';
import { TokenBucket } from './rate-limiter.ts';

describe('TokenBucket', () => {
  it('allows a burst, then the rate', () => {
    let now = 1000;
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 20, now: () => now });
    let taken = 0;
    while (bucket.take()) taken++;
    expect(taken).toBe(20);
    now += 100; // one token per 100 ms
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now += 10_000; // refills up to the burst, not beyond
    taken = 0;
    while (bucket.take() && taken < 100) taken++;
    expect(taken).toBe(20);
  });

  it('survives a clock that steps back', () => {
    let now = 5000;
    const bucket = new TokenBucket({ ratePerSecond: 1, burst: 1, now: () => now });
    expect(bucket.take()).toBe(true);
    now = 0;
    expect(bucket.take()).toBe(false);
    now = 1000;
    expect(bucket.take()).toBe(true);
  });

  it('refuses a rate of 0 or a burst below 1', () => {
    expect(() => new TokenBucket({ ratePerSecond: 0, burst: 1, now: Date.now })).toThrow(RangeError);
    expect(() => new TokenBucket({ ratePerSecond: 1, burst: 0.5, now: Date.now })).toThrow(RangeError);
  });
});
