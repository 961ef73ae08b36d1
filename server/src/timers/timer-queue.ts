/**
 * A timer facility for a media server: thousands of timers armed and
 * cancelled per second (retransmissions, RTCP report intervals, ICE
 * keep-alives, consent freshness), most of them cancelled before they fire.
 *
 * All pending timers live in one indexed min-heap ordered by (deadline, order
 * armed), and the queue holds ONE host timer (setTimeout) armed for the
 * earliest deadline. So:
 *
 *   arm       O(log n); touches the host timer only when the new timer is the earliest
 *   cancel    O(log n); never touches the host timer unless the queue empties
 *   reschedule O(log n) (a keep-alive pushed back on every packet)
 *   fire      O(log n) per timer, in deadline order, equal deadlines first-armed first
 *
 * Cancelling the earliest timer leaves the host timer armed: it wakes the
 * queue a little early, finds nothing due and re-arms. One wasted wake-up is
 * cheaper than a clearTimeout + setTimeout on every cancel, and cancel is the
 * common case. When the queue empties the host timer is cleared, so an idle
 * queue neither wakes up nor keeps the process alive.
 *
 * Rules a callback can rely on:
 * - It never runs before its deadline by the queue's clock (the host timer
 *   may fire early: Node counts timer time in whole milliseconds; the queue
 *   then just re-arms). It gets how late it runs.
 * - A cancelled timer never runs, even when cancelled by a callback of the
 *   same wake-up after it was already due.
 * - A timer armed or rescheduled from inside a callback runs at the earliest
 *   on the next wake-up, even with delay 0, so a callback that re-arms itself
 *   cannot starve the event loop.
 * - A callback that throws is reported to `onError`; the other timers run.
 *
 *   const timers = new TimerQueue();
 *   const rtx = timers.arm(rtoMs, () => retransmit(packet));
 *   ...on the ACK: timers.cancel(rtx);
 *   const keepAlive = timers.arm(15_000, () => sendBindingIndication());
 *   ...on every packet sent: timers.reschedule(keepAlive, 15_000);
 */
import { systemClock, type ClockTimer, type TimerClock } from './clock.ts';
import { TimerQueueError } from './errors.ts';
import { IndexedMinHeap, type HeapNode } from './min-heap.ts';

export type TimerState = 'pending' | 'fired' | 'cancelled';

/** `lateMs`: how long after its deadline the callback started (>= 0), by the queue's clock. */
export type TimerCallback = (lateMs: number) => void;

/** What arm() returns: pass it to cancel() or reschedule(). */
export interface TimerHandle {
  /** When it is due, on the queue's clock (ms). */
  readonly deadline: number;
  /** 'fired' from the moment its callback starts. */
  readonly state: TimerState;
}

export type TimerErrorHook = (error: unknown, timer: TimerHandle) => void;

export interface TimerQueueOptions {
  /** Default: the system clock (performance.now() and setTimeout, ref'ed). */
  readonly clock?: TimerClock;
  /** Called with whatever a callback threw. Default: print it to stderr. */
  readonly onError?: TimerErrorHook;
}

export interface TimerQueueStats {
  readonly pending: number;
  readonly armed: number;
  readonly fired: number;
  readonly cancelled: number;
  /** Callbacks that threw. */
  readonly threw: number;
  /** Host timer callbacks, including early ones that found nothing due. */
  readonly wakeups: number;
  /** Host timers set (setTimeout calls). */
  readonly hostTimersSet: number;
  readonly maxLateMs: number;
}

class Timer implements TimerHandle, HeapNode {
  heapIndex = -1;
  state: TimerState = 'pending';
  deadline: number;
  /** Arm order: the tie-break for equal deadlines, and the cut-off for a wake-up's batch. */
  order: number;
  readonly queue: TimerQueue;
  readonly callback: TimerCallback;

  constructor(queue: TimerQueue, deadline: number, order: number, callback: TimerCallback) {
    this.queue = queue;
    this.deadline = deadline;
    this.order = order;
    this.callback = callback;
  }
}

const firstDue = (a: Timer, b: Timer): boolean => a.deadline < b.deadline || (a.deadline === b.deadline && a.order < b.order);

const printToStderr: TimerErrorHook = (error) => {
  console.error('timers: a timer callback threw (the other timers go on):', error);
};

function checkDelay(delayMs: number): void {
  if (!(delayMs >= 0) || delayMs === Infinity) {
    throw new RangeError(`timers: delay must be a finite number of ms >= 0, got ${delayMs}`);
  }
}

export class TimerQueue {
  readonly #clock: TimerClock;
  readonly #onError: TimerErrorHook;
  readonly #heap = new IndexedMinHeap<Timer>(firstDue);
  #nextOrder = 0;
  #hostTimer: ClockTimer | undefined;
  /** The deadline the host timer was set for; Infinity when none is set. */
  #hostDeadline = Infinity;
  #firing = false;
  #closed = false;
  #armed = 0;
  #fired = 0;
  #cancelled = 0;
  #threw = 0;
  #wakeups = 0;
  #hostTimersSet = 0;
  #maxLateMs = 0;

