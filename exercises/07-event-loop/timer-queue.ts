/**
 * Exercise 07-event-loop, part 2: a timer queue driven by one host timer.
 *
 * A media server arms thousands of timers a second (a retransmission per packet, RTCP report
 * intervals, keep-alives) and cancels most of them. Keep every pending timer in your
 * IndexedMinHeap (./min-heap.ts), ordered by deadline and then by the order they were armed, and
 * hold ONE host timer (clock.setTimer) armed for the earliest deadline.
 *
 * new TimerQueue({ clock, onError })
 *   clock     a TimerClock: now() in ms, setTimer(callback, delayMs) -> token, clearTimer(token).
 *             Default: the system clock (performance.now() and setTimeout): import systemClock
 *             from '#server/timers/clock.ts'. The tests pass a ManualClock and move time by hand.
 *   onError   (error, handle) => void, called with whatever a callback threw. Default: print it
 *             with console.error.
 * size                      how many timers are pending
 * arm(delayMs, callback)    makes a timer due at clock.now() + delayMs and returns its handle
 *                           { deadline, state }. callback(lateMs) runs once, lateMs being
 *                           clock.now() - deadline when it starts. RangeError unless delayMs is a
 *                           finite number >= 0; TimerQueueError with code 'CLOSED' after close().
 * cancel(handle)            stops a pending timer: true. false (nothing changes) if it already
 *                           fired, was cancelled, or belongs to another queue.
 * reschedule(handle, delayMs)  makes the timer due delayMs from now with the same callback: moves a
 *                           pending one, or arms again one that fired or was cancelled (a periodic
 *                           timer reschedules itself from its callback). It then counts as armed
 *                           last. TimerQueueError 'CLOSED' after close(), 'FOREIGN_TIMER' for
 *                           another queue's handle; RangeError for a bad delay.
 * close()                   cancels every pending timer, clears the host timer; arm() and
 *                           reschedule() then throw. May be called twice, and from a callback.
 *
 * handle.state is 'pending', then 'fired' (from the moment its callback starts) or 'cancelled'.
 *
 * The rules (each one has a test):
 * - Timers run in deadline order; equal deadlines in the order armed.
 * - Never early: the host timer may fire before the earliest deadline (Node counts timer time in
 *   whole milliseconds; the tests' clock can fire early on purpose). When the
 *   host timer fires, run only what clock.now() says is due, then set the host timer again.
 * - At most one host timer is set at any time, and none while no timer is pending (an idle
 *   queue must not keep the process alive). Cancelling may leave it set, it just wakes you up
 *   early once; arming an earlier timer than the one it is set for must move it.
 * - A cancelled timer never runs, even if a callback cancels it when it was already due.
 * - A timer armed or rescheduled inside a callback runs at the earliest on the NEXT host timer,
 *   even with delay 0: a callback that keeps re-arming itself must not starve the event loop.
 *   (Remember the arm order when the host timer fires, and stop at timers armed after it.)
 * - A callback that throws goes to onError; the timers after it still run.
 *
 *   const timers = new TimerQueue();
 *   const rtx = timers.arm(200, (lateMs) => retransmit());
 *   timers.cancel(rtx);              // the ACK came
 */
import type { TimerCallback, TimerHandle, TimerQueueOptions } from '#server/timers/timer-queue.ts';
export { TimerQueueError } from '#server/timers/errors.ts';
// The shapes the tests use, shared with the SFU's queue (server/src/timers/timer-queue.ts):
//   TimerHandle       { readonly deadline: number; readonly state: 'pending' | 'fired' | 'cancelled' }
//   TimerCallback     (lateMs: number) => void
//   TimerQueueOptions { clock?: TimerClock; onError?: (error: unknown, timer: TimerHandle) => void }
export type { ClockTimer, TimerClock } from '#server/timers/clock.ts';
export type { TimerCallback, TimerErrorHook, TimerHandle, TimerQueueOptions, TimerState } from '#server/timers/timer-queue.ts';

export class TimerQueue {
  constructor(options: TimerQueueOptions = {}) {
    // TODO: keep the clock and onError (with their defaults), an IndexedMinHeap of timers, the
    // host timer's token and the deadline it is set for, and a counter for the arm order.
    throw new Error(`TODO: create a timer queue${options.clock ? ' on the given clock' : ''}`);
  }

  get size(): number {
    throw new Error('TODO: how many timers are pending');
  }

  arm(delayMs: number, callback: TimerCallback): TimerHandle {
    throw new Error(`TODO: arm a timer due in ${delayMs} ms (${callback.name || 'callback'})`);
  }

  cancel(handle: TimerHandle): boolean {
    throw new Error(`TODO: cancel the timer due at ${handle.deadline}`);
  }

  reschedule(handle: TimerHandle, delayMs: number): void {
    throw new Error(`TODO: move the timer due at ${handle.deadline} to ${delayMs} ms from now`);
  }

  close(): void {
    throw new Error('TODO: cancel everything and clear the host timer');
  }
}
