/**
 * Exercise 08-reliable-udp, part 2: the receiver's side of the sliding window. Segments arrive
 * out of order, twice, or not at all; the application must get them once each, in order.
 *
 * The sender numbers its segments 0, 1, 2, ... (32 bits, no wrap-around in this lab). `ack` is
 * the cumulative acknowledgement: the next sequence number the receiver is waiting for, so every
 * segment below it has been delivered. It starts at 0. accept(sequence, payload) takes one
 * arriving segment and says what happened:
 *
 *   'in-order'       sequence === ack: deliver it, and after it every buffered segment that now
 *                    follows without a hole; ack moves past the last one delivered
 *   'buffered'       ack < sequence < ack + windowSize, not seen yet: keep it until the hole
 *                    before it is filled (nothing delivered, ack unchanged)
 *   'duplicate'      sequence < ack (delivered already), or already buffered: ignore it
 *   'out-of-window'  sequence >= ack + windowSize: no room to keep it; drop it (the sender will
 *                    send it again)
 *
 * Every outcome returns the ack to send back: the receiver acknowledges every segment it gets,
 * duplicates included, so the sender learns quickly that something is missing (three ACKs with
 * the same number in a row are its signal for a fast retransmit).
 *
 * Memory is fixed at construction: windowSize slots, reused as the window slides. Segment s can
 * live in slot s % windowSize: two segments in the window never share one.
 *
 * stats (a snapshot object; later arrivals do not change one you already hold):
 *   delivered    segments handed out so far
 *   buffered     segments held now, waiting for a hole to fill
 *   duplicates   'duplicate' arrivals
 *   outOfWindow  'out-of-window' arrivals
 *
 * Errors: RangeError for a windowSize that is not an integer from 1 to MAX_WINDOW_SIZE, and for a
 * sequence number that is not an integer from 0 to MAX_SEQUENCE.
 *
 *   const window = new ReceiveWindow(8);
 *   window.accept(1, b1)  -> { outcome: 'buffered', deliver: [], ack: 0 }
 *   window.accept(0, b0)  -> { outcome: 'in-order', deliver: [b0, b1], ack: 2 }
 *   window.accept(1, b1)  -> { outcome: 'duplicate', deliver: [], ack: 2 }
 *   window.accept(10, x)  -> { outcome: 'out-of-window', deliver: [], ack: 2 }
 */

export const MAX_SEQUENCE = 0xffff_ffff;
export const MAX_WINDOW_SIZE = 1 << 16;

export type Acceptance = 'in-order' | 'buffered' | 'duplicate' | 'out-of-window';

export interface AcceptResult {
  readonly outcome: Acceptance;
  /** Payloads to hand to the application now, in sequence order (often empty). */
  readonly deliver: Buffer[];
  /** The cumulative ACK after this arrival: the next sequence number expected. */
  readonly ack: number;
}

export interface ReceiveWindowStats {
  readonly delivered: number;
  readonly buffered: number;
  readonly duplicates: number;
  readonly outOfWindow: number;
}

export class ReceiveWindow {
  constructor(windowSize: number) {
    // TODO: check windowSize and allocate the slots.
    throw new Error(`TODO: create a receive window of ${windowSize} segments`);
  }

  /** The next sequence number expected. */
  get ack(): number {
    throw new Error('TODO: return the cumulative ack');
  }

  get stats(): ReceiveWindowStats {
    throw new Error('TODO: return a snapshot of the counters');
  }

  accept(sequence: number, payload: Buffer): AcceptResult {
    // TODO: classify the arrival, buffer or deliver, and return the ack.
    throw new Error(`TODO: accept segment ${sequence} (${payload.length} bytes)`);
  }
}
