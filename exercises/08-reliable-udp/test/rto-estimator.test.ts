import { describe, expect, it } from 'vitest';
import { ALPHA, BETA, K, RtoEstimator, type RtoEstimatorOptions } from '../rto-estimator.ts';

type Step =
  | { readonly sample: number; readonly retransmitted?: boolean; readonly used?: boolean }
  | { readonly backoff: true };

interface Expected {
  readonly rtoMs?: number;
  readonly srttMs?: number | undefined;
  readonly rttvarMs?: number | undefined;
}

interface Case {
  readonly name: string;
  readonly options?: RtoEstimatorOptions;
  readonly steps: ReadonlyArray<readonly [Step, Expected]>;
}

/** Each row: one call, then what the estimator must show. Figures worked out by hand from RFC 6298 §2. */
const cases: Case[] = [
  {
    name: '§2.2: the first measurement sets SRTT = R and RTTVAR = R/2, RTO = SRTT + 4 RTTVAR',
    options: { minRtoMs: 100 },
    steps: [[{ sample: 100 }, { srttMs: 100, rttvarMs: 50, rtoMs: 300 }]],
  },
  {
    name: '§2.3: RTTVAR is updated with the old SRTT, then SRTT',
    options: { minRtoMs: 100 },
    steps: [
      [{ sample: 100 }, { srttMs: 100, rttvarMs: 50, rtoMs: 300 }],
      // RTTVAR = 3/4 * 50 + 1/4 * |100 - 200| = 62.5 (with the new SRTT it would be 59.375)
      [{ sample: 200 }, { srttMs: 112.5, rttvarMs: 62.5, rtoMs: 362.5 }],
      // RTTVAR = 3/4 * 62.5 + 1/4 * |112.5 - 80| = 55; SRTT = 7/8 * 112.5 + 1/8 * 80 = 108.4375
      [{ sample: 80 }, { srttMs: 108.4375, rttvarMs: 55, rtoMs: 328.4375 }],
    ],
  },
  {
    name: '§2.4: RTO below the floor is raised to minRtoMs (one second by default)',
    steps: [[{ sample: 10 }, { srttMs: 10, rttvarMs: 5, rtoMs: 1000 }]],
  },
  {
    name: '§2.5: RTO above maxRtoMs is lowered to it',
    options: { maxRtoMs: 60_000 },
    steps: [[{ sample: 30_000 }, { srttMs: 30_000, rttvarMs: 15_000, rtoMs: 60_000 }]],
  },
  {
    name: 'G: a steady RTT shrinks RTTVAR towards 0, and RTO to SRTT + G',
    options: { minRtoMs: 1, clockGranularityMs: 10 },
    steps: [
      [{ sample: 50 }, { rtoMs: 150 }],
      ...Array.from({ length: 40 }, () => [{ sample: 50 }, { srttMs: 50 }] as const),
      [{ sample: 50 }, { srttMs: 50, rtoMs: 60 }],
    ],
  },
  {
    name: '§5.5: the timer expired, RTO doubles each time, up to maxRtoMs',
    options: { initialRtoMs: 1000, maxRtoMs: 5000 },
    steps: [
      [{ backoff: true }, { rtoMs: 2000, srttMs: undefined, rttvarMs: undefined }],
      [{ backoff: true }, { rtoMs: 4000 }],
      [{ backoff: true }, { rtoMs: 5000 }],
      [{ backoff: true }, { rtoMs: 5000 }],
    ],
  },
  {
    name: '§3 (Karn): a sample from a retransmitted segment is ignored, RTO stays backed off',
    options: { minRtoMs: 100 },
    steps: [
      [{ sample: 100 }, { rtoMs: 300 }],
      [{ backoff: true }, { rtoMs: 600 }],
      [{ sample: 700, retransmitted: true, used: false }, { rtoMs: 600, srttMs: 100, rttvarMs: 50 }],
    ],
  },
  {
    name: '§5.7: the next sample that is used recomputes RTO from SRTT and RTTVAR, collapsing the backoff',
    options: { minRtoMs: 100 },
    steps: [
      [{ sample: 100 }, { rtoMs: 300 }],
      [{ backoff: true }, { rtoMs: 600 }],
      [{ backoff: true }, { rtoMs: 1200 }],
      [{ sample: 100 }, { srttMs: 100, rttvarMs: 37.5, rtoMs: 250 }],
    ],
  },
  {
    name: 'a backoff before any measurement doubles the initial RTO',
    options: { initialRtoMs: 200, minRtoMs: 50 },
    steps: [
      [{ backoff: true }, { rtoMs: 400 }],
      [{ sample: 20 }, { srttMs: 20, rttvarMs: 10, rtoMs: 60 }],
    ],
  },
  {
    name: 'a zero RTT (same millisecond) is a valid sample',
    options: { minRtoMs: 1, clockGranularityMs: 1 },
    steps: [[{ sample: 0 }, { srttMs: 0, rttvarMs: 0, rtoMs: 1 }]],
  },
];

