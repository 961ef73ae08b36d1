/**
 * Connections over real loopback sockets: echo, the closing handshake,
 * protocol errors answered with the RFC's status code, keep-alive and the
 * dead-peer timeout, backpressure against a client that does not read, and
 * one bad client never disturbing another.
 */
import { once } from 'node:events';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { connectWebSocket } from './client.ts';
import type { CloseEvent, WebSocketConnection } from './connection.ts';
import { Opcode } from './frame.ts';
import { FRAME_VECTORS, patternBytes } from './rfc6455-vectors.ts';
import { type TestServer, RawClient, clientFrame, closePayload, concat, startEchoServer } from './test-support.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(options: Parameters<typeof startEchoServer>[0] = {}): Promise<TestServer> {
  const started = await startEchoServer(options);
  cleanups.push(() => started.close());
  return started;
}

async function client(url: string, options: Parameters<typeof connectWebSocket>[1] = {}): Promise<WebSocketConnection> {
  const connection = await connectWebSocket(url, options);
  cleanups.push(() => connection.terminate());
  return connection;
}

async function raw(port: number): Promise<RawClient> {
  const connection = await RawClient.connect(port);
  cleanups.push(() => connection.destroy());
  return connection;
}

function nextMessage(connection: WebSocketConnection): Promise<string | Buffer> {
  return new Promise((resolve) => connection.once('message', ({ data }) => resolve(data)));
}

function closed(connection: WebSocketConnection): Promise<CloseEvent> {
  return new Promise((resolve) => connection.once('close', resolve));
}

/** The server side of the next connection. */
function nextServerConnection(test: TestServer): Promise<WebSocketConnection> {
  return new Promise((resolve) => test.websockets.once('connection', resolve));
}

describe('messages', () => {
  it('echoes text and binary, including the 64 KiB binary example, through our client', async () => {
    const test = await server();
    const connection = await client(test.url);
    connection.send('Hello');
    expect(await nextMessage(connection)).toBe('Hello');
    connection.send('héllo wörld €');
    expect(await nextMessage(connection)).toBe('héllo wörld €');
    const big = patternBytes(65536);
    connection.send(big);
    const echoed = await nextMessage(connection);
    expect(Buffer.isBuffer(echoed) && echoed.equals(Buffer.from(big))).toBe(true);
  });

  it('reassembles a fragmented message from a raw client, a Ping in the middle answered with a Pong (§5.5.2)', async () => {
    const test = await server();
    const peer = await raw(test.port);
    peer.write(clientFrame(Opcode.Text, 'Hel', false), clientFrame(Opcode.Ping, 'Hello'), clientFrame(Opcode.Continuation, 'lo'));
    const pong = await peer.nextFrame();
    expect(pong).toMatchObject({ opcode: Opcode.Pong, maskingKey: undefined });
    expect(Buffer.from(pong!.payload).toString()).toBe('Hello');
    const echo = await peer.nextFrame();
    // The server's echo is the RFC 6455 §5.7 unmasked "Hello" frame, byte for byte.
    expect(echo).toMatchObject({ fin: true, opcode: Opcode.Text, maskingKey: undefined });
    expect(Buffer.from(echo!.payload).toString()).toBe('Hello');
  });

  it('takes the RFC 6455 §5.7 masked "Hello" frame as it is', async () => {
    const test = await server();
    const peer = await raw(test.port);
    peer.write(FRAME_VECTORS[1]!.wire);
    expect(Buffer.from((await peer.nextFrame())!.payload).toString()).toBe('Hello');
  });

  it('processes frames that arrived together with the handshake', async () => {
    const test = await server();
    const peer = await raw(test.port);
    // Many frames in one write: the parser must take them all from one chunk.
    peer.write(...Array.from({ length: 50 }, (_, i) => clientFrame(Opcode.Text, `m${i}`)));
    const received: string[] = [];
    for (let i = 0; i < 50; i++) received.push(Buffer.from((await peer.nextFrame())!.payload).toString());
    expect(received).toEqual(Array.from({ length: 50 }, (_, i) => `m${i}`));
  });
});

