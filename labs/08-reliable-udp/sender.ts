/**
 * The sending half of a reliable, ordered transfer over datagrams: a sliding
 * window of segments in flight, cumulative ACKs, one retransmission timer with
 * the RFC 6298 RTO (the estimator is the graded exercise), fast retransmit on
 * three duplicate ACKs (RFC 5681 §3.2) and NewReno's partial-ACK rule
 * (RFC 6582 §3.2) so that several losses in one window are repaired one round
 * trip apart instead of one timeout apart.
 *
 * What it leaves out of TCP, on purpose: congestion control (the window is
 * fixed: flow control only, RFC 5681's cwnd never shrinks), byte sequence
 * numbers, SACK, the handshake and the close. The lab's README says what each
 * one would change.
 *
 * It knows nothing of sockets: `send` puts a datagram on the wire, onDatagram()
 * is fed what comes back, and time comes from a TimerClock, so tests can drive
 * it with a ManualClock.
 */
import { RtoEstimator, type RtoEstimatorOptions } from '#solutions/08-reliable-udp/rto-estimator.ts';
import { TypedEmitter } from '#server/common/typed-emitter.ts';
import { type TimerClock, type TimerHandle, TimerQueue, systemClock } from '#server/timers/index.ts';
import { TransferError } from './errors.ts';
import { type Segment, SegmentError, decodeSegment, encodeData } from './segment.ts';

export const DEFAULT_MAX_PAYLOAD = 1200;

export interface ReliableSenderOptions {
  /** Puts one datagram on the wire. */
  readonly send: (datagram: Buffer) => void;
  /** Segments in flight at most (sent, not yet acknowledged); default 32. */
  readonly windowSegments?: number;
  /** Payload bytes per segment at most; default 1200 (fits a 1280-byte IPv6 minimum MTU with headers). */
  readonly maxPayloadBytes?: number;
  /** Duplicate ACKs that trigger a fast retransmit; default 3 (RFC 5681 §3.2). */
  readonly duplicateAckThreshold?: number;
  /** The RTO estimator's options; default RFC 6298's (1 s floor). */
  readonly rto?: RtoEstimatorOptions;
  /**
   * Time every ACK by the timestamp it echoes (RFC 7323 §4.1), retransmissions included; default true.
   * With false, only segments sent once are timed (Karn, RFC 6298 §3), by the time they were sent.
   */
  readonly timestamps?: boolean;
  /** Give up after a segment has been retransmitted this many times; default 12. */
  readonly maxRetransmissions?: number;
  /** Default: performance.now() and setTimeout. */
  readonly clock?: TimerClock;
}

export type RetransmitReason = 'timeout' | 'fast' | 'partial-ack';

export interface ReliableSenderEvents {
  retransmit: [sequence: number, reason: RetransmitReason, rtoMs: number];
  /** Every segment, the END one included, has been acknowledged. */
  finish: [];
  error: [error: TransferError];
}

export interface ReliableSenderStats {
  readonly segmentsSent: number;
  readonly payloadBytesSent: number;
  /** Segments acknowledged (the cumulative ACK). */
  readonly acked: number;
  readonly retransmissions: { readonly timeout: number; readonly fast: number; readonly partialAck: number };
  readonly duplicateAcks: number;
  readonly rttSamples: number;
  /** ACKs not timed because they covered a retransmitted segment (Karn; only without timestamps). */
  readonly karnSkipped: number;
  /** Datagrams that were not a well-formed ACK. */
  readonly ignored: number;
  readonly rtoMs: number;
  readonly srttMs: number | undefined;
  readonly rttvarMs: number | undefined;
  readonly maxRtoMs: number;
  /** Segments written but not sent yet (waiting for room in the window). */
  readonly queued: number;
  readonly inFlight: number;
}

interface OutgoingSegment {
  readonly payload: Buffer;
  end: boolean;
}

interface InFlightSegment extends OutgoingSegment {
  sentAtMs: number;
  transmissions: number;
}

export class ReliableSender extends TypedEmitter<ReliableSenderEvents> {
  readonly #send: (datagram: Buffer) => void;
  readonly #window: number;
  readonly #maxPayload: number;
  readonly #dupAckThreshold: number;
  readonly #maxRetransmissions: number;
  readonly #timestamps: boolean;
  readonly #clock: TimerClock;
  readonly #timers: TimerQueue;
  readonly #rto: RtoEstimator;
  /** Written, not sent yet; #queueHead is the first one still waiting. */
  #queue: OutgoingSegment[] = [];
  #queueHead = 0;
  readonly #inFlight = new Map<number, InFlightSegment>();
  /** The oldest unacknowledged sequence number (TCP's SND.UNA). */
  #base = 0;
  /** The next sequence number to send (SND.NXT). */
  #next = 0;
  #duplicateAcks = 0;
  /** NewReno's "recover": the highest sequence sent when a loss was detected; undefined outside recovery. */
  #recover: number | undefined;
  #timer: TimerHandle | undefined;
  #ended = false;
  #done = false;
  #stats = { segmentsSent: 0, payloadBytesSent: 0, timeout: 0, fast: 0, partialAck: 0, duplicateAcks: 0, rttSamples: 0, karnSkipped: 0, ignored: 0, maxRtoMs: 0 };

