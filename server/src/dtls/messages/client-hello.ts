/**
 * ClientHello (RFC 6347 §4.2.1, RFC 5246 §7.4.1.2): DTLS adds the cookie.
 *
 *   struct {
 *     ProtocolVersion client_version;
 *     Random random;                                   // 32 bytes
 *     SessionID session_id;                            // <0..32>
 *     opaque cookie<0..2^8-1>;                         // New field
 *     CipherSuite cipher_suites<2..2^16-1>;
 *     CompressionMethod compression_methods<1..2^8-1>;
 *     select (extensions_present) {
 *       case false: struct {};
 *       case true:  Extension extensions<0..2^16-1>;
 *     };
 *   } ClientHello;
 *
 * Parsing checks structure only; which version, suites and extensions are
 * acceptable is decided in negotiation.ts. A DTLS 1.3 client's hello (Chromium's)
 * parses as well: its 1.3 suites stay in the list and its 1.3 extensions stay raw.
 */
import { Writer, checkLength, readAll } from '../wire.ts';
import { type Extension, readExtensions, writeExtensions } from './extensions/extension.ts';

export const RANDOM_LENGTH = 32;
export const MAX_SESSION_ID_LENGTH = 32;
/** RFC 6347 §4.2.1: cookie<0..2^8-1> (DTLS 1.0 allowed only 32). */
export const MAX_COOKIE_LENGTH = 255;

export interface ClientHello {
  readonly kind: 'client_hello';
  readonly clientVersion: number;
  readonly random: Uint8Array;
  readonly sessionId: Uint8Array;
  /** Empty on the first ClientHello; the HelloVerifyRequest cookie on the second. */
  readonly cookie: Uint8Array;
  readonly cipherSuites: readonly number[];
  readonly compressionMethods: readonly number[];
  /** Empty when the hello has no extensions block. */
  readonly extensions: readonly Extension[];
}

const SUITES_BOUNDS = { min: 2, max: 2 ** 16 - 2 };
const COMPRESSION_BOUNDS = { min: 1 };

export function parseClientHello(body: Uint8Array): ClientHello {
  return readAll(body, 'ClientHello', (reader) => ({
    kind: 'client_hello',
    clientVersion: reader.u16('client_version'),
    random: reader.bytes(RANDOM_LENGTH, 'random'),
    sessionId: reader.vector(1, 'session_id', { max: MAX_SESSION_ID_LENGTH }),
    cookie: reader.vector(1, 'cookie'),
    cipherSuites: reader.u16List(2, 'cipher_suites', SUITES_BOUNDS),
    compressionMethods: reader.u8List('compression_methods', COMPRESSION_BOUNDS),
    extensions: readExtensions(reader, 'ClientHello'),
  }));
}

export function serializeClientHello(hello: ClientHello): Uint8Array {
  checkLength('ClientHello.random', hello.random, RANDOM_LENGTH);
  const writer = new Writer(512)
    .u16('client_version', hello.clientVersion)
    .bytes(hello.random)
    .vector(1, 'session_id', hello.sessionId, { max: MAX_SESSION_ID_LENGTH })
    .vector(1, 'cookie', hello.cookie)
    .u16List(2, 'cipher_suites', hello.cipherSuites, SUITES_BOUNDS)
    .u8List('compression_methods', hello.compressionMethods, COMPRESSION_BOUNDS);
  writeExtensions(writer, hello.extensions);
  return writer.finish();
}