describe('closing handshake (RFC 6455 §7)', () => {
  it('client-initiated: both sides see the code and reason, wasClean', async () => {
    const test = await server();
    const accepted = nextServerConnection(test);
    const connection = await client(test.url);
    const serverSide = await accepted;
    const [clientClose, serverClose] = [closed(connection), closed(serverSide)];
    connection.close(4001, 'done here');
    expect(connection.readyState).toBe('closing');
    expect(connection.send('too late')).toBe(false);
    expect(await serverClose).toMatchObject({ code: 4001, reason: 'done here', wasClean: true, error: undefined });
    expect(await clientClose).toMatchObject({ code: 4001, wasClean: true });
    expect(connection.readyState).toBe('closed');
  });

  it('server-initiated: the server ends TCP after the client answers', async () => {
    const test = await server();
    const accepted = nextServerConnection(test);
    const connection = await client(test.url);
    const serverSide = await accepted;
    const clientClose = closed(connection);
    serverSide.close(1000, 'bye');
    expect(await clientClose).toMatchObject({ code: 1000, reason: 'bye', wasClean: true });
  });

  it('answers a Close with a Close echoing status and reason, then closes TCP (§5.5.1, §7.1.1)', async () => {
    const test = await server();
    const peer = await raw(test.port);
    peer.write(clientFrame(Opcode.Close, closePayload(1001, 'leaving')));
    expect(await peer.nextClose()).toEqual({ code: 1001, reason: 'leaving' });
    await peer.closed();
  });

  it('answers an empty Close with an empty Close (status 1005 is never sent)', async () => {
    const test = await server();
    const peer = await raw(test.port);
    peer.write(clientFrame(Opcode.Close, new Uint8Array(0)));
    expect(await peer.nextClose()).toEqual({ code: 1005, reason: '' });
  });

  it('drops TCP after closeTimeoutMs when the peer never answers our Close', async () => {
    const test = await server({ closeTimeoutMs: 100 });
    const accepted = nextServerConnection(test);
    const peer = await raw(test.port);
    const serverSide = await accepted;
    const serverClose = closed(serverSide);
    serverSide.close(1000);
    expect(await peer.nextClose()).toEqual({ code: 1000, reason: '' });
    expect(await serverClose).toMatchObject({ code: 1006, wasClean: false });
  });

  it('refuses close codes that may not be sent', async () => {
    const test = await server();
    const connection = await client(test.url);
    expect(() => connection.close(1005)).toThrow(RangeError);
    expect(() => connection.close(1000, 'x'.repeat(124))).toThrow(RangeError);
    expect(connection.readyState).toBe('open');
  });

  it('WebSocketServer.close() closes every connection with 1001 and resolves when they are gone', async () => {
    const test = await server();
    const connections = await Promise.all([client(test.url), client(test.url)]);
    const closes = connections.map(closed);
    await test.websockets.close();
    for (const event of await Promise.all(closes)) expect(event).toMatchObject({ code: 1001, wasClean: true });
    expect(test.websockets.connections.size).toBe(0);
  });
});

describe('protocol errors close only the offending connection, with the RFC status', () => {
  const cases: [string, Uint8Array, number][] = [
    ['RSV1 set', Uint8Array.of(0xc1, 0x80, 1, 2, 3, 4), 1002],
    ['reserved opcode 0x3', Uint8Array.of(0x83, 0x80, 1, 2, 3, 4), 1002],
    ['fragmented Ping', Uint8Array.of(0x09, 0x80, 1, 2, 3, 4), 1002],
    ['Ping with a 126-byte payload', Uint8Array.of(0x89, 0xfe, 0x00, 0x7e), 1002],
    ['unmasked client frame', FRAME_VECTORS[0]!.wire, 1002],
    ['continuation with nothing open', clientFrame(Opcode.Continuation, 'x'), 1002],
    ['invalid UTF-8 text', clientFrame(Opcode.Text, Uint8Array.of(0xc3, 0x28)), 1007],
    ['Close with status 1005', clientFrame(Opcode.Close, closePayload(1005)), 1002],
    ['Close with a 1-byte payload', clientFrame(Opcode.Close, Uint8Array.of(3)), 1002],
    ['a message over maxMessageSize', clientFrame(Opcode.Binary, new Uint8Array(5000)), 1009],
  ];
  it.each(cases)('%s', async (_name, bad, code) => {
    const test = await server({ maxMessageSize: 4096 });
    const accepted = nextServerConnection(test);
    const offender = await raw(test.port);
    const offenderServerSide = await accepted;
    const serverClose = closed(offenderServerSide);
    const bystander = await client(test.url);

    offender.write(bad);
    expect((await offender.nextClose())?.code).toBe(code);
    await offender.closed();
    const event = await serverClose;
    expect(event.code).toBe(code);
    expect(event.error?.closeCode).toBe(code);

    bystander.send('still here');
    expect(await nextMessage(bystander)).toBe('still here');
  });

  it('ignores what follows the bad frame in the same chunk', async () => {
    const test = await server();
    const peer = await raw(test.port);
    peer.write(concat(Uint8Array.of(0x83, 0x80, 1, 2, 3, 4), clientFrame(Opcode.Text, 'not echoed')));
    expect((await peer.nextFrame())?.opcode).toBe(Opcode.Close);
    expect(await peer.nextFrame()).toBeUndefined();
  });
});

describe('keep-alive (RFC 6455 §5.5.2)', () => {
  it('pings, and fails a silent peer with 1001 after deadPeerTimeoutMs while a live one stays', async () => {
    const test = await server({ pingIntervalMs: 50, deadPeerTimeoutMs: 400 });
    const accepted = nextServerConnection(test);
    const silent = await raw(test.port);
    const silentServerSide = await accepted;
    const silentClose = closed(silentServerSide);
    const live = await client(test.url); // our client answers pings with pongs
    let pings = 0;
    live.on('ping', () => pings++);

    const firstFrame = await silent.nextFrame();
    expect(firstFrame?.opcode).toBe(Opcode.Ping);
    const event = await silentClose;
    expect(event).toMatchObject({ code: 1001, wasClean: false });
    expect(event.error?.code).toBe('DEAD_PEER');

    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(live.readyState).toBe('open');
    expect(pings).toBeGreaterThan(2);
    live.send('alive');
    expect(await nextMessage(live)).toBe('alive');
  });
});