  constructor(options: ReliableSenderOptions) {
    super();
    const { windowSegments = 32, maxPayloadBytes = DEFAULT_MAX_PAYLOAD, duplicateAckThreshold = 3, maxRetransmissions = 12 } = options;
    for (const [name, value, max] of [
      ['windowSegments', windowSegments, 1 << 16],
      ['maxPayloadBytes', maxPayloadBytes, 65_000],
      ['duplicateAckThreshold', duplicateAckThreshold, 1000],
      ['maxRetransmissions', maxRetransmissions, 1000],
    ] as const) {
      if (!Number.isInteger(value) || value < 1 || value > max) throw new RangeError(`sender: ${name} must be an integer from 1 to ${max}, got ${value}`);
    }
    this.#send = options.send;
    this.#window = windowSegments;
    this.#maxPayload = maxPayloadBytes;
    this.#dupAckThreshold = duplicateAckThreshold;
    this.#maxRetransmissions = maxRetransmissions;
    this.#timestamps = options.timestamps ?? true;
    this.#clock = options.clock ?? systemClock;
    this.#timers = new TimerQueue({ clock: this.#clock });
    this.#rto = new RtoEstimator(options.rto);
    this.#stats.maxRtoMs = this.#rto.rtoMs;
  }

  get maxPayloadBytes(): number {
    return this.#maxPayload;
  }

  get stats(): ReliableSenderStats {
    const { timeout, fast, partialAck, ...counters } = this.#stats;
    return {
      ...counters,
      acked: this.#base,
      retransmissions: { timeout, fast, partialAck },
      rtoMs: this.#rto.rtoMs,
      srttMs: this.#rto.srttMs,
      rttvarMs: this.#rto.rttvarMs,
      queued: this.#queue.length - this.#queueHead,
      inFlight: this.#inFlight.size,
    };
  }

