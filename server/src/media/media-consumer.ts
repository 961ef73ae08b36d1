/**
 * One consumer in the media plane: a subscriber's copy of one producer. A
 * ConsumerStream does the per-packet work (rewrite, sequence continuity,
 * key-frame waits, NACK → RTX, SR); this class connects it to its producer
 * (the encoding it forwards, key-frame requests), to its transport (sending,
 * with the transport's own per-hop extensions) and to the control plane
 * (score events, stats).
 */
import type { ConsumeData, MediaNotificationMap } from '../sfu/channel-messages.ts';
import type { ConsumerScore, ConsumerStat } from '../sfu/stats.ts';
import { type NackPair, type ReportBlock, type SdesChunk, SdesItemType, type SenderReport } from '../rtcp/index.ts';
import type { RtpPacket } from '../rtp/index.ts';
import { ConsumerStream } from './consumer-stream.ts';
import { detectsKeyframes } from './keyframe-detector.ts';
import { LayerSelector } from './layer-selector.ts';
import type { MediaClock } from './media-clock.ts';
import { consumerRewrite, type ConsumerRewrite } from './media-parameters.ts';
import type { MediaProducer, ProducerEncoding } from './media-producer.ts';
import type { StampIds } from './outbound-extensions.ts';

/** What a consumer needs from its transport and the worker. */
export interface ConsumerLink {
  /** Stamps the transport's per-hop extensions (`stamps`), protects and sends. */
  sendRtp(packet: RtpPacket, stamps: StampIds): void;
  notify<E extends keyof MediaNotificationMap['consumer']>(event: E, data: MediaNotificationMap['consumer'][E]): void;
}

export interface MediaConsumerOptions {
  readonly data: ConsumeData;
  readonly producer: MediaProducer;
  readonly link: ConsumerLink;
  readonly mediaClock: MediaClock;
}

export class MediaConsumer {
  readonly id: string;
  readonly kind: 'audio' | 'video';
  readonly producer: MediaProducer;
  readonly rewrite: ConsumerRewrite;
  readonly #link: ConsumerLink;
  readonly #stream: ConsumerStream;
  readonly #layers: LayerSelector;
  readonly #stamps: StampIds;
  #lastScore: string;
  /** The target layer a key frame was last asked for (simulcast switches). */
  #askedTarget: number | undefined;
  #closed = false;

