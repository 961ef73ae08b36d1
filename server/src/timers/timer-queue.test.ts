import { describe, expect, it, vi } from 'vitest';
import { SeededRandom } from '../common/fuzz.ts';
import { TimerQueueError } from './errors.ts';
import { ManualClock } from './manual-clock.ts';
import { TimerQueue, type TimerHandle } from './timer-queue.ts';

function setUp(options: { earlyMs?: number } = {}) {
  const clock = new ManualClock(options);
  const errors: unknown[] = [];
  const queue = new TimerQueue({ clock, onError: (error) => errors.push(error) });
  const fired: string[] = [];
  const log = (name: string) => () => void fired.push(name);
  return { clock, queue, fired, log, errors };
}

describe('TimerQueue: order', () => {
  it('fires in deadline order, equal deadlines in the order armed, each once', () => {
    const { clock, queue, fired, log } = setUp();
    queue.arm(30, log('c'));
    queue.arm(10, log('a1'));
    queue.arm(20, log('b'));
    queue.arm(10, log('a2'));
    queue.arm(0, log('now'));
    clock.advance(10);
    expect(fired).toEqual(['now', 'a1', 'a2']);
    clock.advance(100);
    expect(fired).toEqual(['now', 'a1', 'a2', 'b', 'c']);
    expect(queue.size).toBe(0);
  });

  it('passes each callback how late it runs, and never runs one early', () => {
    const { clock, queue } = setUp({ earlyMs: 1 });
    const runs: Array<[number, number]> = [];
    for (const delay of [2, 7, 7.5, 40]) queue.arm(delay, (lateMs) => runs.push([clock.now(), lateMs]));
    clock.advance(100);
    expect(runs).toEqual([
      [2, 0],
      [7, 0],
      [7.5, 0],
      [40, 0],
    ]);
    // The host timer fired early (earlyMs) and the queue re-armed instead of running anything.
    expect(queue.stats.wakeups).toBeGreaterThan(4);
  });

  it('measures lateness when the host wakes it late', () => {
    const clock = new ManualClock();
    const late: number[] = [];
    // A host whose timers fire 3 ms late: a busy event loop.
    const slowHost = { now: () => clock.now(), setTimer: (cb: () => void, ms: number) => clock.setTimer(cb, ms + 3), clearTimer: (t: unknown) => clock.clearTimer(t) };
    const queue = new TimerQueue({ clock: slowHost });
    queue.arm(10, (lateMs) => late.push(lateMs));
    queue.arm(11, (lateMs) => late.push(lateMs));
    clock.advance(50);
    expect(late).toEqual([3, 2]);
    expect(queue.stats.maxLateMs).toBe(3);
  });
});

