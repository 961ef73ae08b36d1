/**
 * HelloRequest (RFC 5246 §7.4.1.1): `struct { } HelloRequest;`. A server's
 * invitation to renegotiate; we never renegotiate, so the state machine answers
 * it with a no_renegotiation warning or ignores it. Never part of the transcript.
 */
import { emptyCodec } from './codec.ts';

export interface HelloRequest {
  readonly kind: 'hello_request';
}

const codec = emptyCodec('hello_request', 'HelloRequest');
export const parseHelloRequest: (body: Uint8Array) => HelloRequest = codec.parse;
export const serializeHelloRequest: (message: HelloRequest) => Uint8Array = codec.serialize;
