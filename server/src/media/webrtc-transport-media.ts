/**
 * One WebRTC transport in the media plane (mediasoup's WebRtcTransport on a
 * WebRtcServer): the secure path to one browser PeerConnection
 * (webrtc-connection.ts: ICE-lite on the shared port, DTLS, SRTP), the
 * producers it receives and the consumers it sends, and the RTCP between
 * them.
 *
 *   in:  SRTP → InboundRtp (transport-cc, listener, producer streams) → router fan-out
 *        SRTCP → rtcp-dispatch (SR, RR, NACK, PLI/FIR, XR) → producer streams, consumers
 *   out: consumers → sendRtp (MID, transport-wide seq, abs-send-time) → SRTP
 *        RtcpScheduler → RR+XR(+REMB) to the publisher, SR+SDES to the subscriber
 *        KeyframeRequester → PLI/FIR; TransportCcFeedback → RTPFB 15
 *
 * State changes go to the control plane as channel events; a transport whose
 * peer stopped answering consent checks reports itself closed and the router
 * takes it down (router-media.ts).
 */
import { randomInt } from 'node:crypto';
import type { LocalCertificate } from '../x509/index.ts';
import { IceLiteAgent, type TransportTuple as IceTuple } from '../ice/index.ts';
import type { ConsumeData, JsonObject, MediaNotification, MediaNotificationMap, ProduceData, WebRtcTransportData } from '../sfu/channel-messages.ts';
import type { WebRtcTransportStat } from '../sfu/stats.ts';
import type { DtlsParameters, DtlsState, IceParameters, IceState, TransportTuple } from '../sfu/webrtc-transport-parameters.ts';
import { RtcpParseError, parseRtcp, serializeRtcp, type RtcpPacket } from '../rtcp/index.ts';
import { serializeRtpPacket, type RtpPacket } from '../rtp/index.ts';
import type { TimerClock, TimerQueue } from '../timers/index.ts';
import { channelCandidates, channelTuple } from './channel-shapes.ts';
import { type ForwardFunction, InboundRtp } from './inbound-rtp.ts';
import type { MediaClock } from './media-clock.ts';
import { MediaConsumer } from './media-consumer.ts';
import { MediaProducer, type ProducerEncoding } from './media-producer.ts';
import { OutboundExtensions, type StampIds } from './outbound-extensions.ts';
import { RtcpDispatchCounts, dispatchRtcp } from './rtcp-dispatch.ts';
import { RtcpScheduler } from './rtcp-scheduler.ts';
import { TransportCounters } from './transport-counters.ts';
import { publisherReports, subscriberReports, worstFractionLost } from './transport-reports.ts';
import type { UdpMux } from './udp-mux.ts';
import { WebRtcConnection } from './webrtc-connection.ts';

/** What every transport of one MediaWorker shares. */
export interface TransportEnvironment {
  readonly mux: UdpMux;
  readonly timers: TimerQueue;
  /** The clock `timers` runs on. */
  readonly clock: TimerClock;
  readonly mediaClock: MediaClock;
  readonly certificate: LocalCertificate;
  /** Close a transport when consent expires (the agent's `disconnected`). Default true. */
  readonly closeOnConsentExpiry: boolean;
  readonly rtcpIntervals: { readonly videoIntervalMs?: number; readonly audioIntervalMs?: number };
  readonly dtlsHandshakeTimeoutMs: number | undefined;
  readonly notify: (notification: MediaNotification) => void;
  /** A bug surfacing in an event handler: reported, never thrown at the network. */
  readonly onError: (error: unknown) => void;
}

export interface WebRtcTransportMediaOptions {
  readonly id: string;
  readonly consentTimeoutMs: number;
  readonly environment: TransportEnvironment;
  /** The router's fan-out of a producer's packet to its consumers. */
  readonly forward: ForwardFunction;
  /** A producer of this transport changed score: its consumers (anywhere) report theirs. */
  readonly producerScoreChanged: (producer: MediaProducer) => void;
  /** Consent expired: the router closes this transport and everything on it. */
  readonly peerGone: (transport: WebRtcTransportMedia) => void;
}

