/**
 * One producer in the media plane: the publisher's incoming track, one
 * ProducerStream per encoding (one, or one per simulcast layer), each with
 * the KeyframeRequester that asks the publisher for key frames on behalf of
 * every subscriber (PLI or FIR, at most one per `keyFrameRequestDelay`),
 * and, for video that negotiated `nack`, the NackGenerator that asks the
 * publisher to resend what its leg lost.
 *
 * It does not know its consumers: the router holds that graph and fans a
 * forwarded packet out (router-media.ts). It does know what it reports: the
 * RR blocks about its streams, its score, and video-orientation changes.
 */
import type { MediaNotificationMap, ProduceData } from '../sfu/channel-messages.ts';
import type { ProducerScore, ProducerStat, ProducerVideoOrientation } from '../sfu/stats.ts';
import { RtpHeaderExtensionUri } from '../sfu/supported-rtp-capabilities.ts';
import type { FullIntraRequest, PictureLossIndication, ReportBlock, TransportLayerNack } from '../rtcp/index.ts';
import { getHeaderExtension, type RtpPacket } from '../rtp/index.ts';
import type { TimerQueue } from '../timers/index.ts';
import { KeyframeRequester } from './keyframe-requester.ts';
import type { MediaClock } from './media-clock.ts';
import {
  extensionId,
  listenerExtensionIds,
  primaryCodec,
  producerFeedback,
  producerNegotiatedNack,
  rtxAptMap,
  type ProducerFeedback,
} from './media-parameters.ts';
import { NackGenerator } from './nack-generator.ts';
import { type ProducerPacketResult, ProducerStream } from './producer-stream.ts';
import type { ListenerProducer } from './rtp-listener.ts';
import { parseVideoOrientation, sameVideoOrientation } from './video-orientation.ts';

/** One encoding of the producer: what the listener binds packets to. */
export interface ProducerEncoding {
  readonly index: number;
  readonly rid: string | undefined;
  readonly rtxSsrc: number | undefined;
  readonly stream: ProducerStream;
  readonly keyframes: KeyframeRequester;
  /** NACKs to the publisher for this stream; only video that negotiated `nack`. */
  readonly nacks: NackGenerator | undefined;
  /** Media clock time of the last packet forwarded (simulcast layer activity). */
  lastForwardMs: number;
}

/** What the RtpListener hands back for a packet: which producer, which encoding. */
export interface ProducerTarget {
  readonly producer: MediaProducer;
  readonly encoding: ProducerEncoding;
}

/** What a producer needs from its transport and the worker. */
export interface ProducerLink {
  /** The SSRC the transport's RTCP to the publisher comes from. */
  readonly rtcpSsrc: number;
  sendRtcp(packet: PictureLossIndication | FullIntraRequest | TransportLayerNack): void;
  notify<E extends keyof MediaNotificationMap['producer']>(event: E, data: MediaNotificationMap['producer'][E]): void;
}

export interface MediaProducerOptions {
  readonly data: ProduceData;
  readonly link: ProducerLink;
  readonly timers: TimerQueue;
  /** The timer queue's clock (ms). */
  readonly timerNow: () => number;
  readonly mediaClock: MediaClock;
}

const DEFAULT_KEYFRAME_REQUEST_DELAY_MS = 1000;

export class MediaProducer {
  readonly id: string;
  readonly kind: 'audio' | 'video';
  readonly data: ProduceData;
  readonly feedback: ProducerFeedback;
  readonly encodings: readonly ProducerEncoding[];
  readonly #link: ProducerLink;
  readonly #mediaClock: MediaClock;
  readonly #orientationId: number | undefined;
  readonly #dropped: Record<string, number> = {};
  #paused: boolean;
  #lastScores: number[];
  #orientation: ProducerVideoOrientation | undefined;
  #closed = false;

