/**
 * What a TimerQueue needs from the outside world: the time, and one timer it
 * can set and clear. The system clock is performance.now() and Node's
 * setTimeout; tests pass a ManualClock (manual-clock.ts) and move time by hand.
 */

/** An opaque token returned by setTimer, given back to clearTimer. */
export type ClockTimer = unknown;

export interface TimerClock {
  /** Milliseconds on a monotonic clock (fractions allowed). Only differences mean anything. */
  now(): number;
  /** Calls `callback` once, about `delayMs` from now. It may fire a little early or late: the queue checks now(). */
  setTimer(callback: () => void, delayMs: number): ClockTimer;
  clearTimer(timer: ClockTimer): void;
}

/**
 * Node's setTimeout turns anything above 2^31 - 1 ms (about 24.8 days) into
 * 1 ms, with a TimeoutOverflowWarning. A far deadline is armed at the cap
 * instead; the queue re-arms when that wakes it up early.
 */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

export interface SystemClockOptions {
  /** Let the process exit while timers are pending (Node's timeout.unref()). Default false. */
  readonly unref?: boolean;
}

/**
 * performance.now() and setTimeout. Node counts timer time in whole
 * milliseconds of libuv's clock (armed at 10.9 ms, a timer starts at 10), so
 * it can fire up to about a millisecond before performance.now() reaches its
 * deadline; the delay is rounded up here, and the queue re-arms if it is
 * still early.
 */
export function createSystemClock(options: SystemClockOptions = {}): TimerClock {
  const unref = options.unref ?? false;
  return {
    now: () => performance.now(),
    setTimer(callback, delayMs) {
      const timeout = setTimeout(callback, Math.min(Math.ceil(delayMs), MAX_TIMER_DELAY_MS));
      if (unref) timeout.unref();
      return timeout;
    },
    clearTimer(timer) {
      clearTimeout(timer as NodeJS.Timeout);
    },
  };
}

/** The default clock: keeps the process alive while timers are pending, as setTimeout does. */
export const systemClock: TimerClock = createSystemClock();
