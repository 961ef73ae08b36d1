/**
 * Exercise 14-signaling: a request client over WebSocket, with ids, Promises,
 * timeouts and events. The protocol is server/src/signaling/PROTOCOL.md; in short:
 *
 *   you send       { "v": 1, "type": "request", "id": 1, "method": "join", "data": { "room": "demo" } }
 *   the server     { "v": 1, "type": "response", "id": 1, "ok": true, "data": { "peerId": "…", "peers": [] } }
 *   answers        { "v": 1, "type": "response", "id": 1, "ok": false, "error": { "code": "ROOM_FULL", "message": "…" } }
 *   and tells you  { "v": 1, "type": "notification", "method": "peerJoined", "data": { "id": "…", "name": "bob" } }
 *
 * class RequestClient extends EventEmitter
 *   constructor(socket, options?)  socket is an open WebSocket (the browser's, or openNodeWebSocket's):
 *     socket.send(text), socket.close(code?, reason?), socket.readyState (1 = open),
 *     socket.addEventListener('message', (event) => …event.data is the text…),
 *     socket.addEventListener('close', (event) => …event.code, event.reason…).
 *     options.timeoutMs: the default request timeout, 5000 if not given.
 *
 *   request(method, data = {}, { timeoutMs }?) → Promise
 *     Sends one request. Ids are 1, 2, 3, … in the order of the calls. The Promise
 *     - resolves with the response's `data` when a response with this id says ok: true;
 *     - rejects with RequestError(error.code, error.message) when it says ok: false;
 *     - rejects with RequestError('REQUEST_TIMEOUT', …) when no response came within timeoutMs
 *       (the per-call option, else the client's default); a response arriving later is ignored;
 *     - rejects with RequestError('CONNECTION_CLOSED', …) when the socket closes first.
 *     Called when the socket is not open (readyState !== 1) or after close(): rejects at once
 *     with CONNECTION_CLOSED, sending nothing.
 *   pendingCount  the number of requests still waiting for their response.
 *   close()       closes the socket (code 1000); waiting requests reject with CONNECTION_CLOSED.
 *
 *   Events (emitted with EventEmitter's emit):
 *     'notification' (method, data)  for every notification the server sends
 *     'close' ({ code, reason })     once, when the socket has closed (or close() was called)
 *   Messages that are not JSON objects, and responses whose id matches no waiting request,
 *   are ignored (never thrown: they arrive in a socket callback).
 *
 * nextEvent(emitter, event, timeoutMs) → Promise<unknown[]>
 *   Resolves with the arguments of the next `event` the emitter emits, or rejects with
 *   RequestError('REQUEST_TIMEOUT', …) after timeoutMs. Either way, no listener of yours is
 *   left on the emitter afterwards.
 *     const [method, data] = await nextEvent(client, 'notification', 1000);
 *
 * Use node:events (EventEmitter) and timers. Not #server/signaling/client.ts: that is the answer.
 */
import { EventEmitter } from 'node:events';
import type { WebSocketLike } from '#server/signaling/client.ts';

/** code: the server's error code, or 'REQUEST_TIMEOUT' or 'CONNECTION_CLOSED'. */
export class RequestError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'RequestError';
    this.code = code;
  }
}

export interface RequestClientOptions {
  timeoutMs?: number;
}

export class RequestClient extends EventEmitter {
  constructor(socket: WebSocketLike, options: RequestClientOptions = {}) {
    super();
    throw new Error('TODO: remember the socket and the timeout, listen to its message and close events');
  }

  get pendingCount(): number {
    throw new Error('TODO: how many requests wait for a response');
  }

  request(method: string, data: object = {}, options: { timeoutMs?: number } = {}): Promise<unknown> {
    throw new Error('TODO: a new id, a pending entry with resolve/reject and a timer, then socket.send');
  }

  close(): void {
    throw new Error('TODO: close the socket and reject what is pending');
  }
}

export function nextEvent(emitter: EventEmitter, event: string, timeoutMs: number): Promise<unknown[]> {
  throw new Error('TODO: a Promise that a one-time listener resolves and a timer rejects');
}
