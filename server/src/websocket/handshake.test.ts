/**
 * The opening handshake (RFC 6455 §4): the §1.3 accept-key example, the
 * server's checks with their HTTP statuses, and the client's checks of the 101.
 */
import { describe, expect, it } from 'vitest';
import { ConnectError, HandshakeError, type HandshakeErrorCode } from './errors.ts';
import {
  acceptResponseHead,
  checkUpgradeRequest,
  checkUpgradeResponse,
  clientRequestHead,
  computeAcceptKey,
  generateKey,
  rejectResponseHead,
  type UpgradeRequestHead,
} from './handshake.ts';
import { findHeadEnd, parseRequestHead, parseResponseHead } from './http-head.ts';
import { HANDSHAKE_EXAMPLE } from './rfc6455-vectors.ts';

/** RFC 6455 §1.3's request, as node:http would present it. */
function request(headers: Record<string, string | undefined> = {}, method = 'GET', httpVersion = '1.1'): UpgradeRequestHead {
  return {
    method,
    httpVersion,
    url: '/chat',
    headers: {
      host: 'server.example.com',
      upgrade: 'websocket',
      connection: 'Upgrade',
      'sec-websocket-key': HANDSHAKE_EXAMPLE.key,
      'sec-websocket-version': '13',
      origin: 'http://example.com',
      ...headers,
    },
  };
}

describe('Sec-WebSocket-Accept', () => {
  it('is base64(SHA-1(key + GUID)): the RFC 6455 §1.3 example', () => {
    expect(computeAcceptKey(HANDSHAKE_EXAMPLE.key)).toBe(HANDSHAKE_EXAMPLE.accept);
  });

  it('generated keys are 16 random bytes in base64 that the server accepts', () => {
    const key = generateKey();
    expect(Buffer.from(key, 'base64')).toHaveLength(16);
    expect(key).not.toBe(generateKey());
    expect(checkUpgradeRequest(request({ 'sec-websocket-key': key })).key).toBe(key);
  });
});

describe('server: checkUpgradeRequest (RFC 6455 §4.2.1)', () => {
  it('accepts the §1.3 request and answers the §1.3 response', () => {
    const accepted = checkUpgradeRequest(request());
    expect(accepted).toEqual({ key: HANDSHAKE_EXAMPLE.key, accept: HANDSHAKE_EXAMPLE.accept, protocol: undefined });
    expect(acceptResponseHead(accepted)).toBe(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n',
    );
  });

  it('reads header tokens case-insensitively and in lists', () => {
    expect(() => checkUpgradeRequest(request({ upgrade: 'WebSocket', connection: 'keep-alive, Upgrade' }))).not.toThrow();
  });

  const refusals: [string, UpgradeRequestHead, HandshakeErrorCode, number][] = [
    ['POST', request({}, 'POST'), 'BAD_METHOD', 400],
    ['HTTP/1.0', request({}, 'GET', '1.0'), 'BAD_HTTP_VERSION', 400],
    ['no Host', request({ host: undefined }), 'MISSING_HOST', 400],
    ['Upgrade: h2c', request({ upgrade: 'h2c' }), 'BAD_UPGRADE', 400],
    ['no Upgrade', request({ upgrade: undefined }), 'BAD_UPGRADE', 400],
    ['Connection: keep-alive', request({ connection: 'keep-alive' }), 'BAD_CONNECTION', 400],
    ['a key of 15 bytes', request({ 'sec-websocket-key': Buffer.alloc(15).toString('base64') }), 'BAD_KEY', 400],
    ['a key of 17 bytes', request({ 'sec-websocket-key': Buffer.alloc(17).toString('base64') }), 'BAD_KEY', 400],
    ['a key that is not base64', request({ 'sec-websocket-key': 'not base64 at all!!!!!==' }), 'BAD_KEY', 400],
    ['no key', request({ 'sec-websocket-key': undefined }), 'BAD_KEY', 400],
    ['version 8', request({ 'sec-websocket-version': '8' }), 'UNSUPPORTED_VERSION', 426],
    ['no version', request({ 'sec-websocket-version': undefined }), 'UNSUPPORTED_VERSION', 426],
  ];
  it.each(refusals)('refuses %s', (_name, head, code, status) => {
    let caught: unknown;
    try {
      checkUpgradeRequest(head);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HandshakeError);
    expect(caught).toMatchObject({ code, status });
  });

  it('refuses an origin the policy rejects with 403', () => {
    const policy = { verifyOrigin: (origin: string | undefined) => origin === 'https://good.example' };
    expect(() => checkUpgradeRequest(request(), policy)).toThrow(expect.objectContaining({ code: 'ORIGIN_REJECTED', status: 403 }));
    expect(() => checkUpgradeRequest(request({ origin: 'https://good.example' }), policy)).not.toThrow();
  });

  it('selects a subprotocol among those offered, and refuses a selection that was not offered', () => {
    const offered = request({ 'sec-websocket-protocol': 'chat, superchat' });
    expect(checkUpgradeRequest(offered, { selectProtocol: (list) => list.at(-1) }).protocol).toBe('superchat');
    expect(acceptResponseHead(checkUpgradeRequest(offered, { selectProtocol: () => 'chat' }))).toContain('Sec-WebSocket-Protocol: chat\r\n');
    expect(() => checkUpgradeRequest(offered, { selectProtocol: () => 'other' })).toThrow(expect.objectContaining({ code: 'BAD_PROTOCOL_SELECTION' }));
  });

  it('answers 426 with the version it speaks (§4.4)', () => {
    const head = rejectResponseHead(new HandshakeError('UNSUPPORTED_VERSION', 'websocket: version 8'));
    const parsed = parseResponseHead(head.slice(0, findHeadEnd(Buffer.from(head))));
    expect(parsed.status).toBe(426);
    expect(parsed.headers['sec-websocket-version']).toBe('13');
    expect(Number(parsed.headers['content-length'])).toBe(Buffer.byteLength(head.slice(findHeadEnd(Buffer.from(head)))));
  });
});

