/**
 * A media plane without media, for tests of the control plane (and of code
 * built on it, like signaling): it keeps the object tree the real MediaWorker
 * keeps, cascades closes the same way, answers every request with plausible
 * data, records every request, and sends events when a test asks.
 *
 * It also checks the control plane: a request for an object it does not hold
 * (never created, or already closed by a cascade) fails, as it would in the
 * real media plane, so a test sees a request that should not have been sent.
 *
 *   const media = new FakeMediaWorker();
 *   const worker = await createWorker({ mediaWorker: media });
 *   ...
 *   media.notify({ handlerId: transport.id, event: 'icestatechange', data: { iceState: 'connected' } });
 *   media.failNext('transport.connect', new TypeError('bad fingerprint'));
 *   media.requestLog.map((r) => r.method);
 */
import { randomBytes } from 'node:crypto';
import type {
  ConsumeData,
  MediaEventSink,
  MediaMethod,
  MediaNotification,
  MediaRequestData,
  MediaRequestHandlers,
  MediaResponseData,
  MediaWorkerHandler,
  ProduceData,
  WebRtcTransportData,
} from './channel-messages.ts';
import type { ConsumerStat, ProducerStat, RtpStreamStats } from './stats.ts';
import { localDtlsRole } from './webrtc-transport-parameters.ts';

export interface RecordedRequest {
  method: MediaMethod;
  handlerId: string;
  data: unknown;
}

interface FakeTransport {
  routerId: string;
  data: WebRtcTransportData;
  connected: boolean;
}

interface FakeProducer extends ProduceData {
  transportId: string;
}

interface FakeConsumer extends ConsumeData {
  transportId: string;
}

export class FakeMediaWorker implements MediaWorkerHandler {
  /** Every request in arrival order. */
  readonly requestLog: RecordedRequest[] = [];
  readonly requests: MediaRequestHandlers;
  readonly #routers = new Set<string>();
  readonly #transports = new Map<string, FakeTransport>();
  readonly #producers = new Map<string, FakeProducer>();
  readonly #consumers = new Map<string, FakeConsumer>();
  readonly #failures = new Map<MediaMethod, Error>();
  #sink: MediaEventSink | undefined;
  #closed = false;
  #nextPort = 40000;

