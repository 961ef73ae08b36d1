/**
 * ServerHelloDone (RFC 5246 §7.4.5), the end of the server's first flight:
 * `struct { } ServerHelloDone;`
 */
import { emptyCodec } from './codec.ts';

export interface ServerHelloDone {
  readonly kind: 'server_hello_done';
}

const codec = emptyCodec('server_hello_done', 'ServerHelloDone');
export const parseServerHelloDone: (body: Uint8Array) => ServerHelloDone = codec.parse;
export const serializeServerHelloDone: (message: ServerHelloDone) => Uint8Array = codec.serialize;
