import { describe, expect, it } from 'vitest';
import { ManualClock, TimerQueue } from '../timers/index.ts';
import { RtcpScheduler } from './rtcp-scheduler.ts';

function setup(randoms: number[]) {
  const clock = new ManualClock();
  const timers = new TimerQueue({ clock });
  const reportsAt: number[] = [];
  let i = 0;
  const scheduler = new RtcpScheduler({ timers, onReport: () => reportsAt.push(clock.now()), random: () => randoms[i++ % randoms.length]! });
  return { clock, timers, scheduler, reportsAt };
}

describe('RtcpScheduler (RFC 3550 §6.2, §6.3.1)', () => {
  const cases: { name: string; video: boolean; randoms: number[]; until: number; reportsAt: number[] }[] = [
    // Video: 1 s × [0.5, 1.5); the first after half an interval.
    { name: 'video every second, randomized, the first after half', video: true, randoms: [0.5], until: 3500, reportsAt: [500, 1500, 2500, 3500] },
    { name: 'the random factor spans 0.5 to 1.5 of the interval', video: true, randoms: [0, 0.999], until: 3000, reportsAt: [250, 1749, 2249] },
    { name: 'audio only: every 5 s', video: false, randoms: [0.5], until: 13_000, reportsAt: [2500, 7500, 12_500] },
  ];
  for (const { name, video, randoms, until, reportsAt } of cases) {
    it(name, () => {
      const context = setup(randoms);
      context.scheduler.setHasVideo(video);
      context.scheduler.start();
      context.clock.advance(until);
      expect(context.reportsAt.map(Math.round)).toEqual(reportsAt);
    });
  }

  it('switches interval when video comes or goes, from the next report on', () => {
    const { scheduler, clock, reportsAt } = setup([0.5]);
    scheduler.start(); // audio: first at 2500
    clock.advance(2500);
    scheduler.setHasVideo(true); // the next is already armed at 2500 + 5000
    clock.advance(5000);
    clock.advance(2000);
    expect(reportsAt).toEqual([2500, 7500, 8500, 9500]);
  });

  it('stop() ends reporting and leaves no timer; start() twice arms one', () => {
    const { scheduler, clock, timers, reportsAt } = setup([0.5]);
    scheduler.start();
    scheduler.start();
    expect(timers.size).toBe(1);
    scheduler.stop();
    clock.advance(20_000);
    expect(reportsAt).toEqual([]);
    expect(timers.size).toBe(0);
    expect(scheduler.running).toBe(false);
  });

  it('keeps reporting when a report throws', () => {
    const clock = new ManualClock();
    const errors: unknown[] = [];
    const timers = new TimerQueue({ clock, onError: (error) => errors.push(error) });
    const scheduler = new RtcpScheduler({
      timers,
      random: () => 0.5,
      onReport: () => {
        throw new Error('boom');
      },
    });
    scheduler.setHasVideo(true);
    scheduler.start();
    clock.advance(2500);
    expect(errors).toHaveLength(3);
    expect(scheduler.reportsSent).toBe(3);
  });
});
