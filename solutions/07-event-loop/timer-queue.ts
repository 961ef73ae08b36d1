/**
 * Exercise 07-event-loop, part 2: a timer queue driven by one host timer (reference solution).
 * See exercises/07-event-loop/timer-queue.ts for the contract.
 *
 * The reference is the SFU's own: server/src/timers/timer-queue.ts (it also keeps statistics:
 * stats, closed, nextDeadline, which the exercise does not ask for).
 */
export type { ClockTimer, TimerClock } from '#server/timers/clock.ts';
export { TimerQueueError } from '#server/timers/errors.ts';
export {
  TimerQueue,
  type TimerCallback,
  type TimerErrorHook,
  type TimerHandle,
  type TimerQueueOptions,
  type TimerState,
} from '#server/timers/timer-queue.ts';
