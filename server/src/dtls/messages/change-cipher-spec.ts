/**
 * ChangeCipherSpec (RFC 5246 §7.1), content type 20 — its own record type, not a
 * handshake message, and not part of the transcript:
 *
 *   struct {
 *       enum { change_cipher_spec(1), (255) } type;
 *   } ChangeCipherSpec;
 *
 * In DTLS it switches the receiver to the next epoch (RFC 6347 §4.1); a
 * ChangeCipherSpec may arrive before the messages it follows, so the state machine
 * buffers or drops epoch-1 records that come first (§4.1.2.6 permits either).
 */
import { DtlsError } from '../errors.ts';
import { readAll } from '../wire.ts';

export const CHANGE_CIPHER_SPEC_TYPE = 1;

export interface ChangeCipherSpec {
  readonly kind: 'change_cipher_spec';
}

export function parseChangeCipherSpec(fragment: Uint8Array): ChangeCipherSpec {
  const type = readAll(fragment, 'ChangeCipherSpec', (reader) => reader.u8('type'));
  if (type !== CHANGE_CIPHER_SPEC_TYPE) throw new DtlsError('ILLEGAL_PARAMETER', `dtls: ChangeCipherSpec type ${type}, want 1`);
  return { kind: 'change_cipher_spec' };
}

export function serializeChangeCipherSpec(): Uint8Array {
  return Uint8Array.of(CHANGE_CIPHER_SPEC_TYPE);
}
