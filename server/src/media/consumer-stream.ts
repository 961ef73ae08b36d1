/**
 * One subscriber's copy of a producer stream: the packets the SFU sends,
 * rewritten into what that subscriber negotiated, and the RTCP it answers.
 *
 * Rewriting (the producer's packet is shared by every consumer and never
 * modified; each consumer makes a header-only copy, payload shared):
 * - SSRC: the consumer's own (from the subscriber's SDP);
 * - payload type: producer PT → consumer PT; other PTs are not sent;
 * - header extensions: producer ids → consumer ids, unnegotiated ones
 *   dropped, the consumer's MID written (header-extension-rewriter.ts);
 * - sequence numbers: gap-free for the subscriber (sequence-mapper.ts);
 * - timestamps: input + a constant offset. RTP timestamps follow the sampling
 *   clock (RFC 3550 §5.1), so across a pause the output advances by the time
 *   that passed, exactly as the input did: the subscriber's jitter buffer and
 *   lip sync stay right. Only a new source (another SSRC, whose timestamps
 *   start anywhere) gets a new offset, chosen so the output goes on from the
 *   last packet sent plus the wall-clock time since.
 *
 * A video consumer that starts, resumes or changes source forwards nothing
 * until a key frame (nothing before it decodes) and asks for one.
 *
 * RTCP: NACKs are answered from the producer's retransmission buffer, in the
 * consumer's own sequence space, with RTX (RFC 4588) or plain retransmission;
 * SRs carry the publisher's NTP ↔ RTP mapping; RRs give loss, jitter, RTT.
 */
import {
  type ReportBlock,
  type SenderReport,
  compactNtp,
  compactNtpToMs,
  ntpFromUnixMs,
  sequenceNumbersFromNackPairs,
  unixMsFromNtp,
  type NackPair,
} from '../rtcp/index.ts';
import { wrapRtx, type RtpPacket } from '../rtp/index.ts';
import { midExtensionValue, rewriteHeaderExtensions, type HeaderExtensionRewrite } from './header-extension-rewriter.ts';
import { systemMediaClock, type MediaClock } from './media-clock.ts';
import type { ConsumerSource } from './producer-stream.ts';
import { RateCalculator } from './rate-calculator.ts';
import { SequenceMapper } from './sequence-mapper.ts';
import { StreamScore } from './stream-score.ts';

export interface ConsumerStreamOptions {
  readonly kind: 'audio' | 'video';
  readonly clockRate: number;
  /** The SSRC the subscriber was told (a=ssrc in the SFU's offer). */
  readonly ssrc: number;
  /** Producer payload type → consumer payload type. Packets of other payload types are not sent. */
  readonly payloadTypes: ReadonlyMap<number, number>;
  /** The consumer's RTX stream, when the subscriber negotiated RTX: its SSRC and the RTX PT whose apt is the consumer's codec. */
  readonly rtx?: { readonly ssrc: number; readonly payloadType: number };
  /** Producer extension id → consumer extension id, end-to-end extensions only (see header-extension-rewriter.ts). */
  readonly headerExtensionIds: ReadonlyMap<number, number>;
  /** The consumer's MID and the id of the MID extension in the subscriber's SDP. */
  readonly mid?: { readonly id: number; readonly value: string };
  /** Forward nothing before a key frame after a start, resume or source change. Default: true for video; pass detectsKeyframes(mimeType), or it waits forever for a codec whose key frames the SFU cannot see. */
  readonly waitForKeyframe?: boolean;
  /** Called when the consumer needs a key frame; wire it to the producer's KeyframeRequester. */
  readonly requestKeyframe?: () => void;
  /** Sent packets remembered for NACKs (a power of two). Default 1024 for video, 128 for audio. */
  readonly historySize?: number;
  /** RFC 3550 §5.1 wants random initial values; tests pin them. */
  readonly initialSequenceNumber?: number;
  readonly initialTimestampOffset?: number;
  readonly initialRtxSequenceNumber?: number;
  readonly random?: () => number;
  readonly now?: MediaClock;
}

export interface ConsumerStreamStats {
  readonly ssrc: number;
  readonly packetsSent: number;
  /** Payload bytes, as the SR octet count (RFC 3550 §6.4.1). */
  readonly bytesSent: number;
  readonly bitrate: number;
  readonly packetsRetransmitted: number;
  readonly bytesRetransmitted: number;
  readonly nackCount: number;
  readonly nackedPacketsMissing: number;
  readonly pliCount: number;
  readonly firCount: number;
  readonly packetsDroppedWaitingForKeyframe: number;
  /** From the subscriber's last RR. */
  readonly packetsLost: number;
  readonly fractionLost: number;
  readonly jitterMs: number;
  readonly roundTripTimeMs: number | undefined;
  readonly score: number;
}