describe('backpressure', () => {
  it('a client that does not read is disconnected with 1008 once maxQueuedBytes is passed; memory stays bounded', async () => {
    const maxQueuedBytes = 256 * 1024;
    const test = await server({ maxQueuedBytes, closeTimeoutMs: 2000 });
    const accepted = nextServerConnection(test);
    const stalled = await raw(test.port);
    stalled.socket.pause(); // stops reading: the kernel buffers fill, then Node's, then the queue
    const serverSide = await accepted;
    const bystander = await client(test.url);

    const chunk = patternBytes(64 * 1024);
    let peak = 0;
    let sent = 0;
    const failed = new Promise((resolve) => serverSide.once('error', resolve));
    // Bounded: at most 4096 × 64 KiB, stopping as soon as the connection gives up.
    for (let i = 0; i < 4096 && serverSide.readyState === 'open'; i++) {
      serverSide.send(chunk);
      sent += chunk.length;
      peak = Math.max(peak, serverSide.bufferedAmount);
      if (i % 16 === 15) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await failed).toMatchObject({ code: 'SEND_QUEUE_FULL', closeCode: 1008 });
    // The queue plus the socket's own buffer: the limit, a high-water mark and a frame or two.
    expect(peak).toBeLessThanOrEqual(maxQueuedBytes + 3 * chunk.length + 64 * 1024);
    expect(sent).toBeLessThan(64 * 1024 * 1024);

    // The bystander is served meanwhile.
    bystander.send('unaffected');
    expect(await nextMessage(bystander)).toBe('unaffected');

    // Reading again, the stalled client finds the Close frame with 1008 after the data.
    const serverClose = closed(serverSide);
    stalled.socket.resume();
    expect((await stalled.nextClose(5000))?.code).toBe(1008);
    expect((await serverClose).code).toBe(1008);
  });
});

describe('handshake over HTTP', () => {
  async function rawRequest(port: number, request: string): Promise<string> {
    const socket = net.connect(port, '127.0.0.1');
    cleanups.push(() => socket.destroy());
    socket.write(request);
    let text = '';
    for await (const chunk of socket) text += String(chunk);
    return text;
  }
  const base = 'Host: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';

  it.each([
    ['a good request', `GET /ws HTTP/1.1\r\n${base}Sec-WebSocket-Version: 13\r\n\r\n`, 'HTTP/1.1 101 '],
    ['version 8', `GET /ws HTTP/1.1\r\n${base}Sec-WebSocket-Version: 8\r\n\r\n`, 'HTTP/1.1 426 '],
    ['a bad key', `GET /ws HTTP/1.1\r\n${base.replace('dGhlIHNhbXBsZSBub25jZQ==', 'short')}Sec-WebSocket-Version: 13\r\n\r\n`, 'HTTP/1.1 400 '],
    ['another path', `GET /other HTTP/1.1\r\n${base}Sec-WebSocket-Version: 13\r\n\r\n`, 'HTTP/1.1 404 '],
  ])('answers %s with the right status', async (_name, request, status) => {
    const test = await server();
    const answer = status.includes('101') ? await rawRequestHead(test.port, request) : await rawRequest(test.port, request);
    expect(answer.startsWith(status)).toBe(true);
    if (status.includes('426')) expect(answer).toContain('Sec-WebSocket-Version: 13\r\n');
    if (status.includes('101')) expect(answer).toContain('Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n');
  });

  async function rawRequestHead(port: number, request: string): Promise<string> {
    const socket = net.connect(port, '127.0.0.1');
    cleanups.push(() => socket.destroy());
    socket.write(request);
    const [chunk] = (await once(socket, 'data')) as [Buffer];
    return String(chunk);
  }

  it('refuses origins the server does not allow, with 403', async () => {
    const test = await server({ verifyOrigin: (origin) => origin === 'https://ok.example' });
    await expect(connectWebSocket(test.url, { headers: { Origin: 'https://evil.example' } })).rejects.toMatchObject({ code: 'UNEXPECTED_STATUS' });
    const ok = await client(test.url, { headers: { Origin: 'https://ok.example' } });
    expect(ok.readyState).toBe('open');
  });

  it('the client refuses bad URLs and reports a refused connection', async () => {
    await expect(connectWebSocket('http://127.0.0.1/ws')).rejects.toMatchObject({ code: 'BAD_URL' });
    await expect(connectWebSocket('ws://127.0.0.1/ws#frag')).rejects.toMatchObject({ code: 'BAD_URL' });
    const test = await server();
    const port = test.port;
    await test.close();
    await expect(connectWebSocket(`ws://127.0.0.1:${port}/ws`)).rejects.toMatchObject({ code: 'CONNECTION_FAILED' });
  });
});
