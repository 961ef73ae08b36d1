/**
 * ServerHello (RFC 5246 §7.4.1.3; unchanged in DTLS, RFC 6347 §4.2).
 *
 *   struct {
 *       ProtocolVersion server_version;
 *       Random random;
 *       SessionID session_id;
 *       CipherSuite cipher_suite;
 *       CompressionMethod compression_method;
 *       select (extensions_present) {
 *           case false: struct {};
 *           case true:  Extension extensions<0..2^16-1>;
 *       };
 *   } ServerHello;
 *
 * A DTLS 1.3 ServerHello (legacy_version 0xfefd, supported_versions 0xfefc in a
 * raw extension) parses too; negotiation.ts is where 1.3 is told apart.
 */
import { Writer, checkLength, readAll } from '../wire.ts';
import { MAX_SESSION_ID_LENGTH, RANDOM_LENGTH } from './client-hello.ts';
import { type Extension, readExtensions, writeExtensions } from './extensions/extension.ts';

export interface ServerHello {
  readonly kind: 'server_hello';
  readonly serverVersion: number;
  readonly random: Uint8Array;
  readonly sessionId: Uint8Array;
  readonly cipherSuite: number;
  readonly compressionMethod: number;
  readonly extensions: readonly Extension[];
}

export function parseServerHello(body: Uint8Array): ServerHello {
  return readAll(body, 'ServerHello', (reader) => ({
    kind: 'server_hello',
    serverVersion: reader.u16('server_version'),
    random: reader.bytes(RANDOM_LENGTH, 'random'),
    sessionId: reader.vector(1, 'session_id', { max: MAX_SESSION_ID_LENGTH }),
    cipherSuite: reader.u16('cipher_suite'),
    compressionMethod: reader.u8('compression_method'),
    extensions: readExtensions(reader, 'ServerHello'),
  }));
}

export function serializeServerHello(hello: ServerHello): Uint8Array {
  checkLength('ServerHello.random', hello.random, RANDOM_LENGTH);
  const writer = new Writer()
    .u16('server_version', hello.serverVersion)
    .bytes(hello.random)
    .vector(1, 'session_id', hello.sessionId, { max: MAX_SESSION_ID_LENGTH })
    .u16('cipher_suite', hello.cipherSuite)
    .u8('compression_method', hello.compressionMethod);
  writeExtensions(writer, hello.extensions);
  return writer.finish();
}