  /** Queues one segment's payload; it goes out as soon as the window has room. */
  write(payload: Buffer): void {
    if (this.#done) throw new TransferError('CLOSED', 'sender: write() after close()');
    if (this.#ended) throw new TransferError('ENDED', 'sender: write() after end()');
    if (payload.length > this.#maxPayload) throw new RangeError(`sender: a payload of ${payload.length} bytes is over maxPayloadBytes (${this.#maxPayload})`);
    this.#queue.push({ payload, end: false });
    this.#pump();
  }

  /** Queues `data` cut into segments of maxPayloadBytes. */
  writeAll(data: Buffer): void {
    for (let offset = 0; offset < data.length; offset += this.#maxPayload) this.write(data.subarray(offset, offset + this.#maxPayload));
  }

  /** Marks the last segment written as the end of the stream ('finish' follows once it is all acknowledged). */
  end(): void {
    if (this.#done) throw new TransferError('CLOSED', 'sender: end() after close()');
    if (this.#ended) return;
    this.#ended = true;
    const last = this.#queue[this.#queue.length - 1];
    if (last !== undefined && this.#queueHead < this.#queue.length) last.end = true;
    else this.#queue.push({ payload: Buffer.alloc(0), end: true });
    this.#pump();
  }

  /** Feeds a datagram from the peer (an ACK; anything else is counted and ignored). */
  onDatagram(datagram: Buffer): void {
    if (this.#done) return;
    let segment: Segment;
    try {
      segment = decodeSegment(datagram);
    } catch (error) {
      if (!(error instanceof SegmentError)) throw error;
      this.#stats.ignored += 1;
      return;
    }
    if (segment.type !== 'ack' || segment.ack > this.#next) {
      // Not an ACK, or one for a segment never sent.
      this.#stats.ignored += 1;
      return;
    }
    if (segment.ack > this.#base) this.#onNewAck(segment.ack, segment.timestampEcho);
    else if (segment.ack === this.#base && this.#inFlight.size > 0) this.#onDuplicateAck();
  }

  /** Stops the timer and forgets everything in flight. Safe to call twice. */
  close(): void {
    this.#done = true;
    this.#timers.close();
    this.#inFlight.clear();
    this.#queue = [];
    this.#queueHead = 0;
  }

  #onNewAck(ack: number, timestampEcho: number): void {
    const now = this.#clock.now();
    const newest = this.#inFlight.get(ack - 1)!;
    let retransmitted = false;
    for (let sequence = this.#base; sequence < ack; sequence++) {
      retransmitted ||= this.#inFlight.get(sequence)!.transmissions > 1;
      this.#inFlight.delete(sequence);
    }
    const timed = this.#timestamps
      ? // The echo names the very transmission that made the receiver answer: no ambiguity (RFC 7323 §4.1).
        this.#rto.sample(((timestampOf(now) - timestampEcho) >>> 0) / 1000)
      : // Karn (RFC 6298 §3): an ACK covering a retransmitted segment may answer either copy.
        this.#rto.sample(now - newest.sentAtMs, retransmitted);
    if (timed) this.#stats.rttSamples += 1;
    else this.#stats.karnSkipped += 1;
    this.#base = ack;
    this.#duplicateAcks = 0;
    if (this.#recover !== undefined) {
      if (ack > this.#recover) {
        // RFC 6582 §3.2 step 3, full acknowledgment: everything outstanding at the loss is in.
        this.#recover = undefined;
      } else {
        // Partial acknowledgment: the ACK stopped at the next hole; fill it now, not a timeout later.
        this.#retransmit(ack, 'partial-ack');
      }
    }
    if (this.#done) return;
    if (this.#inFlight.size === 0) this.#stopTimer(); // RFC 6298 §5.2
    else this.#restartTimer(); // §5.3
    this.#pump();
    if (this.#ended && this.#inFlight.size === 0 && this.#queueHead === this.#queue.length) this.#finish();
  }

  #onDuplicateAck(): void {
    this.#stats.duplicateAcks += 1;
    this.#duplicateAcks += 1;
    // RFC 5681 §3.2: the third duplicate ACK means the segment at base was lost, not just late.
    // RFC 6582 §3.2 step 1: not again for losses in the same window as one being repaired.
    if (this.#duplicateAcks === this.#dupAckThreshold && this.#recover === undefined) {
      this.#recover = this.#next - 1;
      this.#retransmit(this.#base, 'fast');
    }
  }

  readonly #onTimeout = (): void => {
    this.#timer = undefined;
    if (this.#inFlight.size === 0) return;
    // RFC 6298 §5.4–5.6: retransmit the earliest unacknowledged segment, back off, restart.
    this.#rto.backoff();
    this.#stats.maxRtoMs = Math.max(this.#stats.maxRtoMs, this.#rto.rtoMs);
    // RFC 6582 §4: after a timeout, duplicate ACKs for data sent before it start no fast retransmit.
    this.#recover = this.#next - 1;
    this.#duplicateAcks = 0;
    this.#retransmit(this.#base, 'timeout');
    if (!this.#done) this.#restartTimer();
  };

  #retransmit(sequence: number, reason: RetransmitReason): void {
    const segment = this.#inFlight.get(sequence);
    if (segment === undefined) return;
    if (segment.transmissions > this.#maxRetransmissions) {
      this.#fail(new TransferError('RETRANSMISSION_LIMIT', `sender: segment ${sequence} sent ${segment.transmissions} times without an ACK`));
      return;
    }
    segment.transmissions += 1;
    segment.sentAtMs = this.#clock.now();
    this.#stats[reason === 'partial-ack' ? 'partialAck' : reason] += 1;
    this.#transmit(sequence, segment);
    this.safeEmit('retransmit', sequence, reason, this.#rto.rtoMs);
  }

  /** Sends new segments while the window has room (sequence < base + window). */
  #pump(): void {
    while (this.#queueHead < this.#queue.length && this.#next < this.#base + this.#window && !this.#done) {
      const outgoing = this.#queue[this.#queueHead++]!;
      const segment: InFlightSegment = { ...outgoing, sentAtMs: this.#clock.now(), transmissions: 1 };
      const sequence = this.#next++;
      this.#inFlight.set(sequence, segment);
      this.#transmit(sequence, segment);
      if (this.#timer === undefined) this.#restartTimer(); // RFC 6298 §5.1
    }
    if (this.#queueHead > 1024 && this.#queueHead * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#queueHead);
      this.#queueHead = 0;
    }
  }

  #transmit(sequence: number, segment: InFlightSegment): void {
    this.#stats.segmentsSent += 1;
    this.#stats.payloadBytesSent += segment.payload.length;
    this.#send(encodeData(sequence, timestampOf(this.#clock.now()), segment.payload, segment.end));
  }

  #restartTimer(): void {
    if (this.#timer === undefined) this.#timer = this.#timers.arm(this.#rto.rtoMs, this.#onTimeout);
    else this.#timers.reschedule(this.#timer, this.#rto.rtoMs);
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) this.#timers.cancel(this.#timer);
    this.#timer = undefined;
  }

  #finish(): void {
    this.close();
    this.safeEmit('finish');
  }

  #fail(error: TransferError): void {
    this.close();
    this.safeEmit('error', error);
  }
}

/** The clock in microseconds modulo 2^32 (wraps after 71 minutes; differences are taken modulo 2^32 too). */
function timestampOf(nowMs: number): number {
  return Math.round(nowMs * 1000) >>> 0;
}
