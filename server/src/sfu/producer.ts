/**
 * A Producer: one track a participant sends into the router
 * (`transport.produce(...)`). Consumers on any transport of the router
 * forward copies of it.
 *
 * Events: 'transportclose' (its transport closed), 'score', 'videoorientationchange'.
 * Observer: 'close', 'pause', 'resume', 'score', 'videoorientationchange'.
 */
import { ApiObject } from './api-object.ts';
import type { AppData } from './app-data.ts';
import type { JsonObject, MediaEventName, MediaNotificationMap, ProducerType } from './channel-messages.ts';
import type { ControlContext } from './control-context.ts';
import type { MediaKind, RtpParameters } from './rtp-parameters.ts';
import type { ProducerScore, ProducerStat, ProducerVideoOrientation } from './stats.ts';

export type ProducerEvents = {
  transportclose: [];
  score: [ProducerScore[]];
  videoorientationchange: [ProducerVideoOrientation];
};

export type ProducerObserverEvents = {
  close: [];
  pause: [];
  resume: [];
  score: [ProducerScore[]];
  videoorientationchange: [ProducerVideoOrientation];
};

/** How a producer tells its transport (and through it, the router) what happened to it. Internal. */
export interface ProducerLink {
  closed(producer: Producer): void;
  paused(producer: Producer): void;
  resumed(producer: Producer): void;
}

export interface ProducerInit {
  id: string;
  kind: MediaKind;
  rtpParameters: RtpParameters;
  consumableRtpParameters: RtpParameters;
  type: ProducerType;
  paused: boolean;
  appData: AppData;
  context: ControlContext;
  link: ProducerLink;
}

export class Producer extends ApiObject<ProducerEvents, ProducerObserverEvents> {
  readonly #kind: MediaKind;
  readonly #rtpParameters: RtpParameters;
  readonly #consumableRtpParameters: RtpParameters;
  readonly #type: ProducerType;
  readonly #context: ControlContext;
  readonly #link: ProducerLink;
  #paused: boolean;
  #score: ProducerScore[] = [];

  /** @internal Made by `Transport.produce`. */
  constructor(init: ProducerInit) {
    super(init.id, init.appData);
    this.#kind = init.kind;
    this.#rtpParameters = init.rtpParameters;
    this.#consumableRtpParameters = init.consumableRtpParameters;
    this.#type = init.type;
    this.#paused = init.paused;
    this.#context = init.context;
    this.#link = init.link;
    this.#context.subscribe(this.id, (event, data) => this.#onNotification(event, data));
  }

  get kind(): MediaKind {
    return this.#kind;
  }

  /** The parameters the publisher sends with. */
  get rtpParameters(): RtpParameters {
    return this.#rtpParameters;
  }

  /** The same stream at the router's payload types, extension ids and SSRCs: what consumers are made from. */
  get consumableRtpParameters(): RtpParameters {
    return this.#consumableRtpParameters;
  }

  get type(): ProducerType {
    return this.#type;
  }

  get paused(): boolean {
    return this.#paused;
  }

  /** The last score of each encoding (empty until the media plane reports one). */
  get score(): ProducerScore[] {
    return this.#score;
  }

  /** Closes the producer and every consumer of it (each emits 'producerclose'). Idempotent. */
  close(): void {
    if (!this.markClosed()) return;
    this.#context.notifyClosed('producer.close', this.id, {});
    this.#link.closed(this);
    this.emitClosed();
  }

  /** @internal Its transport closed; the media plane has dropped it already. */
  transportClosed(): void {
    if (!this.markClosed()) return;
    this.#link.closed(this);
    this.safeEmit('transportclose');
    this.emitClosed();
  }

  async dump(): Promise<JsonObject> {
    this.assertOpen('dump');
    return this.#context.channel.request('producer.dump', this.id, {});
  }

  async getStats(): Promise<ProducerStat[]> {
    this.assertOpen('getStats');
    return this.#context.channel.request('producer.getStats', this.id, {});
  }

  /** Stops forwarding; every consumer emits 'producerpause'. */
  async pause(): Promise<void> {
    this.assertOpen('pause');
    await this.#context.channel.request('producer.pause', this.id, {});
    if (this.closed || this.#paused) return;
    this.#paused = true;
    this.emitObserver('pause');
    this.#link.paused(this);
  }

  /** Forwards again; every consumer emits 'producerresume'. */
  async resume(): Promise<void> {
    this.assertOpen('resume');
    await this.#context.channel.request('producer.resume', this.id, {});
    if (this.closed || !this.#paused) return;
    this.#paused = false;
    this.emitObserver('resume');
    this.#link.resumed(this);
  }

  protected override markClosed(): boolean {
    if (!super.markClosed()) return false;
    this.#context.unsubscribe(this.id);
    return true;
  }

  #onNotification(event: MediaEventName, data: unknown): void {
    switch (event) {
      case 'score': {
        const { score } = data as MediaNotificationMap['producer']['score'];
        this.#score = score;
        this.safeEmit('score', score);
        this.emitObserver('score', score);
        break;
      }
      case 'videoorientationchange': {
        const orientation = data as ProducerVideoOrientation;
        this.safeEmit('videoorientationchange', orientation);
        this.emitObserver('videoorientationchange', orientation);
        break;
      }
      default:
        break;
    }
  }
}
