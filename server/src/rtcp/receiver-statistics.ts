/**
 * What a receiver keeps per RTP source to fill its report block: the sequence
 * tracking of RFC 3550 A.1, loss (A.3) and interarrival jitter (A.8), plus
 * LSR/DLSR from the source's last SR (§6.4.1). No sockets and no timers: the
 * caller feeds packets and asks for a block when it sends a report.
 */
import { compactNtp, compactNtpToMs, msToCompactNtp } from './ntp.ts';
import type { ReportBlock } from './report-block.ts';
import { SEQUENCE_NUMBER_MODULUS } from '../rtp/sequence.ts';

export interface ReceiverStatisticsOptions {
  readonly ssrc: number;
  /** RTP clock rate of the payload (90000 for video, 48000 for Opus); jitter is in these units. */
  readonly clockRate: number;
  /** A.1: the largest forward jump still taken as in order. Default 3000. */
  readonly maxDropout?: number;
  /** A.1: the largest backward jump taken as reordering, not a restart. Default 100. */
  readonly maxMisorder?: number;
  /** A.1: in-order packets needed before a new source is valid. Default 2. */
  readonly minSequential?: number;
}

export interface ReceivedRtp {
  readonly sequenceNumber: number;
  readonly rtpTimestamp: number;
  /** Arrival on the receiver's clock, in ms. */
  readonly arrivalTimeMs: number;
}

/** A.3: cumulative lost is a 24-bit signed field, so it saturates. */
const MAX_CUMULATIVE_LOST = 0x7fffff;
const MIN_CUMULATIVE_LOST = -0x800000;
const TWO_32 = 2 ** 32;

/** The signed difference of two 32-bit RTP timestamps, so a wrap is a small step. */
function timestampDelta(later: number, earlier: number): number {
  return (later - earlier) | 0;
}

export class ReceiverStatistics {
  readonly ssrc: number;
  readonly clockRate: number;
  readonly #maxDropout: number;
  readonly #maxMisorder: number;
  readonly #minSequential: number;

  // RFC 3550 A.1 `source` fields; `cycles` counts in units of 65536.
  #maxSeq = 0;
  #cycles = 0;
  #baseSeq = 0;
  #badSeq = SEQUENCE_NUMBER_MODULUS + 1;
  #probation: number;
  #received = 0;
  #expectedPrior = 0;
  #receivedPrior = 0;
  #started = false;

  // A.8: jitter as a float in timestamp units; the previous packet's arrival (in those units) and timestamp.
  #jitter = 0;
  #lastArrival: number | undefined;
  #lastTimestamp = 0;

  #lastSr: { readonly lsr: number; readonly arrivalTimeMs: number } | undefined;

  constructor(options: ReceiverStatisticsOptions) {
    if (!(options.clockRate > 0)) throw new RangeError(`rtcp: clock rate must be > 0, got ${options.clockRate}`);
    this.ssrc = options.ssrc;
    this.clockRate = options.clockRate;
    this.#maxDropout = options.maxDropout ?? 3000;
    this.#maxMisorder = options.maxMisorder ?? 100;
    this.#minSequential = options.minSequential ?? 2;
    this.#probation = this.#minSequential;
  }

  /** True once MIN_SEQUENTIAL in-order packets made the source valid (A.1). */
  get valid(): boolean {
    return this.#probation === 0;
  }

  get packetsReceived(): number {
    return this.#received;
  }

  /** Highest sequence number seen, plus 65536 per wrap (A.1); 32 bits in a report block. */
  get extendedHighestSequence(): number {
    return this.#cycles + this.#maxSeq;
  }

  /** Interarrival jitter in RTP timestamp units (A.8). */
  get jitter(): number {
    return this.#jitter;
  }

