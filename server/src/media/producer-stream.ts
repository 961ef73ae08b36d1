/**
 * One incoming RTP stream of a producer (one simulcast layer, or the only
 * one), after the RtpListener found it: what the SFU learns from the
 * publisher's packets and SRs, and what it keeps for its subscribers.
 *
 * - Receiver statistics for the RR the SFU sends the publisher (RFC 3550
 *   A.1 sequence tracking, A.3 loss, A.8 jitter, LSR/DLSR): the publisher's
 *   rate control reads its loss and RTT from them.
 * - The retransmission buffer consumers answer NACKs from.
 * - Key-frame detection, per codec (keyframe-detector.ts).
 * - The publisher's last SR: its NTP ↔ RTP mapping, which consumers carry
 *   into their own SRs so subscribers can synchronise audio and video.
 * - Bitrate, RTT (from XR DLRR, RFC 3611 §4.5) and a 0-10 score.
 *
 * The stream's SSRC is learnt from its first packet when SDP did not give it
 * (simulcast offers have no a=ssrc); a different SSRC later means the sender
 * restarted the stream, and everything learnt about the old one is dropped.
 */
import {
  type DlrrReport,
  type ReportBlock,
  ReceiverStatistics,
  compactNtpFromUnixMs,
  roundTripTimeMs,
} from '../rtcp/index.ts';
import { RtpParseError, sequenceNumberDistance, unwrapRtx, type RtpPacket } from '../rtp/index.ts';
import { keyframeDetectorFor } from './keyframe-detector.ts';
import { systemMediaClock, type MediaClock } from './media-clock.ts';
import { RateCalculator } from './rate-calculator.ts';
import {
  AUDIO_RETRANSMISSION_BUFFER,
  RetransmissionBuffer,
  VIDEO_RETRANSMISSION_BUFFER,
  ownedRtpPacket,
  type RetransmissionBufferOptions,
  type RetransmissionSource,
} from './retransmission-buffer.ts';
import { StreamScore } from './stream-score.ts';

export interface ProducerStreamOptions {
  readonly kind: 'audio' | 'video';
  /** e.g. 'video/VP8': picks the key-frame detector. */
  readonly mimeType: string;
  readonly clockRate: number;
  /** The media SSRC if signalled; otherwise learnt from the first packet. */
  readonly ssrc?: number;
  /** RTX payload type → the media payload type it repairs (a=fmtp:<rtx> apt=<media>, RFC 4588 §8.1). */
  readonly rtxApt?: ReadonlyMap<number, number>;
  /** Default: 1024 packets / 2 s for video, 64 / 1 s for audio. */
  readonly retransmissionBuffer?: RetransmissionBufferOptions;
  readonly now?: MediaClock;
}

/** The publisher's last SR for this stream, for consumers' SRs (RFC 3550 §6.4.1). */
export interface SenderReportMapping {
  /** NTP time (publisher's wall clock) of the SR. */
  readonly ntpTimestamp: bigint;
  /** The same instant on this stream's RTP clock. */
  readonly rtpTimestamp: number;
  /** When the SR reached the SFU (media clock, ms). */
  readonly arrivalMs: number;
}

/** What a consumer reads from the stream it forwards. */
export interface ConsumerSource extends RetransmissionSource {
  readonly clockRate: number;
  readonly lastSenderReport: SenderReportMapping | undefined;
}

export type ProducerPacketResult =
  /** Forward `packet` (a copy the stream owns) to the consumers. */
  | { readonly action: 'forward'; readonly packet: RtpPacket; readonly keyframe: boolean; readonly recovered: boolean }
  /** Padding only on the media SSRC: consumers skip its sequence number (SequenceMapper.drop). */
  | { readonly action: 'skip'; readonly sequenceNumber: number }
  | { readonly action: 'drop'; readonly reason: ProducerDropReason };

export type ProducerDropReason =
  /** Already received: an RTX probe resending a delivered packet, a late retransmission, a network duplicate. */
  | 'duplicate'
  /** RTX that cannot be unwrapped: no OSN, no apt for its payload type. */
  | 'bad-rtx'
  /** RTX before any media packet: nothing to say which SSRC it repairs yet. */
  | 'rtx-before-media'
  /** RTX older than the retransmission buffer: the consumers' receivers gave up on it. */
  | 'rtx-too-old';

