/**
 * The TLS 1.2 `digitally-signed` element (RFC 5246 §4.7, §7.4.1.4.1) shared by
 * ServerKeyExchange and CertificateVerify:
 *
 *   struct {
 *       SignatureAndHashAlgorithm algorithm;   // {hash, signature}: a SignatureScheme
 *       opaque signature<0..2^16-1>;
 *   } DigitallySigned;
 */
import type { Reader, Writer } from '../wire.ts';

export interface DigitallySigned {
  /** A SignatureScheme (crypto/signature.ts), e.g. 0x0403 ecdsa_secp256r1_sha256. */
  readonly scheme: number;
  /** For ECDSA, a DER ECDSA-Sig-Value (RFC 8422 §5.4). */
  readonly signature: Uint8Array;
}

export function readDigitallySigned(reader: Reader): DigitallySigned {
  const scheme = reader.u16('signature_algorithm');
  const signature = reader.vector(2, 'signature');
  return { scheme, signature };
}

export function writeDigitallySigned(writer: Writer, value: DigitallySigned): Writer {
  return writer.u16('signature_algorithm', value.scheme).vector(2, 'signature', value.signature);
}
