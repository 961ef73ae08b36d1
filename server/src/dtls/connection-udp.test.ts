/**
 * DtlsConnection over real UDP sockets on loopback: directly, and through a
 * proxy that drops, duplicates and reorders datagrams until the handshake is
 * done. The timers are real but short (50 ms initial), so recovery takes a
 * bounded, small time.
 */
import { type Socket, createSocket } from 'node:dgram';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { SeededRandom } from '../common/fuzz.ts';
import { DtlsConnection } from './connection.ts';
import type { DtlsConnectionOptions } from './connection-options.ts';
import { Recorder, testCertificates } from './test-connection.ts';

const sockets: Socket[] = [];
const connections: DtlsConnection[] = [];

afterEach(() => {
  for (const connection of connections.splice(0)) connection.close();
  for (const socket of sockets.splice(0)) socket.close();
});

async function bound(): Promise<{ socket: Socket; port: number }> {
  const socket = createSocket('udp4');
  sockets.push(socket);
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  return { socket, port: socket.address().port };
}

const FAST_TIMERS: Partial<DtlsConnectionOptions> = {
  retransmission: { initialTimeoutMs: 50, maxTimeoutMs: 400, maxRetransmissions: 30 },
  handshakeTimeoutMs: 10_000,
};

/** A server that answers whoever sends first, and a client aimed at `targetPort` (the server, or a proxy). */
async function endpoints(options: { viaPort?: (serverPort: number) => Promise<number> } = {}) {
  const { client: clientCertificate, server: serverCertificate } = testCertificates();
  const serverSide = await bound();
  let peer: { port: number; address: string } | undefined;
  const server = new DtlsConnection({
    role: 'server',
    certificate: serverCertificate,
    remoteFingerprint: `sha-256 ${clientCertificate.fingerprint()}`,
    send: (datagram) => peer && serverSide.socket.send(datagram, peer.port, peer.address),
    ...FAST_TIMERS,
  });
  serverSide.socket.on('message', (datagram, rinfo) => {
    peer ??= { port: rinfo.port, address: rinfo.address };
    server.handleDatagram(datagram);
  });
  const targetPort = options.viaPort === undefined ? serverSide.port : await options.viaPort(serverSide.port);
  const clientSide = await bound();
  const client = new DtlsConnection({
    role: 'client',
    certificate: clientCertificate,
    remoteFingerprint: `sha-256 ${serverCertificate.fingerprint()}`,
    send: (datagram) => clientSide.socket.send(datagram, targetPort, '127.0.0.1'),
    ...FAST_TIMERS,
  });
  clientSide.socket.on('message', (datagram) => client.handleDatagram(datagram));
  connections.push(client, server);
  return { client, server, clientEvents: new Recorder(client), serverEvents: new Recorder(server) };
}

function settled(connection: DtlsConnection): Promise<void> {
  return new Promise((resolve, reject) => {
    if (connection.state === 'connected') return resolve();
    connection.on('connected', () => resolve());
    connection.on('failed', reject);
  });
}

async function waitFor(done: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * A UDP relay between one client and the server at `serverPort` that, while
 * `lossy()` holds, drops 30% of datagrams, sends 10% twice and holds 15% back
 * for 30 ms (so later ones overtake them).
 */
async function lossyProxy(serverPort: number, seed: number, lossy: () => boolean) {
  const { socket, port } = await bound();
  const random = new SeededRandom(seed);
  let clientPort: number | undefined;
  const counts = { dropped: 0, duplicated: 0, delayed: 0 };
  socket.on('message', (datagram, rinfo) => {
    const fromServer = rinfo.port === serverPort;
    if (!fromServer) clientPort ??= rinfo.port;
    const to = fromServer ? clientPort : serverPort;
    if (to === undefined) return;
    const forward = () => socket.send(datagram, to, '127.0.0.1');
    if (!lossy()) return forward();
    const roll = random.next();
    if (roll < 0.3) counts.dropped++;
    else if (roll < 0.4) {
      counts.duplicated++;
      forward();
      forward();
    } else if (roll < 0.55) {
      counts.delayed++;
      setTimeout(forward, 30);
    } else forward();
  });
  return { port, counts };
}

describe('DtlsConnection over UDP on loopback', () => {
  it('completes directly: data both ways, the same SRTP keys, close_notify', async () => {
    const { client, server, clientEvents, serverEvents } = await endpoints();
    server.start();
    client.start();
    await Promise.all([settled(client), settled(server)]);
    client.send(Buffer.from('ping'));
    server.send(Buffer.from('pong'));
    await waitFor(() => serverEvents.data.length > 0 && clientEvents.data.length > 0);
    expect(serverEvents.data.map(String)).toEqual(['ping']);
    expect(clientEvents.data.map(String)).toEqual(['pong']);
    expect(client.srtpKeyingMaterial().local).toEqual(server.srtpKeyingMaterial().remote);
    client.close();
    await waitFor(() => server.state === 'closed');
    expect(serverEvents.closed).toBe(1);
  });

  it.each([101, 202, 303])('completes through a lossy, duplicating, reordering proxy (seed %i)', async (seed) => {
    let handshaking = true;
    let proxy: Awaited<ReturnType<typeof lossyProxy>> | undefined;
    const { client, server, clientEvents, serverEvents } = await endpoints({
      viaPort: async (serverPort) => {
        proxy = await lossyProxy(serverPort, seed, () => handshaking);
        return proxy.port;
      },
    });
    server.start();
    client.start();
    await Promise.all([settled(client), settled(server)]);
    handshaking = false;
    expect(proxy!.counts.dropped + proxy!.counts.duplicated + proxy!.counts.delayed).toBeGreaterThan(0);
    expect(client.exportKeyingMaterial('EXTRACTOR-dtls_srtp', 56)).toEqual(server.exportKeyingMaterial('EXTRACTOR-dtls_srtp', 56));
    client.send(Buffer.from('through the proxy'));
    server.send(Buffer.from('and back'));
    await waitFor(() => serverEvents.data.length > 0 && clientEvents.data.length > 0);
    expect(serverEvents.data.map(String)).toEqual(['through the proxy']);
    expect(clientEvents.data.map(String)).toEqual(['and back']);
  });
});
