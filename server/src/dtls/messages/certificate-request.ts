/**
 * CertificateRequest (RFC 5246 §7.4.4). A WebRTC server always sends one: both
 * sides authenticate by certificate fingerprint (RFC 8827 §6.5).
 *
 *   enum { rsa_sign(1), dss_sign(2), rsa_fixed_dh(3), dss_fixed_dh(4), ...,
 *          ecdsa_sign(64), (255) } ClientCertificateType;      // ecdsa_sign: RFC 8422 §5.5
 *   opaque DistinguishedName<1..2^16-1>;
 *   struct {
 *       ClientCertificateType certificate_types<1..2^8-1>;
 *       SignatureAndHashAlgorithm supported_signature_algorithms<2..2^16-2>;
 *       DistinguishedName certificate_authorities<0..2^16-1>;
 *   } CertificateRequest;
 */
import { Writer, readAll } from '../wire.ts';

export const ClientCertificateType = { rsa_sign: 1, ecdsa_sign: 64 } as const;

export interface CertificateRequest {
  readonly kind: 'certificate_request';
  readonly certificateTypes: readonly number[];
  /** SignatureSchemes the client may sign CertificateVerify with. */
  readonly signatureSchemes: readonly number[];
  /** DER DistinguishedNames; empty in WebRTC (self-signed certificates). */
  readonly certificateAuthorities: readonly Uint8Array[];
}

const TYPES_BOUNDS = { min: 1 };
const SCHEMES_BOUNDS = { min: 2, max: 2 ** 16 - 2 };
const NAME_BOUNDS = { min: 1 };

export function parseCertificateRequest(body: Uint8Array): CertificateRequest {
  return readAll(body, 'CertificateRequest', (reader) => ({
    kind: 'certificate_request',
    certificateTypes: reader.u8List('certificate_types', TYPES_BOUNDS),
    signatureSchemes: reader.u16List(2, 'supported_signature_algorithms', SCHEMES_BOUNDS),
    certificateAuthorities: reader.vectorList(2, 'certificate_authorities', 2, 'DistinguishedName', NAME_BOUNDS),
  }));
}

export function serializeCertificateRequest(message: CertificateRequest): Uint8Array {
  return new Writer()
    .u8List('certificate_types', message.certificateTypes, TYPES_BOUNDS)
    .u16List(2, 'supported_signature_algorithms', message.signatureSchemes, SCHEMES_BOUNDS)
    .vectorList(2, 'certificate_authorities', 2, 'DistinguishedName', message.certificateAuthorities, NAME_BOUNDS)
    .finish();
}
