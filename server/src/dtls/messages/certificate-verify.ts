/**
 * CertificateVerify (RFC 5246 §7.4.8): the client proves it holds its certificate's key.
 *
 *   struct {
 *        digitally-signed struct {
 *            opaque handshake_messages[handshake_messages_length];
 *        }
 *   } CertificateVerify;
 *
 * handshake_messages is everything from ClientHello up to (not including) this
 * message, in DTLS's unfragmented form (RFC 6347 §4.2.6): `transcript.bytes()`.
 */
import { Writer, readAll } from '../wire.ts';
import { type DigitallySigned, readDigitallySigned, writeDigitallySigned } from './digitally-signed.ts';

export interface CertificateVerify {
  readonly kind: 'certificate_verify';
  readonly signed: DigitallySigned;
}

export function parseCertificateVerify(body: Uint8Array): CertificateVerify {
  return readAll(body, 'CertificateVerify', (reader) => ({ kind: 'certificate_verify', signed: readDigitallySigned(reader) }));
}

export function serializeCertificateVerify(message: CertificateVerify): Uint8Array {
  return writeDigitallySigned(new Writer(), message.signed).finish();
}
