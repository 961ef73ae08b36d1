/**
 * Exercise 04-udp, part 1: what happened to the datagrams? A receiver's sequence tracker.
 *
 * The sender numbers its datagrams 0, 1, 2, ... in a 16-bit field, so after 65535 comes 0 again
 * (as in RTP). The network may drop, duplicate or reorder them. track(sequence) is called with
 * each number as it arrives and says what that arrival means:
 *
 *   'in-order'   the first number tracked, or exactly one more than the highest so far
 *   'gap'        more than one ahead: the numbers in between are missing (counted as lost)
 *   'duplicate'  a number already received (the highest again, or an older one in the window)
 *   'reordered'  a missing number in the window arrived late: it fills its gap (lost - 1)
 *   'too-old'    behind the window, or before the first number tracked: cannot be judged
 *
 * Wrap-around: "ahead" and "behind" are measured the short way round the 16-bit circle. From
 * highest h, a number s is ahead by d = (s - h) mod 65536 when d is 1 to 32767, and behind by
 * 65536 - d when d is 32768 to 65535 (0 is h itself). So after 65535, 0 is in order; after 0, 65535
 * is one behind. A jump of 32768 or more forward cannot be told apart from a very late packet:
 * it is 'too-old'.
 *
 * The window: the tracker remembers, for the windowSize numbers ending at the highest
 * (highest - windowSize + 1 ... highest), which have arrived. Memory is fixed at construction: a
 * jump of 30000 must not allocate 30000 of anything. A number that leaves the window while
 * missing stays counted in `lost` for good; if it turns up later, it is 'too-old'.
 *
 * stats (a snapshot object; later arrivals do not change one you already hold):
 *   received    distinct numbers accepted: 'in-order' + 'gap' + 'reordered' arrivals
 *   lost        numbers skipped by a gap and not received since
 *   duplicates  'duplicate' arrivals
 *   reordered   'reordered' arrivals
 *   tooOld      'too-old' arrivals (counted nowhere else)
 *
 * Errors: RangeError for a sequence number that is not an integer from 0 to 65535, and for a
 * windowSize that is not an integer from 1 to MAX_WINDOW_SIZE.
 *
 *   const tracker = new SequenceTracker();
 *   [5, 6, 9, 7, 7, 8].map((s) => tracker.track(s));
 *     -> ['in-order', 'in-order', 'gap', 'reordered', 'duplicate', 'reordered']
 *   tracker.stats -> { received: 5, lost: 0, duplicates: 1, reordered: 2, tooOld: 0 }
 */

/** Sequence numbers are 16-bit: 0 to 65535, then 0 again. */
export const SEQUENCE_MODULUS = 0x1_0000;
/** How many numbers back the tracker remembers, unless told otherwise. */
export const DEFAULT_WINDOW_SIZE = 1024;
/** Half the number space: a larger window could not tell behind from ahead. */
export const MAX_WINDOW_SIZE = SEQUENCE_MODULUS / 2;

export type Arrival = 'in-order' | 'gap' | 'duplicate' | 'reordered' | 'too-old';

export interface SequenceStats {
  /** Distinct sequence numbers accepted. */
  readonly received: number;
  /** Skipped numbers not received (yet). */
  readonly lost: number;
  readonly duplicates: number;
  /** Late arrivals that filled a gap. */
  readonly reordered: number;
  /** Arrivals too far behind to judge. */
  readonly tooOld: number;
}

export interface SequenceTrackerOptions {
  /** How many numbers, ending at the highest, the tracker remembers; default DEFAULT_WINDOW_SIZE. */
  readonly windowSize?: number;
}

export class SequenceTracker {
  constructor(options: SequenceTrackerOptions = {}) {
    // TODO: check windowSize, and allocate a fixed-size record of which numbers in the window arrived.
    throw new Error(`TODO: create a sequence tracker (window ${options.windowSize ?? DEFAULT_WINDOW_SIZE})`);
  }

  get stats(): SequenceStats {
    throw new Error('TODO: return a snapshot of the counters');
  }

  track(sequence: number): Arrival {
    // TODO: classify the arrival as described above and update the counters.
    throw new Error(`TODO: classify sequence number ${sequence}`);
  }
}
