/**
 * The signaling server end to end over loopback WebSockets, with the real
 * client: rooms, peers, notifications and relay; tokens; limits; and bad
 * clients that must get a typed error (or be closed) without anyone else
 * noticing.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { Opcode, type WebSocketConnection, connectWebSocket } from '../websocket/index.ts';
import { RawClient, clientFrame } from '../websocket/test-support.ts';
import { SignalingClient, SignalingRequestError } from './client.ts';
import { SFU_RESERVED_METHODS } from './messages.ts';
import { openNodeWebSocket } from './node-socket.ts';
import { type SignalingServerEvents, type SignalingServerOptions, SignalingServer } from './server.ts';
import { mintTokenFor } from './token.ts';
import { codeOf, listenSignaling, until } from './test-support.ts';

const SECRET = 'signaling-test-secret-0123456789';
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Harness {
  signaling: SignalingServer;
  url: string;
  events: [keyof SignalingServerEvents, unknown][];
  client(): Promise<SignalingClient>;
  raw(): Promise<WebSocketConnection>;
}

async function start(options: SignalingServerOptions = {}): Promise<Harness> {
  const listening = await listenSignaling(options);
  cleanups.push(() => listening.close());
  const { signaling, url } = listening;
  const events: Harness['events'] = [];
  signaling.on('peerjoined', (event) => events.push(['peerjoined', event]));
  signaling.on('peerleft', (event) => events.push(['peerleft', event]));
  signaling.on('roomclosed', (event) => events.push(['roomclosed', event]));
  return {
    signaling,
    url,
    events,
    async client() {
      const client = await SignalingClient.connect(url, { createSocket: openNodeWebSocket, requestTimeoutMs: 3000 });
      cleanups.push(() => client.close());
      return client;
    },
    async raw() {
      const connection = await connectWebSocket(url);
      cleanups.push(() => connection.terminate());
      return connection;
    },
  };
}

function nextText(connection: WebSocketConnection): Promise<Record<string, unknown>> {
  return new Promise((resolve) => connection.once('message', ({ data }) => resolve(JSON.parse(String(data)) as Record<string, unknown>)));
}

describe('mesh rooms', () => {
  it('join lists the peers already there and tells them; relay forwards; leave tells the rest', async () => {
    const test = await start();
    const [alice, bob, carol] = await Promise.all([test.client(), test.client(), test.client()]);

    const a = await alice.request('join', { room: 'demo', name: 'alice' });
    expect(a.peers).toEqual([]);
    const aliceSeesBob = alice.next('peerJoined');
    const b = await bob.request('join', { room: 'demo', name: 'bob' });
    expect(b.peers).toEqual([{ id: a.peerId, name: 'alice' }]);
    expect(await aliceSeesBob).toEqual({ id: b.peerId, name: 'bob' });
    const c = await carol.request('join', { room: 'demo', name: 'carol' });
    expect(c.peers).toEqual([
      { id: a.peerId, name: 'alice' },
      { id: b.peerId, name: 'bob' },
    ]);
    expect(new Set([a.peerId, b.peerId, c.peerId]).size).toBe(3);

    const offer = { kind: 'description', description: { type: 'offer', sdp: 'v=0\r\n' } } as const;
    const bobGets = bob.next('relayed');
    await carol.request('relay', { to: b.peerId, payload: offer });
    expect(await bobGets).toEqual({ from: c.peerId, payload: offer });

    expect(test.signaling.rooms()).toEqual([
      {
        id: 'demo',
        peers: [
          { id: a.peerId, name: 'alice', joinedAt: expect.any(Number) },
          { id: b.peerId, name: 'bob', joinedAt: expect.any(Number) },
          { id: c.peerId, name: 'carol', joinedAt: expect.any(Number) },
        ],
      },
    ]);

    const leftForAlice = alice.next('peerLeft');
    const leftForCarol = carol.next('peerLeft');
    await bob.request('leave', {});
    expect(await leftForAlice).toEqual({ id: b.peerId });
    expect(await leftForCarol).toEqual({ id: b.peerId });
    expect(await codeOf(bob.request('relay', { to: a.peerId, payload: {} }))).toBe('NOT_JOINED');
    // Bob may join again after leaving, with a new id.
    const again = await bob.request('join', { room: 'demo', name: 'bob' });
    expect(again.peerId).not.toBe(b.peerId);
  });

  it('a disconnect is a leave; the last one out closes the room; events say so', async () => {
    const test = await start();
    const [alice, bob] = await Promise.all([test.client(), test.client()]);
    await alice.request('join', { room: 'r1', name: 'alice' });
    const b = await bob.request('join', { room: 'r1', name: 'bob' });
    const left = alice.next('peerLeft');
    bob.close();
    expect(await left).toEqual({ id: b.peerId });
    alice.close();
    await until(() => test.signaling.rooms().length === 0);
    expect(test.events.map(([name, event]) => [name, (event as { reason?: string }).reason])).toEqual([
      ['peerjoined', undefined],
      ['peerjoined', undefined],
      ['peerleft', 'disconnect'],
      ['peerleft', 'disconnect'],
      ['roomclosed', undefined],
    ]);
  });

  it('rooms are separate: no notifications or relays across them', async () => {
    const test = await start();
    const [alice, bob] = await Promise.all([test.client(), test.client()]);
    const a = await alice.request('join', { room: 'one' });
    const joinedOne: unknown[] = [];
    alice.on('peerJoined', (peer) => joinedOne.push(peer));
    await bob.request('join', { room: 'two' });
    expect(await codeOf(bob.request('relay', { to: a.peerId, payload: {} }))).toBe('PEER_NOT_FOUND');
    expect(joinedOne).toEqual([]);
    expect(test.signaling.rooms().map((room) => room.id).sort()).toEqual(['one', 'two']);
  });

  it('answers the documented errors', async () => {
    const test = await start({ limits: { peersPerRoom: 2 } });
    const [alice, bob, carol] = await Promise.all([test.client(), test.client(), test.client()]);
    expect(await codeOf(alice.request('leave', {}))).toBe('NOT_JOINED');
    expect(await codeOf(alice.request('relay', { to: 'x', payload: {} }))).toBe('NOT_JOINED');
    expect(await codeOf(alice.request('join', { room: 'bad room!' }))).toBe('BAD_REQUEST');
    const a = await alice.request('join', { room: 'small' });
    expect(await codeOf(alice.request('join', { room: 'small' }))).toBe('ALREADY_JOINED');
    expect(await codeOf(alice.request('relay', { to: a.peerId, payload: {} }))).toBe('PEER_NOT_FOUND');
    expect(await codeOf(alice.request('relay', { to: 'nobody', payload: {} }))).toBe('PEER_NOT_FOUND');
    expect(await codeOf(alice.request('relay', { to: a.peerId, payload: 'x' } as never))).toBe('BAD_REQUEST');
    await bob.request('join', { room: 'small' });
    expect(await codeOf(carol.request('join', { room: 'small' }))).toBe('ROOM_FULL');
    expect(await codeOf(alice.request('nonsense', {}))).toBe('UNKNOWN_METHOD');
    for (const method of SFU_RESERVED_METHODS) expect(await codeOf(alice.request(method, {}))).toBe('UNKNOWN_METHOD');
    // A refused join leaves no trace.
    expect(test.signaling.rooms()[0]?.peers).toHaveLength(2);
  });
});

describe('tokens', () => {
  it('requires a valid, unexpired token for the room; the peer is named by its identity', async () => {
    let now = Date.UTC(2026, 0, 1);
    const test = await start({ tokenSecret: SECRET, now: () => now });
    const client = await test.client();
    const token = mintTokenFor('secure', 'alice@example.org', 60, SECRET, now);
    expect(await codeOf(client.request('join', { room: 'secure' }))).toBe('TOKEN_REQUIRED');
    expect(await codeOf(client.request('join', { room: 'secure', token: 'garbage' }))).toBe('TOKEN_INVALID');
    expect(await codeOf(client.request('join', { room: 'secure', token: mintTokenFor('secure', 'x', 60, 'another-secret-0123456789', now) }))).toBe('TOKEN_INVALID');
    expect(await codeOf(client.request('join', { room: 'other', token }))).toBe('TOKEN_WRONG_ROOM');
    now += 61_000;
    expect(await codeOf(client.request('join', { room: 'secure', token }))).toBe('TOKEN_EXPIRED');
    now -= 61_000;
    await client.request('join', { room: 'secure', name: 'mallory', token });
    expect(test.signaling.rooms()[0]?.peers[0]?.name).toBe('alice@example.org');
  });

  it('with requireToken: false, checks a token when given and lets others in', async () => {
    const test = await start({ tokenSecret: SECRET, requireToken: false });
    const [anonymous, named] = await Promise.all([test.client(), test.client()]);
    await anonymous.request('join', { room: 'open', name: 'guest' });
    expect(await codeOf(named.request('join', { room: 'open', token: 'bad.token' }))).toBe('TOKEN_INVALID');
  });

  it('refuses bad configurations', () => {
    expect(() => new SignalingServer({ requireToken: true })).toThrow(RangeError);
    expect(() => new SignalingServer({ tokenSecret: 'short' })).toThrow(RangeError);
    expect(() => new SignalingServer({ limits: { peersPerRoom: 0 } })).toThrow(RangeError);
  });
});

describe('bad clients get typed errors and do not disturb others', () => {
  it('malformed JSON, binary frames and bad envelopes get error responses with id null or their id', async () => {
    const test = await start();
    const connection = await test.raw();
    const answers: Record<string, unknown>[] = [];
    connection.on('message', ({ data }) => answers.push(JSON.parse(String(data)) as Record<string, unknown>));
    connection.send('{not json');
    connection.send(Uint8Array.of(1, 2, 3));
    connection.send('{"v":1,"type":"request","id":42,"method":"join","data":[]}');
    connection.send('{"v":7,"type":"request","id":43,"method":"join"}');
    connection.send('{"v":1,"type":"request","id":44,"method":"explode"}');
    await until(() => answers.length === 5);
    expect(answers.map((answer) => [answer['id'], (answer['error'] as { code: string }).code])).toEqual([
      [null, 'BAD_REQUEST'],
      [null, 'BAD_REQUEST'],
      [42, 'BAD_REQUEST'],
      [43, 'UNSUPPORTED_VERSION'],
      [44, 'UNKNOWN_METHOD'],
    ]);
    expect(answers.every((answer) => answer['v'] === 1 && answer['type'] === 'response' && answer['ok'] === false)).toBe(true);
  });

  it('a message over maxMessageBytes gets MESSAGE_TOO_BIG; over 4x it, the WebSocket closes with 1009', async () => {
    const test = await start({ limits: { maxMessageBytes: 1000 } });
    const connection = await test.raw();
    const answer = nextText(connection);
    connection.send(JSON.stringify({ v: 1, type: 'request', id: 1, method: 'relay', data: { to: 'x', payload: { pad: 'x'.repeat(1500) } } }));
    expect(await answer).toMatchObject({ id: null, ok: false, error: { code: 'MESSAGE_TOO_BIG' } });
    const closed = new Promise((resolve) => connection.once('close', resolve));
    connection.send('x'.repeat(4001));
    expect(await closed).toMatchObject({ code: 1009 });
  });

  it('over the message rate: RATE_LIMITED with the request id; a flood is closed with 1008; others are served', async () => {
    let now = 1_000_000;
    const test = await start({ limits: { messagesPerSecond: 5 }, now: () => now });
    const bystander = await test.client();
    await bystander.request('join', { room: 'calm' });
    const flooder = await test.raw();
    const answers: Record<string, unknown>[] = [];
    flooder.on('message', ({ data }) => answers.push(JSON.parse(String(data)) as Record<string, unknown>));
    const closed = new Promise<{ code: number }>((resolve) => flooder.once('close', resolve));
    const request = (id: number): string => JSON.stringify({ v: 1, type: 'request', id, method: 'leave', data: {} });
    // Burst of 2 s worth (10) is answered normally, the next 5 are refused, then the connection is closed.
    for (let id = 1; id <= 20; id++) flooder.send(request(id));
    expect((await closed).code).toBe(1008);
    const codes = answers.map((answer) => (answer['ok'] ? 'OK' : (answer['error'] as { code: string }).code));
    expect(codes.slice(0, 10)).toEqual(Array(10).fill('NOT_JOINED'));
    expect(codes.slice(10)).toEqual(Array(5).fill('RATE_LIMITED'));
    expect(answers[10]?.['id']).toBe(11);

    now += 1000;
    expect(await codeOf(bystander.request('leave', {}))).toBe('OK');
  });

  it('the rate refills with time', async () => {
    let now = 0;
    const test = await start({ limits: { messagesPerSecond: 2 }, now: () => now });
    const client = await test.client();
    for (let i = 0; i < 4; i++) expect(await codeOf(client.request('leave', {}))).toBe('NOT_JOINED');
    expect(await codeOf(client.request('leave', {}))).toBe('RATE_LIMITED');
    now += 500;
    expect(await codeOf(client.request('leave', {}))).toBe('NOT_JOINED');
  });

  it('a connection that breaks the WebSocket protocol is closed alone (1007), and its peer leaves the room', async () => {
    const test = await start();
    const [alice, bob] = await Promise.all([test.client(), test.client()]);
    await alice.request('join', { room: 'r' });
    await bob.request('join', { room: 'r' });
    // A raw TCP client that joins, then sends a text frame that is not UTF-8.
    const broken = await RawClient.connect(Number(new URL(test.url).port), '/ws');
    cleanups.push(() => broken.destroy());
    broken.write(clientFrame(Opcode.Text, JSON.stringify({ v: 1, type: 'request', id: 1, method: 'join', data: { room: 'r' } })));
    const joined = JSON.parse(Buffer.from((await broken.nextFrame())!.payload).toString()) as { data: { peerId: string } };
    const left = alice.next('peerLeft');
    broken.write(clientFrame(Opcode.Text, Uint8Array.of(0x7b, 0xff, 0x7d)));
    expect((await broken.nextClose())?.code).toBe(1007);
    expect(await left).toEqual({ id: joined.data.peerId });
    // Alice and Bob carry on.
    const relayed = bob.next('relayed');
    const bobId = test.signaling.rooms()[0]!.peers[1]!.id;
    await alice.request('relay', { to: bobId, payload: { kind: 'candidate', candidate: null } });
    expect((await relayed).payload).toEqual({ kind: 'candidate', candidate: null });
    expect(test.signaling.rooms()[0]?.peers).toHaveLength(2);
  });

  it('the client times out against a server that does not answer', async () => {
    const server = http.createServer();
    const { WebSocketServer } = await import('../websocket/index.ts');
    const silent = new WebSocketServer({ path: '/ws' }).attach(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    cleanups.push(async () => {
      await silent.close();
      await new Promise((resolve) => server.close(resolve));
    });
    const client = await SignalingClient.connect(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`, { createSocket: openNodeWebSocket });
    cleanups.push(() => client.close());
    expect(await codeOf(client.request('join', { room: 'r' }, { timeoutMs: 100 }))).toBe('REQUEST_TIMEOUT');
  });
});

describe('shutdown', () => {
  it('close() says goodbye with 1001, everyone leaves with reason shutdown, rooms close', async () => {
    const test = await start();
    const [alice, bob] = await Promise.all([test.client(), test.client()]);
    await alice.request('join', { room: 'r' });
    await bob.request('join', { room: 'r' });
    const closes = [alice.next('close'), bob.next('close')];
    const pending = alice.request('relay', { to: 'x', payload: {} }).catch((error: SignalingRequestError) => error.code);
    await test.signaling.close();
    expect((await Promise.all(closes)).map((info) => info.code)).toEqual([1001, 1001]);
    expect(['PEER_NOT_FOUND', 'CONNECTION_CLOSED']).toContain(await pending);
    expect(test.signaling.rooms()).toEqual([]);
    expect(test.events.filter(([name]) => name === 'peerleft').map(([, event]) => (event as { reason: string }).reason)).toEqual(['shutdown', 'shutdown']);
    expect(test.signaling.connectionCount).toBe(0);
  });
});
