/**
 * ClientKeyExchange for ECDHE (RFC 8422 §5.7; RFC 5246 §7.4.7).
 *
 *   struct {
 *       opaque point <1..2^8-1>;
 *   } ECPoint;
 *   struct {
 *       select (PublicValueEncoding) {
 *           case implicit: struct { };          // fixed ECDH only, never used here
 *           case explicit: ECPoint ecdh_Yc;
 *       } ecdh_public;
 *   } ClientECDiffieHellmanPublic;
 *
 * The body's layout depends on the key exchange; all our suites are ECDHE.
 */
import { Writer, readAll } from '../wire.ts';

export interface ClientKeyExchange {
  readonly kind: 'client_key_exchange';
  /** The client's encoded ephemeral public key, in the group of the ServerKeyExchange. */
  readonly publicKey: Uint8Array;
}

const POINT_BOUNDS = { min: 1 };

export function parseClientKeyExchange(body: Uint8Array): ClientKeyExchange {
  return readAll(body, 'ClientKeyExchange', (reader) => ({ kind: 'client_key_exchange', publicKey: reader.vector(1, 'ecdh_Yc', POINT_BOUNDS) }));
}

export function serializeClientKeyExchange(message: ClientKeyExchange): Uint8Array {
  return new Writer().vector(1, 'ecdh_Yc', message.publicKey, POINT_BOUNDS).finish();
}
