/**
 * One client connection speaking the signaling protocol: parses its messages,
 * applies its limits, runs its requests against the rooms and answers each
 * one. Everything that can go wrong with a message becomes an error response
 * to this connection only (or, for floods, closes this connection only).
 */
import type { WebSocketConnection, WebSocketMessage } from '../websocket/index.ts';
import { CloseCode } from '../websocket/index.ts';
import { errorResponse, notification, parseRequest, successResponse } from './envelope.ts';
import { SignalingError } from './errors.ts';
import type { SignalingExtension } from './extension.ts';
import type { NotificationMap, NotificationMethod, PeerState, RequestMessage } from './messages.ts';
import { TokenBucket } from './rate-limiter.ts';
import { type LeaveReason, type Room, type RoomMember, type RoomRegistry, newPeerId } from './rooms.ts';
import { verifyToken } from './token.ts';
import { parseJoin, parseRelay } from './validate.ts';

export interface SignalingLimits {
  /** Peers a room holds; the next join gets ROOM_FULL. */
  peersPerRoom: number;
  /** Average messages per second per connection; bursts of twice this pass. */
  messagesPerSecond: number;
  /** Bigger messages are answered MESSAGE_TOO_BIG; over 4× this the WebSocket closes with 1009. */
  maxMessageBytes: number;
}

export interface SessionContext {
  readonly rooms: RoomRegistry;
  readonly limits: SignalingLimits;
  /** Set when the server checks tokens. */
  readonly tokenSecret: string | undefined;
  readonly requireToken: boolean;
  readonly now: () => number;
  /** A handler threw something other than a SignalingError. */
  readonly onInternalError: (error: unknown) => void;
  /** The methods of a mode beyond mesh (SFU), if the server runs one. */
  readonly extension?: SignalingExtension | undefined;
}

type Json = Record<string, unknown>;
type Handler = (session: SignalingSession, request: RequestMessage<string, Json>) => object | Promise<object>;

/** The mesh methods (PROTOCOL.md, "Methods"); a name not in here is UNKNOWN_METHOD. */
const HANDLERS: ReadonlyMap<string, Handler> = new Map<string, Handler>([
  ['join', (session, request) => session.join(request)],
  ['leave', (session, request) => session.leave(request)],
  ['relay', (session, request) => session.relay(request)],
]);

export class SignalingSession implements RoomMember {
  readonly #connection: WebSocketConnection;
  readonly #context: SessionContext;
  readonly #messages: TokenBucket;
  /** Refused messages beyond the rate; when these run out too, the client is flooding and is closed. */
  readonly #refusals: TokenBucket;
  /** Set from the moment a join is accepted; the room is set once the registry has placed the peer. */
  #peer: PeerState | undefined;
  #room: Room | undefined;
  #closed = false;
  /** Messages waiting for an earlier request's asynchronous answer: responses go out in arrival order. */
  readonly #backlog: (() => void | Promise<void>)[] = [];
  #busy = false;

  constructor(connection: WebSocketConnection, context: SessionContext) {
    this.#connection = connection;
    this.#context = context;
    const rate = context.limits.messagesPerSecond;
    this.#messages = new TokenBucket({ ratePerSecond: rate, burst: 2 * rate, now: context.now });
    this.#refusals = new TokenBucket({ ratePerSecond: rate, burst: rate, now: context.now });
    connection.on('message', (message) => this.#onMessage(message));
    connection.on('close', () => this.#end('disconnect'));
  }

  /** The peer once joined; RoomMember needs it only then. */
  get peer(): PeerState {
    if (this.#peer === undefined) throw new Error('signaling: peer of a session that has not joined');
    return this.#peer;
  }

  notify<M extends NotificationMethod>(method: M, data: NotificationMap[M]): void {
    this.#connection.send(notification(method, data));
  }

  /** Leaves the room (if any) for `reason` and closes the connection. */
  shutdown(code: number, reason: string): void {
    this.#end('shutdown');
    this.#connection.close(code, reason);
  }

  #onMessage(message: WebSocketMessage): void {
    if (this.#closed) return;
    // The rate is measured on arrival, even when the answer has to wait its turn.
    if (!this.#messages.take()) {
      if (!this.#refusals.take()) {
        this.#connection.close(CloseCode.PolicyViolation, 'signaling: message rate limit exceeded');
        return;
      }
      const refusal = new SignalingError('RATE_LIMITED', `signaling: over ${this.#context.limits.messagesPerSecond} messages per second`, { requestId: peekId(message) });
      this.#enqueue(() => this.#answerError(refusal));
      return;
    }
    this.#enqueue(() => this.#handle(message));
  }

  /** Runs `job` now if no asynchronous answer is pending, else after the ones before it. */
  #enqueue(job: () => void | Promise<void>): void {
    this.#backlog.push(job);
    if (!this.#busy) this.#drain();
  }

  #drain(): void {
    for (let job = this.#backlog.shift(); job !== undefined; job = this.#backlog.shift()) {
      const pending = job();
      if (pending !== undefined) {
        this.#busy = true;
        // Jobs answer their own errors, so `pending` never rejects.
        void pending.then(() => {
          this.#busy = false;
          this.#drain();
        });
        return;
      }
    }
  }

  /** Answers one message; a Promise when the method answers asynchronously. */
  #handle(message: WebSocketMessage): void | Promise<void> {
    // What was still waiting when the connection closed is not run: it would act for a peer who is gone.
    if (this.#closed) return;
    if (message.binary) {
      this.#answerError(new SignalingError('BAD_REQUEST', 'signaling: messages are JSON in text frames, not binary'));
      return;
    }
    const text = message.data as string;
    // UTF-8 takes at most 3 bytes per UTF-16 unit, so most messages skip the byte count.
    if (text.length * 3 > this.#context.limits.maxMessageBytes && Buffer.byteLength(text) > this.#context.limits.maxMessageBytes) {
      this.#answerError(new SignalingError('MESSAGE_TOO_BIG', `signaling: message over ${this.#context.limits.maxMessageBytes} bytes`));
      return;
    }
    let request: RequestMessage<string, Json> | undefined;
    try {
      request = parseRequest(text);
      const handler = HANDLERS.get(request.method) ?? this.#extensionHandler(request.method);
      if (handler === undefined) throw new SignalingError('UNKNOWN_METHOD', `signaling: no method "${request.method}"`, { requestId: request.id });
      const data = handler(this, request);
      if (!(data instanceof Promise)) {
        this.#connection.send(successResponse(request.id, data));
        return;
      }
      const { id } = request;
      return data.then(
        (result) => void this.#connection.send(successResponse(id, result)),
        (error: unknown) => this.#answerFailure(error, id),
      );
    } catch (error) {
      this.#answerFailure(error, request?.id ?? null);
    }
  }

  #extensionHandler(method: string): Handler | undefined {
    const extensionMethod = this.#context.extension?.methods.get(method);
    if (extensionMethod === undefined) return undefined;
    return (session, request) => {
      const room = session.#room;
      const peer = session.#peer;
      if (room === undefined || peer === undefined) throw new SignalingError('NOT_JOINED', `signaling: join a room before "${method}"`, { requestId: request.id });
      return extensionMethod({ requestId: request.id, data: request.data, room: room.id, peer });
    };
  }

  /** A SignalingError is the answer (given the request's id if it lacks one); anything else is a bug of ours. */
  #answerFailure(error: unknown, requestId: number | null): void {
    if (error instanceof SignalingError) {
      this.#answerError(error.requestId === null && requestId !== null ? new SignalingError(error.code, error.message, { requestId, cause: error }) : error);
      return;
    }
    // Answer, keep serving, and let the application log it.
    this.#answerError(new SignalingError('INTERNAL_ERROR', 'signaling: internal error', { requestId }));
    this.#context.onInternalError(error);
  }

