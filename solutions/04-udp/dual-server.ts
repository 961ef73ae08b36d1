/**
 * Exercise 04-udp: one port number, two protocols (reference solution).
 * See exercises/04-udp/dual-server.ts for the contract.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import readline from 'node:readline';

export interface DualServerOptions { readonly port: number; readonly host?: string }

export interface DualServer { readonly port: number; readonly tcp: net.Server; readonly udp: dgram.Socket; close(): Promise<void> }

/** With port 0, how many kernel-chosen TCP ports to try before giving up on finding one free for UDP too. */
const PORT_ATTEMPTS = 5;

type Transport = 'tcp' | 'udp';

function answer(request: string, transport: Transport): string {
  const command = request.trim().split(/\s+/)[0] ?? '';
  return command === 'PING' ? `PONG ${transport}` : `ERR unknown command ${command}`;
}

function listenTcp(port: number, host: string, connections: Set<net.Socket>): Promise<net.Server> {
  const server = net.createServer((socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
    socket.on('error', () => socket.destroy());
    // A TCP request is a line: the stream has no other boundaries.
    readline.createInterface({ input: socket, crlfDelay: Infinity }).on('line', (line) => {
      if (socket.writable) socket.write(`${answer(line, 'tcp')}\n`);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

function bindUdp(port: number, host: string): Promise<dgram.Socket> {
  const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
  // A UDP request is a datagram: the kernel keeps its boundaries, one request per 'message'.
  socket.on('message', (request, from) => socket.send(answer(request.toString(), 'udp'), from.port, from.address));
  return new Promise((resolve, reject) => {
    socket.once('error', (error) => {
      socket.close();
      reject(error);
    });
    socket.bind(port, host, () => {
      socket.removeAllListeners('error');
      socket.on('error', () => {});
      resolve(socket);
    });
  });
}

function closeTcp(server: net.Server, connections: Set<net.Socket>): Promise<void> {
  connections.forEach((socket) => socket.destroy());
  return new Promise((resolve) => server.close(() => resolve()));
}

function isAddressInUse(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';
}

export async function startDualServer(options: DualServerOptions): Promise<DualServer> {
  const host = options.host ?? '127.0.0.1';
  for (let attempt = 1; ; attempt += 1) {
    const connections = new Set<net.Socket>();
    const tcp = await listenTcp(options.port, host, connections);
    const port = (tcp.address() as net.AddressInfo).port;
    let udp: dgram.Socket;
    try {
      udp = await bindUdp(port, host);
    } catch (error) {
      await closeTcp(tcp, connections);
      // The kernel picked a port free for TCP; UDP ports are a separate space, so that number
      // may be taken there. Only a caller who let us choose can be given another one.
      if (options.port !== 0 || !isAddressInUse(error) || attempt === PORT_ATTEMPTS) throw error;
      continue;
    }
    let closing: Promise<void> | undefined;
    const close = (): Promise<void> =>
      (closing ??= Promise.all([closeTcp(tcp, connections), new Promise<void>((resolve) => udp.close(() => resolve()))]).then(() => {}));
    return { port, tcp, udp, close };
  }
}
