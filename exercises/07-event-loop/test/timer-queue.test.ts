import { describe, expect, it } from 'vitest';
import { ManualClock } from '#server/timers/manual-clock.ts';
import { createSystemClock } from '#server/timers/clock.ts';
import { TimerQueue, TimerQueueError, type TimerHandle } from '../timer-queue.ts';

/** A queue on a clock the test moves by hand, and a log of what ran when. */
function queueOnManualClock(clockOptions: { earlyMs?: number } = {}) {
  const clock = new ManualClock(clockOptions);
  const errors: unknown[] = [];
  const queue = new TimerQueue({ clock, onError: (error) => errors.push(error) });
  const ran: string[] = [];
  const record = (name: string) => (lateMs: number) => void ran.push(`${name}@${clock.now()}+${lateMs}`);
  return { clock, queue, ran, record, errors };
}

function codeOf(action: () => unknown): string {
  try {
    action();
    return 'no error';
  } catch (error) {
    return error instanceof TimerQueueError ? error.code : `not a TimerQueueError: ${String(error)}`;
  }
}

describe('07-event-loop: TimerQueue order and lateness', () => {
  it('runs timers in deadline order, equal deadlines in the order armed', () => {
    const { clock, queue, ran, record } = queueOnManualClock();
    queue.arm(25, record('keep-alive'));
    queue.arm(10, record('rtx 1'));
    queue.arm(10, record('rtx 2'));
    queue.arm(5, record('rtcp'));
    queue.arm(10, record('rtx 3'));
    expect(queue.size).toBe(5);
    clock.advance(24);
    expect(ran).toEqual(['rtcp@5+0', 'rtx 1@10+0', 'rtx 2@10+0', 'rtx 3@10+0']);
    expect(queue.size).toBe(1);
    clock.advance(1);
    expect(ran.at(-1)).toBe('keep-alive@25+0');
    expect(queue.size).toBe(0);
  });

  it('tells each callback how late it started', () => {
    const clock = new ManualClock();
    // A host whose timers come 4 ms late, like a busy event loop.
    const sluggish = { now: () => clock.now(), setTimer: (fire: () => void, ms: number) => clock.setTimer(fire, ms + 4), clearTimer: (t: unknown) => clock.clearTimer(t) };
    const queue = new TimerQueue({ clock: sluggish });
    const late: number[] = [];
    queue.arm(10, (lateMs) => late.push(lateMs));
    queue.arm(12.5, (lateMs) => late.push(lateMs));
    clock.advance(100);
    expect(late).toEqual([4, 1.5]);
  });

  it('never runs a timer early, even when the host timer fires early', () => {
    const { clock, queue, ran, record } = queueOnManualClock({ earlyMs: 1 });
    queue.arm(3, record('a'));
    queue.arm(20, record('b'));
    clock.advance(2.5);
    expect(ran).toEqual([]);
    clock.advance(50);
    expect(ran).toEqual(['a@3+0', 'b@20+0']);
  });

  it('refuses negative, NaN and infinite delays with a RangeError', () => {
    const { queue } = queueOnManualClock();
    for (const delay of [-5, Number.NaN, Infinity]) expect(() => queue.arm(delay, () => {})).toThrow(RangeError);
    expect(queue.size).toBe(0);
  });
});