  /**
   * Feeds one RTP packet (A.1 update_seq, then A.8). Returns false when the
   * packet should not count: the source is still on probation, or the packet
   * jumped far and may belong to a restarted sender.
   */
  receivePacket(packet: ReceivedRtp): boolean {
    if (!this.#started) {
      // A.1: "s->max_seq = seq - 1; s->probation = MIN_SEQUENTIAL" for a new source.
      this.#initSequence(packet.sequenceNumber);
      this.#maxSeq = (packet.sequenceNumber - 1 + SEQUENCE_NUMBER_MODULUS) % SEQUENCE_NUMBER_MODULUS;
      this.#started = true;
    }
    if (!this.#updateSequence(packet.sequenceNumber)) return false;
    this.#updateJitter(packet);
    return true;
  }

  /** Remembers an SR from this source for the LSR/DLSR of the next report block (RFC 3550 §6.4.1). */
  receiveSenderReport(report: { readonly ntpTimestamp: bigint; readonly arrivalTimeMs: number }): void {
    this.#lastSr = { lsr: compactNtp(report.ntpTimestamp), arrivalTimeMs: report.arrivalTimeMs };
  }

  /**
   * The report block for a report sent at `nowMs` (same clock as the
   * arrivals), per A.3; starts a new interval for the fraction lost.
   * Undefined while the source is not yet valid: there is nothing to report.
   */
  createReportBlock(nowMs: number): ReportBlock | undefined {
    if (!this.valid) return undefined;
    const extendedMax = this.extendedHighestSequence;
    const expected = extendedMax - this.#baseSeq + 1;
    const lost = expected - this.#received;
    const expectedInterval = expected - this.#expectedPrior;
    const receivedInterval = this.#received - this.#receivedPrior;
    this.#expectedPrior = expected;
    this.#receivedPrior = this.#received;
    const lostInterval = expectedInterval - receivedInterval;
    return {
      ssrc: this.ssrc,
      fractionLost: expectedInterval === 0 || lostInterval <= 0 ? 0 : Math.floor((lostInterval * 256) / expectedInterval),
      cumulativeLost: Math.min(MAX_CUMULATIVE_LOST, Math.max(MIN_CUMULATIVE_LOST, lost)),
      extendedHighestSequence: extendedMax % TWO_32,
      jitter: Math.min(TWO_32 - 1, Math.floor(this.#jitter)),
      lastSenderReport: this.#lastSr?.lsr ?? 0,
      delaySinceLastSenderReport: this.#lastSr === undefined ? 0 : msToCompactNtp(nowMs - this.#lastSr.arrivalTimeMs),
    };
  }

  /** A.1 init_seq. */
  #initSequence(seq: number): void {
    this.#baseSeq = seq;
    this.#maxSeq = seq;
    this.#badSeq = SEQUENCE_NUMBER_MODULUS + 1; // so seq == bad_seq is false
    this.#cycles = 0;
    this.#received = 0;
    this.#receivedPrior = 0;
    this.#expectedPrior = 0;
    // "Pretend this was the first packet" (A.1): a restarted sender's transit time starts afresh.
    this.#lastArrival = undefined;
  }

  /** A.1 update_seq, with the sequential test done modulo 2^16. */
  #updateSequence(seq: number): boolean {
    const udelta = (seq - this.#maxSeq + SEQUENCE_NUMBER_MODULUS) % SEQUENCE_NUMBER_MODULUS;
    if (this.#probation > 0) {
      if (seq === (this.#maxSeq + 1) % SEQUENCE_NUMBER_MODULUS) {
        this.#probation--;
        this.#maxSeq = seq;
        if (this.#probation === 0) {
          this.#initSequence(seq);
          this.#received++;
          return true;
        }
      } else {
        this.#probation = this.#minSequential - 1;
        this.#maxSeq = seq;
      }
      return false;
    }
    if (udelta < this.#maxDropout) {
      // In order, with a permissible gap; a smaller number means the 16 bits wrapped.
      if (seq < this.#maxSeq) this.#cycles += SEQUENCE_NUMBER_MODULUS;
      this.#maxSeq = seq;
    } else if (udelta <= SEQUENCE_NUMBER_MODULUS - this.#maxMisorder) {
      // A very large jump: two in a row mean the sender restarted, so re-sync on it.
      if (seq !== this.#badSeq) {
        this.#badSeq = (seq + 1) % SEQUENCE_NUMBER_MODULUS;
        return false;
      }
      this.#initSequence(seq);
    }
    // Otherwise a duplicate or reordered packet: counted, max_seq unchanged.
    this.#received++;
    return true;
  }

  /** A.8: J += (|D| − J) / 16, D the change in transit time between consecutive packets. */
  #updateJitter(packet: ReceivedRtp): void {
    const arrival = (packet.arrivalTimeMs * this.clockRate) / 1000;
    if (this.#lastArrival !== undefined) {
      const d = arrival - this.#lastArrival - timestampDelta(packet.rtpTimestamp, this.#lastTimestamp);
      this.#jitter += (Math.abs(d) - this.#jitter) / 16;
    }
    this.#lastArrival = arrival;
    this.#lastTimestamp = packet.rtpTimestamp;
  }
}

/**
 * Round-trip time in ms from a report block about our own stream, received
 * when our NTP clock read `arrivalCompactNtp` (RFC 3550 §6.4.1: A − LSR − DLSR,
 * in 1/65536 s, modulo 2^32). Undefined when the peer has not had an SR from us
 * yet (LSR = 0); a negative result (clock steps) comes out as 0.
 */
export function roundTripTimeMs(block: ReportBlock, arrivalCompactNtp: number): number | undefined {
  if (block.lastSenderReport === 0) return undefined;
  const units = (arrivalCompactNtp - block.lastSenderReport - block.delaySinceLastSenderReport) >>> 0;
  return units >= 0x8000_0000 ? 0 : compactNtpToMs(units);
}