describe('TimerQueue: one host timer', () => {
  it('keeps at most one host timer, and none once nothing is pending', () => {
    const { clock, queue } = setUp();
    const random = new SeededRandom(3);
    const handles: TimerHandle[] = [];
    for (let i = 0; i < 2000; i++) {
      if (random.below(3) === 0 && handles.length > 0) queue.cancel(handles.splice(random.below(handles.length), 1)[0]!);
      else handles.push(queue.arm(random.below(5000), () => {}));
      if (i % 100 === 0) clock.advance(random.below(50));
      expect(clock.pendingTimers).toBeLessThanOrEqual(1);
    }
    handles.forEach((handle) => queue.cancel(handle));
    expect(queue.size).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it('re-arms the host only for a new earliest deadline, and not on cancel', () => {
    const { clock, queue } = setUp();
    const first = queue.arm(100, () => {});
    for (let i = 0; i < 50; i++) queue.arm(200 + i, () => {});
    expect(clock.setTimerCalls).toBe(1);
    queue.arm(50, () => {});
    expect(clock.setTimerCalls).toBe(2);
    queue.cancel(first);
    expect([clock.setTimerCalls, clock.clearTimerCalls]).toEqual([2, 1]);
  });

  it('an early wake-up after cancelling the earliest timer finds nothing and re-arms for the next one', () => {
    const { clock, queue, fired, log } = setUp();
    const early = queue.arm(10, log('early'));
    queue.arm(30, log('late'));
    queue.cancel(early);
    clock.advance(10);
    expect(fired).toEqual([]);
    expect(clock.nextDueAt).toBe(30);
    clock.advance(20);
    expect(fired).toEqual(['late']);
  });
});

describe('TimerQueue: cancel, reschedule, close', () => {
  it('never runs a cancelled timer, even one already due that an earlier callback cancels', () => {
    const { clock, queue, fired, log } = setUp();
    let victim: TimerHandle | undefined;
    queue.arm(5, () => {
      fired.push('killer');
      expect(queue.cancel(victim!)).toBe(true);
    });
    victim = queue.arm(5, log('victim'));
    queue.arm(5, log('bystander'));
    clock.advance(5);
    expect(fired).toEqual(['killer', 'bystander']);
    expect(victim.state).toBe('cancelled');
    expect(queue.cancel(victim)).toBe(false);
  });

  it('cancel() is false for a fired timer and for another queue’s timer', () => {
    const { clock, queue } = setUp();
    const other = new TimerQueue({ clock });
    const mine = queue.arm(1, () => {});
    const theirs = other.arm(1, () => {});
    expect(queue.cancel(theirs)).toBe(false);
    clock.advance(1);
    expect(mine.state).toBe('fired');
    expect(queue.cancel(mine)).toBe(false);
    expect(() => queue.reschedule(theirs, 5)).toThrow(expect.objectContaining({ code: 'FOREIGN_TIMER' }));
  });

  it('a timer armed with delay 0 inside a callback runs on the next wake-up, not in the same one', () => {
    const { clock, queue, fired } = setUp();
    let rounds = 0;
    const again = (): void => {
      fired.push(`round ${rounds}`);
      if (++rounds < 3) queue.arm(0, again);
    };
    queue.arm(1, again);
    queue.arm(1, () => fired.push('sibling'));
    clock.advance(1);
    expect(fired).toEqual(['round 0', 'sibling', 'round 1', 'round 2']);
    expect(queue.stats.wakeups).toBe(3);
  });

  it('reschedule() moves a pending timer, and makes a periodic timer from its own callback', () => {
    const { clock, queue, fired } = setUp();
    const keepAlive = queue.arm(100, () => fired.push(`keep-alive@${clock.now()}`));
    clock.advance(60);
    queue.reschedule(keepAlive, 100); // traffic: push it back to 160
    clock.advance(99);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toEqual(['keep-alive@160']);

    const report: TimerHandle = queue.arm(50, () => {
      fired.push(`rtcp@${clock.now()}`);
      if (fired.length < 4) queue.reschedule(report, 50);
    });
    clock.advance(500);
    expect(fired).toEqual(['keep-alive@160', 'rtcp@210', 'rtcp@260', 'rtcp@310']);
    expect(report.state).toBe('fired');
  });

  it('a rescheduled timer goes after timers already armed for the same deadline', () => {
    const { clock, queue, fired, log } = setUp();
    const moved = queue.arm(10, log('moved'));
    queue.arm(20, log('stayed'));
    clock.advance(5);
    queue.reschedule(moved, 15);
    clock.advance(15);
    expect(fired).toEqual(['stayed', 'moved']);
  });

  it('close() cancels everything, stops a wake-up half-way, and refuses new timers', () => {
    const { clock, queue, fired, log } = setUp();
    queue.arm(1, () => {
      fired.push('closer');
      queue.close();
    });
    const after = queue.arm(1, log('after'));
    queue.arm(50, log('later'));
    clock.advance(100);
    expect(fired).toEqual(['closer']);
    expect(after.state).toBe('cancelled');
    expect(clock.pendingTimers).toBe(0);
    expect(queue.closed).toBe(true);
    expect(() => queue.arm(1, () => {})).toThrow(TimerQueueError);
    expect(() => queue.reschedule(after, 1)).toThrow(expect.objectContaining({ code: 'CLOSED' }));
    queue.close();
  });

  it('refuses negative, NaN and infinite delays', () => {
    const { queue } = setUp();
    for (const delay of [-1, Number.NaN, Infinity]) expect(() => queue.arm(delay, () => {})).toThrow(RangeError);
    expect(queue.size).toBe(0);
  });
});

describe('TimerQueue: errors', () => {
  it('reports a throwing callback to onError and runs the rest', () => {
    const { clock, queue, fired, log, errors } = setUp();
    const boom = new Error('boom');
    const bad = queue.arm(1, () => {
      throw boom;
    });
    queue.arm(1, log('next'));
    queue.arm(2, log('later'));
    clock.advance(2);
    expect(errors).toEqual([boom]);
    expect(fired).toEqual(['next', 'later']);
    expect(bad.state).toBe('fired');
    expect(queue.stats).toMatchObject({ fired: 3, threw: 1, pending: 0 });
  });

  it('prints to stderr when no onError is given', () => {
    const clock = new ManualClock();
    const queue = new TimerQueue({ clock });
    const print = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      queue.arm(1, () => {
        throw new Error('unhandled in a timer');
      });
      clock.advance(1);
      expect(print).toHaveBeenCalledOnce();
      expect(String(print.mock.calls[0]?.[1])).toContain('unhandled in a timer');
    } finally {
      print.mockRestore();
    }
  });
});

describe('TimerQueue: against a model', () => {
  it('fires what a sorted list says, through 5,000 random arms, cancels, reschedules and advances', () => {
    const { clock, queue, fired } = setUp();
    const random = new SeededRandom(11);
    // The model: pending timers as [deadline, order, name]; firing order is the sort order.
    const model = new Map<string, { deadline: number; order: number; handle: TimerHandle }>();
    let order = 0;
    const expected: string[] = [];
    const advanceModel = (to: number): void => {
      const due = [...model.entries()].filter(([, t]) => t.deadline <= to).sort(([, a], [, b]) => a.deadline - b.deadline || a.order - b.order);
      for (const [name] of due) {
        expected.push(name);
        model.delete(name);
      }
    };
    for (let step = 0; step < 5000; step++) {
      const action = random.below(10);
      const names = [...model.keys()];
      if (action < 5 || names.length === 0) {
        const name = `t${step}`;
        const delay = random.below(200);
        model.set(name, { deadline: clock.now() + delay, order: order++, handle: queue.arm(delay, () => fired.push(name)) });
      } else if (action < 7) {
        const name = random.pick(names);
        expect(queue.cancel(model.get(name)!.handle)).toBe(true);
        model.delete(name);
      } else if (action < 8) {
        const name = random.pick(names);
        const timer = model.get(name)!;
        const delay = random.below(200);
        queue.reschedule(timer.handle, delay);
        model.set(name, { ...timer, deadline: clock.now() + delay, order: order++ });
      } else {
        const by = random.below(40);
        advanceModel(clock.now() + by);
        clock.advance(by);
        expect(fired).toEqual(expected);
      }
      expect(queue.size).toBe(model.size);
    }
    advanceModel(Infinity);
    clock.advance(1000);
    expect(fired).toEqual(expected);
    expect(clock.pendingTimers).toBe(0);
  });
});
