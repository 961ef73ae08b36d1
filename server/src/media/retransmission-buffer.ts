/**
 * The packets a producer stream received lately, by sequence number, so that
 * a subscriber's NACK (RFC 4585 §6.2.1) can be answered from the SFU instead
 * of travelling back to the publisher.
 *
 * A ring of `capacity` slots indexed by `seq mod capacity`: capacity is a power
 * of two that divides 2^16, so a slot's stored sequence number tells exactly
 * whether it holds the packet asked for, across wrap-around. Bounded twice:
 * by count (the ring) and by age (a packet older than `maxAgeMs` is never
 * returned: a retransmission that late arrives after the receiver's jitter
 * buffer gave up on it, and only costs bandwidth).
 */
import type { RtpHeaderExtension, RtpPacket } from '../rtp/index.ts';

export interface RetransmissionBufferOptions {
  /** Slots; rounded up to a power of two, at most 32768 (half the sequence space). */
  readonly maxPackets: number;
  readonly maxAgeMs: number;
}

/** Video: about 1000 packets (≈ 1 s of 8 Mbit/s) or 2 s, whichever is less. */
export const VIDEO_RETRANSMISSION_BUFFER: RetransmissionBufferOptions = { maxPackets: 1024, maxAgeMs: 2000 };
/** Audio: 50 packets a second, NACK rarely negotiated; a second is plenty. */
export const AUDIO_RETRANSMISSION_BUFFER: RetransmissionBufferOptions = { maxPackets: 64, maxAgeMs: 1000 };

const MAX_SLOTS = 0x8000;

interface Slot {
  packet: RtpPacket;
  storedAtMs: number;
}

/** What a consumer needs from a producer stream to answer a NACK. */
export interface RetransmissionSource {
  /** The packet with this (producer-side) sequence number, if still held. */
  getPacket(sequenceNumber: number, nowMs: number): RtpPacket | undefined;
}

function copyExtension(extension: RtpHeaderExtension): RtpHeaderExtension {
  if (extension.kind === 'raw') return { ...extension, data: extension.data.slice() };
  return { ...extension, elements: extension.elements.map((element) => ({ id: element.id, data: element.data.slice() })) };
}

/**
 * A packet that owns its bytes. Parsed packets are views into the datagram,
 * and the socket layer reuses its receive buffers, so whatever outlives the
 * datagram's handler must be copied once.
 */
export function ownedRtpPacket(packet: RtpPacket): RtpPacket {
  return {
    ...packet,
    csrcs: [...packet.csrcs],
    extension: packet.extension === undefined ? undefined : copyExtension(packet.extension),
    payload: packet.payload.slice(),
  };
}

export class RetransmissionBuffer implements RetransmissionSource {
  readonly capacity: number;
  readonly maxAgeMs: number;
  readonly #slots: (Slot | undefined)[];

  constructor(options: RetransmissionBufferOptions) {
    if (!(options.maxPackets >= 1 && options.maxPackets <= MAX_SLOTS)) {
      throw new RangeError(`media: retransmission buffer size must be in [1, ${MAX_SLOTS}], got ${options.maxPackets}`);
    }
    if (!(options.maxAgeMs > 0)) throw new RangeError(`media: retransmission buffer age must be > 0 ms, got ${options.maxAgeMs}`);
    this.capacity = 2 ** Math.ceil(Math.log2(options.maxPackets));
    this.maxAgeMs = options.maxAgeMs;
    this.#slots = new Array<Slot | undefined>(this.capacity).fill(undefined);
  }

  /** Keeps `packet` (which must own its bytes, see ownedRtpPacket), replacing whatever shared its slot. */
  store(packet: RtpPacket, nowMs: number): void {
    this.#slots[packet.sequenceNumber & (this.capacity - 1)] = { packet, storedAtMs: nowMs };
  }

  /** Whether this sequence number is held and fresh: a second copy of it is a duplicate. */
  has(sequenceNumber: number, nowMs: number): boolean {
    return this.getPacket(sequenceNumber, nowMs) !== undefined;
  }

  getPacket(sequenceNumber: number, nowMs: number): RtpPacket | undefined {
    const slot = this.#slots[sequenceNumber & (this.capacity - 1)];
    if (slot === undefined || slot.packet.sequenceNumber !== sequenceNumber) return undefined;
    if (nowMs - slot.storedAtMs > this.maxAgeMs) return undefined;
    return slot.packet;
  }

  clear(): void {
    this.#slots.fill(undefined);
  }
}
