/**
 * The signaling client, for the browser and for Node: requests with ids,
 * Promises and timeouts, notifications as typed events.
 *
 *   const client = await SignalingClient.connect('wss://example.org/ws');
 *   const { peerId, peers } = await client.request('join', { room: 'demo', name: 'alice' });
 *   client.on('relayed', ({ from, payload }) => ...);
 *
 * Written against the standard WebSocket interface only, with nothing but
 * type imports, so that the same file runs in a page once its types are
 * stripped (PROTOCOL.md, "Loading the client in a browser"). Node 20 has no
 * global WebSocket: pass `createSocket: openNodeWebSocket` (node-socket.ts).
 */
import type {
  NotificationMap,
  NotificationMethod,
  ProtocolVersion,
  RequestMap,
  RequestMethod,
  SignalingErrorCode,
} from './messages.ts';

/** messages.ts's PROTOCOL_VERSION, repeated so this file has no runtime import. */
const VERSION: ProtocolVersion = 1;
/** WebSocket.OPEN in the standard interface. */
const OPEN = 1;
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** The notifications emitted as events of their own name (messages.ts's NotificationMap, repeated: no runtime import). */
const NOTIFICATION_METHODS: ReadonlySet<string> = new Set([
  'peerJoined',
  'peerLeft',
  'relayed',
  'subscriberOffer',
  'producerPaused',
  'producerResumed',
] satisfies NotificationMethod[]);

/** What this client needs of a WebSocket; the browser's WebSocket has it all. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { code: number; reason: string }) => void): void;
  addEventListener(type: 'error', listener: (event: unknown) => void): void;
}

/** The wire codes, plus two that only the client raises. */
export type ClientErrorCode = SignalingErrorCode | 'REQUEST_TIMEOUT' | 'CONNECTION_CLOSED';

/** A request the server refused, that timed out, or whose connection closed; branch on `code`. */
export class SignalingRequestError extends Error {
  readonly code: ClientErrorCode;
  /** The request's method, when the error answers a request of ours. */
  readonly method: string | undefined;

  constructor(code: ClientErrorCode, message: string, method?: string) {
    super(message);
    this.name = 'SignalingRequestError';
    this.code = code;
    this.method = method;
  }
}

export interface RequestOptions {
  /** Reject with REQUEST_TIMEOUT after this long; default: the client's requestTimeoutMs. */
  timeoutMs?: number;
}

export interface SignalingClientOptions {
  requestTimeoutMs?: number;
}

export interface ConnectOptions extends SignalingClientOptions {
  /** Opens the socket; default `new globalThis.WebSocket(url)`. */
  createSocket?: (url: string) => WebSocketLike;
  connectTimeoutMs?: number;
}

export interface CloseInfo {
  code: number;
  reason: string;
}

export type SignalingClientEvents = { [M in NotificationMethod]: [NotificationMap[M]] } & {
  /** Every notification, including methods this client has no type for (SFU mode). */
  notification: [method: string, data: unknown];
  /** An error response that matches no request (id null), or a server message that is not valid JSON. */
  error: [SignalingRequestError];
  close: [CloseInfo];
};
type EventName = keyof SignalingClientEvents;
type Listener<K extends EventName> = (...args: SignalingClientEvents[K]) => void;

interface Pending {
  method: string;
  resolve: (data: unknown) => void;
  reject: (error: SignalingRequestError) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class SignalingClient {
  readonly #socket: WebSocketLike;
  readonly #requestTimeoutMs: number;
  readonly #pending = new Map<number, Pending>();
  readonly #listeners = new Map<EventName, Set<unknown>>();
  #nextId = 1;
  #closed: CloseInfo | undefined;

  /** Opens a WebSocket to `url` and resolves once it is open. */
  static connect(url: string, options: ConnectOptions = {}): Promise<SignalingClient> {
    const create = options.createSocket ?? defaultSocket;
    return new Promise((resolve, reject) => {
      let socket: WebSocketLike;
      try {
        socket = create(url);
      } catch (error) {
        reject(error);
        return;
      }
      let settled = false;
      const timer = setTimeout(() => {
        if (settled) return;
        settled = true;
        socket.close();
        reject(new SignalingRequestError('CONNECTION_CLOSED', `signaling: no connection to ${url} within ${options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS} ms`));
      }, options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
      socket.addEventListener('open', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(new SignalingClient(socket, options));
      });
      socket.addEventListener('close', (event) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(new SignalingRequestError('CONNECTION_CLOSED', `signaling: could not connect to ${url} (close code ${event.code})`));
      });
    });
  }

  /** Wraps an open socket. */
  constructor(socket: WebSocketLike, options: SignalingClientOptions = {}) {
    this.#socket = socket;
    this.#requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    socket.addEventListener('message', (event) => this.#onMessage(event.data));
    socket.addEventListener('close', (event) => this.#onClose({ code: event.code, reason: event.reason }));
  }

  /** Requests waiting for their response. */
  get pendingRequests(): number {
    return this.#pending.size;
  }

  get closed(): boolean {
    return this.#closed !== undefined;
  }

  /**
   * Sends a request; resolves with the response's data or rejects with
   * SignalingRequestError (the server's code, REQUEST_TIMEOUT or CONNECTION_CLOSED).
   */
  request<M extends RequestMethod>(method: M, data: RequestMap[M]['data'], options?: RequestOptions): Promise<RequestMap[M]['response']>;
  /** Methods this client has no types for (SFU mode). */
  request(method: string, data: object, options?: RequestOptions): Promise<unknown>;
  request(method: string, data: object, options: RequestOptions = {}): Promise<unknown> {
    if (this.#closed !== undefined || this.#socket.readyState !== OPEN) {
      return Promise.reject(new SignalingRequestError('CONNECTION_CLOSED', `signaling: ${method} on a closed connection`, method));
    }
    const id = this.#nextId++;
    const timeoutMs = options.timeoutMs ?? this.#requestTimeoutMs;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new SignalingRequestError('REQUEST_TIMEOUT', `signaling: no response to ${method} within ${timeoutMs} ms`, method));
      }, timeoutMs);
      this.#pending.set(id, { method, resolve, reject, timer });
      try {
        this.#socket.send(JSON.stringify({ v: VERSION, type: 'request', id, method, data }));
      } catch (error) {
        clearTimeout(timer);
        this.#pending.delete(id);
        reject(new SignalingRequestError('CONNECTION_CLOSED', `signaling: could not send ${method}: ${String(error)}`, method));
      }
    });
  }

  /** Closes the connection; waiting requests reject with CONNECTION_CLOSED. */
  close(code = 1000, reason = ''): void {
    this.#socket.close(code, reason);
    this.#onClose({ code, reason });
  }

  on<K extends EventName>(event: K, listener: Listener<K>): this {
    let set = this.#listeners.get(event);
    if (set === undefined) this.#listeners.set(event, (set = new Set()));
    set.add(listener);
    return this;
  }

  off<K extends EventName>(event: K, listener: Listener<K>): this {
    this.#listeners.get(event)?.delete(listener);
    return this;
  }

  once<K extends EventName>(event: K, listener: Listener<K>): this {
    const wrapper = ((...args: SignalingClientEvents[K]) => {
      this.off(event, wrapper);
      listener(...args);
    }) as Listener<K>;
    return this.on(event, wrapper);
  }

  /** Resolves with the next `event`'s first argument (handy in tests and scripts). */
  next<K extends EventName>(event: K, timeoutMs = this.#requestTimeoutMs): Promise<SignalingClientEvents[K][0]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off(event, listener);
        reject(new SignalingRequestError('REQUEST_TIMEOUT', `signaling: no ${event} within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = ((first: SignalingClientEvents[K][0]) => {
        clearTimeout(timer);
        this.off(event, listener);
        resolve(first);
      }) as Listener<K>;
      this.on(event, listener);
    });
  }

  #emit<K extends EventName>(event: K, ...args: SignalingClientEvents[K]): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) {
      try {
        (listener as Listener<K>)(...args);
      } catch (error) {
        // A listener's bug must not break message handling; surface it like any uncaught error.
        setTimeout(() => {
          throw error;
        }, 0);
      }
    }
  }

  #onMessage(raw: unknown): void {
    let message: Record<string, unknown>;
    try {
      const value: unknown = JSON.parse(String(raw));
      if (typeof value !== 'object' || value === null) throw new TypeError('not an object');
      message = value as Record<string, unknown>;
    } catch {
      this.#emit('error', new SignalingRequestError('BAD_REQUEST', 'signaling: the server sent a message that is not a JSON object'));
      return;
    }
    if (message['type'] === 'response') this.#onResponse(message);
    else if (message['type'] === 'notification' && typeof message['method'] === 'string') {
      const method = message['method'];
      const data = message['data'] ?? {};
      this.#emit('notification', method, data);
      if (NOTIFICATION_METHODS.has(method)) (this.#emit as (event: string, data: unknown) => void).call(this, method, data);
    }
  }

  #onResponse(message: Record<string, unknown>): void {
    const id = message['id'];
    const pending = typeof id === 'number' ? this.#pending.get(id) : undefined;
    const error = message['error'] as { code?: unknown; message?: unknown } | undefined;
    if (pending === undefined) {
      if (message['ok'] === false) {
        this.#emit('error', new SignalingRequestError(String(error?.code ?? 'INTERNAL_ERROR') as ClientErrorCode, String(error?.message ?? 'signaling: error')));
      }
      return;
    }
    this.#pending.delete(id as number);
    clearTimeout(pending.timer);
    if (message['ok'] === true) pending.resolve(message['data'] ?? {});
    else {
      const code = String(error?.code ?? 'INTERNAL_ERROR') as ClientErrorCode;
      pending.reject(new SignalingRequestError(code, String(error?.message ?? `signaling: ${pending.method} failed`), pending.method));
    }
  }

  #onClose(info: CloseInfo): void {
    if (this.#closed !== undefined) return;
    this.#closed = info;
    for (const [id, pending] of this.#pending) {
      this.#pending.delete(id);
      clearTimeout(pending.timer);
      pending.reject(new SignalingRequestError('CONNECTION_CLOSED', `signaling: connection closed (${info.code}) before the response to ${pending.method}`, pending.method));
    }
    this.#emit('close', info);
  }
}

function defaultSocket(url: string): WebSocketLike {
  const WebSocketClass = (globalThis as { WebSocket?: new (url: string) => WebSocketLike }).WebSocket;
  if (WebSocketClass === undefined) {
    throw new TypeError('signaling: no global WebSocket here (Node 20); pass createSocket: openNodeWebSocket from node-socket.ts');
  }
  return new WebSocketClass(url);
}