  constructor(options: MediaConsumerOptions) {
    const { data, producer } = options;
    this.id = data.consumerId;
    this.kind = data.kind;
    this.producer = producer;
    this.#link = options.link;
    this.rewrite = consumerRewrite(producer.data, data);
    const { rewrite } = this;
    this.#stamps = { transportCcId: rewrite.transportCcId, absSendTimeId: rewrite.absSendTimeId };
    this.#layers = new LayerSelector(producer.encodings.length, (index) => producer.isActive(index));
    this.#stream = new ConsumerStream({
      kind: rewrite.kind,
      clockRate: rewrite.clockRate,
      ssrc: rewrite.ssrc,
      payloadTypes: rewrite.payloadTypes,
      headerExtensionIds: rewrite.headerExtensionIds,
      waitForKeyframe: rewrite.kind === 'video' && detectsKeyframes(rewrite.mimeType),
      requestKeyframe: () => this.requestKeyframe(),
      now: options.mediaClock,
      ...(rewrite.rtx === undefined ? {} : { rtx: rewrite.rtx }),
      ...(rewrite.mid === undefined ? {} : { mid: rewrite.mid }),
    });
    if (data.paused) this.#stream.pause();
    if (data.producerPaused) this.#stream.setProducerPaused(true);
    this.#lastScore = JSON.stringify(this.score());
  }

  get ssrc(): number {
    return this.rewrite.ssrc;
  }

  get rtxSsrc(): number | undefined {
    return this.rewrite.rtx?.ssrc;
  }

  get paused(): boolean {
    return this.#stream.paused;
  }

  /** Neither the consumer nor its producer is paused. */
  get active(): boolean {
    return this.#stream.active;
  }

  /** A packet the producer forwards; sent if this subscriber gets it. */
  forward(packet: RtpPacket, encoding: ProducerEncoding, keyframe: boolean): void {
    if (this.#closed || !this.#acceptLayer(encoding, keyframe)) return;
    const out = this.#stream.send(packet, { source: encoding.stream, keyframe });
    if (out !== undefined) this.#link.sendRtp(out, this.#stamps);
  }

  /** A padding-only packet on the producer's media SSRC: its sequence number leaves the consumer's sequence. */
  skip(sequenceNumber: number, encoding: ProducerEncoding): void {
    if (!this.#closed && encoding.index === this.#layers.current) this.#stream.skip(sequenceNumber);
  }

  /** NACK from the subscriber: RTX (or plain) retransmissions from the producer's buffer. */
  receiveNack(nacks: readonly NackPair[]): void {
    if (this.#closed) return;
    for (const packet of this.#stream.receiveNack(nacks)) this.#link.sendRtp(packet, this.#stamps);
  }

  receiveKeyframeRequest(kind: 'pli' | 'fir'): void {
    if (!this.#closed) this.#stream.receiveKeyframeRequest(kind);
  }

  receiveReceiverReport(block: ReportBlock): void {
    if (this.#closed) return;
    this.#stream.receiveReceiverReport(block);
    this.reportScoreChange();
  }

  /** The SR for this consumer's SSRC, carrying its producer's NTP ↔ RTP mapping; undefined before both exist. */
  createSenderReport(): SenderReport | undefined {
    return this.#closed ? undefined : this.#stream.createSenderReport();
  }

  /** SDES CNAME: the producer's, so the subscriber pairs this stream with the publisher's other tracks (RFC 3550 §6.5.1). */
  sdesChunk(): SdesChunk | undefined {
    const cname = this.rewrite.cname;
    return cname === undefined ? undefined : { source: this.ssrc, items: [{ type: SdesItemType.Cname, text: cname }] };
  }

  pause(): void {
    this.#stream.pause();
  }

  /** Forwarding again continues the sequence, and asks for a key frame (ConsumerStream does). */
  resume(): void {
    this.#stream.resume();
  }

  producerPauseChanged(paused: boolean): void {
    this.#stream.setProducerPaused(paused);
  }

  /** Asks the producer for a key frame of the layer this consumer forwards (or wants). */
  requestKeyframe(): void {
    if (this.#closed || !this.active) return;
    const index = this.#layers.target() ?? this.#layers.current ?? 0;
    this.producer.requestKeyframe(index);
  }

  score(): ConsumerScore {
    const producerScores = this.producer.encodings.map((encoding) => encoding.stream.score);
    const current = this.#layers.current ?? 0;
    return { score: this.#stream.score, producerScore: producerScores[current] ?? 0, producerScores };
  }

  /** Sends 'score' if it changed (this subscriber's reports, or the producer's streams). */
  reportScoreChange(): void {
    const score = this.score();
    const serialized = JSON.stringify(score);
    if (serialized === this.#lastScore) return;
    this.#lastScore = serialized;
    this.#link.notify('score', score);
  }

  getStats(): ConsumerStat {
    const stats = this.#stream.getStats();
    const stat: ConsumerStat = {
      type: 'outbound-rtp',
      timestamp: Date.now(),
      ssrc: this.ssrc,
      kind: this.kind,
      mimeType: this.rewrite.mimeType,
      packetCount: stats.packetsSent,
      byteCount: stats.bytesSent,
      bitrate: stats.bitrate,
      packetsLost: stats.packetsLost,
      fractionLost: Math.round(stats.fractionLost * 256),
      jitter: Math.round((stats.jitterMs * this.rewrite.clockRate) / 1000),
      packetsRetransmitted: stats.packetsRetransmitted,
      nackCount: stats.nackCount,
      pliCount: stats.pliCount,
      firCount: stats.firCount,
      score: stats.score,
    };
    if (this.rtxSsrc !== undefined) stat.rtxSsrc = this.rtxSsrc;
    if (stats.roundTripTimeMs !== undefined) stat.roundTripTime = stats.roundTripTimeMs;
    return stat;
  }

  dump(): Record<string, unknown> {
    return {
      id: this.id,
      producerId: this.producer.id,
      kind: this.kind,
      paused: this.#stream.paused,
      active: this.#stream.active,
      waitingForKeyframe: this.#stream.waitingForKeyframe,
      ssrc: this.ssrc,
      rtxSsrc: this.rtxSsrc,
      currentLayer: this.#layers.current,
      payloadTypes: Object.fromEntries(this.rewrite.payloadTypes),
      headerExtensionIds: Object.fromEntries(this.rewrite.headerExtensionIds),
      stream: { ...this.#stream.getStats() },
    };
  }

  /** Its producer went away without the control plane asking (its publisher's consent expired). */
  reportProducerClosed(): void {
    if (!this.#closed) this.#link.notify('producerclose', {});
  }

  close(): void {
    this.#closed = true;
  }

  #acceptLayer(encoding: ProducerEncoding, keyframe: boolean): boolean {
    const accepted = this.#layers.accept(encoding.index, keyframe);
    const target = this.#layers.target();
    if (target !== undefined && target !== this.#layers.current && target !== this.#askedTarget && this.active) {
      this.#askedTarget = target;
      this.producer.requestKeyframe(target);
    }
    return accepted;
  }
}
