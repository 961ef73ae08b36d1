/**
 * A small HTTP/1.1 server on raw sockets, the same code over TCP (node:net)
 * and over TLS (node:tls): HTTPS is HTTP inside a TLS connection, nothing more.
 * One request per connection (Connection: close) keeps it short; the head is
 * read with the exercise's parser, files are found with the app's own static
 * file resolver (safe from path traversal, with the right Content-Type).
 */
import { createReadStream } from 'node:fs';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { createServer as createTlsServer, type Server as TlsServer, type TLSSocket } from 'node:tls';
import { HttpError, resolveStaticFile } from '#server/http/index.ts';
import { HttpParseError, parseRequestHead, type RequestHead } from '#solutions/13-https/request-head.ts';

export interface RawServerOptions {
  /** The folder served, absolute with symbolic links resolved. */
  readonly root: string;
  /** One line per request, for the terminal. */
  readonly log: (line: string) => void;
}

/** Slow clients get this long to send a whole head (a "slowloris" holds sockets open otherwise). */
const HEAD_TIMEOUT_MS = 10_000;

export function createHttpServer(options: RawServerOptions): TcpServer {
  return createTcpServer((socket) => serveConnection(socket, 'http', options));
}

export function createHttpsServer(options: RawServerOptions, tls: { cert: string; key: string }): TlsServer {
  return createTlsServer(tls, (socket) => serveConnection(socket, 'https', options));
}

function serveConnection(socket: Socket | TLSSocket, scheme: 'http' | 'https', options: RawServerOptions): void {
  let received = Buffer.alloc(0);
  socket.setTimeout(HEAD_TIMEOUT_MS, () => socket.destroy());
  socket.on('error', () => socket.destroy());
  const onData = (chunk: Buffer): void => {
    received = Buffer.concat([received, chunk]);
    let head: RequestHead | undefined;
    try {
      head = parseRequestHead(received);
    } catch (error) {
      if (!(error instanceof HttpParseError)) throw error;
      socket.off('data', onData);
      options.log(`${scheme} ${error.status} ${error.code}: ${error.message}`);
      respond(socket, error.status, `${error.code}\n`);
      return;
    }
    if (head === undefined) return;
    socket.off('data', onData);
    socket.setTimeout(0);
    answer(socket, scheme, head, options).catch((error: unknown) => {
      options.log(`${scheme} request failed: ${String(error)}`);
      socket.destroy();
    });
  };
  socket.on('data', onData);
}

async function answer(socket: Socket, scheme: string, head: RequestHead, options: RawServerOptions): Promise<void> {
  const line = `${scheme} ${head.method} ${head.target} ${head.version} Host: ${head.headers.get('host') ?? '-'}`;
  if (head.method !== 'GET' && head.method !== 'HEAD') {
    options.log(`${line} → 405`);
    respond(socket, 405, 'GET and HEAD only\n', { Allow: 'GET, HEAD' });
    return;
  }
  const path = head.target.startsWith('/') ? head.target.split('?')[0]! : '/';
  try {
    const file = await resolveStaticFile(options.root, path);
    options.log(`${line} → 200 ${file.contentType}`);
    socket.write(statusAndHeaders(200, { 'Content-Type': file.contentType, 'Content-Length': String(file.size) }));
    if (head.method === 'HEAD') socket.end();
    else createReadStream(file.file).pipe(socket);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    options.log(`${line} → ${error.status} ${error.code}`);
    respond(socket, error.status, `${error.status} ${error.code}\n`);
  }
}

const REASONS: Readonly<Record<number, string>> = {
  200: 'OK',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  431: 'Request Header Fields Too Large',
  505: 'HTTP Version Not Supported',
};

function statusAndHeaders(status: number, headers: Record<string, string>): string {
  const lines = [`HTTP/1.1 ${status} ${REASONS[status] ?? ''}`, ...Object.entries({ ...headers, 'Cache-Control': 'no-cache', Connection: 'close' }).map(([name, value]) => `${name}: ${value}`)];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

function respond(socket: Socket, status: number, body: string, headers: Record<string, string> = {}): void {
  socket.end(statusAndHeaders(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)) }) + body);
}
