/**
 * A Worker: one media plane and the routers it hosts (mediasoup's Worker).
 *
 *   const worker = await createWorker({ listen: { address: '0.0.0.0', port: 40000, announcedAddress: '203.0.113.5' } });
 *                                                                  // the real media plane (server/src/media), in this process
 *   const worker = await createWorker({ mediaWorker });           // any MediaWorkerHandler (FakeMediaWorker in tests)
 *   const worker = await createWorker({ channel: ipcChannel });   // any Channel
 *   const router = await worker.createRouter({ mediaCodecs: DEFAULT_MEDIA_CODECS });
 *
 * Events: 'died' (the media plane failed; every router closed with
 * 'workerclose'). Observer: 'close', 'newrouter'.
 */
import { randomUUID } from 'node:crypto';
import type { MediaWorkerOptions } from '../media/media-worker.ts';
import { TypedEmitter, type EmitFunction } from '../common/typed-emitter.ts';
import type { AppData } from './app-data.ts';
import { type Channel, InProcessChannel } from './channel.ts';
import { type JsonObject, type MediaWorkerHandler, WORKER_HANDLER_ID } from './channel-messages.ts';
import { ControlContext } from './control-context.ts';
import { InvalidStateError } from './errors.ts';
import { Router } from './router.ts';
import { routerRtpCapabilities } from './rtp-capabilities.ts';
import type { RtpCodecCapability } from './rtp-parameters.ts';
import { DEFAULT_MEDIA_CODECS } from './supported-rtp-capabilities.ts';

export type WorkerEvents = { died: [Error] };
export type WorkerObserverEvents = { close: []; newrouter: [Router] };

/** A channel, a media plane, or (with `listen`, the shared UDP port) a real MediaWorker made here. */
export type WorkerOptions = (
  | { channel: Channel; mediaWorker?: never; listen?: never }
  | { mediaWorker: MediaWorkerHandler; channel?: never; listen?: never }
  | (MediaWorkerOptions & { listen: NonNullable<MediaWorkerOptions['listen']>; channel?: never; mediaWorker?: never })
) & { appData?: AppData };

export interface RouterOptions {
  /** The room's codecs, in order of preference; default DEFAULT_MEDIA_CODECS. */
  mediaCodecs?: readonly RtpCodecCapability[];
  appData?: AppData;
}

export async function createWorker(options: WorkerOptions): Promise<Worker> {
  if (typeof options !== 'object' || options === null) throw new TypeError('createWorker() options must be an object');
  const { channel, mediaWorker, listen } = options;
  if ([channel, mediaWorker, listen].filter((given) => given !== undefined).length !== 1) {
    throw new TypeError('createWorker() needs exactly one of channel, mediaWorker and listen');
  }
  if (listen !== undefined) {
    // Loaded on demand: the control plane runs without the media plane in tests and over IPC.
    const { MediaWorker } = await import('../media/media-worker.ts');
    const real = await MediaWorker.create(options as MediaWorkerOptions);
    return new Worker(new InProcessChannel(real), options.appData ?? {});
  }
  return new Worker(channel ?? new InProcessChannel(mediaWorker as MediaWorkerHandler), options.appData ?? {});
}

export class Worker extends TypedEmitter<WorkerEvents> {
  readonly #context: ControlContext;
  readonly #routers = new Set<Router>();
  readonly #observer: TypedEmitter<WorkerObserverEvents>;
  readonly #emitObserver: EmitFunction<WorkerObserverEvents>;
  #appData: AppData;
  #closed = false;
  #died = false;

  /** @internal Use `createWorker`. */
  constructor(channel: Channel, appData: AppData) {
    super();
    this.#context = new ControlContext(channel);
    this.#appData = appData;
    ({ emitter: this.#observer, emit: this.#emitObserver } = TypedEmitter.withEmitter<WorkerObserverEvents>());
    channel.on('close', (error) => {
      if (!this.#closed) this.#die(error ?? new Error('the media channel closed'));
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  get died(): boolean {
    return this.#died;
  }

  get appData(): AppData {
    return this.#appData;
  }

  set appData(appData: AppData) {
    this.#appData = appData;
  }

  get observer(): TypedEmitter<WorkerObserverEvents> {
    return this.#observer;
  }

  /** Media-plane events addressed to closed or unknown objects, dropped. */
  get droppedEvents(): number {
    return this.#context.droppedEvents;
  }

  /** Closes every router (each emits 'workerclose') and the media plane. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#closeRouters();
    this.#context.channel.close();
    this.#emitObserver('close');
  }

  async dump(): Promise<JsonObject> {
    this.#assertOpen('dump');
    return this.#context.channel.request('worker.dump', WORKER_HANDLER_ID, {});
  }

  /** A router for one room; throws UnsupportedError for a codec the SFU cannot route. */
  async createRouter(options: RouterOptions = {}): Promise<Router> {
    this.#assertOpen('createRouter');
    if (typeof options !== 'object' || options === null) throw new TypeError('createRouter() options must be an object');
    const { mediaCodecs = DEFAULT_MEDIA_CODECS, appData = {} } = options;
    const rtpCapabilities = routerRtpCapabilities(mediaCodecs);
    const routerId = randomUUID();
    await this.#context.channel.request('worker.createRouter', WORKER_HANDLER_ID, { routerId });
    this.#assertOpen('createRouter');
    const router = new Router({ id: routerId, rtpCapabilities, context: this.#context, appData, onClose: (closed) => this.#routers.delete(closed) });
    this.#routers.add(router);
    this.#emitObserver('newrouter', router);
    return router;
  }

  #assertOpen(method: string): void {
    if (this.#closed) throw new InvalidStateError(`Worker is ${this.#died ? 'dead' : 'closed'} (${method})`);
  }

  #die(error: Error): void {
    this.#closed = true;
    this.#died = true;
    this.#closeRouters();
    this.safeEmit('died', error);
    this.#emitObserver('close');
  }

  #closeRouters(): void {
    for (const router of [...this.#routers]) router.workerClosed();
    this.#routers.clear();
  }
}