export interface ProducerStreamStats {
  readonly ssrc: number | undefined;
  readonly packetsReceived: number;
  /** Payload bytes (W3C webrtc-stats `bytesReceived`: no headers, no padding). */
  readonly bytesReceived: number;
  readonly bitrate: number;
  readonly paddingPackets: number;
  readonly rtxPackets: number;
  readonly recoveredPackets: number;
  readonly duplicatePackets: number;
  readonly keyframes: number;
  /** From the last report block: cumulative and last-interval loss. */
  readonly packetsLost: number;
  readonly fractionLost: number;
  /** Interarrival jitter in ms (A.8, converted from RTP units). */
  readonly jitterMs: number;
  readonly roundTripTimeMs: number | undefined;
  readonly score: number;
}

export class ProducerStream implements ConsumerSource {
  readonly kind: 'audio' | 'video';
  readonly mimeType: string;
  readonly clockRate: number;
  readonly #rtxApt: ReadonlyMap<number, number>;
  readonly #now: MediaClock;
  readonly #buffer: RetransmissionBuffer;
  readonly #isKeyframe: (payload: Uint8Array) => boolean;
  readonly #rate = new RateCalculator();
  readonly #score = new StreamScore();
  #ssrc: number | undefined;
  #statistics: ReceiverStatistics | undefined;
  #highestSequenceNumber: number | undefined;
  #lastSenderReport: SenderReportMapping | undefined;
  #lastReportBlock: ReportBlock | undefined;
  #roundTripTimeMs: number | undefined;
  #packets = 0;
  #bytes = 0;
  #padding = 0;
  #rtx = 0;
  #recovered = 0;
  #duplicates = 0;
  #keyframes = 0;

  constructor(options: ProducerStreamOptions) {
    if (!(options.clockRate > 0)) throw new RangeError(`media: clock rate must be > 0, got ${options.clockRate}`);
    this.kind = options.kind;
    this.mimeType = options.mimeType;
    this.clockRate = options.clockRate;
    this.#rtxApt = options.rtxApt ?? new Map();
    this.#now = options.now ?? systemMediaClock;
    const video = options.kind === 'video';
    this.#buffer = new RetransmissionBuffer(options.retransmissionBuffer ?? (video ? VIDEO_RETRANSMISSION_BUFFER : AUDIO_RETRANSMISSION_BUFFER));
    this.#isKeyframe = keyframeDetectorFor(options.mimeType);
    if (options.ssrc !== undefined) this.#start(options.ssrc);
  }

  get ssrc(): number | undefined {
    return this.#ssrc;
  }

  /** The round trip to the publisher (XR DLRR), once measured. */
  get roundTripTimeMs(): number | undefined {
    return this.#roundTripTimeMs;
  }

  get lastSenderReport(): SenderReportMapping | undefined {
    return this.#lastSenderReport;
  }

  getPacket(sequenceNumber: number, nowMs: number): RtpPacket | undefined {
    return this.#buffer.getPacket(sequenceNumber, nowMs);
  }