describe('07-event-loop: TimerQueue uses one host timer', () => {
  it('never has more than one host timer set, however many timers are pending', () => {
    const { clock, queue } = queueOnManualClock();
    const handles: TimerHandle[] = [];
    for (let i = 0; i < 300; i++) {
      handles.push(queue.arm((i * 7919) % 1000, () => {}));
      if (i % 3 === 0) queue.cancel(handles[(i * 31) % handles.length]!);
      expect(clock.pendingTimers).toBeLessThanOrEqual(1);
    }
    expect(clock.pendingTimers).toBe(1);
    clock.advance(400);
    expect(clock.pendingTimers).toBe(1);
  });

  it('moves the host timer for an earlier timer, and not for later ones', () => {
    const { clock, queue, ran, record } = queueOnManualClock();
    queue.arm(100, record('slow'));
    for (let i = 1; i <= 20; i++) queue.arm(100 + i, () => {});
    expect(clock.setTimerCalls).toBe(1);
    queue.arm(30, record('fast'));
    expect(clock.pendingTimers).toBe(1);
    expect(clock.nextDueAt).toBe(30);
    clock.advance(30);
    expect(ran).toEqual(['fast@30+0']);
  });

  it('leaves no host timer once nothing is pending: cancelled, fired or closed', () => {
    const cancelled = queueOnManualClock();
    const handles = [5, 1, 9].map((delay) => cancelled.queue.arm(delay, () => {}));
    handles.forEach((handle) => expect(cancelled.queue.cancel(handle)).toBe(true));
    expect(cancelled.clock.pendingTimers).toBe(0);

    const fired = queueOnManualClock();
    fired.queue.arm(5, () => {});
    fired.queue.arm(6, () => {});
    fired.clock.advance(6);
    expect(fired.clock.pendingTimers).toBe(0);

    const closed = queueOnManualClock();
    closed.queue.arm(5, () => {});
    closed.queue.close();
    expect(closed.clock.pendingTimers).toBe(0);
  });
});

describe('07-event-loop: TimerQueue cancel and callbacks that change the queue', () => {
  it('cancel() stops a pending timer and is false afterwards, for a fired timer and for another queue’s', () => {
    const { clock, queue, ran, record } = queueOnManualClock();
    const other = new TimerQueue({ clock });
    const acked = queue.arm(10, record('acked'));
    const kept = queue.arm(10, record('kept'));
    const foreign = other.arm(10, () => {});
    expect(queue.cancel(acked)).toBe(true);
    expect(acked.state).toBe('cancelled');
    expect(queue.cancel(acked)).toBe(false);
    expect(queue.cancel(foreign)).toBe(false);
    expect(foreign.state).toBe('pending');
    clock.advance(10);
    expect(ran).toEqual(['kept@10+0']);
    expect(kept.state).toBe('fired');
    expect(queue.cancel(kept)).toBe(false);
  });

  it('never runs a timer that an earlier callback of the same wake-up cancelled', () => {
    const { clock, queue, ran, record } = queueOnManualClock();
    const handles: TimerHandle[] = [];
    handles.push(
      queue.arm(7, () => {
        ran.push('ack arrives');
        queue.cancel(handles[1]!);
      }),
    );
    handles.push(queue.arm(7, record('retransmit')));
    handles.push(queue.arm(7, record('report')));
    clock.advance(10);
    expect(ran).toEqual(['ack arrives', 'report@7+0']);
  });

  it('a timer armed inside a callback waits for the next host timer, so the event loop gets a turn', () => {
    const { clock, queue } = queueOnManualClock();
    let rounds = 0;
    let roundsWhenOthersRan = -1;
    const spin = (): void => {
      rounds += 1;
      if (rounds === 1) clock.setTimer(() => (roundsWhenOthersRan = rounds), 0); // someone else's callback
      if (rounds < 1000) queue.arm(0, spin);
    };
    queue.arm(1, spin);
    clock.advance(1);
    expect(rounds).toBe(1000);
    expect(roundsWhenOthersRan).toBe(1);
  });

  it('a callback may arm, cancel and reschedule other timers', () => {
    const { clock, queue, ran, record } = queueOnManualClock();
    const later = queue.arm(50, record('later'));
    queue.arm(10, () => {
      ran.push('first');
      queue.arm(5, record('armed inside'));
      queue.reschedule(later, 1);
    });
    clock.advance(100);
    expect(ran).toEqual(['first', 'later@11+0', 'armed inside@15+0']);
  });

  it('reports a callback that throws to onError and runs the others', () => {
    const { clock, queue, ran, record, errors } = queueOnManualClock();
    const failure = new Error('send failed');
    queue.arm(3, record('before'));
    queue.arm(3, () => {
      throw failure;
    });
    queue.arm(3, record('after'));
    queue.arm(8, record('next wake-up'));
    clock.advance(10);
    expect(errors).toEqual([failure]);
    expect(ran).toEqual(['before@3+0', 'after@3+0', 'next wake-up@8+0']);
  });
});