  constructor() {
    this.requests = {
      'worker.dump': () => ({ routerIds: [...this.#routers], transportIds: [...this.#transports.keys()] }),
      'worker.createRouter': (_handlerId, { routerId }) => {
        this.#routers.add(routerId);
        return {};
      },
      'router.close': (routerId) => {
        this.#requireRouter(routerId);
        for (const [transportId, transport] of this.#transports) if (transport.routerId === routerId) this.#closeTransport(transportId);
        this.#routers.delete(routerId);
        return {};
      },
      'router.dump': (routerId) => {
        this.#requireRouter(routerId);
        return { id: routerId, transportIds: [...this.#transports].filter(([, t]) => t.routerId === routerId).map(([id]) => id) };
      },
      'router.createWebRtcTransport': (routerId, { transportId }) => {
        this.#requireRouter(routerId);
        const data = this.#transportData();
        this.#transports.set(transportId, { routerId, data, connected: false });
        return data;
      },
      'transport.close': (transportId) => {
        this.#requireTransport(transportId);
        this.#closeTransport(transportId);
        return {};
      },
      'transport.dump': (transportId) => {
        const { data, connected } = this.#requireTransport(transportId);
        return { id: transportId, iceState: data.iceState, dtlsState: data.dtlsState, connected };
      },
      'transport.getStats': (transportId) => {
        const { data } = this.#requireTransport(transportId);
        return [
          {
            type: 'webrtc-transport',
            transportId,
            timestamp: Date.now(),
            iceRole: 'controlled',
            iceState: data.iceState,
            dtlsState: data.dtlsState,
            bytesReceived: 0,
            bytesSent: 0,
            recvBitrate: 0,
            sendBitrate: 0,
            rtpPacketsReceived: 0,
            rtpPacketsSent: 0,
            packetsDropped: 0,
          },
        ];
      },
      'transport.connect': (transportId, { dtlsParameters }) => {
        const transport = this.#requireTransport(transportId);
        if (transport.connected) throw new Error('connect() already called');
        transport.connected = true;
        return { dtlsLocalRole: localDtlsRole(dtlsParameters.role) };
      },
      'transport.restartIce': (transportId) => {
        const transport = this.#requireTransport(transportId);
        transport.data.iceParameters = { ...this.#transportData().iceParameters };
        return { iceParameters: transport.data.iceParameters };
      },
      'transport.produce': (transportId, data) => {
        this.#requireTransport(transportId);
        if (this.#producers.has(data.producerId)) throw new Error(`Producer ${data.producerId} already exists`);
        this.#producers.set(data.producerId, { ...data, transportId });
        return {};
      },
      'transport.consume': (transportId, data) => {
        this.#requireTransport(transportId);
        const producer = this.#requireProducer(data.producerId);
        this.#consumers.set(data.consumerId, { ...data, transportId });
        return { paused: data.paused, producerPaused: producer.paused, score: { score: 10, producerScore: 10, producerScores: producer.rtpMapping.encodings.map(() => 10) } };
      },
      'producer.close': (producerId) => {
        this.#requireProducer(producerId);
        this.#closeProducer(producerId);
        return {};
      },
      'producer.dump': (producerId) => ({ id: producerId, paused: this.#requireProducer(producerId).paused }),
      'producer.getStats': (producerId) => {
        const producer = this.#requireProducer(producerId);
        return producer.rtpMapping.encodings.map((encoding): ProducerStat => ({
          type: 'inbound-rtp',
          ...emptyStreamStats(encoding.ssrc ?? 0, producer.kind, producer.rtpParameters.codecs[0]?.mimeType ?? ''),
          packetsDiscarded: 0,
        }));
      },
      'producer.pause': (producerId) => {
        this.#requireProducer(producerId).paused = true;
        return {};
      },
      'producer.resume': (producerId) => {
        this.#requireProducer(producerId).paused = false;
        return {};
      },
      'consumer.close': (consumerId) => {
        this.#requireConsumer(consumerId);
        this.#consumers.delete(consumerId);
        return {};
      },
      'consumer.dump': (consumerId) => ({ id: consumerId, paused: this.#requireConsumer(consumerId).paused }),
      'consumer.getStats': (consumerId) => {
        const consumer = this.#requireConsumer(consumerId);
        const encoding = consumer.rtpParameters.encodings?.[0];
        const stat: ConsumerStat = { type: 'outbound-rtp', ...emptyStreamStats(encoding?.ssrc ?? 0, consumer.kind, consumer.rtpParameters.codecs[0]?.mimeType ?? '') };
        return [stat];
      },
      'consumer.pause': (consumerId) => {
        this.#requireConsumer(consumerId).paused = true;
        return {};
      },
      'consumer.resume': (consumerId) => {
        this.#requireConsumer(consumerId).paused = false;
        return {};
      },
      'consumer.requestKeyFrame': (consumerId) => {
        this.#requireConsumer(consumerId);
        return {};
      },
    };
    this.#recordEveryRequest();
  }

  get closed(): boolean {
    return this.#closed;
  }

  attach(sink: MediaEventSink): void {
    this.#sink = sink;
  }

  close(): void {
    this.#closed = true;
  }

  /** The next request of `method` throws `error` (once). */
  failNext(method: MediaMethod, error: Error): void {
    this.#failures.set(method, error);
  }

  /** Sends an event to the control plane, as the media plane would. */
  notify(notification: MediaNotification): void {
    if (this.#sink === undefined) throw new Error('FakeMediaWorker: not attached to a channel');
    this.#sink.notify(notification);
  }

  /** The media plane dies: the Worker emits 'died'. */
  crash(error: Error): void {
    this.#sink?.fatal(error);
  }

  /** Whether the media plane still holds the router, transport, producer or consumer with this id. */
  holds(id: string): boolean {
    return this.#routers.has(id) || this.#transports.has(id) || this.#producers.has(id) || this.#consumers.has(id);
  }

  /** What the control plane sent when it created this producer or consumer. */
  producerData(id: string): ProduceData | undefined {
    return this.#producers.get(id);
  }

  consumerData(id: string): ConsumeData | undefined {
    return this.#consumers.get(id);
  }

  #recordEveryRequest(): void {
    const handlers = this.requests as Record<MediaMethod, (handlerId: string, data: unknown) => unknown>;
    for (const method of Object.keys(handlers) as MediaMethod[]) {
      const handle = handlers[method];
      handlers[method] = async (handlerId, data) => {
        this.requestLog.push({ method, handlerId, data });
        if (this.#closed) throw new Error('FakeMediaWorker: closed');
        const failure = this.#failures.get(method);
        if (failure !== undefined) {
          this.#failures.delete(method);
          throw failure;
        }
        return handle(handlerId, data as MediaRequestData<typeof method>) as MediaResponseData<typeof method>;
      };
    }
  }

  #transportData(): WebRtcTransportData {
    return {
      iceRole: 'controlled',
      iceParameters: { usernameFragment: randomBytes(6).toString('hex'), password: randomBytes(16).toString('hex'), iceLite: true },
      iceCandidates: [{ foundation: 'udpcandidate', priority: 2130706431, address: '127.0.0.1', protocol: 'udp', port: this.#nextPort++, type: 'host' }],
      iceState: 'new',
      dtlsParameters: { role: 'auto', fingerprints: [{ algorithm: 'sha-256', value: randomBytes(32).toString('hex').toUpperCase().replace(/(..)(?!$)/g, '$1:') }] },
      dtlsState: 'new',
    };
  }

  #closeTransport(transportId: string): void {
    for (const [id, producer] of this.#producers) if (producer.transportId === transportId) this.#closeProducer(id);
    for (const [id, consumer] of this.#consumers) if (consumer.transportId === transportId) this.#consumers.delete(id);
    this.#transports.delete(transportId);
  }

  #closeProducer(producerId: string): void {
    for (const [id, consumer] of this.#consumers) if (consumer.producerId === producerId) this.#consumers.delete(id);
    this.#producers.delete(producerId);
  }

  #requireRouter(id: string): void {
    if (!this.#routers.has(id)) throw new Error(`Router ${id} not found`);
  }

  #requireTransport(id: string): FakeTransport {
    const transport = this.#transports.get(id);
    if (transport === undefined) throw new Error(`Transport ${id} not found`);
    return transport;
  }

  #requireProducer(id: string): FakeProducer {
    const producer = this.#producers.get(id);
    if (producer === undefined) throw new Error(`Producer ${id} not found`);
    return producer;
  }

  #requireConsumer(id: string): FakeConsumer {
    const consumer = this.#consumers.get(id);
    if (consumer === undefined) throw new Error(`Consumer ${id} not found`);
    return consumer;
  }
}

function emptyStreamStats(ssrc: number, kind: RtpStreamStats['kind'], mimeType: string): RtpStreamStats {
  return {
    timestamp: Date.now(),
    ssrc,
    kind,
    mimeType,
    packetCount: 0,
    byteCount: 0,
    bitrate: 0,
    packetsLost: 0,
    fractionLost: 0,
    jitter: 0,
    packetsRetransmitted: 0,
    nackCount: 0,
    pliCount: 0,
    firCount: 0,
    score: 10,
  };
}
