/**
 * Building transport-cc feedback from what an SFU saw arrive
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1): the packets
 * received since the last feedback, by transport-wide sequence number and
 * arrival time. Packets missing between them are reported as not received.
 */
import { FEEDBACK_HEADER_SIZE, type FeedbackSsrcs } from '../feedback.ts';
import { sequenceNumberDistance, wrapSequenceNumber } from '../../rtp/sequence.ts';
import { checkUint } from '../wire.ts';
import { ChunkEncoder } from './chunk-encoder.ts';
import {
  CHUNK_SIZE,
  DELTA_UNIT_US,
  FIXED_FCI_SIZE,
  MAX_RUN_LENGTH,
  MAX_SMALL_DELTA,
  REFERENCE_TIME_UNIT_US,
  StatusSymbol,
  type TransportLayerCc,
} from './types.ts';

export interface ReceivedPacket {
  /** The transport-wide sequence number from the RTP header extension. */
  readonly sequenceNumber: number;
  /** Arrival time in µs on a monotonic clock (e.g. performance.now() × 1000). */
  readonly arrivalTimeUs: number;
}

export interface TransportCcBuildOptions extends FeedbackSsrcs {
  /** fb pkt. count of the first feedback; each further one adds 1 (mod 256). */
  readonly feedbackPacketCount: number;
  /** Received packets, in any order; duplicates keep their first arrival. */
  readonly packets: readonly ReceivedPacket[];
  /**
   * The first sequence number to report (the one after the last feedback's
   * end), so that losses right after it are reported too. Packets before it
   * are ignored. Defaults to the lowest sequence number received.
   */
  readonly baseSequenceNumber?: number;
  /** Largest packet to produce, in bytes, so feedback fits the path MTU. Default 1200. */
  readonly maxPacketSize?: number;
}

const MAX_STATUS_COUNT = 0xffff;
const TICKS_PER_REFERENCE = REFERENCE_TIME_UNIT_US / DELTA_UNIT_US;

/** One feedback packet being filled. */
class Feedback {
  readonly #encoder = new ChunkEncoder();
  readonly #deltas: number[] = [];
  #deltaBytes = 0;
  /** Arrival of the last packet added, in 250 µs ticks; the reference time to begin with (§3.1). */
  #lastTicks: number;
  /** Unwrapped sequence number after the last one added. */
  next: number;

  constructor(
    readonly base: number,
    readonly referenceTime: number,
  ) {
    this.next = base;
    this.#lastTicks = referenceTime * TICKS_PER_REFERENCE;
  }

  /** Adds `seq` (and the losses before it) if the delta and the size allow; false if not. */
  tryAdd(seq: number, ticks: number, maxSize: number): boolean {
    const delta = ticks - this.#lastTicks;
    if (delta < -0x8000 || delta > 0x7fff || seq - this.base + 1 > MAX_STATUS_COUNT) return false;
    const gap = seq - this.next;
    // An upper bound: the pending symbols and the gap as chunks, one more for
    // this packet, a large delta and 3 bytes of padding. The first packet always goes in.
    const chunks = this.#encoder.chunks.length + this.#encoder.pendingChunks + Math.ceil(gap / MAX_RUN_LENGTH) + 1;
    const worstSize = FEEDBACK_HEADER_SIZE + FIXED_FCI_SIZE + chunks * CHUNK_SIZE + this.#deltaBytes + 2 + 3;
    if (worstSize > maxSize && this.#deltas.length > 0) return false;
    for (let i = 0; i < gap; i++) this.#encoder.add(StatusSymbol.NotReceived);
    const small = delta >= 0 && delta <= MAX_SMALL_DELTA;
    this.#encoder.add(small ? StatusSymbol.SmallDelta : StatusSymbol.LargeDelta);
    this.#deltas.push(delta);
    this.#deltaBytes += small ? 1 : 2;
    this.#lastTicks = ticks;
    this.next = seq + 1;
    return true;
  }

  finish(options: TransportCcBuildOptions, feedbackPacketCount: number): TransportLayerCc {
    return {
      kind: 'transport-cc',
      senderSsrc: options.senderSsrc,
      mediaSsrc: options.mediaSsrc,
      baseSequenceNumber: wrapSequenceNumber(this.base),
      packetStatusCount: this.next - this.base,
      // The field is 24 bits; the receiver reads it as signed (§3.1).
      referenceTime: ((this.referenceTime & 0xffffff) << 8) >> 8,
      feedbackPacketCount,
      chunks: this.#encoder.finish(),
      receiveDeltas: this.#deltas,
    };
  }
}

/** Packets in unwrapped sequence order from `anchor`, first arrival kept, none before `base`. */
function orderPackets(packets: readonly ReceivedPacket[], anchor: number, base: number | undefined): Map<number, number> {
  const bySeq = new Map<number, number>();
  for (const { sequenceNumber, arrivalTimeUs } of packets) {
    checkUint('transport-wide sequence number', sequenceNumber, 16);
    if (!Number.isFinite(arrivalTimeUs) || arrivalTimeUs < 0) throw new RangeError(`rtcp: arrival time ${arrivalTimeUs} µs is not finite and >= 0`);
    const seq = anchor + sequenceNumberDistance(anchor, sequenceNumber);
    if ((base === undefined || seq >= base) && !bySeq.has(seq)) bySeq.set(seq, arrivalTimeUs);
  }
  return new Map([...bySeq].sort(([a], [b]) => a - b));
}

/**
 * Feedback packets for `packets`: usually one; more when a delta does not fit
 * 16 bits (over 8 s between packets), the span exceeds 65535 statuses, or the
 * packet would outgrow `maxPacketSize`. Empty when nothing was received.
 */
export function buildTransportCc(options: TransportCcBuildOptions): TransportLayerCc[] {
  const anchor = options.baseSequenceNumber ?? options.packets[0]?.sequenceNumber;
  if (anchor === undefined) return [];
  checkUint('base sequence number', anchor, 16);
  checkUint('feedback packet count', options.feedbackPacketCount, 8);
  const ordered = orderPackets(options.packets, anchor, options.baseSequenceNumber);
  const maxSize = options.maxPacketSize ?? 1200;
  const done: TransportLayerCc[] = [];
  let current: Feedback | undefined;
  for (const [seq, arrivalTimeUs] of ordered) {
    const ticks = Math.round(arrivalTimeUs / DELTA_UNIT_US);
    if (current?.tryAdd(seq, ticks, maxSize) === true) continue;
    // A new feedback starts right after the previous one, so the losses in between are still reported.
    const base = current?.next ?? (options.baseSequenceNumber === undefined ? seq : anchor);
    if (current !== undefined) done.push(current.finish(options, (options.feedbackPacketCount + done.length) & 0xff));
    const referenceTime = Math.floor(arrivalTimeUs / REFERENCE_TIME_UNIT_US);
    current = new Feedback(base, referenceTime);
    // Only a gap of more than 65535 statuses keeps a packet out of a fresh feedback: then start at it.
    if (!current.tryAdd(seq, ticks, maxSize)) {
      current = new Feedback(seq, referenceTime);
      current.tryAdd(seq, ticks, maxSize);
    }
  }
  if (current !== undefined) done.push(current.finish(options, (options.feedbackPacketCount + done.length) & 0xff));
  return done;
}
