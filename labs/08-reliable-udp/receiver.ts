/**
 * The receiving half: every DATA segment is put through the reorder buffer
 * (ReceiveWindow, the graded exercise) and answered at once with the
 * cumulative ACK, duplicates and out-of-order segments included. That is what
 * makes duplicate ACKs, the sender's early sign of a loss (RFC 5681 §4.2 says
 * a TCP receiver SHOULD send an immediate duplicate ACK for an out-of-order
 * segment; this one never delays an ACK at all).
 *
 * 'data' gives the payloads once each and in order; 'end' comes after the
 * payload of the segment marked END. The receiver keeps answering after 'end',
 * because its last ACK may be lost and the sender will send the END segment
 * again: TCP's TIME_WAIT exists for the same reason (RFC 9293 §3.6.1).
 */
import { ReceiveWindow, type ReceiveWindowStats } from '#solutions/08-reliable-udp/receive-window.ts';
import { TypedEmitter } from '#server/common/typed-emitter.ts';
import { type Segment, SegmentError, decodeSegment, encodeAck } from './segment.ts';

export const DEFAULT_RECEIVE_WINDOW = 1024;

export interface ReliableReceiverOptions {
  /** Puts one datagram (an ACK) on the wire. */
  readonly send: (datagram: Buffer) => void;
  /** Out-of-order segments it can hold; default 1024. Keep it at least the sender's window. */
  readonly windowSegments?: number;
}

export interface ReliableReceiverEvents {
  data: [payload: Buffer];
  end: [];
}

export interface ReliableReceiverStats extends ReceiveWindowStats {
  readonly acksSent: number;
  /** Datagrams that were not a well-formed DATA segment. */
  readonly ignored: number;
  readonly payloadBytesDelivered: number;
}

export class ReliableReceiver extends TypedEmitter<ReliableReceiverEvents> {
  readonly #send: (datagram: Buffer) => void;
  readonly #window: ReceiveWindow;
  #endSequence: number | undefined;
  #ended = false;
  #acksSent = 0;
  #ignored = 0;
  #payloadBytesDelivered = 0;

  constructor(options: ReliableReceiverOptions) {
    super();
    this.#send = options.send;
    this.#window = new ReceiveWindow(options.windowSegments ?? DEFAULT_RECEIVE_WINDOW);
  }

  get ended(): boolean {
    return this.#ended;
  }

  get stats(): ReliableReceiverStats {
    return { ...this.#window.stats, acksSent: this.#acksSent, ignored: this.#ignored, payloadBytesDelivered: this.#payloadBytesDelivered };
  }

  onDatagram(datagram: Buffer): void {
    let segment: Segment;
    try {
      segment = decodeSegment(datagram);
    } catch (error) {
      if (!(error instanceof SegmentError)) throw error;
      this.#ignored += 1;
      return;
    }
    if (segment.type !== 'data') {
      this.#ignored += 1;
      return;
    }
    // The payload is a view of the datagram; Node does not reuse receive buffers, so keeping it is safe.
    const result = this.#window.accept(segment.sequence, segment.payload);
    if (segment.end && result.outcome !== 'out-of-window') this.#endSequence = segment.sequence;
    this.#acksSent += 1;
    // RFC 7323 §4.3 echoes the segment that advanced the window; with no delayed ACKs, that is this one.
    this.#send(encodeAck(result.ack, segment.timestamp));
    for (const payload of result.deliver) {
      this.#payloadBytesDelivered += payload.length;
      // An empty segment carries only the END flag: nothing for the application.
      if (payload.length > 0) this.safeEmit('data', payload);
    }
    if (!this.#ended && this.#endSequence !== undefined && result.ack > this.#endSequence) {
      this.#ended = true;
      this.safeEmit('end');
    }
  }
}
