/**
 * What one peer receives: its receive transport (made when it joins), a
 * consumer per track of the other peers, and the SFU's offers describing
 * them (SubscriberSession: one m-line per consumer, closed m-lines recycled).
 *
 * Consumers start paused and are resumed once the browser's answer covering
 * them arrives, so the first key frame is not sent before the browser can
 * take it. At most one offer is out at a time (renegotiation.ts).
 */
import type { Consumer, Producer, Router, WebRtcTransport } from '../../sfu/index.ts';
import { InvalidStateError } from '../../sfu/index.ts';
import { SubscriberSession } from '../../sfu/sdp/index.ts';
import { SignalingError } from '../errors.ts';
import type { ConsumerInfo, NotificationMap } from '../messages.ts';
import { answering } from './errors.ts';
import { Renegotiation } from './renegotiation.ts';

type SubscriberNotification = 'subscriberOffer' | 'producerPaused' | 'producerResumed';

export interface SubscriberOptions {
  peerId: string;
  router: Promise<Router>;
  notify: <M extends SubscriberNotification>(method: M, data: NotificationMap[M]) => void;
  /** A consume that failed for another reason than its producer closing. */
  onError: (error: unknown) => void;
}

interface ConsumerEntry {
  consumer: Consumer;
  /** The publisher. */
  peerId: string;
  /** The browser asked for it paused (pauseConsumer): an answer does not resume it. */
  pausedByClient: boolean;
  /** An answer has accepted its m-line: the browser can take its media. */
  answered: boolean;
}

export class Subscriber {
  readonly #peerId: string;
  readonly #router: Promise<Router>;
  readonly #transport: Promise<WebRtcTransport>;
  readonly #notify: SubscriberOptions['notify'];
  readonly #onError: (error: unknown) => void;
  readonly #renegotiation: Renegotiation;
  readonly #consumers = new Map<string, ConsumerEntry>();
  /** Producers consumed or being consumed: each is consumed once, however many times it is announced. */
  readonly #producerIds = new Set<string>();
  #session: SubscriberSession | undefined;
  #offered = false;
  #connected = false;
  #closed = false;

