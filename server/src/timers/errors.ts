/**
 * Misuse of a TimerQueue, with a stable `code` to branch on. A bad delay
 * (negative, NaN, infinite) is a RangeError, as it is for Node's own APIs.
 */
export type TimerQueueErrorCode =
  /** arm() or reschedule() after close(). */
  | 'CLOSED'
  /** reschedule() with a handle another queue armed. */
  | 'FOREIGN_TIMER';

export class TimerQueueError extends Error {
  readonly code: TimerQueueErrorCode;

  constructor(code: TimerQueueErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'TimerQueueError';
  }
}
