/**
 * What one peer sends: its send transport (made at its first `publish`) and a
 * producer per m-line it sends on. Each `publish` is a complete offer/answer
 * of the browser's send RTCPeerConnection (RFC 8829 §5.3.1): new sending
 * m-lines become producers, m-lines that stopped sending (a stopped
 * transceiver: port 0, or inactive) close theirs, the others keep theirs.
 *
 * An offer with other ICE credentials than the last one is an ICE restart
 * (the browser called `pc.restartIce()`; RFC 8445 §9): the answerer
 * must change its own credentials too, so the send transport restarts ICE
 * and the answer carries its new ones. Producers are untouched.
 */
import type { Origin } from '../../sdp/index.ts';
import type { MediaKind, Producer, Router, WebRtcTransport } from '../../sfu/index.ts';
import { type PublisherAnswer, createPublisherAnswer, producerParametersFromOffer, readDescription } from '../../sfu/sdp/index.ts';
import { SignalingError } from '../errors.ts';
import type { PublishResponse, PublishedTrack } from '../messages.ts';
import { answering } from './errors.ts';

export interface PublisherOptions {
  peerId: string;
  router: Promise<Router>;
  /** New producers of this publish, once its answer is ready. */
  onPublished: (producers: readonly Producer[]) => void;
}

export class Publisher {
  readonly #peerId: string;
  readonly #router: Promise<Router>;
  readonly #onPublished: (producers: readonly Producer[]) => void;
  /** By the mid of the m-line they come from, in m-line order. */
  readonly #producers = new Map<string, Producer>();
  #transport: Promise<WebRtcTransport> | undefined;
  #connected = false;
  /** The browser's ICE credentials in its last offer that was answered. */
  #remoteIce: IceCredentials | undefined;
  #previousOrigin: Pick<Origin, 'sessionId' | 'sessionVersion'> | undefined;
  #closed = false;

  constructor(options: PublisherOptions) {
    this.#peerId = options.peerId;
    this.#router = options.router;
    this.#onPublished = options.onPublished;
  }

  producers(): Producer[] {
    return [...this.#producers.values()].filter((producer) => !producer.closed);
  }

  /** Answers the browser's offer, closing the producers of m-lines that stopped and making those of new ones. BAD_SDP for an offer the SFU cannot take. */
  publish(sdp: string): Promise<PublishResponse> {
    return answering('publish', async () => {
      const offer = readDescription(sdp);
      const router = await this.#router;
      const transport = await this.#sendTransport(router);
      const answerWith = () =>
        createPublisherAnswer(offer, {
          transport,
          routerRtpCapabilities: router.rtpCapabilities,
          ...(this.#previousOrigin === undefined ? {} : { previousOrigin: this.#previousOrigin }),
        });
      // Answered once before any restart, so an offer the SFU refuses restarts nothing.
      let answer = answerWith();
      if (iceRestarted(this.#remoteIce, answer.remoteIceParameters)) {
        await transport.restartIce();
        // The answer reads the transport's credentials: now the new ones.
        answer = answerWith();
      }
      const sending = new Map(answer.sections.filter((section) => section.receiving).map((section) => [section.mid, section.kind as MediaKind]));
      // Stopped first: a new m-line may take over a stopped one's streams.
      for (const [mid, producer] of [...this.#producers]) {
        if (sending.has(mid)) continue;
        this.#producers.delete(mid);
        producer.close();
      }
      const added: Producer[] = [];
      try {
        for (const [mid, kind] of sending) {
          if (this.#producers.has(mid)) continue;
          const rtpParameters = producerParametersFromOffer(offer, mid, router.rtpCapabilities);
          added.push(await transport.produce({ kind, rtpParameters, appData: { peerId: this.#peerId, mid } }));
        }
        if (!this.#connected && answer.remoteDtlsParameters !== undefined) {
          await transport.connect({ dtlsParameters: answer.remoteDtlsParameters });
          this.#connected = true;
        }
      } catch (error) {
        // The browser will not apply an answer it never got: no producers for it.
        for (const producer of added) producer.close();
        throw error;
      }
      this.#assertOpen();
      for (const producer of added) this.#producers.set(producer.appData['mid'] as string, producer);
      this.#previousOrigin = answer.description.origin;
      if (answer.remoteIceParameters !== undefined) this.#remoteIce = answer.remoteIceParameters;
      if (added.length > 0) this.#onPublished(added);
      return { sdp: answer.sdp, producers: [...sending.keys()].map((mid) => this.#track(mid)) };
    });
  }

  /** Mutes a track: the SFU stops forwarding it, and its subscribers get producerPaused. */
  pause(producerId: string): Promise<void> {
    return answering('pauseProducer', () => this.#producer(producerId).pause());
  }

  resume(producerId: string): Promise<void> {
    return answering('resumeProducer', () => this.#producer(producerId).resume());
  }

  /** Closes the send transport: its producers close, and their consumers at every subscriber. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#transport?.then(
      (transport) => transport.close(),
      () => {},
    );
  }

  #sendTransport(router: Router): Promise<WebRtcTransport> {
    this.#assertOpen();
    if (this.#transport !== undefined) return this.#transport;
    const made = router.createWebRtcTransport({ appData: { peerId: this.#peerId, direction: 'send' } }).then((transport) => {
      // The peer may have left while the transport was being made.
      if (this.#closed) transport.close();
      return transport;
    });
    this.#transport = made;
    // A failed attempt is not remembered: the next publish tries again.
    made.catch(() => {
      if (this.#transport === made) this.#transport = undefined;
    });
    return made;
  }

  #track(mid: string): PublishedTrack {
    const producer = this.#producers.get(mid)!;
    return { producerId: producer.id, mid, kind: producer.kind };
  }

  #producer(producerId: string): Producer {
    for (const producer of this.#producers.values()) if (producer.id === producerId && !producer.closed) return producer;
    throw new SignalingError('PRODUCER_NOT_FOUND', `signaling: no producer "${producerId}" of yours`);
  }

  #assertOpen(): void {
    if (this.#closed) throw new SignalingError('INVALID_STATE', 'signaling: the peer has left');
  }
}

type IceCredentials = NonNullable<PublisherAnswer['remoteIceParameters']>;

/** The browser changed its ufrag or password since the last answered offer (RFC 8445 §9). The first offer restarts nothing. */
function iceRestarted(previous: IceCredentials | undefined, next: IceCredentials | undefined): boolean {
  if (previous === undefined || next === undefined) return false;
  return previous.usernameFragment !== next.usernameFragment || previous.password !== next.password;
}
