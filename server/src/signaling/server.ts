/**
 * The signaling server: a WebSocketServer on one path of an HTTP(S) server,
 * one SignalingSession per connection, the rooms they share, and typed events
 * for the application (PROTOCOL.md, "Server API").
 *
 *   const signaling = new SignalingServer({ path: '/ws', tokenSecret });
 *   signaling.attach(httpServer);
 *   signaling.on('peerjoined', ({ room, peer }) => log(room, peer.name));
 */
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { TypedEmitter } from '../common/typed-emitter.ts';
import { CloseCode, type WebSocketConnection, WebSocketServer, type WebSocketServerOptions } from '../websocket/index.ts';
import type { SignalingExtension } from './extension.ts';
import type { PeerState, RoomState } from './messages.ts';
import { type LeaveReason, RoomRegistry } from './rooms.ts';
import { type SessionContext, type SignalingLimits, SignalingSession } from './session.ts';
import { MIN_SECRET_BYTES } from './token.ts';

export const DEFAULT_LIMITS: Readonly<SignalingLimits> = {
  peersPerRoom: 8,
  messagesPerSecond: 50,
  maxMessageBytes: 64 * 1024,
};

/** Messages between maxMessageBytes and this many times it are answered; bigger ones close the WebSocket (1009). */
const HARD_LIMIT_FACTOR = 4;

export interface SignalingServerOptions {
  /** The URL path of the WebSocket endpoint; default '/ws'. */
  path?: string;
  /** HMAC secret for room tokens (token.ts), at least 16 bytes. */
  tokenSecret?: string;
  /** Refuse joins without a valid token; default: true exactly when tokenSecret is set. */
  requireToken?: boolean;
  limits?: Partial<SignalingLimits>;
  /** Keep-alive, backpressure and Origin checks of the WebSocket layer. */
  websocket?: Pick<WebSocketServerOptions, 'pingIntervalMs' | 'deadPeerTimeoutMs' | 'maxQueuedBytes' | 'closeTimeoutMs' | 'verifyOrigin'>;
  /** Milliseconds since the epoch; for tests of token expiry and rate limits. */
  now?: () => number;
  /** More methods for joined peers (SFU mode: `SfuRoomService` in ./sfu/); mesh mode has none. */
  extension?: SignalingExtension;
}

export interface PeerEvent {
  room: string;
  peer: PeerState;
}

export type SignalingServerEvents = {
  peerjoined: [PeerEvent];
  peerleft: [PeerEvent & { reason: LeaveReason }];
  roomclosed: [{ room: string }];
  /** A WebSocket connection opened (before any join); for logs and counters. */
  connection: [WebSocketConnection, IncomingMessage];
  /** A bug in a request handler; the request was answered INTERNAL_ERROR and serving went on. Dropped when nobody listens. */
  error: [unknown];
};

export class SignalingServer extends TypedEmitter<SignalingServerEvents> {
  readonly path: string;
  readonly limits: Readonly<SignalingLimits>;
  readonly #websockets: WebSocketServer;
  readonly #rooms: RoomRegistry;
  readonly #context: SessionContext;
  readonly #sessions = new Set<SignalingSession>();

  constructor(options: SignalingServerOptions = {}) {
    super();
    const limits = { ...DEFAULT_LIMITS, ...options.limits };
    for (const [name, value] of Object.entries(limits)) {
      if (!Number.isFinite(value) || value < 1) throw new RangeError(`signaling: limits.${name} must be a number of at least 1, got ${value}`);
    }
    const requireToken = options.requireToken ?? options.tokenSecret !== undefined;
    if (requireToken && options.tokenSecret === undefined) throw new RangeError('signaling: requireToken needs a tokenSecret');
    if (options.tokenSecret !== undefined && Buffer.byteLength(options.tokenSecret) < MIN_SECRET_BYTES) {
      throw new RangeError(`signaling: tokenSecret must be at least ${MIN_SECRET_BYTES} bytes`);
    }
    this.path = options.path ?? '/ws';
    this.limits = limits;
    this.#rooms = new RoomRegistry({
      peersPerRoom: limits.peersPerRoom,
      hooks: {
        peerJoined: (room, peer) => this.safeEmit('peerjoined', { room, peer: { ...peer } }),
        peerLeft: (room, peer, reason) => this.safeEmit('peerleft', { room, peer: { ...peer }, reason }),
        roomClosed: (room) => this.safeEmit('roomclosed', { room }),
      },
    });
    this.#context = {
      rooms: this.#rooms,
      limits,
      tokenSecret: options.tokenSecret,
      requireToken,
      now: options.now ?? Date.now,
      onInternalError: (error) => this.safeEmit('error', error),
      extension: options.extension,
    };
    this.#websockets = new WebSocketServer({
      ...options.websocket,
      path: this.path,
      maxMessageSize: HARD_LIMIT_FACTOR * limits.maxMessageBytes,
    });
    this.#websockets.on('connection', (connection, request) => this.#onConnection(connection, request));
  }

  /** Handles 'upgrade' requests for `path` on `server` (node:http or node:https). */
  attach(server: HttpServer | HttpsServer): this {
    this.#websockets.attach(server);
    return this;
  }

  /** For servers that route upgrades themselves: hand over one request for this endpoint. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#websockets.handleUpgrade(request, socket, head);
  }

  /** A snapshot of every room and its peers, oldest first (for /api and the lab's state view). */
  rooms(): RoomState[] {
    return this.#rooms.states();
  }

  /** Open WebSocket connections, joined or not. */
  get connectionCount(): number {
    return this.#sessions.size;
  }

  /** Closes every connection (1001, everyone leaves with reason 'shutdown') and stops taking upgrades. */
  async close(): Promise<void> {
    for (const session of this.#sessions) session.shutdown(CloseCode.GoingAway, 'server shutting down');
    await this.#websockets.close();
  }

  #onConnection(connection: WebSocketConnection, request: IncomingMessage): void {
    const session = new SignalingSession(connection, this.#context);
    this.#sessions.add(session);
    connection.on('close', () => this.#sessions.delete(session));
    this.safeEmit('connection', connection, request);
  }
}
