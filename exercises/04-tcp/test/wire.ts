/**
 * Helpers for the 04-tcp tests. They build and split frames by hand, independently of the
 * code under test, so a bug in the student's decoder cannot hide a bug in their sender.
 */
import { createHash } from 'node:crypto';
import net from 'node:net';

/** A frame built by hand: 4-byte big-endian length, then the payload. */
export function frame(payload: Uint8Array | string): Buffer {
  const body = Buffer.from(payload);
  const header = Buffer.alloc(4);
  header.writeUInt32BE(body.length);
  return Buffer.concat([header, body]);
}

/** Just a header announcing `length` bytes. */
export function header(length: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(length);
  return bytes;
}

/** Cuts a whole received stream into payloads; `rest` is what follows the last complete frame. */
export function splitFrames(stream: Buffer): { payloads: string[]; rest: Buffer } {
  const payloads: string[] = [];
  let offset = 0;
  while (stream.length - offset >= 4) {
    const end = offset + 4 + stream.readUInt32BE(offset);
    if (end > stream.length) break;
    payloads.push(stream.subarray(offset + 4, end).toString('latin1'));
    offset = end;
  }
  return { payloads, rest: stream.subarray(offset) };
}

/** A seeded xorshift32, so every run sees the same "random" sizes and bytes. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x1_0000_0000;
  };
}

export function randomBytes(random: () => number, size: number): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  for (let i = 0; i < size; i += 1) bytes[i] = Math.floor(random() * 256);
  return bytes;
}

export function sha256(...parts: readonly Uint8Array[]): string {
  const hash = createHash('sha256');
  parts.forEach((part) => hash.update(part));
  return hash.digest('hex');
}

/** Everything and every outcome a socket sees, for assertions. */
export interface Received {
  readonly bytes: Buffer;
  /** True when the peer sent FIN ('end'); false when the connection was reset or destroyed. */
  readonly ended: boolean;
}

/** Resolves with all a socket receives, once it closes (a reset counts as closing). */
export function collect(socket: net.Socket): Promise<Received> {
  const chunks: Buffer[] = [];
  let ended = false;
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('end', () => (ended = true));
  socket.on('error', () => {});
  return new Promise((resolve) => socket.on('close', () => resolve({ bytes: Buffer.concat(chunks), ended })));
}

/** Rejects if `promise` takes longer than `ms`, naming what it was waiting for. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing happened within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Polls `condition` every few milliseconds; resolves with whether it became true in time. */
export async function eventually(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return true;
}

/** Remembers every socket and server a test opens, and closes them all in afterEach. */
export class OpenHandles {
  #sockets = new Set<net.Socket>();
  #servers = new Set<net.Server>();

  socket(socket: net.Socket): net.Socket {
    this.#sockets.add(socket);
    return socket;
  }

  server(server: net.Server): net.Server {
    this.#servers.add(server);
    // The server's side of each connection must go too, or server.close() waits for it.
    server.on('connection', (socket) => this.#sockets.add(socket));
    return server;
  }

  async closeAll(): Promise<void> {
    this.#sockets.forEach((socket) => socket.destroy());
    this.#sockets.clear();
    const servers = [...this.#servers];
    this.#servers.clear();
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

/** Connects to 127.0.0.1:port; the socket is tracked by `handles`. */
export function connect(handles: OpenHandles, port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = handles.socket(net.connect({ port, host: '127.0.0.1' }));
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

export function portOf(server: net.Server): number {
  return (server.address() as net.AddressInfo).port;
}
