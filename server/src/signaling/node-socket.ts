/**
 * The browser's WebSocket interface (the part SignalingClient uses) over this
 * repository's Node client, for Node 20, which has no global WebSocket.
 *
 *   const client = await SignalingClient.connect(url, { createSocket: openNodeWebSocket });
 */
import { type ConnectOptions, type WebSocketConnection, connectWebSocket } from '../websocket/index.ts';
import type { WebSocketLike } from './client.ts';

/** WebSocket.readyState values (WHATWG HTML, "The WebSocket interface"). */
const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;
/** Reported when the connection failed before or without a Close frame. */
const ABNORMAL_CLOSURE = 1006;

type Listener = (event: never) => void;

class NodeWebSocket implements WebSocketLike {
  #readyState = CONNECTING;
  #connection: WebSocketConnection | undefined;
  #pendingClose: { code: number | undefined; reason: string | undefined } | undefined;
  readonly #listeners = new Map<string, Set<Listener>>();

  constructor(url: string, options: ConnectOptions) {
    connectWebSocket(url, options).then(
      (connection) => this.#opened(connection),
      (error: unknown) => {
        this.#readyState = CLOSED;
        this.#dispatch('error', { error });
        this.#dispatch('close', { code: ABNORMAL_CLOSURE, reason: '' });
      },
    );
  }

  get readyState(): number {
    return this.#readyState;
  }

  send(data: string): void {
    if (this.#readyState === CONNECTING || this.#connection === undefined) throw new Error('InvalidStateError: WebSocket is still connecting');
    this.#connection.send(data);
  }

  close(code?: number, reason?: string): void {
    if (this.#readyState === CLOSING || this.#readyState === CLOSED) return;
    this.#readyState = CLOSING;
    if (this.#connection === undefined) this.#pendingClose = { code, reason };
    else this.#connection.close(code, reason);
  }

  addEventListener(type: string, listener: Listener): void {
    let set = this.#listeners.get(type);
    if (set === undefined) this.#listeners.set(type, (set = new Set()));
    set.add(listener);
  }

  #opened(connection: WebSocketConnection): void {
    this.#connection = connection;
    connection.on('message', ({ data }) => this.#dispatch('message', { data }));
    connection.on('close', ({ code, reason }) => {
      this.#readyState = CLOSED;
      this.#dispatch('close', { code, reason });
    });
    if (this.#pendingClose !== undefined) {
      connection.close(this.#pendingClose.code, this.#pendingClose.reason);
      return;
    }
    this.#readyState = OPEN;
    this.#dispatch('open', {});
  }

  #dispatch(type: string, event: object): void {
    for (const listener of [...(this.#listeners.get(type) ?? [])]) (listener as (event: object) => void)(event);
  }
}

/** Opens a WebSocket with the browser's interface; `options` go to connectWebSocket (TLS, headers, limits). */
export function openNodeWebSocket(url: string, options: ConnectOptions = {}): WebSocketLike {
  return new NodeWebSocket(url, options);
}
