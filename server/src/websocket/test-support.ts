/**
 * Helpers for this package's tests: frames built by hand, so tests of the
 * receiver do not lean on the serializer alone, and a raw TCP client that
 * does the handshake and then writes whatever bytes a test wants.
 * Test code only; nothing in the package imports it.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { type Frame, Opcode, parseFrame, serializeFrame } from './frame.ts';
import { computeAcceptKey, generateKey } from './handshake.ts';
import { findHeadEnd } from './http-head.ts';
import { WebSocketServer, type WebSocketServerOptions } from './server.ts';

const KEY = Uint8Array.from([0x37, 0xfa, 0x21, 0x3d]);

/** A client frame (masked with a fixed key) for `opcode` and `payload`. */
export function clientFrame(opcode: number, payload: Uint8Array | string, fin = true): Uint8Array {
  const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
  return serializeFrame({ fin, opcode: opcode as Opcode, maskingKey: KEY, payload: bytes });
}

/** A Close frame payload: status then reason. */
export function closePayload(code: number, reason = ''): Uint8Array {
  const reasonBytes = new TextEncoder().encode(reason);
  const out = new Uint8Array(2 + reasonBytes.length);
  out[0] = code >> 8;
  out[1] = code & 0xff;
  out.set(reasonBytes, 2);
  return out;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

export interface TestServer {
  http: http.Server;
  websockets: WebSocketServer;
  port: number;
  url: string;
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1, port 0, with a WebSocketServer at /ws that echoes every message. */
export async function startEchoServer(options: WebSocketServerOptions = {}): Promise<TestServer> {
  const server = http.createServer((_request, response) => response.end('not a websocket\n'));
  const websockets = new WebSocketServer({ path: '/ws', ...options }).attach(server);
  websockets.on('connection', (connection) => connection.on('message', ({ data }) => connection.send(data)));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    http: server,
    websockets,
    port,
    url: `ws://127.0.0.1:${port}/ws`,
    async close() {
      await websockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A TCP client after a successful handshake: write raw bytes, read server frames. */
export class RawClient {
  readonly socket: net.Socket;
  #buffer: Uint8Array = new Uint8Array(0);
  #waiters: (() => void)[] = [];
  ended = false;

  private constructor(socket: net.Socket, rest: Uint8Array) {
    this.socket = socket;
    this.#buffer = rest;
    socket.on('data', (chunk: Buffer) => {
      this.#buffer = concat(this.#buffer, chunk);
      this.#wake();
    });
    socket.on('close', () => {
      this.ended = true;
      this.#wake();
    });
    socket.on('error', () => {});
  }

  static async connect(port: number, path = '/ws'): Promise<RawClient> {
    const socket = net.connect(port, '127.0.0.1');
    await once(socket, 'connect');
    const key = generateKey();
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    let received = Buffer.alloc(0);
    for (;;) {
      const [chunk] = (await once(socket, 'data')) as [Buffer];
      received = Buffer.concat([received, chunk]);
      const end = findHeadEnd(received);
      if (end === -1) continue;
      const head = received.subarray(0, end).toString('latin1');
      if (!head.startsWith('HTTP/1.1 101') || !head.includes(`Sec-WebSocket-Accept: ${computeAcceptKey(key)}`)) throw new Error(`handshake failed: ${head}`);
      socket.pause();
      const client = new RawClient(socket, new Uint8Array(received.subarray(end)));
      socket.resume();
      return client;
    }
  }

  write(...frames: Uint8Array[]): void {
    this.socket.write(concat(...frames));
  }

  #wake(): void {
    for (const waiter of this.#waiters.splice(0)) waiter();
  }

  /** The next frame from the server, or undefined if the connection ends first. */
  async nextFrame(timeoutMs = 5000): Promise<Frame | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const parsed = parseFrame(this.#buffer, { expectMasked: false });
      if (parsed !== undefined) {
        this.#buffer = this.#buffer.subarray(parsed.bytesRead);
        return parsed.value;
      }
      if (this.ended) return undefined;
      if (Date.now() > deadline) throw new Error('no frame within the timeout');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Reads frames until a Close arrives; its status code and reason, or undefined if TCP ended first. */
  async nextClose(timeoutMs = 5000): Promise<{ code: number; reason: string } | undefined> {
    for (;;) {
      const frame = await this.nextFrame(timeoutMs);
      if (frame === undefined) return undefined;
      if (frame.opcode === Opcode.Close) {
        const code = frame.payload.length >= 2 ? (frame.payload[0]! << 8) | frame.payload[1]! : 1005;
        return { code, reason: new TextDecoder().decode(frame.payload.subarray(2)) };
      }
    }
  }

  /** Resolves when the server has closed the TCP connection. */
  async closed(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended) {
      if (Date.now() > deadline) throw new Error('connection still open');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  destroy(): void {
    this.socket.destroy();
  }
}
