/**
 * Generic NACKs (RFC 4585 §6.2.1) to a publisher for packets lost between it
 * and the SFU, after libwebrtc's NackRequester and mediasoup's NackGenerator.
 *
 * Subscribers' NACKs are answered from the producer's retransmission buffer,
 * but a packet lost on the publisher's leg is in no buffer: only the
 * publisher can resend it (as RTX, RFC 4588), and only if the SFU asks.
 *
 * - A gap in the sequence numbers (16-bit, wrap-around aware) puts each
 *   missing number on the list. The first request waits a short reorder
 *   delay (clamp(RTT, 5, 20) ms; 15 ms before the RTT is known): a packet
 *   merely reordered arrives within it and is never asked for.
 * - A number still missing is asked again every max(RTT, 20 ms), up to
 *   `maxRetries` times, and dropped after `maxAgeMs` (1 s): by then the
 *   receivers' jitter buffers have given up on it.
 * - The packet, or its RTX, arriving takes its number off the list.
 * - The list holds at most `maxPackets` (1000) numbers. A gap that would
 *   overflow it means the loss is beyond repair by NACK: the list is cleared
 *   and a key frame is asked for instead (libwebrtc does the same).
 *
 * Each timer tick sends one RTPFB packet per stream with every due number
 * packed into PID/BLP pairs (nackPairsFromSequenceNumbers).
 */
import { nackPairsFromSequenceNumbers, type TransportLayerNack } from '../rtcp/index.ts';
import { sequenceNumberDistance, wrapSequenceNumber } from '../rtp/index.ts';
import type { TimerHandle, TimerQueue } from '../timers/index.ts';

export interface NackGeneratorOptions {
  /** The SSRC the SFU's RTCP to this publisher comes from. */
  readonly senderSsrc: number;
  readonly timers: TimerQueue;
  /** The timer queue's clock, in ms. */
  readonly now: () => number;
  /** The round trip to the publisher (XR DLRR), when known. */
  readonly roundTripTimeMs?: () => number | undefined;
  readonly send: (packet: TransportLayerNack) => void;
  /** The list overflowed or a gap was too large: NACK cannot repair it, a key frame can. */
  readonly onKeyframeNeeded?: () => void;
  /** Requests per missing packet. Default 10. */
  readonly maxRetries?: number;
  /** A missing packet is given up this long after its gap was seen. Default 1000 ms. */
  readonly maxAgeMs?: number;
  /** The most missing packets tracked. Default 1000. */
  readonly maxPackets?: number;
}

export interface NackGeneratorStats {
  /** RTPFB NACK packets sent. */
  readonly nacksSent: number;
  /** Sequence numbers requested, counting every retry. */
  readonly nackedPackets: number;
  /** Missing packets that arrived (as media or RTX) while on the list. */
  readonly recovered: number;
  /** Missing packets given up: too old, out of retries, or cleared on overflow. */
  readonly givenUp: number;
  /** Key frames asked for instead of NACKs. */
  readonly keyframeRequests: number;
  /** Numbers on the list now. */
  readonly missing: number;
}

interface MissingPacket {
  readonly detectedAt: number;
  sentAt: number | undefined;
  retries: number;
}

const UNKNOWN_RTT_REORDER_DELAY_MS = 15;
const MIN_REORDER_DELAY_MS = 5;
const MAX_REORDER_DELAY_MS = 20;
const MIN_RETRY_INTERVAL_MS = 20;
/** 256 PID/BLP pairs: a 1036-byte packet, within one datagram. */
const MAX_PAIRS_PER_PACKET = 256;

export class NackGenerator {
  readonly #options: NackGeneratorOptions;
  readonly #maxRetries: number;
  readonly #maxAgeMs: number;
  readonly #maxPackets: number;
  /** Missing sequence numbers, in insertion (= sequence) order across the wrap. */
  readonly #missing = new Map<number, MissingPacket>();
  #mediaSsrc: number | undefined;
  #highest: number | undefined;
  #timer: TimerHandle | undefined;
  #timerDueAt = Infinity;
  #nacksSent = 0;
  #nackedPackets = 0;
  #recovered = 0;
  #givenUp = 0;
  #keyframeRequests = 0;
  #closed = false;

