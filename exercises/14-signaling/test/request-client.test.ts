import { EventEmitter, once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignalingServer, openNodeWebSocket, type WebSocketLike } from '#server/signaling/index.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { RequestClient, RequestError, nextEvent } from '../request-client.ts';

/** A WebSocket stand-in: records what is sent, and lets the test play the server. */
class FakeSocket implements WebSocketLike {
  readyState = 1;
  sent: unknown[] = [];
  closeCalls: (number | undefined)[] = [];
  readonly #listeners = new Map<string, ((event: never) => void)[]>();

  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(code?: number): void {
    this.closeCalls.push(code);
    if (this.readyState === 3) return;
    this.readyState = 3;
    queueMicrotask(() => this.#emit('close', { code: code ?? 1005, reason: '' }));
  }
  addEventListener(type: string, listener: (event: never) => void): void {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
  }
  #emit(type: string, event: object): void {
    for (const listener of this.#listeners.get(type) ?? []) (listener as (event: object) => void)(event);
  }
  /** The server sends a message (an object is sent as JSON). */
  receive(message: unknown): void {
    this.#emit('message', { data: typeof message === 'string' ? message : JSON.stringify(message) });
  }
  /** The connection drops. */
  drop(code = 1006): void {
    this.readyState = 3;
    this.#emit('close', { code, reason: '' });
  }
}

const ok = (id: number, data: unknown = {}) => ({ v: 1, type: 'response', id, ok: true, data });
const fail = (id: number | null, code: string) => ({ v: 1, type: 'response', id, ok: false, error: { code, message: `${code}!` } });

/** The RequestError code of a rejected promise, or what happened instead. */
async function rejectionCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof RequestError ? error.code : `not a RequestError: ${String(error)}`;
  }
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('14-signaling: RequestClient against a fake socket', () => {
  it('sends requests in the protocol envelope with ids 1, 2, 3', () => {
    const socket = new FakeSocket();
    const client = new RequestClient(socket);
    void client.request('join', { room: 'demo', name: 'alice' }).catch(() => {});
    void client.request('leave').catch(() => {});
    void client.request('relay', { to: 'p', payload: {} }).catch(() => {});
    expect(socket.sent).toEqual([
      { v: 1, type: 'request', id: 1, method: 'join', data: { room: 'demo', name: 'alice' } },
      { v: 1, type: 'request', id: 2, method: 'leave', data: {} },
      { v: 1, type: 'request', id: 3, method: 'relay', data: { to: 'p', payload: {} } },
    ]);
    expect(client.pendingCount).toBe(3);
    client.close();
  });

  it('resolves each request with its own response data, whatever order they come in', async () => {
    const socket = new FakeSocket();
    const client = new RequestClient(socket);
    const first = client.request('join', { room: 'a' });
    const second = client.request('leave');
    socket.receive(ok(2, { left: true }));
    socket.receive(ok(1, { peerId: 'p1', peers: [] }));
    expect(await first).toEqual({ peerId: 'p1', peers: [] });
    expect(await second).toEqual({ left: true });
    expect(client.pendingCount).toBe(0);
  });

  it('rejects with RequestError carrying the server code and message', async () => {
    const socket = new FakeSocket();
    const client = new RequestClient(socket);
    const join = client.request('join', { room: 'full' });
    socket.receive(fail(1, 'ROOM_FULL'));
    await expect(join).rejects.toBeInstanceOf(RequestError);
    await expect(join).rejects.toMatchObject({ code: 'ROOM_FULL', message: 'ROOM_FULL!' });
  });

  it('times out with REQUEST_TIMEOUT (per call, or the default) and ignores the late response', async () => {
    const socket = new FakeSocket();
    const client = new RequestClient(socket, { timeoutMs: 80 });
    const quick = client.request('leave', {}, { timeoutMs: 20 });
    const slow = client.request('leave');
    const started = Date.now();
    expect(await rejectionCode(quick)).toBe('REQUEST_TIMEOUT');
    expect(client.pendingCount).toBe(1);
    expect(await rejectionCode(slow)).toBe('REQUEST_TIMEOUT');
    expect(Date.now() - started).toBeGreaterThanOrEqual(60);
    expect(client.pendingCount).toBe(0);
    expect(() => socket.receive(ok(1))).not.toThrow();
  });

  it('rejects waiting requests with CONNECTION_CLOSED when the socket closes, emits close once', async () => {
    const socket = new FakeSocket();
    const client = new RequestClient(socket);
    const closes: unknown[] = [];
    client.on('close', (info) => closes.push(info));
    const pending = client.request('join', { room: 'a' });
    socket.drop(1006);
    expect(await rejectionCode(pending)).toBe('CONNECTION_CLOSED');
    expect(closes).toEqual([{ code: 1006, reason: '' }]);
    expect(await rejectionCode(client.request('leave'))).toBe('CONNECTION_CLOSED');
    expect(socket.sent).toHaveLength(1);
  });

  it('close() closes the socket with 1000 and rejects what is waiting', async () => {
    const socket = new FakeSocket();
    const client = new RequestClient(socket);
    const pending = client.request('leave');
    client.close();
    expect(socket.closeCalls).toEqual([1000]);
    expect(await rejectionCode(pending)).toBe('CONNECTION_CLOSED');
  });

  it('refuses to send on a socket that is not open', async () => {
    const socket = new FakeSocket();
    socket.readyState = 0;
    const client = new RequestClient(socket);
    expect(await rejectionCode(client.request('join', { room: 'a' }))).toBe('CONNECTION_CLOSED');
    expect(socket.sent).toEqual([]);
  });

  it("emits 'notification' with the method and data", () => {
    const socket = new FakeSocket();
    const client = new RequestClient(socket);
    const seen: unknown[] = [];
    client.on('notification', (method, data) => seen.push([method, data]));
    socket.receive({ v: 1, type: 'notification', method: 'peerJoined', data: { id: 'p2', name: 'bob' } });
    socket.receive({ v: 1, type: 'notification', method: 'relayed', data: { from: 'p2', payload: { kind: 'candidate', candidate: null } } });
    expect(seen).toEqual([
      ['peerJoined', { id: 'p2', name: 'bob' }],
      ['relayed', { from: 'p2', payload: { kind: 'candidate', candidate: null } }],
    ]);
  });

  it('ignores garbage and responses nobody waits for, and keeps working', async () => {
    const socket = new FakeSocket();
    const client = new RequestClient(socket);
    expect(() => {
      socket.receive('this is not JSON');
      socket.receive('[1, 2, 3]');
      socket.receive(ok(99));
      socket.receive(fail(null, 'BAD_REQUEST'));
    }).not.toThrow();
    const leave = client.request('leave');
    socket.receive(ok(1, { fine: true }));
    expect(await leave).toEqual({ fine: true });
  });
});