describe('RtoEstimator: RFC 6298 step by step', () => {
  it('starts at initialRtoMs with no SRTT or RTTVAR (§2.1), with the constants of §2.3', () => {
    expect([ALPHA, BETA, K]).toEqual([1 / 8, 1 / 4, 4]);
    const fresh = new RtoEstimator();
    expect([fresh.rtoMs, fresh.srttMs, fresh.rttvarMs]).toEqual([1000, undefined, undefined]);
    expect(new RtoEstimator({ initialRtoMs: 250, minRtoMs: 200 }).rtoMs).toBe(250);
  });

  for (const { name, options, steps } of cases) {
    it(name, () => {
      const estimator = new RtoEstimator(options);
      steps.forEach(([step, expected], i) => {
        if ('backoff' in step) {
          expect(estimator.backoff(), `step ${i}: backoff() returns the new RTO`).toBe(expected.rtoMs);
        } else {
          expect(estimator.sample(step.sample, step.retransmitted), `step ${i}: sample(${step.sample}) used?`).toBe(step.used ?? true);
        }
        if (expected.rtoMs !== undefined) expect(estimator.rtoMs, `step ${i}: rtoMs`).toBeCloseTo(expected.rtoMs, 9);
        if ('srttMs' in expected) expect(estimator.srttMs, `step ${i}: srttMs`).toBe(expected.srttMs);
        if ('rttvarMs' in expected) expect(estimator.rttvarMs, `step ${i}: rttvarMs`).toBe(expected.rttvarMs);
      });
    });
  }

  it('follows the formulas over a long random run (compared with a direct transcription of §2)', () => {
    const estimator = new RtoEstimator({ minRtoMs: 5, maxRtoMs: 10_000, clockGranularityMs: 2 });
    let srtt: number | undefined;
    let rttvar = 0;
    let seed = 12345;
    for (let i = 0; i < 500; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const r = 10 + (seed % 400);
      if (srtt === undefined) {
        srtt = r;
        rttvar = r / 2;
      } else {
        rttvar = 0.75 * rttvar + 0.25 * Math.abs(srtt - r);
        srtt = 0.875 * srtt + 0.125 * r;
      }
      estimator.sample(r);
      expect(estimator.srttMs).toBeCloseTo(srtt, 9);
      expect(estimator.rttvarMs).toBeCloseTo(rttvar, 9);
      expect(estimator.rtoMs).toBeCloseTo(Math.min(10_000, Math.max(5, srtt + Math.max(2, 4 * rttvar))), 9);
    }
  });

  it('rejects bad options and bad samples with RangeError', () => {
    expect(() => new RtoEstimator({ minRtoMs: 0 })).toThrow(RangeError);
    expect(() => new RtoEstimator({ maxRtoMs: Number.POSITIVE_INFINITY })).toThrow(RangeError);
    expect(() => new RtoEstimator({ clockGranularityMs: -1 })).toThrow(RangeError);
    expect(() => new RtoEstimator({ minRtoMs: 2000, maxRtoMs: 1000, initialRtoMs: 1500 })).toThrow(RangeError);
    expect(() => new RtoEstimator({ initialRtoMs: 50, minRtoMs: 100 })).toThrow(RangeError);
    expect(() => new RtoEstimator({ initialRtoMs: 90_000 })).toThrow(RangeError);
    const estimator = new RtoEstimator();
    expect(() => estimator.sample(-1)).toThrow(RangeError);
    expect(() => estimator.sample(Number.NaN)).toThrow(RangeError);
    expect(() => estimator.sample(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
