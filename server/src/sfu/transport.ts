/**
 * What every transport does (mediasoup's Transport): produce, consume, and
 * close with its producers and consumers. `WebRtcTransport` adds ICE and DTLS.
 *
 * Events: 'routerclose'. Observer: 'close', 'newproducer', 'newconsumer'.
 *
 * Closing a transport closes its producers (each emits 'transportclose', and
 * their consumers on other transports 'producerclose'), then its consumers
 * ('transportclose'), then emits its own events.
 */
import { randomUUID } from 'node:crypto';
import type { EmitFunction } from '../common/typed-emitter.ts';
import { ApiObject } from './api-object.ts';
import type { AppData } from './app-data.ts';
import type { JsonObject, MediaEventName, ProducerType } from './channel-messages.ts';
import { Consumer } from './consumer.ts';
import type { ControlContext } from './control-context.ts';
import { InvalidStateError, UnsupportedError } from './errors.ts';
import { Producer } from './producer.ts';
import { canConsume, consumableRtpParameters, consumerRtpMapping, consumerRtpParameters, producerRtpMapping } from './rtp-mapping.ts';
import type { MediaKind, RtpCapabilities, RtpParameters } from './rtp-parameters.ts';
import { validateRtpCapabilities, validateRtpParameters } from './rtp-validation.ts';

export type TransportEvents = { routerclose: [] };
export type TransportObserverEvents = { close: []; newproducer: [Producer]; newconsumer: [Consumer] };

export interface ProducerOptions {
  /** Defaults to a random UUID; must be unique in the router. */
  id?: string;
  kind: MediaKind;
  rtpParameters: RtpParameters;
  /** Start paused (nothing forwarded until `resume()`). Default false. */
  paused?: boolean;
  /** Milliseconds between key-frame requests to this publisher; 0 = the media plane's default. */
  keyFrameRequestDelay?: number;
  appData?: AppData;
}

export interface ConsumerOptions {
  producerId: string;
  /** What the subscriber can receive (from its SDP, or the router's capabilities filtered by what it supports). */
  rtpCapabilities: RtpCapabilities;
  /** Start paused; the usual way to avoid losing the first key frame before the subscriber's SDP is applied. Default false. */
  paused?: boolean;
  /** The MID of the subscriber's m-line; default: the next unused number on this transport. */
  mid?: string;
  /** Offer RTX when the subscriber supports it. Default true. */
  enableRtx?: boolean;
  appData?: AppData;
}

/** What a transport needs from its router. Internal. */
export interface RouterLink {
  readonly rtpCapabilities: Required<RtpCapabilities>;
  getProducer(id: string): Producer | undefined;
  producerAdded(producer: Producer): void;
  producerClosed(producer: Producer): void;
  producerPaused(producer: Producer): void;
  producerResumed(producer: Producer): void;
  consumerAdded(consumer: Consumer): void;
  consumerClosed(consumer: Consumer): void;
  transportClosed(transport: Transport): void;
}

export interface TransportInit {
  id: string;
  context: ControlContext;
  router: RouterLink;
  appData: AppData;
}

/** RFC 3550 §6.5.1: a CNAME only has to be unique among the session's participants; 64 random bits are. */
const CNAME_LENGTH = 16;

export abstract class Transport<
  Events extends TransportEvents & { [K in keyof Events]: unknown[] } = TransportEvents,
  ObserverEvents extends TransportObserverEvents & { [K in keyof ObserverEvents]: unknown[] } = TransportObserverEvents,