  constructor(options: MediaProducerOptions) {
    const { data, link } = options;
    this.id = data.producerId;
    this.kind = data.kind;
    this.data = data;
    this.#link = link;
    this.#mediaClock = options.mediaClock;
    this.#paused = data.paused;
    this.feedback = producerFeedback(data.rtpParameters);
    this.#orientationId = data.kind === 'video' ? extensionId(data.rtpParameters, RtpHeaderExtensionUri.VideoOrientation) : undefined;
    const codec = primaryCodec(data.rtpParameters);
    const rtxApt = rtxAptMap(data.rtpParameters);
    const nack = data.kind === 'video' && producerNegotiatedNack(data.rtpParameters);
    const minIntervalMs = data.keyFrameRequestDelay > 0 ? data.keyFrameRequestDelay : DEFAULT_KEYFRAME_REQUEST_DELAY_MS;
    this.encodings = (data.rtpParameters.encodings ?? []).map((encoding, index) => {
      const stream = new ProducerStream({
        kind: data.kind,
        mimeType: codec.mimeType,
        clockRate: codec.clockRate,
        rtxApt,
        now: options.mediaClock,
        ...(encoding.ssrc === undefined ? {} : { ssrc: encoding.ssrc }),
      });
      const keyframes = new KeyframeRequester({
        stream,
        senderSsrc: link.rtcpSsrc,
        method: this.feedback.keyframeMethod,
        minIntervalMs,
        timers: options.timers,
        now: options.timerNow,
        send: (packet) => this.#link.sendRtcp(packet),
      });
      const nacks = nack
        ? new NackGenerator({
            senderSsrc: link.rtcpSsrc,
            timers: options.timers,
            now: options.timerNow,
            roundTripTimeMs: () => stream.roundTripTimeMs,
            send: (packet) => this.#link.sendRtcp(packet),
            onKeyframeNeeded: () => keyframes.request(),
          })
        : undefined;
      return { index, rid: encoding.rid, rtxSsrc: encoding.rtx?.ssrc, stream, keyframes, nacks, lastForwardMs: -Infinity };
    });
    this.#lastScores = this.encodings.map((encoding) => encoding.stream.score);
  }