  #answerError(error: SignalingError): void {
    this.#connection.send(errorResponse(error.requestId, error.toWire()));
  }

  join(request: RequestMessage<string, Json>): object {
    if (this.#room !== undefined) {
      throw new SignalingError('ALREADY_JOINED', `signaling: already in room "${this.#room.id}"; leave first`, { requestId: request.id });
    }
    const data = parseJoin(request.data, request.id);
    let name = data.name ?? '';
    const { tokenSecret, requireToken } = this.#context;
    if (data.token === undefined) {
      if (requireToken) throw new SignalingError('TOKEN_REQUIRED', 'signaling: this server needs a token to join', { requestId: request.id });
    } else if (tokenSecret !== undefined) {
      try {
        name = verifyToken(data.token, tokenSecret, { room: data.room, nowMs: this.#context.now() }).identity;
      } catch (error) {
        if (error instanceof SignalingError) throw new SignalingError(error.code, error.message, { requestId: request.id });
        throw error;
      }
    }
    const peer: PeerState = { id: newPeerId(), name, joinedAt: this.#context.now() };
    this.#peer = peer;
    try {
      this.#room = this.#context.rooms.join(data.room, this, request.id);
    } catch (error) {
      this.#peer = undefined;
      throw error;
    }
    const extension = this.#context.extension;
    if (extension !== undefined) this.#tellExtension(() => extension.peerJoined(data.room, this));
    return { ...extension?.joinData, peerId: peer.id, peers: this.#room.peers(peer.id) };
  }

  leave(request: RequestMessage<string, Json>): object {
    if (this.#room === undefined) throw new SignalingError('NOT_JOINED', 'signaling: not in a room', { requestId: request.id });
    this.#leaveRoom('leave');
    return {};
  }

  relay(request: RequestMessage<string, Json>): object {
    const room = this.#room;
    const from = this.#peer;
    if (room === undefined || from === undefined) throw new SignalingError('NOT_JOINED', 'signaling: join a room before relaying', { requestId: request.id });
    const { to, payload } = parseRelay(request.data, request.id);
    const target = to === from.id ? undefined : room.member(to);
    if (target === undefined) throw new SignalingError('PEER_NOT_FOUND', `signaling: no peer "${to}" in this room`, { requestId: request.id });
    target.notify('relayed', { from: from.id, payload });
    return {};
  }

  #leaveRoom(reason: LeaveReason): void {
    const room = this.#room;
    const peer = this.#peer;
    if (room === undefined || peer === undefined) return;
    // The room reads this.peer while it says goodbye; forget it only afterwards.
    this.#room = undefined;
    try {
      this.#context.rooms.leave(room, peer.id, reason);
    } finally {
      this.#peer = undefined;
    }
    const extension = this.#context.extension;
    if (extension !== undefined) this.#tellExtension(() => extension.peerLeft(room.id, peer, reason));
  }

  /** An extension's bug must not undo a join or a leave that happened: report it and carry on. */
  #tellExtension(hook: () => void): void {
    try {
      hook();
    } catch (error) {
      this.#context.onInternalError(error);
    }
  }

  #end(reason: LeaveReason): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#leaveRoom(reason);
  }
}

/** The id of a message that is refused unread, when a cheap look finds one, so the client can match the error. */
function peekId(message: WebSocketMessage): number | null {
  if (message.binary) return null;
  const match = /^\s*\{[^{}]*?"id"\s*:\s*(\d{1,15})\s*[,}]/.exec((message.data as string).slice(0, 256));
  return match === null ? null : Number(match[1]);
}