  constructor(options: SubscriberOptions) {
    this.#peerId = options.peerId;
    this.#router = options.router;
    this.#notify = options.notify;
    this.#onError = options.onError;
    this.#renegotiation = new Renegotiation({ offer: () => this.#sendOffer() });
    this.#transport = options.router
      .then((router) => router.createWebRtcTransport({ appData: { peerId: this.#peerId, direction: 'recv' } }))
      .then((transport) => {
        // The peer may have left while the transport was being made.
        if (this.#closed) transport.close();
        this.#session ??= new SubscriberSession({ transport });
        return transport;
      });
    // Each consume reports its own failure; this one only keeps the rejection from going unhandled.
    this.#transport.catch(() => {});
  }

  get consumerCount(): number {
    return this.#consumers.size;
  }

  /** Consumes these producers (of other peers), then offers them in one renegotiation. */
  consume(producers: readonly Producer[]): void {
    const fresh = producers.filter((producer) => !producer.closed && !this.#producerIds.has(producer.id));
    if (fresh.length === 0 || this.#closed) return;
    for (const producer of fresh) this.#producerIds.add(producer.id);
    void Promise.all(fresh.map((producer) => this.#consumeOne(producer))).then((added) => {
      if (added.includes(true)) this.#renegotiation.needed();
    }, this.#onError);
  }

  /** Applies the browser's answer to the SFU's last offer and resumes the consumers it accepted. */
  answer(sdp: string): Promise<void> {
    return answering('subscribeAnswer', async () => {
      const session = this.#session;
      const transport = await this.#transport;
      if (session === undefined || !session.awaitingAnswer) throw new SignalingError('INVALID_STATE', 'signaling: no subscriberOffer is waiting for an answer');
      const result = session.applyAnswer(sdp);
      try {
        if (!this.#connected && result.dtlsParameters !== undefined) {
          await transport.connect({ dtlsParameters: result.dtlsParameters });
          this.#connected = true;
        }
        // The browser cannot take these (their producer stays in #producerIds: it is not offered again).
        for (const consumerId of result.rejectedConsumerIds) {
          this.#consumers.get(consumerId)?.consumer.close();
          this.#consumers.delete(consumerId);
        }
        const accepted = result.sections.filter((section) => section.accepted && section.consumerId !== undefined);
        await Promise.all(
          accepted.map(async ({ consumerId }) => {
            const entry = this.#consumers.get(consumerId!);
            if (entry === undefined) return;
            entry.answered = true;
            if (!entry.pausedByClient) await this.#resume(entry.consumer);
          }),
        );
      } finally {
        this.#renegotiation.answered();
      }
    });
  }

  /**
   * ICE restart of the receive connection (the browser saw it fail): the
   * transport gets new ICE credentials, and the next offer (queued behind
   * any offer still out) carries them, with the same sections and mids.
   */
  restartIce(): Promise<void> {
    return answering('restartIce', async () => {
      const transport = await this.#transport;
      if (this.#closed) throw new SignalingError('INVALID_STATE', 'signaling: the peer has left');
      await transport.restartIce();
      this.#renegotiation.needed();
    });
  }

  /** The browser does not want this track now (a hidden tile): nothing is sent until resumeConsumer. */
  pauseConsumer(consumerId: string): Promise<void> {
    return answering('pauseConsumer', async () => {
      const entry = this.#entry(consumerId);
      entry.pausedByClient = true;
      await entry.consumer.pause();
    });
  }

  resumeConsumer(consumerId: string): Promise<void> {
    return answering('resumeConsumer', async () => {
      const entry = this.#entry(consumerId);
      entry.pausedByClient = false;
      // Before its m-line is answered, the answer resumes it.
      if (entry.answered) await entry.consumer.resume();
    });
  }

  /** Closes the receive transport (and so every consumer of this peer). No more offers. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#renegotiation.close();
    this.#consumers.clear();
    this.#transport.then(
      (transport) => transport.close(),
      () => {},
    );
  }

  /**
   * True when a consumer was added. What the browser can receive is taken to
   * be the router's own codecs: the SFU offers first, so it cannot know
   * better yet; an answer rejecting an m-line the browser cannot decode
   * closes that consumer.
   */
  async #consumeOne(producer: Producer): Promise<boolean> {
    const peerId = String(producer.appData['peerId'] ?? '');
    let consumer: Consumer;
    try {
      const router = await this.#router;
      const transport = await this.#transport;
      if (this.#closed || producer.closed) return false;
      consumer = await transport.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities, paused: true, appData: { peerId } });
    } catch (error) {
      this.#producerIds.delete(producer.id);
      // The producer or this peer went away meanwhile: nothing to receive.
      if (!producer.closed && !this.#closed && !(error instanceof InvalidStateError)) this.#onError(error);
      return false;
    }
    try {
      this.#session!.addConsumer({ consumerId: consumer.id, kind: consumer.kind, rtpParameters: consumer.rtpParameters, streamId: peerId });
    } catch (error) {
      consumer.close();
      throw error;
    }
    this.#consumers.set(consumer.id, { consumer, peerId, pausedByClient: false, answered: false });
    consumer.on('producerclose', () => this.#consumerGone(consumer.id, producer.id));
    const state = { producerId: producer.id, peerId, kind: producer.kind };
    consumer.on('producerpause', () => this.#notify('producerPaused', state));
    consumer.on('producerresume', () => this.#notify('producerResumed', state));
    return true;
  }

  #consumerGone(consumerId: string, producerId: string): void {
    this.#consumers.delete(consumerId);
    this.#producerIds.delete(producerId);
    if (this.#session?.removeConsumer(consumerId) === true) this.#renegotiation.needed();
  }

  #sendOffer(): boolean {
    const session = this.#session;
    if (session === undefined || this.#closed) return false;
    // Nothing was ever offered and nothing is left to offer: no empty first offer.
    if (!this.#offered && session.consumers.length === 0) return false;
    const offer = session.createOffer();
    this.#offered = true;
    const consumers = offer.consumers.flatMap(({ consumerId, mid, kind }): ConsumerInfo[] => {
      const entry = this.#consumers.get(consumerId);
      if (entry === undefined) return [];
      return [{ consumerId, mid, kind, producerId: entry.consumer.producerId, peerId: entry.peerId, producerPaused: entry.consumer.producerPaused }];
    });
    this.#notify('subscriberOffer', { sdp: offer.sdp, consumers });
    return true;
  }

  async #resume(consumer: Consumer): Promise<void> {
    try {
      await consumer.resume();
    } catch (error) {
      // Its producer closed meanwhile: the next offer drops it.
      if (!(error instanceof InvalidStateError)) throw error;
    }
  }

  #entry(consumerId: string): ConsumerEntry {
    const entry = this.#consumers.get(consumerId);
    if (entry === undefined || entry.consumer.closed) throw new SignalingError('CONSUMER_NOT_FOUND', `signaling: no consumer "${consumerId}" of yours`);
    return entry;
  }
}
