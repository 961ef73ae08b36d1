/**
 * Timers for the SFU: one host setTimeout per queue, however many timers are
 * pending (see timer-queue.ts for the costs and the rules callbacks rely on).
 *
 *   const timers = new TimerQueue({ onError: (error) => log.warn(error) });
 *   const rtx = timers.arm(200, (lateMs) => retransmit());
 *   timers.cancel(rtx);
 *
 * Tests drive a queue with a ManualClock instead of sleeping.
 */
export { MAX_TIMER_DELAY_MS, type ClockTimer, type SystemClockOptions, type TimerClock, createSystemClock, systemClock } from './clock.ts';
export { type TimerQueueErrorCode, TimerQueueError } from './errors.ts';
export { type ManualClockOptions, ManualClock } from './manual-clock.ts';
export { type HeapNode, type HeapOrder, IndexedMinHeap } from './min-heap.ts';
export {
  type TimerCallback,
  type TimerErrorHook,
  type TimerHandle,
  type TimerQueueOptions,
  type TimerQueueStats,
  type TimerState,
  TimerQueue,
} from './timer-queue.ts';
