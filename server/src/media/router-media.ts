/**
 * One router in the media plane (mediasoup's Router): a room's transports,
 * its producers, and the forwarding graph, producer → its consumers on any
 * transport of the room. A producer's forwarded packet fans out here.
 *
 * Closing cascades as in the control plane (sfu/channel-messages.ts):
 * router → its transports; transport → its producers, then its consumers;
 * producer → every consumer of it, wherever. A close the control plane asked
 * for sends no events (it mirrors the cascade itself). A transport whose
 * peer went away (consent expired) is the one close the control plane does
 * not know of: the transport reports itself 'closed' first, so the control
 * plane can mirror it.
 */
import type { ConsumeData, JsonObject, ProduceData } from '../sfu/channel-messages.ts';
import type { MediaConsumer } from './media-consumer.ts';
import type { MediaProducer, ProducerEncoding } from './media-producer.ts';
import type { ProducerPacketResult } from './producer-stream.ts';
import { type TransportEnvironment, WebRtcTransportMedia } from './webrtc-transport-media.ts';

/** The worker's id tables; the router keeps them in step with its objects. */
export interface MediaRegistry {
  readonly transports: Map<string, WebRtcTransportMedia>;
  readonly producers: Map<string, MediaProducer>;
  readonly consumers: Map<string, MediaConsumer>;
}

export class RouterMedia {
  readonly id: string;
  readonly #environment: TransportEnvironment;
  readonly #registry: MediaRegistry;
  readonly #transports = new Map<string, WebRtcTransportMedia>();
  /** The forwarding graph. */
  readonly #consumersOf = new Map<MediaProducer, Set<MediaConsumer>>();
  readonly #transportOf = new Map<MediaProducer | MediaConsumer, WebRtcTransportMedia>();
  #closed = false;

  constructor(id: string, environment: TransportEnvironment, registry: MediaRegistry) {
    this.id = id;
    this.#environment = environment;
    this.#registry = registry;
  }

  get closed(): boolean {
    return this.#closed;
  }

  hasTransport(transportId: string): boolean {
    return this.#transports.has(transportId);
  }

  hasProducer(producer: MediaProducer): boolean {
    return this.#consumersOf.has(producer);
  }

  createWebRtcTransport(transportId: string, consentTimeoutSeconds: number): WebRtcTransportMedia {
    this.#assertOpen();
    if (this.#registry.transports.has(transportId)) throw new TypeError(`media: transport ${transportId} already exists`);
    if (!(consentTimeoutSeconds > 0) || !Number.isFinite(consentTimeoutSeconds)) throw new TypeError('iceConsentTimeout must be a positive number of seconds');
    const transport = new WebRtcTransportMedia({
      id: transportId,
      consentTimeoutMs: consentTimeoutSeconds * 1000,
      environment: this.#environment,
      forward: (producer, encoding, result) => this.#forward(producer, encoding, result),
      producerScoreChanged: (producer) => this.#consumersOf.get(producer)?.forEach((consumer) => consumer.reportScoreChange()),
      peerGone: (gone) => this.#peerGone(gone),
    });
    this.#transports.set(transportId, transport);
    this.#registry.transports.set(transportId, transport);
    return transport;
  }

  produce(transport: WebRtcTransportMedia, data: ProduceData): MediaProducer {
    this.#assertOpen();
    if (this.#registry.producers.has(data.producerId)) throw new TypeError(`media: producer ${data.producerId} already exists`);
    const producer = transport.createProducer(data);
    this.#consumersOf.set(producer, new Set());
    this.#transportOf.set(producer, transport);
    this.#registry.producers.set(producer.id, producer);
    return producer;
  }

  consume(transport: WebRtcTransportMedia, data: ConsumeData): MediaConsumer {
    this.#assertOpen();
    if (this.#registry.consumers.has(data.consumerId)) throw new TypeError(`media: consumer ${data.consumerId} already exists`);
    const producer = this.#registry.producers.get(data.producerId);
    const consumers = producer === undefined ? undefined : this.#consumersOf.get(producer);
    if (producer === undefined || consumers === undefined) throw new Error(`Producer ${data.producerId} not found in router ${this.id}`);
    const consumer = transport.createConsumer(data, producer);
    consumers.add(consumer);
    this.#transportOf.set(consumer, transport);
    this.#registry.consumers.set(consumer.id, consumer);
    // A new subscriber needs a key frame before it can show anything.
    consumer.requestKeyframe();
    return consumer;
  }

  pauseProducer(producer: MediaProducer, paused: boolean): void {
    if (producer.paused === paused) return;
    producer.setPaused(paused);
    for (const consumer of this.#consumersOf.get(producer) ?? []) consumer.producerPauseChanged(paused);
  }

  /** The transport and everything on it; the producers take their consumers on other transports along. */
  closeTransport(transport: WebRtcTransportMedia): void {
    if (this.#transports.get(transport.id) !== transport) return;
    this.#transports.delete(transport.id);
    for (const producer of [...transport.producers]) this.closeProducer(producer);
    for (const consumer of [...transport.consumers]) this.closeConsumer(consumer);
    transport.close();
    this.#registry.transports.delete(transport.id);
  }

  closeProducer(producer: MediaProducer): void {
    const consumers = this.#consumersOf.get(producer);
    if (consumers === undefined) return;
    for (const consumer of [...consumers]) this.closeConsumer(consumer);
    this.#consumersOf.delete(producer);
    this.#transportOf.get(producer)?.removeProducer(producer);
    this.#transportOf.delete(producer);
    producer.close();
    this.#registry.producers.delete(producer.id);
  }

  closeConsumer(consumer: MediaConsumer): void {
    const transport = this.#transportOf.get(consumer);
    if (transport === undefined) return;
    this.#transportOf.delete(consumer);
    this.#consumersOf.get(consumer.producer)?.delete(consumer);
    transport.removeConsumer(consumer);
    consumer.close();
    this.#registry.consumers.delete(consumer.id);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const transport of [...this.#transports.values()]) this.closeTransport(transport);
  }

  dump(): JsonObject {
    return {
      id: this.id,
      transportIds: [...this.#transports.keys()],
      producerIds: [...this.#consumersOf.keys()].map((producer) => producer.id),
      consumersByProducer: Object.fromEntries([...this.#consumersOf].map(([producer, consumers]) => [producer.id, [...consumers].map((consumer) => consumer.id)])),
    };
  }

  /**
   * Consent expired: the control plane has not asked, so it hears of it: the
   * transport reports itself closed, and consumers elsewhere of its producers
   * report 'producerclose'. Then the usual cascade.
   */
  #peerGone(transport: WebRtcTransportMedia): void {
    if (this.#transports.get(transport.id) !== transport) return;
    transport.closeByPeer();
    for (const producer of transport.producers) {
      for (const consumer of this.#consumersOf.get(producer) ?? []) {
        if (this.#transportOf.get(consumer) !== transport) consumer.reportProducerClosed();
      }
    }
    this.closeTransport(transport);
  }

  #forward(producer: MediaProducer, encoding: ProducerEncoding, result: Exclude<ProducerPacketResult, { action: 'drop' }>): void {
    const consumers = this.#consumersOf.get(producer);
    if (consumers === undefined) return;
    if (result.action === 'forward') {
      for (const consumer of consumers) consumer.forward(result.packet, encoding, result.keyframe);
    } else {
      for (const consumer of consumers) consumer.skip(result.sequenceNumber, encoding);
    }
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error(`Router ${this.id} is closed`);
  }
}
