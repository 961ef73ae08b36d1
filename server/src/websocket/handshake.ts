/**
 * The opening handshake (RFC 6455 §4): the server's checks of the client's
 * upgrade request and its 101 answer, and the client's request and checks of
 * that answer. Pure functions over heads; the sockets are in server.ts and
 * client.ts.
 *
 *   GET /ws HTTP/1.1                          HTTP/1.1 101 Switching Protocols
 *   Host: example.org                         Upgrade: websocket
 *   Upgrade: websocket                 →      Connection: Upgrade
 *   Connection: Upgrade                       Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=
 *   Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==
 *   Sec-WebSocket-Version: 13
 */
import { createHash, randomBytes } from 'node:crypto';
import { ConnectError, HandshakeError } from './errors.ts';
import type { ResponseHead } from './http-head.ts';

/** RFC 6455 §1.3: the GUID appended to the key before hashing. */
export const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
/** RFC 6455 §4.1 item 9, §11.6. */
export const WEBSOCKET_VERSION = '13';
/** A base64 encoding of exactly 16 bytes (RFC 6455 §4.1 item 7). */
const KEY_PATTERN = /^[A-Za-z0-9+/]{21}[AQgw]==$/;
/** RFC 6455 §4.1: subprotocol names are HTTP tokens. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Sec-WebSocket-Accept for `key` (RFC 6455 §1.3, §4.2.2 item 5.4): base64(SHA-1(key + GUID)). */
export function computeAcceptKey(key: string): string {
  return createHash('sha1').update(key + WEBSOCKET_GUID).digest('base64');
}

/** A fresh Sec-WebSocket-Key: 16 random bytes, base64 (RFC 6455 §4.1 item 7). */
export function generateKey(): string {
  return randomBytes(16).toString('base64');
}

/** The parts of a request the server checks; node:http's IncomingMessage and http-head's RequestHead both fit. */
export interface UpgradeRequestHead {
  method?: string | undefined;
  httpVersion: string;
  url?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
}

export interface HandshakePolicy {
  /** RFC 6455 §4.2.2 item 4, §10.2: refuse (403) browsers from origins you do not serve. */
  verifyOrigin?: (origin: string | undefined) => boolean;
  /** Picks one of the offered subprotocols, or none (RFC 6455 §4.2.2 item 5.4, /subprotocol/). */
  selectProtocol?: (offered: string[]) => string | undefined;
}

export interface AcceptedHandshake {
  key: string;
  accept: string;
  protocol: string | undefined;
}

