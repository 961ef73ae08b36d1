/**
 * The one path between control plane and media plane. `Channel` is what the
 * control plane uses; `InProcessChannel` serves it from a `MediaWorkerHandler`
 * in this process, and a later IPC channel will serve it from a worker
 * process with the same messages (channel-messages.ts).
 *
 * InProcessChannel behaves as IPC would: every request, response and event
 * goes through `toWire` (checked to be JSON, then copied), responses and
 * events arrive asynchronously and in the order the media plane produced
 * them, and errors arrive re-typed (errors.ts).
 *
 *   const channel = new InProcessChannel(mediaWorker);
 *   const { dtlsLocalRole } = await channel.request('transport.connect', transportId, { dtlsParameters });
 *   channel.on('event', (handlerId, event, data) => ...);
 */
import type {
  ChannelRequest,
  ChannelResponse,
  MediaEventName,
  MediaMethod,
  MediaNotification,
  MediaRequestData,
  MediaResponseData,
  MediaWorkerHandler,
} from './channel-messages.ts';
import { InvalidStateError, deserializeError, serializeError } from './errors.ts';
import { toWire } from './json-message.ts';

export type ChannelEventListener = (handlerId: string, event: MediaEventName, data: unknown) => void;
/** `error` is set when the media plane died rather than being closed. */
export type ChannelCloseListener = (error?: Error) => void;

export interface Channel {
  readonly closed: boolean;
  /** Resolves with the response data, rejects with the re-typed error; InvalidStateError once closed. */
  request<M extends MediaMethod>(method: M, handlerId: string, data: MediaRequestData<M>): Promise<MediaResponseData<M>>;
  on(type: 'event', listener: ChannelEventListener): void;
  on(type: 'close', listener: ChannelCloseListener): void;
  /** Closes the media plane; pending requests reject with InvalidStateError. Idempotent. */
  close(): void;
}

/** Every message as it crosses, for tests and debugging. */
export type ChannelTrace = (
  message:
    | { direction: 'request'; message: ChannelRequest }
    | { direction: 'response'; message: ChannelResponse }
    | { direction: 'event'; message: MediaNotification },
) => void;

export interface InProcessChannelOptions {
  trace?: ChannelTrace;
}

export class InProcessChannel implements Channel {
  readonly #handler: MediaWorkerHandler;
  readonly #trace: ChannelTrace | undefined;
  readonly #pending = new Map<number, { reject: (error: Error) => void }>();
  readonly #eventListeners: ChannelEventListener[] = [];
  readonly #closeListeners: ChannelCloseListener[] = [];
  #nextId = 1;
  #closed = false;

  constructor(handler: MediaWorkerHandler, options: InProcessChannelOptions = {}) {
    this.#handler = handler;
    this.#trace = options.trace;
    handler.attach({
      notify: (notification) => this.#deliver(notification),
      fatal: (error) => this.#shutDown(error),
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  request<M extends MediaMethod>(method: M, handlerId: string, data: MediaRequestData<M>): Promise<MediaResponseData<M>> {
    if (this.#closed) return Promise.reject(new InvalidStateError(`channel closed (${method})`));
    const id = this.#nextId++;
    let request: ChannelRequest;
    try {
      request = toWire({ id, method, handlerId, data } as ChannelRequest, `request ${method}`);
    } catch (error) {
      return Promise.reject(error);
    }
    this.#trace?.({ direction: 'request', message: request });
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { reject });
      // The handler runs on a later microtask, as it would after a real send.
      Promise.resolve()
        .then(() => this.#dispatch(request))
        .then(
          (result) => this.#respond({ id, accepted: true, data: result ?? {} }, resolve as (data: unknown) => void, reject),
          (error: unknown) => this.#respond({ id, accepted: false, error: serializeError(error) }, resolve as (data: unknown) => void, reject),
        );
    });
  }

  on(type: 'event', listener: ChannelEventListener): void;
  on(type: 'close', listener: ChannelCloseListener): void;
  on(type: 'event' | 'close', listener: ChannelEventListener | ChannelCloseListener): void {
    if (type === 'event') this.#eventListeners.push(listener as ChannelEventListener);
    else this.#closeListeners.push(listener as ChannelCloseListener);
  }

  close(): void {
    this.#shutDown(undefined);
  }

  #dispatch(request: ChannelRequest): unknown {
    const handler = this.#handler.requests[request.method] as (handlerId: string, data: unknown) => unknown;
    return handler.call(this.#handler.requests, request.handlerId, request.data);
  }

  #respond(response: ChannelResponse, resolve: (data: unknown) => void, reject: (error: Error) => void): void {
    if (!this.#pending.delete(response.id)) return; // closed meanwhile; already rejected
    let wire: ChannelResponse;
    try {
      wire = toWire(response, `response to request ${response.id}`);
    } catch (error) {
      reject(error as Error);
      return;
    }
    this.#trace?.({ direction: 'response', message: wire });
    if (wire.accepted) resolve(wire.data);
    else reject(deserializeError(wire.error));
  }

  #deliver(notification: MediaNotification): void {
    if (this.#closed) return;
    const wire = toWire(notification, `event ${notification.event}`);
    queueMicrotask(() => {
      if (this.#closed) return;
      this.#trace?.({ direction: 'event', message: wire });
      for (const listener of [...this.#eventListeners]) listener(wire.handlerId, wire.event, wire.data);
    });
  }

  #shutDown(error: Error | undefined): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const [, pending] of this.#pending) pending.reject(new InvalidStateError(error === undefined ? 'channel closed' : `media worker died: ${error.message}`));
    this.#pending.clear();
    this.#handler.close();
    for (const listener of [...this.#closeListeners]) listener(error);
  }
}