  /** A packet on the media SSRC. */
  receivePacket(packet: RtpPacket): ProducerPacketResult {
    const now = this.#now();
    if (packet.ssrc !== this.#ssrc) this.#start(packet.ssrc);
    this.#statistics!.receivePacket({ sequenceNumber: packet.sequenceNumber, rtpTimestamp: packet.timestamp, arrivalTimeMs: now });
    if (packet.payload.length === 0) {
      this.#padding += 1;
      this.#advance(packet.sequenceNumber);
      return { action: 'skip', sequenceNumber: packet.sequenceNumber };
    }
    if (this.#buffer.has(packet.sequenceNumber, now)) {
      this.#duplicates += 1;
      return { action: 'drop', reason: 'duplicate' };
    }
    return this.#accept(packet, now, false);
  }

  /**
   * A packet on the RTX SSRC (RFC 4588 §4), padding-only probes already
   * dropped by the listener. Forwarded as media only when it brings a packet
   * the SFU lacks; a copy of one already delivered (Chromium's call-start
   * probes resend delivered packets) is dropped. Recovered packets are kept
   * out of the receiver statistics: the RR reports the loss on the wire,
   * which is what the publisher's rate control needs.
   */
  receiveRtx(packet: RtpPacket): ProducerPacketResult {
    const now = this.#now();
    this.#rtx += 1;
    if (this.#ssrc === undefined) return { action: 'drop', reason: 'rtx-before-media' };
    let original: RtpPacket;
    try {
      original = unwrapRtx(packet, { ssrc: this.#ssrc, apt: this.#rtxApt });
    } catch (error) {
      if (!(error instanceof RtpParseError)) throw error;
      return { action: 'drop', reason: 'bad-rtx' };
    }
    if (original.payload.length === 0) return { action: 'drop', reason: 'bad-rtx' };
    if (this.#buffer.has(original.sequenceNumber, now)) {
      this.#duplicates += 1;
      return { action: 'drop', reason: 'duplicate' };
    }
    const behind = this.#highestSequenceNumber === undefined ? 0 : sequenceNumberDistance(original.sequenceNumber, this.#highestSequenceNumber);
    if (behind >= this.#buffer.capacity) return { action: 'drop', reason: 'rtx-too-old' };
    this.#recovered += 1;
    return this.#accept(original, now, true);
  }

  /** The publisher's SR for this SSRC (RFC 3550 §6.4.1). */
  receiveSenderReport(report: { readonly ntpTimestamp: bigint; readonly rtpTimestamp: number }): void {
    const arrivalMs = this.#now();
    this.#lastSenderReport = { ntpTimestamp: report.ntpTimestamp, rtpTimestamp: report.rtpTimestamp, arrivalMs };
    this.#statistics?.receiveSenderReport({ ntpTimestamp: report.ntpTimestamp, arrivalTimeMs: arrivalMs });
  }

  /**
   * The publisher's DLRR answer to the SFU's RRTR (RFC 3611 §4.4, §4.5): the
   * round trip to the publisher, which an RR alone cannot measure (LSR/DLSR
   * need SRs from the SFU, and the SFU sends the publisher no media).
   */
  receiveDlrr(report: DlrrReport): void {
    const asBlock: ReportBlock = {
      ssrc: report.ssrc,
      fractionLost: 0,
      cumulativeLost: 0,
      extendedHighestSequence: 0,
      jitter: 0,
      lastSenderReport: report.lastReceiverReport,
      delaySinceLastSenderReport: report.delaySinceLastReceiverReport,
    };
    const rtt = roundTripTimeMs(asBlock, compactNtpFromUnixMs(this.#now()));
    if (rtt !== undefined) this.#roundTripTimeMs = rtt;
  }

  /**
   * The report block about this stream for the SFU's next RR (RFC 3550
   * §6.4.2); starts a new interval. Undefined before the stream is valid
   * (A.1 probation) or seen at all.
   */
  createReportBlock(): ReportBlock | undefined {
    const block = this.#statistics?.createReportBlock(this.#now());
    if (block === undefined) return undefined;
    this.#lastReportBlock = block;
    // fractionLost is lost/expected × 256 over the interval (A.3): score it as 256 expected.
    this.#score.update(256, block.fractionLost);
    return block;
  }

  get score(): number {
    return this.#score.score;
  }

  getStats(): ProducerStreamStats {
    const now = this.#now();
    return {
      ssrc: this.#ssrc,
      packetsReceived: this.#packets,
      bytesReceived: this.#bytes,
      bitrate: this.#rate.rate(now),
      paddingPackets: this.#padding,
      rtxPackets: this.#rtx,
      recoveredPackets: this.#recovered,
      duplicatePackets: this.#duplicates,
      keyframes: this.#keyframes,
      packetsLost: this.#lastReportBlock?.cumulativeLost ?? 0,
      fractionLost: (this.#lastReportBlock?.fractionLost ?? 0) / 256,
      jitterMs: ((this.#statistics?.jitter ?? 0) * 1000) / this.clockRate,
      roundTripTimeMs: this.#roundTripTimeMs,
      score: this.#score.score,
    };
  }

  #start(ssrc: number): void {
    this.#ssrc = ssrc;
    this.#statistics = new ReceiverStatistics({ ssrc, clockRate: this.clockRate });
    this.#buffer.clear();
    this.#highestSequenceNumber = undefined;
    this.#lastSenderReport = undefined;
    this.#lastReportBlock = undefined;
  }

  #advance(sequenceNumber: number): void {
    if (this.#highestSequenceNumber === undefined || sequenceNumberDistance(this.#highestSequenceNumber, sequenceNumber) > 0) {
      this.#highestSequenceNumber = sequenceNumber;
    }
  }

  #accept(packet: RtpPacket, now: number, recovered: boolean): ProducerPacketResult {
    const owned = ownedRtpPacket(packet);
    this.#buffer.store(owned, now);
    this.#advance(owned.sequenceNumber);
    this.#packets += 1;
    this.#bytes += owned.payload.length;
    this.#rate.add(owned.payload.length, now);
    const keyframe = this.kind === 'video' && this.#isKeyframe(owned.payload);
    if (keyframe) this.#keyframes += 1;
    return { action: 'forward', packet: owned, keyframe, recovered };
  }
}
