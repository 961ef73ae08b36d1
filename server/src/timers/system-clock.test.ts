/**
 * The queue on the real clock. The machine is shared and noisy, so nothing
 * here asserts how late a timer fires: only that none fires early, all fire in
 * order, and the host timer count stays far below the timer count. Lateness is
 * printed for whoever reads the log.
 */
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../common/fuzz.ts';
import { createSystemClock } from './clock.ts';
import { TimerQueue } from './timer-queue.ts';

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

describe('TimerQueue on the system clock', () => {
  it('fires 500 timers over ~120 ms in deadline order, none early; reports lateness', async () => {
    const clock = createSystemClock();
    const queue = new TimerQueue({ clock });
    const random = new SeededRandom(5);
    const fired: Array<{ deadline: number; lateMs: number; at: number }> = [];
    const all = new Promise<void>((resolve) => {
      for (let i = 0; i < 500; i++) {
        const handle = queue.arm(random.next() * 120, (lateMs) => {
          fired.push({ deadline: handle.deadline, lateMs, at: clock.now() });
          if (fired.length === 500) resolve();
        });
      }
    });
    await all;
    expect(fired.every(({ deadline, at }) => at >= deadline)).toBe(true);
    expect(fired.every(({ lateMs }) => lateMs >= 0)).toBe(true);
    const deadlines = fired.map(({ deadline }) => deadline);
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
    const { hostTimersSet, wakeups } = queue.stats;
    // Not one host timer per timer: wake-ups that fire something are >= 1 ms apart within a 120 ms
    // span, and each may be preceded by at most one early wake-up that only re-arms.
    expect(hostTimersSet).toBeLessThan(300);
    const late = fired.map(({ lateMs }) => lateMs).sort((a, b) => a - b);
    console.log(
      `system clock, 500 timers over 120 ms: late p50 ${percentile(late, 50).toFixed(2)} ms, p99 ${percentile(late, 99).toFixed(2)} ms, ` +
        `max ${late.at(-1)!.toFixed(2)} ms; ${wakeups} wake-ups, ${hostTimersSet} host timers set`,
    );
  });

  it('arms a deadline past setTimeout’s limit without Node’s overflow warning, and lets go when cancelled', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const queue = new TimerQueue({ clock: createSystemClock({ unref: true }) });
      const far = queue.arm(40 * 24 * 3600 * 1000, () => {});
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(queue.stats.wakeups).toBe(0);
      expect(queue.cancel(far)).toBe(true);
      expect(warnings.filter((w) => w.name === 'TimeoutOverflowWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