/** One packet sent, for answering NACKs about it. */
interface SentPacket {
  readonly sequenceNumber: number;
  readonly source: ConsumerSource;
  readonly sourceSequenceNumber: number;
  readonly timestamp: number;
  resentAtMs: number | undefined;
}

/** The SRs sent lately, to match an RR's LSR (RFC 3550 §6.4.1) with when it left. */
const SENT_REPORTS_KEPT = 8;
const TIMESTAMP_MODULUS = 2 ** 32;

export class ConsumerStream {
  readonly kind: 'audio' | 'video';
  readonly ssrc: number;
  readonly clockRate: number;
  readonly #payloadTypes: ReadonlyMap<number, number>;
  readonly #rtx: { readonly ssrc: number; readonly payloadType: number } | undefined;
  readonly #extensions: HeaderExtensionRewrite;
  readonly #waitForKeyframe: boolean;
  readonly #requestKeyframe: () => void;
  readonly #now: MediaClock;
  readonly #sequence: SequenceMapper;
  readonly #history: (SentPacket | undefined)[];
  readonly #rate = new RateCalculator();
  readonly #score = new StreamScore();
  readonly #sentReports: { readonly lsr: number; readonly sentAtMs: number }[] = [];
  #timestampOffset: number;
  #rtxSequenceNumber: number;
  #source: ConsumerSource | undefined;
  #sourceSsrc: number | undefined;
  #paused = false;
  #producerPaused = false;
  #waitingForKeyframe: boolean;
  /** Whether the current wait for a key frame has asked for one yet. */
  #keyframeRequested = false;
  #lastTimestamp: number | undefined;
  #lastSentAtMs = 0;
  #packets = 0;
  #bytes = 0;
  #retransmitted = 0;
  #retransmittedBytes = 0;
  #nacks = 0;
  #nackMisses = 0;
  #plis = 0;
  #firs = 0;
  #waitDrops = 0;
  #lastReceiverReport: ReportBlock | undefined;
  #roundTripTimeMs: number | undefined;