  constructor(options: TimerQueueOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#onError = options.onError ?? printToStderr;
  }

  /** Pending timers. */
  get size(): number {
    return this.#heap.size;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** The earliest pending deadline, or undefined when nothing is pending. */
  get nextDeadline(): number | undefined {
    return this.#heap.peek()?.deadline;
  }

  get stats(): TimerQueueStats {
    return {
      pending: this.#heap.size,
      armed: this.#armed,
      fired: this.#fired,
      cancelled: this.#cancelled,
      threw: this.#threw,
      wakeups: this.#wakeups,
      hostTimersSet: this.#hostTimersSet,
      maxLateMs: this.#maxLateMs,
    };
  }

  /** Runs `callback` once, `delayMs` from now. RangeError for a bad delay; TimerQueueError 'CLOSED' after close(). */
  arm(delayMs: number, callback: TimerCallback): TimerHandle {
    this.#checkOpen('arm');
    checkDelay(delayMs);
    const timer = new Timer(this, this.#clock.now() + delayMs, this.#nextOrder++, callback);
    this.#heap.push(timer);
    this.#armed += 1;
    this.#armHostTimer();
    return timer;
  }

  /** Stops a pending timer; false when it had already fired, was cancelled, or is another queue's. */
  cancel(handle: TimerHandle): boolean {
    const timer = handle as Timer;
    if (!this.#heap.remove(timer)) return false;
    timer.state = 'cancelled';
    this.#cancelled += 1;
    if (this.#heap.size === 0) this.#clearHostTimer();
    return true;
  }

  /**
   * Makes `handle` due `delayMs` from now, with the same callback: moves a
   * pending timer, or arms again one that fired or was cancelled (a periodic
   * timer reschedules itself from its callback). It then counts as armed last
   * among timers with the same deadline.
   */
  reschedule(handle: TimerHandle, delayMs: number): void {
    this.#checkOpen('reschedule');
    checkDelay(delayMs);
    const timer = handle as Timer;
    if (!(timer instanceof Timer) || timer.queue !== this) {
      throw new TimerQueueError('FOREIGN_TIMER', 'timers: reschedule() was given a timer another queue armed');
    }
    timer.deadline = this.#clock.now() + delayMs;
    timer.order = this.#nextOrder++;
    if (timer.state === 'pending') {
      this.#heap.update(timer);
    } else {
      timer.state = 'pending';
      this.#heap.push(timer);
      this.#armed += 1;
    }
    this.#armHostTimer();
  }

  /** Cancels every pending timer and clears the host timer; arm() then throws. Safe to call twice, and from a callback. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const timer of this.#heap.drain()) {
      timer.state = 'cancelled';
      this.#cancelled += 1;
    }
    this.#clearHostTimer();
  }

  #checkOpen(operation: string): void {
    if (this.#closed) throw new TimerQueueError('CLOSED', `timers: ${operation}() on a closed queue`);
  }

  /** Sets the host timer for the earliest deadline, unless one is set that fires no later. */
  #armHostTimer(): void {
    // A wake-up re-arms once, after its batch, rather than once per timer armed in it.
    if (this.#firing) return;
    const earliest = this.#heap.peek();
    if (earliest === undefined || earliest.deadline >= this.#hostDeadline) return;
    if (this.#hostTimer !== undefined) this.#clock.clearTimer(this.#hostTimer);
    this.#hostDeadline = earliest.deadline;
    this.#hostTimersSet += 1;
    this.#hostTimer = this.#clock.setTimer(this.#wake, Math.max(0, earliest.deadline - this.#clock.now()));
  }

  #clearHostTimer(): void {
    if (this.#hostTimer !== undefined) this.#clock.clearTimer(this.#hostTimer);
    this.#hostTimer = undefined;
    this.#hostDeadline = Infinity;
  }

  /** The host timer's callback: runs every timer due now that was armed before this wake-up. */
  readonly #wake = (): void => {
    this.#hostTimer = undefined;
    this.#hostDeadline = Infinity;
    this.#wakeups += 1;
    this.#firing = true;
    const armedBefore = this.#nextOrder;
    try {
      for (;;) {
        const timer = this.#heap.peek();
        if (timer === undefined || timer.order >= armedBefore) break;
        // Read the clock per timer: a slow callback makes the ones after it due sooner, or later.
        const lateMs = this.#clock.now() - timer.deadline;
        if (lateMs < 0) break;
        this.#heap.pop();
        timer.state = 'fired';
        this.#fired += 1;
        if (lateMs > this.#maxLateMs) this.#maxLateMs = lateMs;
        try {
          timer.callback(lateMs);
        } catch (error) {
          this.#threw += 1;
          this.#onError(error, timer);
        }
      }
    } finally {
      this.#firing = false;
      if (!this.#closed) this.#armHostTimer();
    }
  };
}
