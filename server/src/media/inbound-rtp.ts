/**
 * What a transport does with each decrypted RTP packet from its peer (the
 * order is sfu/README.md's "Routing one RTP datagram"):
 *
 * 1. parse (malformed: dropped, counted);
 * 2. transport-wide-cc arrival recorded for EVERY packet, probes included,
 *    before anything can drop it: GoogCC at the publisher ramps up only
 *    when its probes are acknowledged; a loss-based REMB estimator instead
 *    for publishers without transport-cc;
 * 3. RtpListener: SSRC once bound, else MID (+RID) → producer encoding;
 *    padding-only probes and unknown streams dropped and counted;
 * 4. the producer's stream decides forward / skip / drop, and `forward`
 *    hands the outcome to the router, which fans it out to the consumers.
 */
import { type ReceiverEstimatedMaximumBitrate, type TransportLayerCc } from '../rtcp/index.ts';
import { RtpParseError, parseRtpPacket, type RtpPacket } from '../rtp/index.ts';
import type { TimerQueue } from '../timers/index.ts';
import type { MediaClock } from './media-clock.ts';
import type { MediaProducer, ProducerEncoding, ProducerTarget } from './media-producer.ts';
import type { ProducerPacketResult } from './producer-stream.ts';
import { RembEstimator } from './remb-estimator.ts';
import { RtpListener, type RtpListenerStats } from './rtp-listener.ts';
import type { TransportCounters } from './transport-counters.ts';
import { TransportCcFeedback, type TransportCcFeedbackStats } from './transport-cc-feedback.ts';

export type ForwardFunction = (producer: MediaProducer, encoding: ProducerEncoding, result: Exclude<ProducerPacketResult, { action: 'drop' }>) => void;

export interface InboundRtpOptions {
  readonly counters: TransportCounters;
  readonly timers: TimerQueue;
  /** The timer queue's clock (ms): transport-cc arrival times. */
  readonly timerNow: () => number;
  readonly mediaClock: MediaClock;
  /** The SSRC the transport's RTCP comes from. */
  readonly rtcpSsrc: number;
  readonly sendTransportCc: (feedback: TransportLayerCc[]) => void;
  readonly forward: ForwardFunction;
}

export interface InboundRtpStats {
  readonly listener: RtpListenerStats;
  readonly transportCc: TransportCcFeedbackStats | undefined;
  readonly rembEstimate: number | undefined;
}

export class InboundRtp {
  readonly #options: InboundRtpOptions;
  readonly #listener = new RtpListener<ProducerTarget>();
  #transportCc: TransportCcFeedback | undefined;
  #remb: RembEstimator | undefined;

  constructor(options: InboundRtpOptions) {
    this.#options = options;
  }

  get stats(): InboundRtpStats {
    return { listener: this.#listener.stats, transportCc: this.#transportCc?.stats, rembEstimate: this.#remb?.estimate };
  }

  /** Listens for the producer's streams; throws RtpListenerError if its MID or an SSRC is taken on this transport. */
  addProducer(producer: MediaProducer): void {
    this.#listener.addProducer(producer.listenerEntry());
    const { transportCcId, remb } = producer.feedback;
    if (transportCcId !== undefined) {
      this.#transportCc ??= new TransportCcFeedback({
        extensionId: transportCcId,
        senderSsrc: this.#options.rtcpSsrc,
        timers: this.#options.timers,
        now: this.#options.timerNow,
        send: (feedback) => this.#options.sendTransportCc(feedback),
      });
    } else if (remb) {
      this.#remb ??= new RembEstimator();
    }
  }

  removeProducer(producerId: string): void {
    this.#listener.removeProducer(producerId);
  }

  /** One decrypted RTP packet. Never throws for what it holds. */
  receive(bytes: Uint8Array): void {
    const counters = this.#options.counters;
    let packet: RtpPacket;
    try {
      packet = parseRtpPacket(bytes);
    } catch (error) {
      if (!(error instanceof RtpParseError)) throw error;
      counters.drop('rtp-malformed');
      return;
    }
    counters.rtpReceived();
    this.#transportCc?.receivePacket(packet);
    this.#remb?.receivePacket(packet.ssrc, bytes.length, this.#options.mediaClock());
    const route = this.#listener.route(packet);
    if (route.kind === 'dropped') {
      counters.drop(route.reason === 'padding-probe' ? 'padding-probe' : `rtp-${route.reason}`);
      return;
    }
    const { producer, encoding } = route.target;
    const result = producer.receive(route.kind, route.packet, encoding);
    if (result.action === 'drop') {
      counters.drop(`rtp-${result.reason}`);
      return;
    }
    this.#options.forward(producer, encoding, result);
  }

  /** The REMB to send with the next RR, for publishers without transport-cc; `fractionLost` 0-1 from the RR blocks. */
  createRemb(fractionLost: number): ReceiverEstimatedMaximumBitrate | undefined {
    if (this.#remb === undefined) return undefined;
    this.#remb.update(fractionLost, this.#options.mediaClock());
    return this.#remb.createRemb(this.#options.rtcpSsrc);
  }

  close(): void {
    this.#transportCc?.close();
  }
}
