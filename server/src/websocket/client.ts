/**
 * A WebSocket client for Node (RFC 6455 §4.1) on a raw TCP or TLS socket:
 * for tests, the labs and the Node side of the signaling client. Browsers
 * have their own.
 *
 *   const connection = await connectWebSocket('ws://127.0.0.1:8080/ws');
 *   connection.send('hello');
 */
import net from 'node:net';
import tls from 'node:tls';
import { type ConnectionLimits, WebSocketConnection } from './connection.ts';
import { ConnectError } from './errors.ts';
import { checkUpgradeResponse, clientRequestHead, generateKey } from './handshake.ts';
import { MAX_HEAD_BYTES, findHeadEnd, parseResponseHead } from './http-head.ts';

export interface ConnectOptions extends ConnectionLimits {
  /** Offered subprotocols (Sec-WebSocket-Protocol). */
  protocols?: string[];
  /** Extra request headers, e.g. { Origin: 'https://example.org' }. */
  headers?: Record<string, string>;
  /** Give up when the 101 has not arrived within this long. Default 10 s. */
  handshakeTimeoutMs?: number;
  /** For wss: (ca, servername, rejectUnauthorized, ...). */
  tls?: tls.ConnectionOptions;
}

const DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;

/** Connects to a ws: or wss: URL and resolves once the server's 101 checked out. Rejects with ConnectError. */
export function connectWebSocket(url: string | URL, options: ConnectOptions = {}): Promise<WebSocketConnection> {
  let target: URL;
  try {
    target = new URL(url);
  } catch (cause) {
    return Promise.reject(new ConnectError('BAD_URL', `websocket: not a URL: ${String(url)}`, { cause }));
  }
  // RFC 6455 §3: ws or wss, and no fragment.
  if ((target.protocol !== 'ws:' && target.protocol !== 'wss:') || target.hash !== '') {
    return Promise.reject(new ConnectError('BAD_URL', `websocket: ${target.href} is not a ws: or wss: URL without fragment`));
  }
  const secure = target.protocol === 'wss:';
  const hostname = target.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(target.port || (secure ? 443 : 80));
  const key = generateKey();
  const protocols = options.protocols ?? [];
  const request = clientRequestHead({ resource: `${target.pathname}${target.search}`, host: target.host, key, protocols, headers: options.headers });

  return new Promise((resolve, reject) => {
    const socket = secure
      ? tls.connect({ host: hostname, port, servername: net.isIP(hostname) === 0 ? hostname : undefined, ...options.tls })
      : net.connect({ host: hostname, port });
    let received = Buffer.alloc(0);
    const timer = setTimeout(
      () => fail(new ConnectError('HANDSHAKE_TIMEOUT', `websocket: no handshake answer from ${target.host} within ${options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS} ms`)),
      options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS,
    );
    const cleanup = (): void => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('close', onClose);
    };
    const fail = (error: ConnectError): void => {
      cleanup();
      socket.destroy();
      reject(error);
    };
    const onError = (cause: Error): void => fail(new ConnectError('CONNECTION_FAILED', `websocket: ${cause.message}`, { cause }));
    const onClose = (): void => fail(new ConnectError('CONNECTION_FAILED', 'websocket: server closed the connection during the handshake'));
    const onData = (chunk: Buffer): void => {
      received = Buffer.concat([received, chunk]);
      const end = findHeadEnd(received);
      if (end === -1) {
        if (received.length > MAX_HEAD_BYTES) fail(new ConnectError('BAD_RESPONSE', 'websocket: response head too large'));
        return;
      }
      try {
        const { protocol } = checkUpgradeResponse(parseResponseHead(received.subarray(0, end).toString('latin1')), key, protocols);
        cleanup();
        resolve(new WebSocketConnection(socket, { ...options, role: 'client', protocol, head: received.subarray(end) }));
      } catch (error) {
        if (error instanceof ConnectError) fail(error);
        else throw error;
      }
    };
    socket.on('data', onData);
    socket.on('error', onError);
    socket.on('close', onClose);
    socket.write(request);
  });
}
