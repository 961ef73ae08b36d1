/**
 * signature_algorithms (RFC 5246 §7.4.1.4.1), extension type 13.
 *
 *   SignatureAndHashAlgorithm supported_signature_algorithms<2..2^16-2>;
 *
 * Each entry is {hash, signature}; the two bytes together are the SignatureScheme
 * code points of crypto/signature.ts (0x0403 = {sha256, ecdsa}).
 */
import { Writer, readAll } from '../../wire.ts';

export interface SignatureAlgorithmsExtension {
  readonly kind: 'signature_algorithms';
  readonly schemes: readonly number[];
}

const BOUNDS = { min: 2, max: 2 ** 16 - 2 };

export function parseSignatureAlgorithms(data: Uint8Array): SignatureAlgorithmsExtension {
  return readAll(data, 'signature_algorithms', (reader) => ({
    kind: 'signature_algorithms',
    schemes: reader.u16List(2, 'supported_signature_algorithms', BOUNDS),
  }));
}

export function serializeSignatureAlgorithms(extension: SignatureAlgorithmsExtension): Uint8Array {
  return new Writer().u16List(2, 'supported_signature_algorithms', extension.schemes, BOUNDS).finish();
}
