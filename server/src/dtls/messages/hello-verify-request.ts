/**
 * HelloVerifyRequest (RFC 6347 §4.2.1), the stateless cookie exchange.
 *
 *   struct {
 *     ProtocolVersion server_version;
 *     opaque cookie<0..2^8-1>;
 *   } HelloVerifyRequest;
 *
 * §4.2.1: server_version SHOULD be DTLS 1.0 (0xfeff) whatever version will be
 * negotiated (openssl does so, in the body and the record). The HelloVerifyRequest
 * is not part of the handshake transcript, and the server keeps no state for it:
 * it is answered afresh to each cookieless ClientHello, never retransmitted.
 */
import { Writer, readAll } from '../wire.ts';
import { MAX_COOKIE_LENGTH } from './client-hello.ts';

export interface HelloVerifyRequest {
  readonly kind: 'hello_verify_request';
  readonly serverVersion: number;
  readonly cookie: Uint8Array;
}

export function parseHelloVerifyRequest(body: Uint8Array): HelloVerifyRequest {
  return readAll(body, 'HelloVerifyRequest', (reader) => ({
    kind: 'hello_verify_request',
    serverVersion: reader.u16('server_version'),
    cookie: reader.vector(1, 'cookie', { max: MAX_COOKIE_LENGTH }),
  }));
}

export function serializeHelloVerifyRequest(request: HelloVerifyRequest): Uint8Array {
  return new Writer().u16('server_version', request.serverVersion).vector(1, 'cookie', request.cookie, { max: MAX_COOKIE_LENGTH }).finish();
}
