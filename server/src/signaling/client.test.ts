/**
 * The client against a fake socket, no network: ids, responses matched out of
 * order, timeouts, a closing connection, notifications as events. Timers are
 * vitest's fake ones, so timeouts take no real time.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SignalingClient, SignalingRequestError, type WebSocketLike } from './client.ts';

class FakeSocket implements WebSocketLike {
  readyState = 1;
  sent: Record<string, unknown>[] = [];
  closedWith: [number | undefined, string | undefined] | undefined;
  readonly #listeners = new Map<string, ((event: never) => void)[]>();

  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close(code?: number, reason?: string): void {
    this.closedWith = [code, reason];
    this.readyState = 3;
  }
  addEventListener(type: string, listener: (event: never) => void): void {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
  }
  emit(type: string, event: object): void {
    for (const listener of this.#listeners.get(type) ?? []) (listener as (event: object) => void)(event);
  }
  receive(message: unknown): void {
    this.emit('message', { data: typeof message === 'string' ? message : JSON.stringify(message) });
  }
  serverClose(code: number): void {
    this.readyState = 3;
    this.emit('close', { code, reason: '' });
  }
}

let socket: FakeSocket;
let client: SignalingClient;
beforeEach(() => {
  vi.useFakeTimers();
  socket = new FakeSocket();
  client = new SignalingClient(socket, { requestTimeoutMs: 1000 });
});
afterEach(() => {
  vi.useRealTimers();
});

async function rejection(promise: Promise<unknown>): Promise<SignalingRequestError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SignalingRequestError) return error;
    throw error;
  }
  throw new Error('resolved');
}

describe('SignalingClient', () => {
  it('sends requests with increasing ids and matches responses by id, in any order', async () => {
    const join = client.request('join', { room: 'demo', name: 'alice' });
    const leave = client.request('leave', {});
    expect(socket.sent).toEqual([
      { v: 1, type: 'request', id: 1, method: 'join', data: { room: 'demo', name: 'alice' } },
      { v: 1, type: 'request', id: 2, method: 'leave', data: {} },
    ]);
    socket.receive({ v: 1, type: 'response', id: 2, ok: true, data: {} });
    socket.receive({ v: 1, type: 'response', id: 1, ok: true, data: { peerId: 'p1', peers: [] } });
    expect(await join).toEqual({ peerId: 'p1', peers: [] });
    expect(await leave).toEqual({});
    expect(client.pendingRequests).toBe(0);
  });

  it('rejects with the server code on an error response', async () => {
    const join = client.request('join', { room: 'full' });
    socket.receive({ v: 1, type: 'response', id: 1, ok: false, error: { code: 'ROOM_FULL', message: 'room is full' } });
    const error = await rejection(join);
    expect(error).toMatchObject({ code: 'ROOM_FULL', method: 'join', message: 'room is full' });
  });

  it('times out with REQUEST_TIMEOUT, per request or by default, and ignores a late response', async () => {
    const slow = client.request('relay', { to: 'p', payload: {} }, { timeoutMs: 50 });
    const normal = client.request('leave', {});
    vi.advanceTimersByTime(50);
    expect(await rejection(slow)).toMatchObject({ code: 'REQUEST_TIMEOUT', method: 'relay' });
    expect(client.pendingRequests).toBe(1);
    vi.advanceTimersByTime(950);
    expect(await rejection(normal)).toMatchObject({ code: 'REQUEST_TIMEOUT' });
    const errors: unknown[] = [];
    client.on('error', (error) => errors.push(error));
    socket.receive({ v: 1, type: 'response', id: 1, ok: true, data: {} });
    expect(errors).toEqual([]);
  });

  it('rejects waiting requests with CONNECTION_CLOSED when the socket closes, and new ones at once', async () => {
    const pending = client.request('join', { room: 'demo' });
    const closes: unknown[] = [];
    client.on('close', (info) => closes.push(info));
    socket.serverClose(1001);
    expect(await rejection(pending)).toMatchObject({ code: 'CONNECTION_CLOSED' });
    expect(closes).toEqual([{ code: 1001, reason: '' }]);
    expect(await rejection(client.request('leave', {}))).toMatchObject({ code: 'CONNECTION_CLOSED' });
    expect(client.closed).toBe(true);
  });

  it('close() closes the socket and fails what is pending', async () => {
    const pending = client.request('leave', {});
    client.close(1000, 'bye');
    expect(socket.closedWith).toEqual([1000, 'bye']);
    expect(await rejection(pending)).toMatchObject({ code: 'CONNECTION_CLOSED' });
  });

  it('emits typed notifications, and every notification by name for unknown methods', () => {
    const joined: unknown[] = [];
    const all: unknown[] = [];
    client.on('peerJoined', (peer) => joined.push(peer));
    client.on('notification', (method, data) => all.push([method, data]));
    socket.receive({ v: 1, type: 'notification', method: 'peerJoined', data: { id: 'p2', name: 'bob' } });
    socket.receive({ v: 1, type: 'notification', method: 'newProducer', data: { id: 'x' } });
    expect(joined).toEqual([{ id: 'p2', name: 'bob' }]);
    expect(all).toEqual([
      ['peerJoined', { id: 'p2', name: 'bob' }],
      ['newProducer', { id: 'x' }],
    ]);
  });

  it('reports unmatched error responses and garbage as error events, and keeps working', async () => {
    const errors: SignalingRequestError[] = [];
    client.on('error', (error) => errors.push(error));
    socket.receive({ v: 1, type: 'response', id: null, ok: false, error: { code: 'BAD_REQUEST', message: 'not JSON' } });
    socket.receive('not json at all');
    expect(errors.map((error) => error.code)).toEqual(['BAD_REQUEST', 'BAD_REQUEST']);
    const leave = client.request('leave', {});
    socket.receive({ v: 1, type: 'response', id: 1, ok: true, data: {} });
    expect(await leave).toEqual({});
  });

  it('once() and next() deliver one event', async () => {
    let count = 0;
    client.once('peerLeft', () => count++);
    const next = client.next('peerLeft');
    socket.receive({ v: 1, type: 'notification', method: 'peerLeft', data: { id: 'a' } });
    socket.receive({ v: 1, type: 'notification', method: 'peerLeft', data: { id: 'b' } });
    expect(count).toBe(1);
    expect(await next).toEqual({ id: 'a' });
  });

  it('a throwing listener does not stop the others or the client', () => {
    const seen: string[] = [];
    client.on('peerLeft', () => {
      throw new Error('listener bug');
    });
    client.on('peerLeft', ({ id }) => seen.push(id));
    socket.receive({ v: 1, type: 'notification', method: 'peerLeft', data: { id: 'a' } });
    expect(seen).toEqual(['a']);
    expect(() => vi.runOnlyPendingTimers()).toThrow('listener bug');
  });

  it('connect() resolves on open and rejects when the socket closes first or never opens', async () => {
    const opening = new FakeSocket();
    opening.readyState = 0;
    const connected = SignalingClient.connect('ws://x', { createSocket: () => opening });
    opening.readyState = 1;
    opening.emit('open', {});
    expect(await connected).toBeInstanceOf(SignalingClient);

    const refused = new FakeSocket();
    const failing = SignalingClient.connect('ws://x', { createSocket: () => refused });
    refused.serverClose(1006);
    expect(await rejection(failing)).toMatchObject({ code: 'CONNECTION_CLOSED' });

    const silent = SignalingClient.connect('ws://x', { createSocket: () => new FakeSocket(), connectTimeoutMs: 100 });
    vi.advanceTimersByTime(100);
    expect(await rejection(silent)).toMatchObject({ code: 'CONNECTION_CLOSED' });
  });
});
