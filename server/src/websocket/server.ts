/**
 * The server side of the opening handshake on a node:http(s) server: takes
 * the 'upgrade' requests for one path, answers 101 or the right HTTP error
 * (RFC 6455 §4.2), and hands each accepted socket over as a
 * WebSocketConnection.
 *
 *   const wss = new WebSocketServer({ path: '/ws' }).attach(httpServer);
 *   wss.on('connection', (connection, request) => ...);
 */
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { type ConnectionLimits, WebSocketConnection } from './connection.ts';
import { CloseCode } from './close-codes.ts';
import { HandshakeError } from './errors.ts';
import { acceptResponseHead, checkUpgradeRequest, rejectResponseHead } from './handshake.ts';
import { TypedEmitter } from '../common/typed-emitter.ts';

export interface WebSocketServerOptions extends ConnectionLimits {
  /** Only upgrades for this path (query ignored); default: every path. */
  path?: string;
  /** RFC 6455 §10.2: return false to refuse a page from another origin (403). `undefined` when no Origin was sent. */
  verifyOrigin?: (origin: string | undefined, request: IncomingMessage) => boolean;
  /** Picks a subprotocol from those offered, or none. */
  selectProtocol?: (offered: string[], request: IncomingMessage) => string | undefined;
}

export type WebSocketServerEvents = {
  connection: [WebSocketConnection, IncomingMessage];
  /** An upgrade refused with an HTTP error; for logs and counters. */
  rejected: [HandshakeError, IncomingMessage];
};

export class WebSocketServer extends TypedEmitter<WebSocketServerEvents> {
  readonly #options: WebSocketServerOptions;
  readonly #connections = new Set<WebSocketConnection>();
  readonly #attached = new Map<HttpServer | HttpsServer, (request: IncomingMessage, socket: Duplex, head: Buffer) => void>();
  #closing = false;

  constructor(options: WebSocketServerOptions = {}) {
    super();
    this.#options = { ...options };
  }

  /** Open connections. */
  get connections(): ReadonlySet<WebSocketConnection> {
    return this.#connections;
  }

  /**
   * Listens to `server`'s upgrades. Requests for other paths are left to other
   * 'upgrade' listeners, or answered 404 when there are none (Node would
   * otherwise leave them hanging).
   */
  attach(server: HttpServer | HttpsServer): this {
    if (this.#attached.has(server)) return this;
    const listener = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
      if (this.#matches(request)) this.handleUpgrade(request, socket, head);
      else if (server.listenerCount('upgrade') === 1) this.#reject(new HandshakeError('NOT_FOUND', `websocket: no endpoint at ${request.url ?? '/'}`), request, socket);
    };
    this.#attached.set(server, listener);
    server.on('upgrade', listener);
    return this;
  }

  /** Completes or refuses one upgrade request (for servers that route upgrades themselves). */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    let accepted;
    try {
      if (this.#closing) throw new HandshakeError('SHUTTING_DOWN', 'websocket: server is shutting down');
      accepted = checkUpgradeRequest(request, {
        verifyOrigin: this.#options.verifyOrigin && ((origin) => this.#options.verifyOrigin!(origin, request)),
        selectProtocol: this.#options.selectProtocol && ((offered) => this.#options.selectProtocol!(offered, request)),
      });
    } catch (error) {
      if (!(error instanceof HandshakeError)) throw error;
      this.#reject(error, request, socket);
      return;
    }
    if (socket.destroyed) return;
    socket.write(acceptResponseHead(accepted));
    const connection = new WebSocketConnection(socket, { ...this.#options, role: 'server', protocol: accepted.protocol, head });
    this.#connections.add(connection);
    connection.on('close', () => this.#connections.delete(connection));
    this.safeEmit('connection', connection, request);
  }

  /**
   * Stops taking upgrades, closes every connection with `code` (default 1001,
   * going away) and resolves once all of them have ended.
   */
  async close(code: number = CloseCode.GoingAway, reason = 'server shutting down'): Promise<void> {
    this.#closing = true;
    for (const [server, listener] of this.#attached) server.off('upgrade', listener);
    this.#attached.clear();
    const closed = [...this.#connections].map(
      (connection) => new Promise<void>((resolve) => {
        if (connection.readyState === 'closed') resolve();
        else connection.once('close', () => resolve());
      }),
    );
    for (const connection of this.#connections) connection.close(code, reason);
    await Promise.all(closed);
  }

  #matches(request: IncomingMessage): boolean {
    if (this.#options.path === undefined) return true;
    const url = request.url ?? '/';
    const query = url.indexOf('?');
    return (query === -1 ? url : url.slice(0, query)) === this.#options.path;
  }

  #reject(error: HandshakeError, request: IncomingMessage, socket: Duplex): void {
    socket.on('error', () => {});
    if (socket.writable) socket.end(rejectResponseHead(error), () => socket.destroy());
    else socket.destroy();
    this.safeEmit('rejected', error, request);
  }
}
