import { describe, expect, it } from 'vitest';
import { type Arrival, deliveryReport, percentile } from '../latency-stats.ts';

/** Arrivals of frames sent every 20 ms, from [sequence, latency] pairs. */
function arrivals(...pairs: Array<readonly [number, number]>): Arrival[] {
  return pairs.map(([sequence, latency]) => ({ sequence, sentAtMs: 1000 + sequence * 20, arrivedAtMs: 1000 + sequence * 20 + latency }));
}

describe('percentile (nearest rank)', () => {
  it.each([
    [[10, 20, 30, 40], 50, 20],
    [[10, 20, 30, 40], 51, 30],
    [[10, 20, 30, 40], 25, 10],
    [[10, 20, 30, 40], 100, 40],
    [[10, 20, 30, 40], 0.1, 10],
    [[7], 99, 7],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95, 10],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
  ])('of %j at p%d is %d', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it('is always one of the values, never an interpolation', () => {
    const values = Array.from({ length: 1000 }, (_, i) => i * 1.5);
    for (const p of [1, 50, 95, 99]) expect(values).toContain(percentile(values, p));
    expect(percentile(values, 99)).toBe(values[989]);
    expect(percentile(values, 1)).toBe(values[9]);
  });

  it('rejects an empty list and a p outside (0, 100]', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 100.5)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('deliveryReport', () => {
  it('works the example of the specification', () => {
    expect(
      deliveryReport(
        4,
        [
          { sequence: 0, sentAtMs: 0, arrivedAtMs: 20 },
          { sequence: 2, sentAtMs: 40, arrivedAtMs: 230 },
          { sequence: 2, sentAtMs: 40, arrivedAtMs: 240 },
          { sequence: 1, sentAtMs: 20, arrivedAtMs: 230 },
        ],
        150,
      ),
    ).toEqual({ sent: 4, received: 3, duplicates: 1, lost: 1, late: 2, onTime: 1, p50Ms: 190, p95Ms: 210, p99Ms: 210, maxMs: 210 });
  });

  it('a UDP-like stream: constant latency, a few frames lost, none late', () => {
    const pairs = Array.from({ length: 100 }, (_, i) => [i, 20] as const).filter(([i]) => i % 25 !== 7);
    expect(deliveryReport(100, arrivals(...pairs), 150)).toEqual({
      sent: 100,
      received: 96,
      duplicates: 0,
      lost: 4,
      late: 0,
      onTime: 96,
      p50Ms: 20,
      p95Ms: 20,
      p99Ms: 20,
      maxMs: 20,
    });
  });

  it('a TCP-like stream: nothing lost, but a stall holds up the frames behind a retransmission', () => {
    // Frame 50 is lost and resent 200 ms later; 51 to 59 arrived meanwhile but wait behind it.
    const pairs = Array.from({ length: 100 }, (_, i) => {
      if (i < 50 || i >= 60) return [i, 20] as const;
      return [i, 220 - (i - 50) * 20] as const;
    });
    const report = deliveryReport(100, arrivals(...pairs), 150);
    expect(report).toMatchObject({ received: 100, lost: 0, late: 4, onTime: 96, p50Ms: 20, maxMs: 220 });
    // Sorted latencies: 90 x 20, then 40, 60, 80, 100, 120, 140, 160, 180, 200, 220: the 95th is 120.
    expect(report.p95Ms).toBe(120);
    expect(report.p99Ms).toBe(200);
  });

  it('counts exactly the deadline as on time', () => {
    expect(deliveryReport(3, arrivals([0, 149.9], [1, 150], [2, 150.1]), 150)).toMatchObject({ late: 1, onTime: 2 });
  });

  it('takes the first arrival of each frame, whatever order the log is in', () => {
    const log: Arrival[] = [
      { sequence: 1, sentAtMs: 20, arrivedAtMs: 45 },
      { sequence: 0, sentAtMs: 0, arrivedAtMs: 300 },
      { sequence: 1, sentAtMs: 20, arrivedAtMs: 400 },
    ];
    expect(deliveryReport(2, log, 150)).toMatchObject({ received: 2, duplicates: 1, late: 1, p50Ms: 25, maxMs: 300 });
  });

  it('reports no percentiles when nothing arrived', () => {
    expect(deliveryReport(5, [], 150)).toEqual({
      sent: 5,
      received: 0,
      duplicates: 0,
      lost: 5,
      late: 0,
      onTime: 0,
      p50Ms: undefined,
      p95Ms: undefined,
      p99Ms: undefined,
      maxMs: undefined,
    });
  });

  it('rejects a frame that was never sent, a bad count and a bad deadline', () => {
    expect(() => deliveryReport(2, arrivals([2, 10]), 150)).toThrow(RangeError);
    expect(() => deliveryReport(2, arrivals([-1, 10]), 150)).toThrow(RangeError);
    expect(() => deliveryReport(2, [{ sequence: 0.5, sentAtMs: 0, arrivedAtMs: 1 }], 150)).toThrow(RangeError);
    expect(() => deliveryReport(-1, [], 150)).toThrow(RangeError);
    expect(() => deliveryReport(1.5, [], 150)).toThrow(RangeError);
    expect(() => deliveryReport(1, [], -1)).toThrow(RangeError);
    expect(() => deliveryReport(1, [], Number.NaN)).toThrow(RangeError);
  });
});