describe('14-signaling: nextEvent', () => {
  it('resolves with the arguments of the next event and removes its listener', async () => {
    const emitter = new EventEmitter();
    const next = nextEvent(emitter, 'notification', 1000);
    emitter.emit('notification', 'peerLeft', { id: 'x' });
    expect(await next).toEqual(['peerLeft', { id: 'x' }]);
    expect(emitter.listenerCount('notification')).toBe(0);
  });

  it('rejects with REQUEST_TIMEOUT and removes its listener', async () => {
    const emitter = new EventEmitter();
    expect(await rejectionCode(nextEvent(emitter, 'nothing', 20))).toBe('REQUEST_TIMEOUT');
    expect(emitter.listenerCount('nothing')).toBe(0);
  });
});

describe('14-signaling: RequestClient against the real signaling server', () => {
  async function startServer(): Promise<string> {
    const server = http.createServer();
    const signaling = new SignalingServer({ path: '/ws' }).attach(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    cleanups.push(async () => {
      await signaling.close();
      await new Promise((resolve) => server.close(resolve));
    });
    return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
  }

  async function connect(url: string): Promise<RequestClient> {
    const socket = openNodeWebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', () => resolve());
      socket.addEventListener('close', () => reject(new Error('could not connect')));
    });
    const client = new RequestClient(socket, { timeoutMs: 3000 });
    cleanups.push(() => client.close());
    return client;
  }

  it('joins, sees the other peer, relays an offer and gets the errors the server sends', async () => {
    const url = await startServer();
    const alice = await connect(url);
    const bob = await connect(url);
    const a = (await alice.request('join', { room: 'lab', name: 'alice' })) as { peerId: string; peers: unknown[] };
    expect(a.peers).toEqual([]);
    const aliceHears = nextEvent(alice, 'notification', 2000);
    const b = (await bob.request('join', { room: 'lab', name: 'bob' })) as { peerId: string; peers: unknown[] };
    expect(b.peers).toEqual([{ id: a.peerId, name: 'alice' }]);
    expect(await aliceHears).toEqual(['peerJoined', { id: b.peerId, name: 'bob' }]);

    const bobHears = nextEvent(bob, 'notification', 2000);
    await alice.request('relay', { to: b.peerId, payload: { kind: 'description', description: { type: 'offer', sdp: 'v=0' } } });
    expect(await bobHears).toEqual(['relayed', { from: a.peerId, payload: { kind: 'description', description: { type: 'offer', sdp: 'v=0' } } }]);

    expect(await rejectionCode(alice.request('join', { room: 'lab' }))).toBe('ALREADY_JOINED');
    expect(await rejectionCode(alice.request('fly'))).toBe('UNKNOWN_METHOD');
    expect(await rejectionCode(bob.request('relay', { to: 'nobody', payload: {} }))).toBe('PEER_NOT_FOUND');
  });
});
