import { describe, expect, it } from 'vitest';
import { ManualClock } from './manual-clock.ts';

describe('ManualClock', () => {
  it('fires timers in due order at their due time, ties in the order set', () => {
    const clock = new ManualClock({ startMs: 100 });
    const seen: string[] = [];
    const log = (name: string) => () => seen.push(`${name}@${clock.now()}`);
    clock.setTimer(log('c'), 30);
    clock.setTimer(log('a'), 10);
    clock.setTimer(log('b'), 10);
    clock.advance(25);
    expect(seen).toEqual(['a@110', 'b@110']);
    expect(clock.now()).toBe(125);
    expect(clock.pendingTimers).toBe(1);
    expect(clock.nextDueAt).toBe(130);
    clock.advance(5);
    expect(seen).toEqual(['a@110', 'b@110', 'c@130']);
  });

  it('runs timers set by a callback when they fall due within the same advance', () => {
    const clock = new ManualClock();
    const seen: number[] = [];
    clock.setTimer(() => {
      seen.push(clock.now());
      clock.setTimer(() => seen.push(clock.now()), 4);
      clock.setTimer(() => seen.push(clock.now()), 40);
    }, 5);
    clock.advance(20);
    expect(seen).toEqual([5, 9]);
    expect(clock.pendingTimers).toBe(1);
  });

  it('clearTimer stops a timer and counts the calls', () => {
    const clock = new ManualClock();
    let fired = false;
    const timer = clock.setTimer(() => (fired = true), 1);
    clock.clearTimer(timer);
    clock.advance(10);
    expect(fired).toBe(false);
    expect([clock.setTimerCalls, clock.clearTimerCalls, clock.pendingTimers]).toEqual([1, 1, 0]);
  });

  it('with earlyMs, fires long timers early and short ones on time', () => {
    const clock = new ManualClock({ earlyMs: 1 });
    const seen: number[] = [];
    clock.setTimer(() => seen.push(clock.now()), 10);
    clock.setTimer(() => seen.push(clock.now()), 1);
    clock.advance(20);
    expect(seen).toEqual([1, 9]);
  });

  it('refuses negative delays and moving backwards', () => {
    const clock = new ManualClock();
    expect(() => clock.setTimer(() => {}, -1)).toThrow(RangeError);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
  });
});
