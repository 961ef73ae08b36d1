import { describe, expect, it } from 'vitest';
import { CrashBackoff, type BackoffPolicy, type CrashVerdict } from '../backoff.ts';


const policy: BackoffPolicy = { baseMs: 100, maxMs: 1000, maxCrashes: 6, windowMs: 10_000 };

const restart = (delayMs: number, crashesInWindow: number): CrashVerdict => ({ kind: 'restart', delayMs, crashesInWindow });
const giveUp = (crashesInWindow: number): CrashVerdict => ({ kind: 'give-up', crashesInWindow });

describe('06-cluster: CrashBackoff', () => {
  const cases: Array<{ name: string; policy?: Partial<BackoffPolicy>; crashes: number[]; verdicts: CrashVerdict[] }> = [
    { name: 'a first crash waits baseMs', crashes: [0], verdicts: [restart(100, 1)] },
    {
      name: 'crashes in quick succession double the delay, up to maxMs',
      crashes: [0, 10, 20, 30, 40, 50],
      verdicts: [restart(100, 1), restart(200, 2), restart(400, 3), restart(800, 4), restart(1000, 5), restart(1000, 6)],
    },
    {
      name: 'one crash more than maxCrashes within the window gives up',
      crashes: [0, 1, 2, 3, 4, 5, 6],
      verdicts: [restart(100, 1), restart(200, 2), restart(400, 3), restart(800, 4), restart(1000, 5), restart(1000, 6), giveUp(7)],
    },
    { name: 'a crash windowMs later is a first crash again', crashes: [0, 10_000], verdicts: [restart(100, 1), restart(100, 1)] },
    { name: 'a crash just inside the window still counts', crashes: [0, 9_999], verdicts: [restart(100, 1), restart(200, 2)] },
    {
      name: 'only the crashes inside the window count',
      crashes: [0, 5_000, 9_000, 12_000, 16_000],
      // at 12,000 the crash at 0 is forgotten; at 16,000 the one at 5,000 too
      verdicts: [restart(100, 1), restart(200, 2), restart(400, 3), restart(400, 3), restart(400, 3)],
    },
    { name: 'maxCrashes 0 gives up at the first crash', policy: { maxCrashes: 0 }, crashes: [0], verdicts: [giveUp(1)] },
    { name: 'maxMs equal to baseMs means a constant delay', policy: { maxMs: 100 }, crashes: [0, 1, 2], verdicts: [restart(100, 1), restart(100, 2), restart(100, 3)] },
  ];
  for (const { name, policy: changes, crashes, verdicts } of cases) {
    it(name, () => {
      const backoff = new CrashBackoff({ ...policy, ...changes });
      expect(crashes.map((now) => backoff.recordCrash(now))).toEqual(verdicts);
    });
  }

  const badPolicies: Array<[string, Partial<BackoffPolicy>]> = [
    ['baseMs 0', { baseMs: 0 }],
    ['a negative baseMs', { baseMs: -5 }],
    ['maxMs below baseMs', { maxMs: 50 }],
    ['windowMs 0', { windowMs: 0 }],
    ['a fractional maxCrashes', { maxCrashes: 1.5 }],
    ['a negative maxCrashes', { maxCrashes: -1 }],
    ['an infinite maxMs', { maxMs: Number.POSITIVE_INFINITY }],
  ];
  for (const [name, changes] of badPolicies) {
    it(`refuses ${name} with a RangeError`, () => {
      let thrown: unknown;
      try {
        new CrashBackoff({ ...policy, ...changes });
      } catch (error) {
        thrown = error;
      }
      // Whatever else was thrown (a stub's TODO, say) shows in the message.
      expect(thrown, `threw ${String(thrown)}`).toBeInstanceOf(RangeError);
    });
  }
});
