/**
 * A Consumer: the copy of one producer that one subscriber receives
 * (`transport.consume(...)`), with the subscriber's payload types, header
 * extension ids and its own SSRC.
 *
 * It forwards media only while neither it (`paused`) nor its producer
 * (`producerPaused`) is paused; the observer's 'pause'/'resume' follow that
 * combined state.
 *
 * Events: 'transportclose', 'producerclose', 'producerpause', 'producerresume', 'score'.
 * Observer: 'close', 'pause', 'resume', 'score'.
 */
import { ApiObject } from './api-object.ts';
import type { AppData } from './app-data.ts';
import type { ConsumerType, JsonObject, MediaEventName } from './channel-messages.ts';
import type { ControlContext } from './control-context.ts';
import type { MediaKind, RtpParameters } from './rtp-parameters.ts';
import type { ConsumerScore, ConsumerStat, ProducerStat } from './stats.ts';

export type ConsumerEvents = {
  transportclose: [];
  producerclose: [];
  producerpause: [];
  producerresume: [];
  score: [ConsumerScore];
};

export type ConsumerObserverEvents = {
  close: [];
  pause: [];
  resume: [];
  score: [ConsumerScore];
};

/** How a consumer tells its transport and router that it closed. Internal. */
export interface ConsumerLink {
  closed(consumer: Consumer): void;
}

export interface ConsumerInit {
  id: string;
  producerId: string;
  kind: MediaKind;
  rtpParameters: RtpParameters;
  type: ConsumerType;
  paused: boolean;
  producerPaused: boolean;
  score: ConsumerScore;
  appData: AppData;
  context: ControlContext;
  link: ConsumerLink;
}

export class Consumer extends ApiObject<ConsumerEvents, ConsumerObserverEvents> {
  readonly #producerId: string;
  readonly #kind: MediaKind;
  readonly #rtpParameters: RtpParameters;
  readonly #type: ConsumerType;
  readonly #context: ControlContext;
  readonly #link: ConsumerLink;
  #paused: boolean;
  #producerPaused: boolean;
  #score: ConsumerScore;

  /** @internal Made by `Transport.consume`. */
  constructor(init: ConsumerInit) {
    super(init.id, init.appData);
    this.#producerId = init.producerId;
    this.#kind = init.kind;
    this.#rtpParameters = init.rtpParameters;
    this.#type = init.type;
    this.#paused = init.paused;
    this.#producerPaused = init.producerPaused;
    this.#score = init.score;
    this.#context = init.context;
    this.#link = init.link;
    this.#context.subscribe(this.id, (event, data) => this.#onNotification(event, data));
  }

  get producerId(): string {
    return this.#producerId;
  }

  get kind(): MediaKind {
    return this.#kind;
  }

  /** What the subscriber receives: put these in its SDP. */
  get rtpParameters(): RtpParameters {
    return this.#rtpParameters;
  }

  get type(): ConsumerType {
    return this.#type;
  }

  get paused(): boolean {
    return this.#paused;
  }

  get producerPaused(): boolean {
    return this.#producerPaused;
  }

  get score(): ConsumerScore {
    return this.#score;
  }

  close(): void {
    if (!this.markClosed()) return;
    this.#context.notifyClosed('consumer.close', this.id, {});
    this.emitClosed();
  }

  /** @internal Its transport closed; the media plane has dropped it already. */
  transportClosed(): void {
    if (!this.markClosed()) return;
    this.safeEmit('transportclose');
    this.emitClosed();
  }

  /** @internal Its producer closed; the media plane has dropped it already. */
  producerClosed(): void {
    if (!this.markClosed()) return;
    this.safeEmit('producerclose');
    this.emitClosed();
  }

  /** @internal Its producer paused or resumed; emits 'producerpause' / 'producerresume' on a change. */
  producerPauseChanged(paused: boolean): void {
    if (this.closed || this.#producerPaused === paused) return;
    this.#producerPaused = paused;
    this.safeEmit(paused ? 'producerpause' : 'producerresume');
    if (!this.#paused) this.emitObserver(paused ? 'pause' : 'resume');
  }

  async dump(): Promise<JsonObject> {
    this.assertOpen('dump');
    return this.#context.channel.request('consumer.dump', this.id, {});
  }

  /** The consumer's outbound stream, then the producer streams it forwards. */
  async getStats(): Promise<(ConsumerStat | ProducerStat)[]> {
    this.assertOpen('getStats');
    return this.#context.channel.request('consumer.getStats', this.id, {});
  }

  async pause(): Promise<void> {
    this.assertOpen('pause');
    await this.#context.channel.request('consumer.pause', this.id, {});
    if (this.closed || this.#paused) return;
    this.#paused = true;
    if (!this.#producerPaused) this.emitObserver('pause');
  }

  /** Resumes forwarding; sequence numbers and timestamps continue, and a key frame is requested. */
  async resume(): Promise<void> {
    this.assertOpen('resume');
    await this.#context.channel.request('consumer.resume', this.id, {});
    if (this.closed || !this.#paused) return;
    this.#paused = false;
    if (!this.#producerPaused) this.emitObserver('resume');
  }

  async requestKeyFrame(): Promise<void> {
    this.assertOpen('requestKeyFrame');
    await this.#context.channel.request('consumer.requestKeyFrame', this.id, {});
  }

  protected override markClosed(): boolean {
    if (!super.markClosed()) return false;
    this.#context.unsubscribe(this.id);
    this.#link.closed(this);
    return true;
  }

  #onNotification(event: MediaEventName, data: unknown): void {
    switch (event) {
      case 'score':
        this.#score = data as ConsumerScore;
        this.safeEmit('score', this.#score);
        this.emitObserver('score', this.#score);
        break;
      // A media plane may report these too; they are idempotent with the control plane's own cascade.
      case 'producerclose':
        this.producerClosed();
        break;
      case 'producerpause':
        this.producerPauseChanged(true);
        break;
      case 'producerresume':
        this.producerPauseChanged(false);
        break;
      default:
        break;
    }
  }
}
