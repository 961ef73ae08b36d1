import dgram from 'node:dgram';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LineClient, freePort } from '#course/testing.ts';
import { startDualServer, type DualServer } from '../dual-server.ts';

const HOST = '127.0.0.1';
const running: DualServer[] = [];
const lineClients: LineClient[] = [];
const udpSockets: dgram.Socket[] = [];
const tcpServers: net.Server[] = [];

afterEach(async () => {
  lineClients.splice(0).forEach((client) => client.close());
  udpSockets.splice(0).forEach((socket) => socket.close());
  await Promise.all(tcpServers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  await Promise.all(running.splice(0).map(closeQuietly));
});

/** Closes a dual server's sockets directly, whatever state its own close() left them in. */
function closeQuietly(server: DualServer): Promise<void> {
  try {
    server.udp.close();
  } catch {
    // Already closed.
  }
  return new Promise((resolve) => server.tcp.close(() => resolve()));
}

async function start(port = 0): Promise<DualServer> {
  const server = await startDualServer({ port, host: HOST });
  running.push(server);
  return server;
}

async function tcpClient(port: number): Promise<LineClient> {
  const client = await LineClient.connect(port, HOST);
  lineClients.push(client);
  return client;
}

async function udpSocket(port = 0): Promise<dgram.Socket> {
  const socket = dgram.createSocket('udp4');
  udpSockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, HOST, () => resolve());
  });
  return socket;
}

/** Sends one datagram from `socket` and resolves with the text of the next datagram it receives. */
function udpRequest(socket: dgram.Socket, port: number, request: string, timeoutMs = 2000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no UDP reply to ${JSON.stringify(request)} within ${timeoutMs} ms`)), timeoutMs);
    socket.once('message', (reply) => {
      clearTimeout(timer);
      resolve(reply.toString());
    });
    socket.send(request, port, HOST);
  });
}

async function listenTcp(port: number): Promise<net.Server> {
  const server = net.createServer();
  tcpServers.push(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => resolve());
  });
  return server;
}

async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? `no code: ${String(error)}`;
  }
}

describe('04-udp: one port number over TCP and UDP', () => {
  it('binds TCP and UDP to the same port number and answers PING on both', async () => {
    const server = await start();
    expect(server.port).toBeGreaterThan(0);
    expect((server.tcp.address() as net.AddressInfo).port).toBe(server.port);
    expect(server.udp.address().port).toBe(server.port);

    const tcp = await tcpClient(server.port);
    tcp.send('PING');
    expect(await tcp.nextLine()).toBe('PONG tcp');
    expect(await udpRequest(await udpSocket(), server.port, 'PING')).toBe('PONG udp');
  });

  it('uses exactly the port number it is given', async () => {
    const port = await freePort(HOST);
    const server = await start(port);
    expect(server.port).toBe(port);
    expect(await udpRequest(await udpSocket(), port, 'PING\n')).toBe('PONG udp');
  });

  it('answers every line of a TCP connection, however the bytes arrive', async () => {
    const server = await start();
    const tcp = await tcpClient(server.port);
    tcp.socket.write('PING\r\nDANCE now\nPI');
    await new Promise((resolve) => setTimeout(resolve, 30));
    tcp.socket.write('NG\n');
    expect([await tcp.nextLine(), await tcp.nextLine(), await tcp.nextLine()]).toEqual(['PONG tcp', 'ERR unknown command DANCE', 'PONG tcp']);
  });

  it('answers each datagram to the address and port it came from', async () => {
    const server = await start();
    const first = await udpSocket();
    const second = await udpSocket();
    const replies = await Promise.all([udpRequest(first, server.port, 'PING'), udpRequest(second, server.port, 'SING along')]);
    expect(replies).toEqual(['PONG udp', 'ERR unknown command SING']);
  });

  it('fails with EADDRINUSE when the TCP port is taken, and leaves the UDP port free', async () => {
    const port = await freePort(HOST);
    await listenTcp(port);
    expect(await errorCode(startDualServer({ port, host: HOST }))).toBe('EADDRINUSE');
    await udpSocket(port);
  });

  it('fails with EADDRINUSE when the UDP port is taken, and stops listening on TCP', async () => {
    const holder = await udpSocket();
    const { port } = holder.address();
    expect(await errorCode(startDualServer({ port, host: HOST }))).toBe('EADDRINUSE');
    await listenTcp(port);
  });

  it('close() closes both sockets, drops open connections, and may be called twice', async () => {
    const server = await start();
    const tcp = await tcpClient(server.port);
    const closed = Promise.all([server.close(), server.close()]);
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('close() still pending after 2000 ms')), 2000).unref());
    await Promise.race([closed, timeout]);
    await tcp.closedByServer(2000);
    expect(await errorCode(LineClient.connect(server.port, HOST))).toBe('ECONNREFUSED');
    await udpSocket(server.port);
  });
});
