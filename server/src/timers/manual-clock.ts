/**
 * A TimerClock whose time moves only when a test says so, for testing timer
 * code without sleeping and without flakiness:
 *
 *   const clock = new ManualClock();
 *   const queue = new TimerQueue({ clock });
 *   queue.arm(50, () => fired.push('a'));
 *   clock.advance(49);   // nothing yet
 *   clock.advance(1);    // 'a' runs, and clock.now() reads 50 inside it
 *
 * advance() runs the clock's own timers in the order they fall due, setting
 * now() to each one's time before calling it, so a callback sees the time it
 * was due at; timers set by those callbacks run too if they fall due within
 * the advance. `earlyMs` imitates Node, whose timers can fire a little before
 * performance.now() reaches their time (clock.ts).
 */
import type { ClockTimer, TimerClock } from './clock.ts';

export interface ManualClockOptions {
  /** now() at the start; default 0. */
  readonly startMs?: number;
  /** Fire each timer this much earlier than asked, when it was asked for more than that. Default 0. */
  readonly earlyMs?: number;
}

interface PendingTimer {
  readonly id: number;
  readonly dueAt: number;
  readonly callback: () => void;
}

export class ManualClock implements TimerClock {
  #now: number;
  readonly #earlyMs: number;
  readonly #timers = new Map<number, PendingTimer>();
  #nextId = 1;
  #setTimerCalls = 0;
  #clearTimerCalls = 0;

  constructor(options: ManualClockOptions = {}) {
    this.#now = options.startMs ?? 0;
    this.#earlyMs = options.earlyMs ?? 0;
  }

  now(): number {
    return this.#now;
  }

  setTimer(callback: () => void, delayMs: number): ClockTimer {
    if (!(delayMs >= 0)) throw new RangeError(`ManualClock: delay must be >= 0, got ${delayMs}`);
    this.#setTimerCalls += 1;
    const id = this.#nextId++;
    const early = delayMs > this.#earlyMs ? this.#earlyMs : 0;
    this.#timers.set(id, { id, dueAt: this.#now + delayMs - early, callback });
    return id;
  }

  clearTimer(timer: ClockTimer): void {
    this.#clearTimerCalls += 1;
    this.#timers.delete(timer as number);
  }

  /** How many of this clock's timers are set and not yet fired or cleared. */
  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** How many times setTimer was called: what a timer queue costs its host in re-arms. */
  get setTimerCalls(): number {
    return this.#setTimerCalls;
  }

  get clearTimerCalls(): number {
    return this.#clearTimerCalls;
  }

  /** When the next timer falls due, or undefined with none set. */
  get nextDueAt(): number | undefined {
    return this.#earliest()?.dueAt;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way, in order. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`ManualClock: can only move forward, got ${ms}`);
    const target = this.#now + ms;
    for (let timer = this.#earliest(); timer !== undefined && timer.dueAt <= target; timer = this.#earliest()) {
      this.#timers.delete(timer.id);
      this.#now = Math.max(this.#now, timer.dueAt);
      timer.callback();
    }
    this.#now = target;
  }

  /** Ties go to the timer set first: setTimeout's order. */
  #earliest(): PendingTimer | undefined {
    let earliest: PendingTimer | undefined;
    for (const timer of this.#timers.values()) {
      if (earliest === undefined || timer.dueAt < earliest.dueAt) earliest = timer;
    }
    return earliest;
  }
}