  get paused(): boolean {
    return this.#paused;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** What the transport's RtpListener needs to bind this producer's packets. */
  listenerEntry(): ListenerProducer<ProducerTarget> {
    const params = this.data.rtpParameters;
    return {
      id: this.id,
      ...(params.mid === undefined ? {} : { mid: params.mid }),
      headerExtensionIds: listenerExtensionIds(params),
      rtxPayloadTypes: [...rtxAptMap(params).keys()],
      encodings: this.encodings.map((encoding, i) => {
        const signalled = params.encodings?.[i];
        return {
          ...(signalled?.ssrc === undefined ? {} : { ssrc: signalled.ssrc }),
          ...(encoding.rid === undefined ? {} : { rid: encoding.rid }),
          ...(encoding.rtxSsrc === undefined ? {} : { rtxSsrc: encoding.rtxSsrc }),
          target: { producer: this, encoding },
        };
      }),
    };
  }

  /** One packet the listener routed to `encoding`: what to do with it (the router fans `forward` and `skip` out). */
  receive(kind: 'media' | 'rtx' | 'padding', packet: RtpPacket, encoding: ProducerEncoding): ProducerPacketResult {
    const result = kind === 'rtx' ? encoding.stream.receiveRtx(packet) : encoding.stream.receivePacket(packet);
    if (encoding.nacks !== undefined) {
      if (kind !== 'rtx') encoding.nacks.receivePacket(packet.ssrc, packet.sequenceNumber);
      else if (result.action === 'forward') encoding.nacks.receivePacket(result.packet.ssrc, result.packet.sequenceNumber, true);
    }
    if (result.action === 'drop') {
      this.#dropped[result.reason] = (this.#dropped[result.reason] ?? 0) + 1;
      return result;
    }
    if (result.action === 'forward') {
      encoding.lastForwardMs = this.#mediaClock();
      if (result.keyframe) encoding.keyframes.keyframeReceived();
      if (this.#orientationId !== undefined) this.#readOrientation(result.packet, this.#orientationId);
    }
    return result;
  }

  /** A subscriber needs a key frame of this encoding (coalesced, rate-limited). */
  requestKeyframe(encodingIndex: number): void {
    if (this.#closed || this.kind !== 'video') return;
    this.encodings[encodingIndex]?.keyframes.request();
  }

  /** Whether the encoding forwarded a packet within `windowMs` (simulcast layer selection). */
  isActive(encodingIndex: number, windowMs = 1000): boolean {
    const encoding = this.encodings[encodingIndex];
    return encoding !== undefined && this.#mediaClock() - encoding.lastForwardMs < windowMs;
  }

  setPaused(paused: boolean): void {
    this.#paused = paused;
  }

  /** The RR blocks about this producer's streams (RFC 3550 §6.4.2); each call starts a new interval. */
  createReportBlocks(): ReportBlock[] {
    const blocks: ReportBlock[] = [];
    for (const encoding of this.encodings) {
      const block = encoding.stream.createReportBlock();
      if (block !== undefined) blocks.push(block);
    }
    return blocks;
  }

  /** Sends the 'score' event if any encoding's score changed since the last time; returns whether it did. */
  reportScoreChange(): boolean {
    const scores = this.encodings.map((encoding) => encoding.stream.score);
    if (scores.every((score, i) => score === this.#lastScores[i])) return false;
    this.#lastScores = scores;
    this.#link.notify('score', { score: this.scores() });
    return true;
  }

  scores(): ProducerScore[] {
    return this.encodings.map((encoding) => {
      const score: ProducerScore = { encodingIdx: encoding.index, ssrc: encoding.stream.ssrc ?? 0, score: encoding.stream.score };
      if (encoding.rid !== undefined) score.rid = encoding.rid;
      return score;
    });
  }

  /** The producer stream with this media SSRC (SR and XR from the publisher name it). */
  encodingBySsrc(ssrc: number): ProducerEncoding | undefined {
    return this.encodings.find((encoding) => encoding.stream.ssrc === ssrc);
  }

  getStats(): ProducerStat[] {
    const codec = primaryCodec(this.data.rtpParameters);
    const discarded = Object.values(this.#dropped).reduce((sum, count) => sum + count, 0);
    return this.encodings.map((encoding) => {
      const stats = encoding.stream.getStats();
      const requests = encoding.keyframes.stats.sent;
      const nacks = encoding.nacks?.stats;
      const stat: ProducerStat = {
        type: 'inbound-rtp',
        timestamp: Date.now(),
        ssrc: stats.ssrc ?? 0,
        kind: this.kind,
        mimeType: codec.mimeType,
        packetCount: stats.packetsReceived,
        byteCount: stats.bytesReceived,
        bitrate: stats.bitrate,
        packetsLost: stats.packetsLost,
        fractionLost: Math.round(stats.fractionLost * 256),
        jitter: Math.round((stats.jitterMs * codec.clockRate) / 1000),
        packetsRetransmitted: stats.recoveredPackets,
        nackCount: nacks?.nacksSent ?? 0,
        nackPacketCount: nacks?.nackedPackets ?? 0,
        pliCount: this.feedback.keyframeMethod === 'pli' ? requests : 0,
        firCount: this.feedback.keyframeMethod === 'fir' ? requests : 0,
        score: stats.score,
        packetsDiscarded: discarded + stats.paddingPackets,
      };
      if (encoding.rtxSsrc !== undefined) stat.rtxSsrc = encoding.rtxSsrc;
      if (encoding.rid !== undefined) stat.rid = encoding.rid;
      if (stats.roundTripTimeMs !== undefined) stat.roundTripTime = stats.roundTripTimeMs;
      return stat;
    });
  }

  dump(): Record<string, unknown> {
    return {
      id: this.id,
      kind: this.kind,
      type: this.data.type,
      paused: this.#paused,
      feedback: { ...this.feedback },
      dropped: { ...this.#dropped },
      encodings: this.encodings.map((encoding) => ({
        index: encoding.index,
        rid: encoding.rid,
        ssrc: encoding.stream.ssrc,
        rtxSsrc: encoding.rtxSsrc,
        keyframeRequests: { ...encoding.keyframes.stats },
        nacks: encoding.nacks?.stats,
        stream: { ...encoding.stream.getStats() },
      })),
    };
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const encoding of this.encodings) {
      encoding.keyframes.close();
      encoding.nacks?.close();
    }
  }

  #readOrientation(packet: RtpPacket, id: number): void {
    const data = getHeaderExtension(packet, id);
    if (data === undefined) return;
    const orientation = parseVideoOrientation(data);
    if (orientation === undefined || sameVideoOrientation(this.#orientation, orientation)) return;
    this.#orientation = orientation;
    this.#link.notify('videoorientationchange', orientation);
  }
}
