/**
 * Listening over HTTP or HTTPS with the same request handler. With TLS the
 * page is a secure context on any host, which getUserMedia requires off
 * localhost (W3C Secure Contexts §3.1; Media Capture §9.1).
 */
import { once } from 'node:events';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { RequestHandler } from './request-handler.ts';

export interface TlsCredentials {
  /** PEM. */
  readonly cert: string;
  readonly key: string;
}

export interface ListenOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly handler: RequestHandler;
  readonly tls?: TlsCredentials;
}

export interface HttpListener {
  readonly server: HttpServer | HttpsServer;
  /** 'http://127.0.0.1:3000', the address actually bound (brackets around IPv6). */
  readonly origin: string;
  readonly port: number;
  /** Stops listening and ends every open connection, WebSocket ones included. */
  close(): Promise<void>;
}

export async function listen(options: ListenOptions): Promise<HttpListener> {
  const server = options.tls === undefined ? createHttpServer(options.handler) : createHttpsServer({ ...options.tls }, options.handler);
  server.listen(options.port, options.host);
  await Promise.race([once(server, 'listening'), once(server, 'error').then(([error]) => Promise.reject(error))]);
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    port: address.port,
    origin: `${options.tls === undefined ? 'http' : 'https'}://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
