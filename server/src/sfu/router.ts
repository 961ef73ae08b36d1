/**
 * A Router: one room. It has the room's codecs (`rtpCapabilities`), its
 * transports, and knows every producer and the consumers of each, so that
 * a producer's close and pause reach its consumers on every transport.
 *
 * Events: 'workerclose'. Observer: 'close', 'newtransport'.
 */
import { randomUUID } from 'node:crypto';
import { ApiObject } from './api-object.ts';
import type { AppData } from './app-data.ts';
import type { JsonObject } from './channel-messages.ts';
import type { Consumer } from './consumer.ts';
import type { ControlContext } from './control-context.ts';
import type { Producer } from './producer.ts';
import { canConsume } from './rtp-mapping.ts';
import type { RtpCapabilities } from './rtp-parameters.ts';
import type { RouterLink, Transport } from './transport.ts';
import { DEFAULT_ICE_CONSENT_TIMEOUT, WebRtcTransport, type WebRtcTransportOptions } from './webrtc-transport.ts';

export type RouterEvents = { workerclose: [] };
export type RouterObserverEvents = { close: []; newtransport: [WebRtcTransport] };

export interface RouterInit {
  id: string;
  rtpCapabilities: Required<RtpCapabilities>;
  context: ControlContext;
  appData: AppData;
  /** Tells the worker the router closed by itself. */
  onClose: (router: Router) => void;
}

export class Router extends ApiObject<RouterEvents, RouterObserverEvents> {
  readonly #rtpCapabilities: Required<RtpCapabilities>;
  readonly #context: ControlContext;
  readonly #onClose: (router: Router) => void;
  readonly #transports = new Set<Transport>();
  readonly #producers = new Map<string, Producer>();
  readonly #consumersByProducer = new Map<string, Set<Consumer>>();
  readonly #link: RouterLink;

  /** @internal Made by `Worker.createRouter`. */
  constructor(init: RouterInit) {
    super(init.id, init.appData);
    this.#rtpCapabilities = init.rtpCapabilities;
    this.#context = init.context;
    this.#onClose = init.onClose;
    this.#link = this.#createLink();
  }

  /** The room's codecs with their payload types, and the header extensions: what endpoints negotiate against. */
  get rtpCapabilities(): Required<RtpCapabilities> {
    return this.#rtpCapabilities;
  }

  /** Closes every transport (each emits 'routerclose'), with their producers and consumers. Idempotent. */
  close(): void {
    if (!this.markClosed()) return;
    this.#context.notifyClosed('router.close', this.id, {});
    this.#closeTransports();
    this.#onClose(this);
    this.emitClosed();
  }

  /** @internal Its worker closed or died. */
  workerClosed(): void {
    if (!this.markClosed()) return;
    this.#closeTransports();
    this.safeEmit('workerclose');
    this.emitClosed();
  }

  async dump(): Promise<JsonObject> {
    this.assertOpen('dump');
    return this.#context.channel.request('router.dump', this.id, {});
  }

  async createWebRtcTransport(options: WebRtcTransportOptions = {}): Promise<WebRtcTransport> {
    this.assertOpen('createWebRtcTransport');
    if (typeof options !== 'object' || options === null) throw new TypeError('createWebRtcTransport() options must be an object');
    const { iceConsentTimeout = DEFAULT_ICE_CONSENT_TIMEOUT, appData = {} } = options;
    if (typeof iceConsentTimeout !== 'number' || !Number.isFinite(iceConsentTimeout) || iceConsentTimeout <= 0) {
      throw new TypeError('iceConsentTimeout must be a positive number of seconds');
    }
    const transportId = randomUUID();
    const data = await this.#context.channel.request('router.createWebRtcTransport', this.id, { transportId, iceConsentTimeout });
    this.assertOpen('createWebRtcTransport');
    const transport = new WebRtcTransport({ id: transportId, data, context: this.#context, router: this.#link, appData });
    this.#transports.add(transport);
    this.emitObserver('newtransport', transport);
    return transport;
  }

  /** Whether an endpoint with `rtpCapabilities` can receive the producer; false for an unknown producer. */
  canConsume({ producerId, rtpCapabilities }: { producerId: string; rtpCapabilities: RtpCapabilities }): boolean {
    const producer = this.#producers.get(producerId);
    return producer !== undefined && canConsume(producer.consumableRtpParameters, rtpCapabilities);
  }

  #closeTransports(): void {
    for (const transport of [...this.#transports]) transport.routerClosed();
    this.#transports.clear();
  }

  /** What transports call back into; kept off the public surface. */
  #createLink(): RouterLink {
    return {
      rtpCapabilities: this.#rtpCapabilities,
      getProducer: (id) => this.#producers.get(id),
      producerAdded: (producer) => {
        this.#producers.set(producer.id, producer);
      },
      producerClosed: (producer) => {
        this.#producers.delete(producer.id);
        const consumers = this.#consumersByProducer.get(producer.id) ?? new Set();
        this.#consumersByProducer.delete(producer.id);
        for (const consumer of [...consumers]) consumer.producerClosed();
      },
      producerPaused: (producer) => this.#forEachConsumer(producer, (consumer) => consumer.producerPauseChanged(true)),
      producerResumed: (producer) => this.#forEachConsumer(producer, (consumer) => consumer.producerPauseChanged(false)),
      consumerAdded: (consumer) => {
        let consumers = this.#consumersByProducer.get(consumer.producerId);
        if (consumers === undefined) this.#consumersByProducer.set(consumer.producerId, (consumers = new Set()));
        consumers.add(consumer);
      },
      consumerClosed: (consumer) => {
        this.#consumersByProducer.get(consumer.producerId)?.delete(consumer);
      },
      transportClosed: (transport) => {
        this.#transports.delete(transport);
      },
    };
  }

  #forEachConsumer(producer: Producer, action: (consumer: Consumer) => void): void {
    for (const consumer of [...(this.#consumersByProducer.get(producer.id) ?? [])]) action(consumer);
  }
}