> extends ApiObject<Events, ObserverEvents> {
  readonly #router: RouterLink;
  readonly #producers = new Map<string, Producer>();
  readonly #consumers = new Map<string, Consumer>();
  #cnameForProducers: string | undefined;
  #nextMid = 0;
  protected readonly context: ControlContext;

  constructor(init: TransportInit) {
    super(init.id, init.appData);
    this.context = init.context;
    this.#router = init.router;
    this.context.subscribe(this.id, (event, data) => this.handleNotification(event, data));
  }

  /** Closes the transport, its producers (and their consumers everywhere) and its consumers. Idempotent. */
  close(): void {
    if (!this.markClosed()) return;
    this.context.notifyClosed('transport.close', this.id, {});
    this.#closeChildren();
    this.#router.transportClosed(this);
    this.emitClosed();
  }

  /** @internal Its router closed; the media plane has dropped it already. */
  routerClosed(): void {
    if (!this.markClosed()) return;
    this.#closeChildren();
    (this as Transport).safeEmit('routerclose');
    this.emitClosed();
  }

  async dump(): Promise<JsonObject> {
    this.assertOpen('dump');
    return this.context.channel.request('transport.dump', this.id, {});
  }

  /** Receives a track: validates the parameters, maps them to the router's, and tells the media plane. */
  async produce(options: ProducerOptions): Promise<Producer> {
    this.assertOpen('produce');
    if (typeof options !== 'object' || options === null) throw new TypeError('produce() options must be an object');
    const { id = randomUUID(), kind, paused = false, keyFrameRequestDelay = 0, appData = {} } = options;
    if (typeof id !== 'string' || id.length === 0) throw new TypeError('id must be a non-empty string');
    if (this.#router.getProducer(id) !== undefined) throw new TypeError(`a Producer with id "${id}" already exists`);
    if (kind !== 'audio' && kind !== 'video') throw new TypeError("kind must be 'audio' or 'video'");
    if (typeof paused !== 'boolean') throw new TypeError('paused must be a boolean');
    if (!Number.isInteger(keyFrameRequestDelay) || keyFrameRequestDelay < 0) throw new TypeError('keyFrameRequestDelay must be a non-negative integer');
    const rtpParameters = validateRtpParameters(options.rtpParameters);
    rtpParameters.codecs.forEach((codec, i) => {
      if (!codec.mimeType.toLowerCase().startsWith(`${kind}/`)) throw new TypeError(`rtpParameters.codecs[${i}].mimeType '${codec.mimeType}' is not ${kind}`);
    });
    this.#checkStreamsAreNew(rtpParameters);
    rtpParameters.rtcp.cname = this.#cnameFor(rtpParameters.rtcp.cname);

    const caps = this.#router.rtpCapabilities;
    const rtpMapping = producerRtpMapping(rtpParameters, caps);
    const consumable = consumableRtpParameters(kind, rtpParameters, caps, rtpMapping);
    const type = producerType(rtpParameters);
    await this.context.channel.request('transport.produce', this.id, { producerId: id, kind, rtpParameters, rtpMapping, type, paused, keyFrameRequestDelay });
    this.assertOpen('produce');

    const producer = new Producer({
      id,
      kind,
      rtpParameters,
      consumableRtpParameters: consumable,
      type,
      paused,
      appData,
      context: this.context,
      link: {
        closed: (closed) => {
          this.#producers.delete(closed.id);
          this.#router.producerClosed(closed);
        },
        paused: (changed) => this.#router.producerPaused(changed),
        resumed: (changed) => this.#router.producerResumed(changed),
      },
    });
    this.#producers.set(id, producer);
    this.#router.producerAdded(producer);
    this.#emitBaseObserver('newproducer', producer);
    return producer;
  }

  /** Sends a copy of a producer of the same router to this transport's endpoint. */
  async consume(options: ConsumerOptions): Promise<Consumer> {
    this.assertOpen('consume');
    if (typeof options !== 'object' || options === null) throw new TypeError('consume() options must be an object');
    const { producerId, paused = false, enableRtx = true, appData = {} } = options;
    if (typeof producerId !== 'string' || producerId.length === 0) throw new TypeError('producerId must be a non-empty string');
    if (typeof paused !== 'boolean') throw new TypeError('paused must be a boolean');
    const rtpCapabilities = validateRtpCapabilities(options.rtpCapabilities);
    const producer = this.#router.getProducer(producerId);
    if (producer === undefined) throw new TypeError(`Producer with id "${producerId}" not found`);
    if (!canConsume(producer.consumableRtpParameters, rtpCapabilities)) {
      throw new UnsupportedError(`the rtpCapabilities cannot receive Producer "${producerId}" (no matching ${producer.kind} codec)`);
    }
    const mid = options.mid === undefined ? this.#allocateMid() : this.#checkMidIsFree(options.mid);
    const rtpParameters = consumerRtpParameters(producer.consumableRtpParameters, rtpCapabilities, { enableRtx, mid });
    const rtpMapping = consumerRtpMapping(producer.consumableRtpParameters, rtpParameters);
    const id = randomUUID();
    const response = await this.context.channel.request('transport.consume', this.id, {
      consumerId: id,
      producerId,
      kind: producer.kind,
      rtpParameters,
      rtpMapping,
      type: producer.type,
      consumableRtpEncodings: producer.consumableRtpParameters.encodings ?? [],
      paused,
      producerPaused: producer.paused,
    });
    this.assertOpen('consume');
    if (producer.closed) throw new InvalidStateError(`Producer ${producerId} closed while consuming it`);

    const consumer = new Consumer({
      id,
      producerId,
      kind: producer.kind,
      rtpParameters,
      type: producer.type,
      paused: response.paused,
      producerPaused: response.producerPaused,
      score: response.score,
      appData,
      context: this.context,
      link: {
        closed: (closed) => {
          this.#consumers.delete(closed.id);
          this.#router.consumerClosed(closed);
        },
      },
    });
    this.#consumers.set(id, consumer);
    this.#router.consumerAdded(consumer);
    this.#emitBaseObserver('newconsumer', consumer);
    return consumer;
  }

  /** Called once, when the transport closes by any path, before any close event. */
  protected abstract onClosed(): void;

  protected abstract handleNotification(event: MediaEventName, data: unknown): void;

  protected override markClosed(): boolean {
    if (!super.markClosed()) return false;
    this.context.unsubscribe(this.id);
    this.onClosed();
    return true;
  }

  #closeChildren(): void {
    for (const producer of [...this.#producers.values()]) producer.transportClosed();
    for (const consumer of [...this.#consumers.values()]) consumer.transportClosed();
  }

  #emitBaseObserver<K extends keyof TransportObserverEvents>(event: K, ...args: TransportObserverEvents[K]): void {
    (this.emitObserver as unknown as EmitFunction<TransportObserverEvents>)(event, ...args);
  }

  /** One transport, one stream per MID and per SSRC: the media plane binds incoming RTP by them. */
  #checkStreamsAreNew(rtpParameters: RtpParameters): void {
    if (rtpParameters.mid !== undefined) this.#checkMidIsFree(rtpParameters.mid);
    const ssrcs = new Set([...this.#producers.values()].flatMap((producer) => ssrcsOf(producer.rtpParameters)));
    for (const ssrc of ssrcsOf(rtpParameters)) {
      if (ssrcs.has(ssrc)) throw new TypeError(`rtpParameters: ssrc ${ssrc} is already used by another Producer of this transport`);
    }
  }

  #checkMidIsFree(mid: unknown): string {
    if (typeof mid !== 'string' || mid.length === 0) throw new TypeError('mid must be a non-empty string');
    if (this.#usedMids().has(mid)) throw new TypeError(`mid '${mid}' is already used on this transport`);
    return mid;
  }

  #allocateMid(): string {
    const used = this.#usedMids();
    while (used.has(String(this.#nextMid))) this.#nextMid++;
    return String(this.#nextMid++);
  }

  #usedMids(): Set<string> {
    const mids = [...this.#producers.values(), ...this.#consumers.values()].map((stream) => stream.rtpParameters.mid);
    return new Set(mids.filter((mid) => mid !== undefined));
  }

  /** RFC 3550 §6.5.1: one CNAME per endpoint, so its audio and video can be synchronised; the first producer's, or a random one. */
  #cnameFor(cname: string | undefined): string {
    if (cname !== undefined) {
      this.#cnameForProducers ??= cname;
      return cname;
    }
    this.#cnameForProducers ??= randomUUID().replaceAll('-', '').slice(0, CNAME_LENGTH);
    return this.#cnameForProducers;
  }
}

function ssrcsOf(rtpParameters: RtpParameters): number[] {
  return (rtpParameters.encodings ?? []).flatMap((encoding) => [encoding.ssrc, encoding.rtx?.ssrc]).filter((ssrc) => ssrc !== undefined);
}

/** 'simulcast' with several encodings, 'svc' with one encoding of several spatial layers (W3C webrtc-svc `L2T3`, `S3T3`). */
export function producerType(rtpParameters: RtpParameters): ProducerType {
  const encodings = rtpParameters.encodings ?? [];
  if (encodings.length > 1) return 'simulcast';
  const spatialLayers = Number(/^[LS](\d+)T\d+/.exec(encodings[0]?.scalabilityMode ?? '')?.[1] ?? 1);
  return spatialLayers > 1 ? 'svc' : 'simple';
}