describe('client: clientRequestHead and checkUpgradeResponse (RFC 6455 §4.1)', () => {
  it('writes a request the server accepts', () => {
    const key = generateKey();
    const text = clientRequestHead({ resource: '/ws?room=a', host: 'example.org:8443', key, protocols: ['chat'], headers: { Origin: 'https://example.org' } });
    const head = parseRequestHead(text);
    expect(head).toMatchObject({ method: 'GET', url: '/ws?room=a', httpVersion: '1.1' });
    expect(head.headers['origin']).toBe('https://example.org');
    expect(checkUpgradeRequest(head, { selectProtocol: () => 'chat' })).toMatchObject({ key, protocol: 'chat' });
  });

  it('refuses extra headers with line breaks (header injection)', () => {
    expect(() => clientRequestHead({ resource: '/', host: 'h', key: generateKey(), headers: { Origin: 'x\r\nEvil: 1' } })).toThrow(RangeError);
  });

  const ok = `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${HANDSHAKE_EXAMPLE.accept}\r\n\r\n`;
  it('accepts the §1.3 response for the §1.3 key', () => {
    expect(checkUpgradeResponse(parseResponseHead(ok), HANDSHAKE_EXAMPLE.key)).toEqual({ protocol: undefined });
  });

  it.each([
    ['a 200', ok.replace('101 Switching Protocols', '200 OK'), 'UNEXPECTED_STATUS'],
    ['a wrong accept value', ok.replace(HANDSHAKE_EXAMPLE.accept, computeAcceptKey(generateKey())), 'BAD_ACCEPT'],
    ['no Upgrade', ok.replace('Upgrade: websocket\r\n', ''), 'BAD_UPGRADE'],
    ['no Connection', ok.replace('Connection: Upgrade\r\n', ''), 'BAD_CONNECTION'],
    ['a subprotocol we did not offer', ok.replace('\r\n\r\n', '\r\nSec-WebSocket-Protocol: chat\r\n\r\n'), 'UNOFFERED_PROTOCOL'],
  ])('refuses %s', (_name, text, code) => {
    expect(() => checkUpgradeResponse(parseResponseHead(text), HANDSHAKE_EXAMPLE.key)).toThrow(expect.objectContaining({ code }));
  });
});

describe('http-head', () => {
  it('finds the blank line that ends a head, or -1', () => {
    expect(findHeadEnd(Buffer.from('GET / HTTP/1.1\r\nHost: a\r\n\r\nrest'))).toBe(27);
    expect(findHeadEnd(Buffer.from('GET / HTTP/1.1\r\nHost: a\r\n\r'))).toBe(-1);
  });

  it('joins a repeated field with ", " (RFC 9110 §5.3)', () => {
    expect(parseRequestHead('GET / HTTP/1.1\r\nConnection: keep-alive\r\nconnection: Upgrade\r\n\r\n').headers['connection']).toBe('keep-alive, Upgrade');
  });

  it.each(['', 'GET /\r\n', 'GET / HTTP/1.1\r\nno colon here\r\n', 'GET / HTTP/1.1\r\n: empty name\r\n', 'GET / HTTP/1.1\r\n folded: line\r\n'])(
    'refuses the malformed request head %j',
    (text) => {
      expect(() => parseRequestHead(text)).toThrow(HandshakeError);
    },
  );

  it.each(['', 'HTTP/1.1 abc OK\r\n', 'HTTP/1.1 101\r\nbad line\r\n'])('refuses the malformed response head %j', (text) => {
    expect(() => parseResponseHead(text)).toThrow(ConnectError);
  });
});
