/**
 * A small, fixed conversation on loopback to capture with tcpdump: for 127.0.0.1 and then ::1,
 * one TCP connection (handshake, two request/response lines, a FIN close), three UDP datagrams
 * each way, and one TCP connection attempt to a port nobody listens on (answered by a RST).
 *
 * Over IPv4 the server waits a moment before closing its side, so the capture shows the
 * four-segment close (FIN, ACK, FIN, ACK); over IPv6 it closes at once, and its FIN carries the
 * ACK of the client's FIN (three segments).
 */
import dgram from 'node:dgram';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface TrafficOptions {
  /** TCP and UDP port of the servers; port + 1 is the closed port. */
  readonly port: number;
  readonly log: (line: string) => void;
}

const PAUSE_MS = 20;

function tcpExchange(host: string, port: number, serverCloseDelayMs: number, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    // allowHalfOpen: the server decides when to send its FIN, after the client's has arrived.
    const server = net.createServer({ allowHalfOpen: true }, (socket) => {
      socket.setNoDelay(true);
      socket.on('data', (chunk) => socket.write(`you said: ${chunk.toString().trim()}\n`));
      socket.on('end', () => setTimeout(() => socket.end(), serverCloseDelayMs));
      socket.on('close', () => server.close(() => resolve()));
    });
    server.on('error', reject);
    server.listen(port, host, () => {
      const client = net.connect({ host, port }, async () => {
        client.setNoDelay(true);
        log(`tcp ${host}: connected from port ${client.localPort}`);
        const lines = ['hello', 'how are you?'];
        let replies = 0;
        client.on('data', () => {
          replies++;
          if (replies === lines.length) client.end();
        });
        for (const line of lines) {
          client.write(`${line}\n`);
          await sleep(PAUSE_MS);
        }
      });
      client.on('error', reject);
      client.on('close', () => log(`tcp ${host}: closed (the client is now in TIME-WAIT; see ss -tan)`));
    });
  });
}

async function udpExchange(host: string, port: number, log: (line: string) => void): Promise<void> {
  const type = net.isIPv6(host) ? 'udp6' : 'udp4';
  const server = dgram.createSocket(type);
  const client = dgram.createSocket(type);
  try {
    server.on('message', (message, from) => server.send(`pong ${message.toString().slice(5)}`, from.port, from.address));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.bind(port, host, resolve);
    });
    const replies = new Promise<void>((resolve) => {
      let count = 0;
      client.on('message', () => {
        if (++count === 3) resolve();
      });
    });
    for (let i = 1; i <= 3; i++) {
      client.send(`ping ${i}`, port, host);
      await sleep(PAUSE_MS);
    }
    await Promise.race([replies, sleep(1000)]);
    log(`udp ${host}: 3 datagrams each way`);
  } finally {
    client.close();
    server.close();
  }
}

function refusedConnection(host: string, port: number, log: (line: string) => void): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.on('connect', () => {
      log(`tcp ${host}:${port}: unexpectedly accepted`);
      socket.destroy();
      resolve();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      log(`tcp ${host}:${port}: ${error.code} (the SYN was answered with RST,ACK)`);
      resolve();
    });
  });
}

export async function makeTraffic({ port, log }: TrafficOptions): Promise<void> {
  for (const [host, serverCloseDelayMs] of [['127.0.0.1', 50], ['::1', 0]] as const) {
    await tcpExchange(host, port, serverCloseDelayMs, log);
    await sleep(PAUSE_MS);
    await udpExchange(host, port, log);
    await sleep(PAUSE_MS);
    await refusedConnection(host, port + 1, log);
    await sleep(PAUSE_MS);
  }
}