  constructor(options: ConsumerStreamOptions) {
    if (!(options.clockRate > 0)) throw new RangeError(`media: clock rate must be > 0, got ${options.clockRate}`);
    const video = options.kind === 'video';
    const historySize = options.historySize ?? (video ? 1024 : 128);
    if (!Number.isInteger(Math.log2(historySize)) || historySize > 0x8000) {
      throw new RangeError(`media: consumer history size must be a power of two up to 32768, got ${historySize}`);
    }
    const random = options.random ?? Math.random;
    this.kind = options.kind;
    this.ssrc = options.ssrc;
    this.clockRate = options.clockRate;
    this.#payloadTypes = options.payloadTypes;
    this.#rtx = options.rtx;
    this.#extensions = {
      ids: options.headerExtensionIds,
      mid: options.mid === undefined ? undefined : { id: options.mid.id, value: midExtensionValue(options.mid.value) },
    };
    this.#waitForKeyframe = options.waitForKeyframe ?? video;
    this.#waitingForKeyframe = this.#waitForKeyframe;
    this.#requestKeyframe = options.requestKeyframe ?? (() => {});
    this.#now = options.now ?? systemMediaClock;
    this.#sequence = new SequenceMapper(options.initialSequenceNumber ?? Math.floor(random() * 0x10000));
    this.#timestampOffset = options.initialTimestampOffset ?? Math.floor(random() * TIMESTAMP_MODULUS);
    this.#rtxSequenceNumber = options.initialRtxSequenceNumber ?? Math.floor(random() * 0x10000);
    this.#history = new Array<SentPacket | undefined>(historySize).fill(undefined);
  }

  get paused(): boolean {
    return this.#paused;
  }

  get waitingForKeyframe(): boolean {
    return this.#waitingForKeyframe;
  }

  /** Sending, in mediasoup's terms: neither the consumer nor its producer is paused. */
  get active(): boolean {
    return !this.#paused && !this.#producerPaused;
  }

  pause(): void {
    this.#setActive(() => (this.#paused = true));
  }

  resume(): void {
    this.#setActive(() => (this.#paused = false));
  }

  /** The publisher paused or resumed the producer (mediasoup's producerpause / producerresume). */
  setProducerPaused(paused: boolean): void {
    this.#setActive(() => (this.#producerPaused = paused));
  }

  /**
   * The packet to send for a producer packet (ProducerStream 'forward'), or
   * undefined when this subscriber gets nothing: paused, waiting for a key
   * frame, a payload type it did not negotiate, or from before a resync.
   */
  send(packet: RtpPacket, info: { readonly source: ConsumerSource; readonly keyframe: boolean }): RtpPacket | undefined {
    if (!this.active) return undefined;
    const payloadType = this.#payloadTypes.get(packet.payloadType);
    if (payloadType === undefined) {
      this.#sequence.drop(packet.sequenceNumber);
      return undefined;
    }
    const now = this.#now();
    if (info.source !== this.#source || packet.ssrc !== this.#sourceSsrc) this.#switchSource(info.source, packet, now, info.keyframe);
    if (this.#waitingForKeyframe) {
      if (!info.keyframe) {
        this.#waitDrops += 1;
        // A new consumer asks with its first packet: before that, nobody is there to send it to.
        if (!this.#keyframeRequested) this.#askForKeyframe();
        return undefined;
      }
      this.#waitingForKeyframe = false;
    }
    const sequenceNumber = this.#sequence.map(packet.sequenceNumber);
    if (sequenceNumber === undefined) return undefined;
    const timestamp = (packet.timestamp + this.#timestampOffset) % TIMESTAMP_MODULUS;
    this.#history[sequenceNumber & (this.#history.length - 1)] = {
      sequenceNumber,
      source: info.source,
      sourceSequenceNumber: packet.sequenceNumber,
      timestamp,
      resentAtMs: undefined,
    };
    if (this.#lastTimestamp === undefined || ((timestamp - this.#lastTimestamp) | 0) >= 0) {
      this.#lastTimestamp = timestamp;
      this.#lastSentAtMs = now;
    }
    this.#packets += 1;
    this.#bytes += packet.payload.length;
    this.#rate.add(packet.payload.length, now);
    return this.#rewrite(packet, payloadType, sequenceNumber, timestamp);
  }

  /** A padding-only packet of the producer's media SSRC (ProducerStream 'skip'): its number leaves the sequence. */
  skip(sequenceNumber: number): void {
    if (this.active && !this.#waitingForKeyframe) this.#sequence.drop(sequenceNumber);
  }

  /**
   * The retransmissions for a NACK from the subscriber (RFC 4585 §6.2.1),
   * whose sequence numbers are the consumer's own. With RTX each is an RTX
   * packet (RFC 4588 §4: OSN = the consumer's sequence number, the RTX SSRC
   * and payload type, the RTX stream's own next sequence number); without,
   * the packet again, as first sent. Packets no longer held are skipped, and
   * so is a packet resent less than an RTT ago (the NACK crossed it).
   */
  receiveNack(nacks: readonly NackPair[]): RtpPacket[] {
    this.#nacks += 1;
    const now = this.#now();
    const out: RtpPacket[] = [];
    for (const sequenceNumber of sequenceNumbersFromNackPairs(nacks)) {
      const sent = this.#history[sequenceNumber & (this.#history.length - 1)];
      const original = sent?.sequenceNumber === sequenceNumber ? sent.source.getPacket(sent.sourceSequenceNumber, now) : undefined;
      const payloadType = original === undefined ? undefined : this.#payloadTypes.get(original.payloadType);
      if (sent === undefined || original === undefined || payloadType === undefined) {
        this.#nackMisses += 1;
        continue;
      }
      if (sent.resentAtMs !== undefined && now - sent.resentAtMs < (this.#roundTripTimeMs ?? 0)) continue;
      sent.resentAtMs = now;
      const packet = this.#rewrite(original, payloadType, sequenceNumber, sent.timestamp);
      this.#retransmitted += 1;
      this.#retransmittedBytes += packet.payload.length;
      if (this.#rtx === undefined) {
        out.push(packet);
        continue;
      }
      out.push(wrapRtx(packet, { ssrc: this.#rtx.ssrc, payloadType: this.#rtx.payloadType, sequenceNumber: this.#rtxSequenceNumber }));
      this.#rtxSequenceNumber = (this.#rtxSequenceNumber + 1) & 0xffff;
    }
    return out;
  }

  /** PLI (RFC 4585 §6.3.1) or FIR (RFC 5104 §4.3.1) from the subscriber: passed on, rate-limited by the requester. */
  receiveKeyframeRequest(kind: 'pli' | 'fir'): void {
    if (kind === 'pli') this.#plis += 1;
    else this.#firs += 1;
    if (this.active) this.#requestKeyframe();
  }

  /** The subscriber's report block about this consumer's SSRC. */
  receiveReceiverReport(block: ReportBlock): void {
    const arrivalMs = this.#now();
    this.#lastReceiverReport = block;
    this.#score.update(256, block.fractionLost);
    if (block.lastSenderReport === 0) return;
    const sent = this.#sentReports.find((report) => report.lsr === block.lastSenderReport);
    if (sent === undefined) return;
    this.#roundTripTimeMs = Math.max(0, arrivalMs - sent.sentAtMs - compactNtpToMs(block.delaySinceLastSenderReport));
  }

  /**
   * The SR for this consumer's SSRC (RFC 3550 §6.4.1), or undefined before
   * anything was sent or before the publisher's first SR.
   *
   * Lip sync needs every SR of one publisher's streams on one NTP timeline,
   * with each stream's RTP clock mapped onto it as the publisher mapped it.
   * So the consumer carries the publisher's last SR forward to now, along its
   * own line: NTP = SR NTP + elapsed, RTP = SR RTP + elapsed × clock rate,
   * then shifted by this consumer's timestamp offset. Audio and video then
   * line up at the subscriber exactly as they did at the publisher, whatever
   * the SFU's own clock says. The RTT uses the SFU's clock: the LSR an RR
   * echoes is looked up among the SRs sent.
   */
  createSenderReport(): SenderReport | undefined {
    const mapping = this.#source?.lastSenderReport;
    if (mapping === undefined || this.#packets === 0) return undefined;
    const now = this.#now();
    const elapsedMs = now - mapping.arrivalMs;
    const ntpTimestamp = ntpFromUnixMs(unixMsFromNtp(mapping.ntpTimestamp) + elapsedMs);
    const elapsedTicks = Math.round((elapsedMs * this.clockRate) / 1000);
    const rtpTimestamp = (((mapping.rtpTimestamp + this.#timestampOffset + elapsedTicks) % TIMESTAMP_MODULUS) + TIMESTAMP_MODULUS) % TIMESTAMP_MODULUS;
    this.#sentReports.push({ lsr: compactNtp(ntpTimestamp), sentAtMs: now });
    if (this.#sentReports.length > SENT_REPORTS_KEPT) this.#sentReports.shift();
    return {
      kind: 'sender-report',
      ssrc: this.ssrc,
      ntpTimestamp,
      rtpTimestamp,
      packetCount: this.#packets % TIMESTAMP_MODULUS,
      octetCount: this.#bytes % TIMESTAMP_MODULUS,
      reports: [],
      profileExtensions: new Uint8Array(0),
    };
  }

  get score(): number {
    return this.#score.score;
  }

  getStats(): ConsumerStreamStats {
    const report = this.#lastReceiverReport;
    return {
      ssrc: this.ssrc,
      packetsSent: this.#packets,
      bytesSent: this.#bytes,
      bitrate: this.#rate.rate(this.#now()),
      packetsRetransmitted: this.#retransmitted,
      bytesRetransmitted: this.#retransmittedBytes,
      nackCount: this.#nacks,
      nackedPacketsMissing: this.#nackMisses,
      pliCount: this.#plis,
      firCount: this.#firs,
      packetsDroppedWaitingForKeyframe: this.#waitDrops,
      packetsLost: report?.cumulativeLost ?? 0,
      fractionLost: (report?.fractionLost ?? 0) / 256,
      jitterMs: ((report?.jitter ?? 0) * 1000) / this.clockRate,
      roundTripTimeMs: this.#roundTripTimeMs,
      score: this.#score.score,
    };
  }

  /** Runs `change`; when it makes the consumer active again, resyncs and waits for a key frame. */
  #setActive(change: () => void): void {
    const wasActive = this.active;
    change();
    if (wasActive || !this.active) return;
    this.#sequence.sync();
    if (this.#waitForKeyframe) this.#askForKeyframe();
  }

  /** A new source, or the same producer stream restarted under a new SSRC. */
  #switchSource(source: ConsumerSource, packet: RtpPacket, now: number, keyframe: boolean): void {
    const first = this.#source === undefined;
    this.#source = source;
    this.#sourceSsrc = packet.ssrc;
    if (first) return;
    this.#sequence.sync();
    if (this.#lastTimestamp !== undefined) {
      // Go on from the last timestamp sent, plus the time since (at least one tick, so it still moves forward).
      const elapsedTicks = Math.max(1, Math.round(((now - this.#lastSentAtMs) * this.clockRate) / 1000));
      const next = this.#lastTimestamp + elapsedTicks;
      this.#timestampOffset = (((next - packet.timestamp) % TIMESTAMP_MODULUS) + TIMESTAMP_MODULUS) % TIMESTAMP_MODULUS;
    }
    if (this.#waitForKeyframe && !keyframe) this.#askForKeyframe();
  }

  #askForKeyframe(): void {
    this.#waitingForKeyframe = true;
    this.#keyframeRequested = true;
    this.#requestKeyframe();
  }

  #rewrite(packet: RtpPacket, payloadType: number, sequenceNumber: number, timestamp: number): RtpPacket {
    return {
      ...packet,
      ssrc: this.ssrc,
      payloadType,
      sequenceNumber,
      timestamp,
      extension: rewriteHeaderExtensions(packet.extension, this.#extensions),
      paddingSize: 0,
    };
  }
}