export class WebRtcTransportMedia {
  readonly id: string;
  readonly #options: WebRtcTransportMediaOptions;
  readonly #env: TransportEnvironment;
  readonly #connection: WebRtcConnection;
  readonly #inbound: InboundRtp;
  readonly #outbound = new OutboundExtensions();
  readonly #counters: TransportCounters;
  readonly #scheduler: RtcpScheduler;
  readonly #rtcpCounts = new RtcpDispatchCounts();
  readonly #producers = new Map<string, MediaProducer>();
  readonly #consumers = new Map<string, MediaConsumer>();
  readonly #consumersBySsrc = new Map<number, MediaConsumer>();
  /** The SSRC of the SFU's RTCP on this transport (RR, PLI, transport-cc, REMB). */
  readonly rtcpSsrc = randomInt(1, 0xffff_ffff);
  #iceState: IceState = 'new';
  #dtlsState: DtlsState = 'new';
  #selectedTuple: TransportTuple | undefined;
  #closed = false;

  /** Registers on the shared port; throws UdpMuxError if it is closed. */
  constructor(options: WebRtcTransportMediaOptions) {
    this.id = options.id;
    this.#options = options;
    const env = options.environment;
    this.#env = env;
    this.#counters = new TransportCounters(env.mediaClock);
    const agent = new IceLiteAgent({
      timers: env.timers,
      clock: env.clock,
      consentTimeoutMs: options.consentTimeoutMs,
      // Only used with closeOnConsentExpiry false: as long again for a check to revive it.
      closeAfterDisconnectedMs: options.consentTimeoutMs,
    });
    this.#connection = new WebRtcConnection({
      mux: env.mux,
      agent,
      certificate: env.certificate,
      timers: env.timers,
      clock: env.clock,
      counters: this.#counters,
      closeOnConsentExpiry: env.closeOnConsentExpiry,
      onError: env.onError,
      ...(env.dtlsHandshakeTimeoutMs === undefined ? {} : { dtlsHandshakeTimeoutMs: env.dtlsHandshakeTimeoutMs }),
      handlers: {
        onIceState: (state) => this.#setIceState(state),
        onSelectedTuple: (tuple) => this.#selectTuple(tuple),
        onDtlsState: (state, pem) => this.#setDtlsState(state, pem),
        onRtp: (packet) => this.#inbound.receive(packet),
        onRtcp: (packet) => this.#receiveRtcp(packet),
        onPeerGone: () => this.#options.peerGone(this),
      },
    });
    this.#inbound = new InboundRtp({
      counters: this.#counters,
      timers: env.timers,
      timerNow: () => env.clock.now(),
      mediaClock: env.mediaClock,
      rtcpSsrc: this.rtcpSsrc,
      sendTransportCc: (feedback) => this.#sendRtcp(feedback),
      forward: options.forward,
    });
    this.#scheduler = new RtcpScheduler({ timers: env.timers, onReport: () => this.#sendReports(), ...env.rtcpIntervals });
  }

  get closed(): boolean {
    return this.#closed;
  }

  get producers(): Iterable<MediaProducer> {
    return this.#producers.values();
  }

  get consumers(): Iterable<MediaConsumer> {
    return this.#consumers.values();
  }

  /** What `router.createWebRtcTransport` answers: ICE-lite credentials, the shared port's candidates, our fingerprint. */
  data(): WebRtcTransportData {
    const { usernameFragment, password } = this.#connection.agent.localParameters;
    return {
      iceRole: 'controlled',
      iceParameters: { usernameFragment, password, iceLite: true },
      iceCandidates: channelCandidates(this.#env.mux.candidates()),
      iceState: this.#iceState,
      dtlsParameters: { role: 'auto', fingerprints: [{ algorithm: 'sha-256', value: this.#env.certificate.fingerprint('sha-256') }] },
      dtlsState: this.#dtlsState,
    };
  }

  connect(remote: DtlsParameters): 'client' | 'server' {
    return this.#connection.connect(remote);
  }

  restartIce(): IceParameters {
    const { usernameFragment, password } = this.#connection.restartIce();
    return { usernameFragment, password, iceLite: true };
  }

  /** A new producer on this transport; throws (RtpListenerError) if its MID or SSRCs are taken here. */
  createProducer(data: ProduceData): MediaProducer {
    const producer = new MediaProducer({
      data,
      timers: this.#env.timers,
      timerNow: () => this.#env.clock.now(),
      mediaClock: this.#env.mediaClock,
      link: {
        rtcpSsrc: this.rtcpSsrc,
        sendRtcp: (packet) => this.#sendRtcp([packet]),
        notify: (event, eventData) => this.#notify({ handlerId: producer.id, event, data: eventData } as MediaNotification),
      },
    });
    this.#inbound.addProducer(producer);
    this.#producers.set(producer.id, producer);
    this.#updateScheduler();
    return producer;
  }

  createConsumer(data: ConsumeData, producer: MediaProducer): MediaConsumer {
    const consumer: MediaConsumer = new MediaConsumer({
      data,
      producer,
      mediaClock: this.#env.mediaClock,
      link: {
        sendRtp: (packet, stamps) => this.#sendRtp(packet, stamps),
        notify: <E extends keyof MediaNotificationMap['consumer']>(event: E, eventData: MediaNotificationMap['consumer'][E]) =>
          this.#notify({ handlerId: consumer.id, event, data: eventData } as MediaNotification),
      },
    });
    for (const ssrc of [consumer.ssrc, consumer.rtxSsrc]) {
      if (ssrc !== undefined && this.#consumersBySsrc.has(ssrc)) throw new TypeError(`media: SSRC ${ssrc} is already sent on transport ${this.id}`);
    }
    this.#consumers.set(consumer.id, consumer);
    this.#consumersBySsrc.set(consumer.ssrc, consumer);
    if (consumer.rtxSsrc !== undefined) this.#consumersBySsrc.set(consumer.rtxSsrc, consumer);
    this.#updateScheduler();
    return consumer;
  }

  /** Forgets a producer (closed by the router). */
  removeProducer(producer: MediaProducer): void {
    if (!this.#producers.delete(producer.id)) return;
    this.#inbound.removeProducer(producer.id);
    for (const encoding of producer.encodings) if (encoding.stream.ssrc !== undefined) this.#connection.forgetStream(encoding.stream.ssrc);
    this.#updateScheduler();
  }

  removeConsumer(consumer: MediaConsumer): void {
    if (!this.#consumers.delete(consumer.id)) return;
    this.#consumersBySsrc.delete(consumer.ssrc);
    if (consumer.rtxSsrc !== undefined) this.#consumersBySsrc.delete(consumer.rtxSsrc);
    this.#connection.forgetStream(consumer.ssrc);
    this.#updateScheduler();
  }

  getStats(): WebRtcTransportStat[] {
    const counts = this.#counters.snapshot();
    const stat: WebRtcTransportStat = {
      type: 'webrtc-transport',
      transportId: this.id,
      timestamp: Date.now(),
      iceRole: 'controlled',
      iceState: this.#iceState,
      dtlsState: this.#dtlsState,
      bytesReceived: counts.bytesReceived,
      bytesSent: counts.bytesSent,
      recvBitrate: counts.recvBitrate,
      sendBitrate: counts.sendBitrate,
      rtpPacketsReceived: counts.rtpPacketsReceived,
      rtpPacketsSent: counts.rtpPacketsSent,
      packetsDropped: counts.packetsDropped,
    };
    if (this.#selectedTuple !== undefined) stat.iceSelectedTuple = this.#selectedTuple;
    return [stat];
  }

  dump(): JsonObject {
    const agent = this.#connection.agent;
    return JSON.parse(
      JSON.stringify({
        id: this.id,
        iceState: this.#iceState,
        iceSelectedTuple: this.#selectedTuple,
        iceLocalUsernameFragments: agent.usernameFragments,
        ice: agent.stats,
        dtls: this.#connection.dtlsStats,
        rtcpSsrc: this.rtcpSsrc,
        producerIds: [...this.#producers.keys()],
        consumerIds: [...this.#consumers.keys()],
        counters: this.#counters.snapshot(),
        inbound: this.#inbound.stats,
        rtcpReceived: this.#rtcpCounts.values,
        rtcpReportsSent: this.#scheduler.reportsSent,
        nextTransportSequenceNumber: this.#outbound.nextTransportSequenceNumber,
      }),
    ) as JsonObject;
  }

  /**
   * Consent expired: tell the control plane the transport is closed (the
   * control plane has not asked), then stop. The router closes the producers
   * and consumers.
   */
  closeByPeer(): void {
    if (this.#closed) return;
    this.#setIceState('closed');
    this.#setDtlsState('closed', undefined);
    this.close();
  }

  /** Stops everything: no events, no more packets. The router has closed the producers and consumers. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#scheduler.stop();
    this.#inbound.close();
    this.#connection.close();
  }

  #notify(notification: MediaNotification): void {
    if (!this.#closed) this.#env.notify(notification);
  }

  #setIceState(state: IceState): void {
    if (this.#iceState === state || this.#closed) return;
    this.#iceState = state;
    if (state === 'disconnected' || state === 'closed') this.#selectedTuple = undefined;
    this.#notify({ handlerId: this.id, event: 'icestatechange', data: { iceState: state } });
  }

  #selectTuple(tuple: IceTuple): void {
    this.#selectedTuple = channelTuple(tuple, this.#env.mux.addresses);
    this.#notify({ handlerId: this.id, event: 'iceselectedtuplechange', data: { iceSelectedTuple: this.#selectedTuple } });
  }

  #setDtlsState(state: DtlsState, remoteCertificatePem: string | undefined): void {
    if (this.#dtlsState === state || this.#closed) return;
    this.#dtlsState = state;
    this.#notify({ handlerId: this.id, event: 'dtlsstatechange', data: remoteCertificatePem === undefined ? { dtlsState: state } : { dtlsState: state, dtlsRemoteCert: remoteCertificatePem } });
    if (state === 'connected') {
      this.#scheduler.start();
      // Subscribers that started before the keys existed have had nothing to show yet: ask again now.
      for (const consumer of this.#consumers.values()) consumer.requestKeyframe();
    } else if (state === 'failed' || state === 'closed') {
      this.#scheduler.stop();
    }
  }

  #updateScheduler(): void {
    const hasVideo = [...this.#producers.values(), ...this.#consumers.values()].some((stream) => stream.kind === 'video');
    this.#scheduler.setHasVideo(hasVideo);
  }

  #sendRtp(packet: RtpPacket, stamps: StampIds): void {
    if (this.#closed) return;
    this.#outbound.stamp(packet, stamps, this.#env.mediaClock());
    this.#connection.sendRtp(serializeRtpPacket(packet));
  }

  #sendRtcp(packets: readonly RtcpPacket[]): void {
    if (this.#closed || packets.length === 0) return;
    let bytes: Uint8Array;
    try {
      bytes = serializeRtcp(packets);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      this.#counters.drop('send-rtcp-unserializable');
      return;
    }
    this.#connection.sendRtcp(bytes);
  }

  #receiveRtcp(bytes: Uint8Array): void {
    let packets: RtcpPacket[];
    try {
      packets = parseRtcp(bytes);
    } catch (error) {
      if (!(error instanceof RtcpParseError)) throw error;
      this.#counters.drop('rtcp-malformed');
      return;
    }
    this.#counters.rtcpReceived();
    dispatchRtcp(packets, this.#rtcpTargets, this.#rtcpCounts);
  }

  readonly #rtcpTargets = {
    producerEncoding: (ssrc: number): ProducerEncoding | undefined => {
      for (const producer of this.#producers.values()) {
        const encoding = producer.encodingBySsrc(ssrc);
        if (encoding !== undefined) return encoding;
      }
      return undefined;
    },
    producerEncodings: (): ProducerEncoding[] => [...this.#producers.values()].flatMap((producer) => [...producer.encodings]),
    consumer: (ssrc: number): MediaConsumer | undefined => this.#consumersBySsrc.get(ssrc),
  };

  /** The scheduler fired: RRs to the publisher, SRs to the subscriber, then score changes. */
  #sendReports(): void {
    if (!this.#connection.secure) return;
    if (this.#producers.size > 0) {
      const blocks = [...this.#producers.values()].flatMap((producer) => producer.createReportBlocks());
      const remb = this.#inbound.createRemb(worstFractionLost(blocks));
      for (const compound of publisherReports(this.rtcpSsrc, blocks, this.#env.mediaClock(), remb)) this.#sendRtcp(compound);
      for (const producer of this.#producers.values()) {
        if (producer.reportScoreChange()) this.#options.producerScoreChanged(producer);
      }
    }
    for (const compound of subscriberReports(this.#consumers.values())) this.#sendRtcp(compound);
  }
}