describe('07-event-loop: TimerQueue reschedule and close', () => {
  it('reschedule() pushes a pending keep-alive back, without adding a timer', () => {
    const { clock, queue, ran, record } = queueOnManualClock();
    const keepAlive = queue.arm(100, record('keep-alive'));
    for (let t = 0; t < 5; t++) {
      clock.advance(40);
      queue.reschedule(keepAlive, 100); // a packet went out: no keep-alive needed yet
    }
    expect(queue.size).toBe(1);
    expect(keepAlive.deadline).toBe(300);
    clock.advance(99);
    expect(ran).toEqual([]);
    clock.advance(1);
    expect(ran).toEqual(['keep-alive@300+0']);
  });

  it('reschedule() from its own callback makes a periodic timer; it goes after timers already due then', () => {
    const { clock, queue, ran } = queueOnManualClock();
    const report: TimerHandle = queue.arm(20, () => {
      ran.push(`report@${clock.now()}`);
      if (ran.filter((r) => r.startsWith('report')).length < 3) queue.reschedule(report, 20);
    });
    queue.arm(40, () => ran.push('other@40'));
    clock.advance(200);
    expect(ran).toEqual(['report@20', 'other@40', 'report@40', 'report@60']);
    expect(report.state).toBe('fired');
  });

  it('reschedule() arms a cancelled timer again, and refuses another queue’s timer', () => {
    const { clock, queue, ran, record } = queueOnManualClock();
    const handle = queue.arm(5, record('revived'));
    queue.cancel(handle);
    queue.reschedule(handle, 8);
    expect(handle.state).toBe('pending');
    clock.advance(10);
    expect(ran).toEqual(['revived@8+0']);
    const other = new TimerQueue({ clock });
    expect(codeOf(() => other.reschedule(handle, 1))).toBe('FOREIGN_TIMER');
  });

  it('close() cancels every timer, even from a callback in the middle of a wake-up, and refuses new ones', () => {
    const { clock, queue, ran, record } = queueOnManualClock();
    queue.arm(2, () => {
      ran.push('shutdown');
      queue.close();
      queue.close();
    });
    const sameTime = queue.arm(2, record('same time'));
    queue.arm(90, record('later'));
    clock.advance(100);
    expect(ran).toEqual(['shutdown']);
    expect(sameTime.state).toBe('cancelled');
    expect(queue.size).toBe(0);
    expect(clock.pendingTimers).toBe(0);
    expect(codeOf(() => queue.arm(1, () => {}))).toBe('CLOSED');
    expect(codeOf(() => queue.reschedule(sameTime, 1))).toBe('CLOSED');
  });
});

describe('07-event-loop: TimerQueue on the real clock', () => {
  it('fires 300 timers spread over 60 ms, in order and none early (lateness is printed, not judged)', async () => {
    const clock = createSystemClock({ unref: true });
    const queue = new TimerQueue({ clock });
    const firings: Array<{ deadline: number; startedAt: number; lateMs: number }> = [];
    await new Promise<void>((resolve, reject) => {
      const giveUp = setTimeout(() => reject(new Error(`only ${firings.length} of 300 timers fired within 5 s`)), 5000);
      for (let i = 0; i < 300; i++) {
        const handle = queue.arm(((i * 37) % 300) / 5, (lateMs) => {
          firings.push({ deadline: handle.deadline, startedAt: clock.now(), lateMs });
          if (firings.length === 300) {
            clearTimeout(giveUp);
            resolve();
          }
        });
      }
    });
    queue.close();
    expect(firings.filter(({ deadline, startedAt }) => startedAt < deadline)).toEqual([]);
    const deadlines = firings.map(({ deadline }) => deadline);
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
    const late = firings.map(({ lateMs }) => lateMs).sort((a, b) => a - b);
    console.log(`300 timers on the system clock: late median ${late[150]!.toFixed(2)} ms, max ${late[299]!.toFixed(2)} ms`);
  });
});