function header(head: UpgradeRequestHead | ResponseHead, name: string): string | undefined {
  const value = head.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The comma-separated tokens of a header, trimmed and lower-cased (RFC 9110 §5.6.1). */
function tokens(value: string | undefined): string[] {
  return (value ?? '').split(',').map((token) => token.trim().toLowerCase()).filter((token) => token !== '');
}

/** RFC 6455 §4.2.1: the checks, in the order of its list. Throws HandshakeError. */
export function checkUpgradeRequest(request: UpgradeRequestHead, policy: HandshakePolicy = {}): AcceptedHandshake {
  // Item 1: "An HTTP/1.1 or higher GET request".
  if (request.method !== 'GET') throw new HandshakeError('BAD_METHOD', `websocket: upgrade with method ${request.method ?? '(none)'}, want GET`);
  const [major = 0, minor = 0] = request.httpVersion.split('.').map(Number);
  if (major < 1 || (major === 1 && minor < 1)) throw new HandshakeError('BAD_HTTP_VERSION', `websocket: HTTP/${request.httpVersion}, want 1.1 or higher`);
  // Item 2: a Host header.
  if (!header(request, 'host')) throw new HandshakeError('MISSING_HOST', 'websocket: upgrade without a Host header');
  // Items 3 and 4: Upgrade contains "websocket", Connection contains "Upgrade", both case-insensitively.
  if (!tokens(header(request, 'upgrade')).includes('websocket')) throw new HandshakeError('BAD_UPGRADE', 'websocket: Upgrade header lacks "websocket"');
  if (!tokens(header(request, 'connection')).includes('upgrade')) throw new HandshakeError('BAD_CONNECTION', 'websocket: Connection header lacks "Upgrade"');
  // Item 6 before item 5: a wrong version gets 426 with ours (§4.4), whatever the key.
  if (header(request, 'sec-websocket-version')?.trim() !== WEBSOCKET_VERSION) {
    throw new HandshakeError('UNSUPPORTED_VERSION', `websocket: Sec-WebSocket-Version ${header(request, 'sec-websocket-version') ?? '(none)'}, want 13`);
  }
  // Item 5: a key that decodes to 16 bytes.
  const key = header(request, 'sec-websocket-key')?.trim() ?? '';
  if (!KEY_PATTERN.test(key)) throw new HandshakeError('BAD_KEY', 'websocket: Sec-WebSocket-Key is not 16 bytes of base64');
  // Item 7 and §10.2: Origin is the browser's word about the page; only browsers send it.
  if (policy.verifyOrigin !== undefined && !policy.verifyOrigin(header(request, 'origin'))) {
    throw new HandshakeError('ORIGIN_REJECTED', `websocket: origin ${header(request, 'origin') ?? '(none)'} is not allowed`);
  }
  const offered = (header(request, 'sec-websocket-protocol') ?? '').split(',').map((p) => p.trim()).filter((p) => TOKEN.test(p));
  const protocol = offered.length > 0 ? policy.selectProtocol?.(offered) : undefined;
  if (protocol !== undefined && !offered.includes(protocol)) {
    throw new HandshakeError('BAD_PROTOCOL_SELECTION', `websocket: selected subprotocol ${protocol} was not offered`);
  }
  return { key, accept: computeAcceptKey(key), protocol };
}

/** The 101 answer (RFC 6455 §4.2.2 item 5). */
export function acceptResponseHead(accepted: AcceptedHandshake): string {
  const lines = ['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${accepted.accept}`];
  if (accepted.protocol !== undefined) lines.push(`Sec-WebSocket-Protocol: ${accepted.protocol}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

const REASON_PHRASE: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  426: 'Upgrade Required',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The HTTP answer to a refused upgrade; 426 names the version we speak (RFC 6455 §4.2.2 item 4, §4.4). */
export function rejectResponseHead(error: HandshakeError): string {
  const body = `${error.message}\n`;
  const lines = [
    `HTTP/1.1 ${error.status} ${REASON_PHRASE[error.status] ?? 'Error'}`,
    'Connection: close',
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
  ];
  if (error.code === 'UNSUPPORTED_VERSION') lines.push(`Sec-WebSocket-Version: ${WEBSOCKET_VERSION}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

export interface ClientRequest {
  /** Path and query, e.g. "/ws?room=a" (RFC 6455 §3, /resource name/). */
  resource: string;
  /** Host header value: host, plus ":port" when not the scheme's default (§4.1 item 4). */
  host: string;
  key: string;
  protocols?: readonly string[];
  /** Extra fields such as Origin; must not repeat the handshake's own. */
  headers?: Readonly<Record<string, string>>;
}

/** The client's opening handshake (RFC 6455 §4.1). */
export function clientRequestHead(request: ClientRequest): string {
  const lines = [
    `GET ${request.resource} HTTP/1.1`,
    `Host: ${request.host}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${request.key}`,
    `Sec-WebSocket-Version: ${WEBSOCKET_VERSION}`,
  ];
  if (request.protocols !== undefined && request.protocols.length > 0) lines.push(`Sec-WebSocket-Protocol: ${request.protocols.join(', ')}`);
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (/[\r\n]/.test(name + value)) throw new RangeError(`websocket: header ${name} contains a line break`);
    lines.push(`${name}: ${value}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** RFC 6455 §4.1, the client's checks of the answer, items 1–6. Returns the chosen subprotocol. Throws ConnectError. */
export function checkUpgradeResponse(response: ResponseHead, key: string, offeredProtocols: readonly string[] = []): { protocol: string | undefined } {
  if (response.status !== 101) throw new ConnectError('UNEXPECTED_STATUS', `websocket: server answered ${response.status} ${response.statusText}`.trimEnd());
  if (!tokens(header(response, 'upgrade')).includes('websocket')) throw new ConnectError('BAD_UPGRADE', 'websocket: 101 without Upgrade: websocket');
  if (!tokens(header(response, 'connection')).includes('upgrade')) throw new ConnectError('BAD_CONNECTION', 'websocket: 101 without Connection: Upgrade');
  if (header(response, 'sec-websocket-accept')?.trim() !== computeAcceptKey(key)) {
    throw new ConnectError('BAD_ACCEPT', 'websocket: Sec-WebSocket-Accept does not match our key');
  }
  const protocol = header(response, 'sec-websocket-protocol')?.trim() || undefined;
  if (protocol !== undefined && !offeredProtocols.includes(protocol)) {
    throw new ConnectError('UNOFFERED_PROTOCOL', `websocket: server chose subprotocol ${protocol}, which we did not offer`);
  }
  return { protocol };
}