  constructor(options: NackGeneratorOptions) {
    this.#options = options;
    this.#maxRetries = options.maxRetries ?? 10;
    this.#maxAgeMs = options.maxAgeMs ?? 1000;
    this.#maxPackets = options.maxPackets ?? 1000;
    if (!(this.#maxPackets >= 1 && this.#maxPackets < 0x8000)) throw new RangeError(`media: NACK list bound must be 1..32767, got ${this.#maxPackets}`);
  }

  get stats(): NackGeneratorStats {
    return {
      nacksSent: this.#nacksSent,
      nackedPackets: this.#nackedPackets,
      recovered: this.#recovered,
      givenUp: this.#givenUp,
      keyframeRequests: this.#keyframeRequests,
      missing: this.#missing.size,
    };
  }

  /** The sequence numbers on the list, oldest first. */
  missingSequenceNumbers(): number[] {
    return [...this.#missing.keys()];
  }

  /**
   * A packet arrived on the media SSRC (padding included: its number is not
   * lost), or `recovered` from RTX. A new SSRC means the sender restarted
   * the stream: nothing of the old one is asked for any more.
   */
  receivePacket(ssrc: number, sequenceNumber: number, recovered = false): void {
    if (this.#closed) return;
    if (ssrc !== this.#mediaSsrc) {
      if (recovered) return;
      this.#reset();
      this.#mediaSsrc = ssrc;
    }
    if (this.#highest === undefined) {
      if (!recovered) this.#highest = sequenceNumber;
      return;
    }
    const ahead = sequenceNumberDistance(this.#highest, sequenceNumber);
    if (recovered || ahead <= 0) {
      if (this.#missing.delete(sequenceNumber)) {
        this.#recovered += 1;
        if (this.#missing.size === 0) this.#cancelTimer();
      }
      return;
    }
    const gap = ahead - 1;
    this.#highest = sequenceNumber;
    if (gap === 0) return;
    if (this.#missing.size + gap > this.#maxPackets) {
      this.#givenUp += this.#missing.size;
      this.#missing.clear();
      this.#cancelTimer();
      this.#keyframeRequests += 1;
      this.#options.onKeyframeNeeded?.();
      return;
    }
    const now = this.#options.now();
    for (let i = gap; i >= 1; i--) {
      this.#missing.set(wrapSequenceNumber(sequenceNumber - i), { detectedAt: now, sentAt: undefined, retries: 0 });
    }
    this.#armFor(now + this.#reorderDelayMs());
  }

  close(): void {
    this.#closed = true;
    this.#reset();
  }

  #reset(): void {
    this.#missing.clear();
    this.#highest = undefined;
    this.#mediaSsrc = undefined;
    this.#cancelTimer();
  }

  #reorderDelayMs(): number {
    const rtt = this.#options.roundTripTimeMs?.();
    if (rtt === undefined) return UNKNOWN_RTT_REORDER_DELAY_MS;
    return Math.min(Math.max(rtt, MIN_REORDER_DELAY_MS), MAX_REORDER_DELAY_MS);
  }

  #retryIntervalMs(): number {
    return Math.max(this.#options.roundTripTimeMs?.() ?? 0, MIN_RETRY_INTERVAL_MS);
  }

  readonly #onTimer = (): void => {
    this.#timer = undefined;
    this.#timerDueAt = Infinity;
    const now = this.#options.now();
    const reorderDelay = this.#reorderDelayMs();
    const retryInterval = this.#retryIntervalMs();
    const due: number[] = [];
    let next = Infinity;
    for (const [sequenceNumber, packet] of this.#missing) {
      if (now - packet.detectedAt >= this.#maxAgeMs || packet.retries >= this.#maxRetries) {
        this.#missing.delete(sequenceNumber);
        this.#givenUp += 1;
        continue;
      }
      const dueAt = packet.sentAt === undefined ? packet.detectedAt + reorderDelay : packet.sentAt + retryInterval;
      if (dueAt > now) {
        next = Math.min(next, dueAt);
        continue;
      }
      due.push(sequenceNumber);
      packet.retries += 1;
      packet.sentAt = now;
      // The last retry still gets its interval to be answered before the packet is given up.
      next = Math.min(next, now + retryInterval);
    }
    if (due.length > 0) this.#send(due);
    if (this.#missing.size > 0 && next !== Infinity) this.#armFor(next);
  };

  #send(sequenceNumbers: number[]): void {
    const mediaSsrc = this.#mediaSsrc;
    if (mediaSsrc === undefined) return;
    const pairs = nackPairsFromSequenceNumbers(sequenceNumbers);
    for (let i = 0; i < pairs.length; i += MAX_PAIRS_PER_PACKET) {
      this.#nacksSent += 1;
      this.#options.send({ kind: 'transport-layer-nack', senderSsrc: this.#options.senderSsrc, mediaSsrc, nacks: pairs.slice(i, i + MAX_PAIRS_PER_PACKET) });
    }
    this.#nackedPackets += sequenceNumbers.length;
  }

  /** Arms the one timer for `dueAt`, unless it is already armed no later. */
  #armFor(dueAt: number): void {
    if (this.#timer !== undefined && this.#timerDueAt <= dueAt) return;
    this.#cancelTimer();
    this.#timerDueAt = dueAt;
    this.#timer = this.#options.timers.arm(Math.max(0, dueAt - this.#options.now()), this.#onTimer);
  }

  #cancelTimer(): void {
    if (this.#timer !== undefined) this.#options.timers.cancel(this.#timer);
    this.#timer = undefined;
    this.#timerDueAt = Infinity;
  }
}
