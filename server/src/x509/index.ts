/**
 * Certificates for DTLS-SRTP: our own self-signed one, and reading a peer's.
 *
 * - RFC 5280 §4.1: the certificate structure, written and read with the project's
 *   DER encoder (`#server/asn1`, ITU-T X.690).
 * - generateCertificate: ECDSA P-256, ecdsa-with-SHA256 (RFC 5480, RFC 5758), self-signed,
 *   like a browser's (generate.ts). Make one per worker and reuse it across transports.
 * - parseCertificate: a peer's certificate, far enough for DTLS: the public key as a
 *   KeyObject, the exact tbsCertificate bytes, names, validity (certificate.ts).
 * - RFC 8122 §5: fingerprints for a=fingerprint, and comparing a peer's against the SDP's
 *   (fingerprint.ts).
 * - RFC 7468: PEM text for node:https and node:tls (pem.ts).
 * - RFC 5280 §4.2.1.6: subjectAltName, the host names and IP addresses a TLS
 *   server certificate is valid for (subject-alt-name.ts; `generateCertificate({ subjectAltNames })`).
 *
 * Parse errors are `X509ParseError` with a stable `code`; malformed DER is code
 * `BAD_DER` with the Asn1ParseError as `cause`.
 *
 *   import { generateCertificate, parseCertificate, certificateFingerprint, fingerprintsEqual } from '#server/x509/index.ts';
 *
 *   const local = generateCertificate();               // once per worker
 *   sdp.fingerprint = `sha-256 ${local.fingerprint()}`; // 'sha-256 AB:CD:…'
 *
 *   // DTLS, on the peer's Certificate message:
 *   if (!fingerprintsEqual(certificateFingerprint(peerDer, 'sha-256'), remoteSdpFingerprint)) fail();
 *   const peer = parseCertificate(peerDer);            // throws X509ParseError
 *   crypto.verify('sha256', signedTranscript, { key: peer.publicKey(), dsaEncoding: 'der' }, signature);
 */
export { X509ParseError, type X509ErrorCode } from './errors.ts';
export {
  Oid,
  SIGNATURE_ALGORITHMS,
  type PublicKeyAlgorithm,
  type SignatureAlgorithm,
} from './algorithms.ts';
export { parseCertificate, verifySelfSignature, type ParsedCertificate } from './certificate.ts';
export { type CertificateExtension } from './extensions.ts';
export { generateCertificate, type GenerateCertificateOptions, type LocalCertificate } from './generate.ts';
export {
  certificateFingerprint,
  fingerprintsEqual,
  parseFingerprintAlgorithm,
  type FingerprintAlgorithm,
} from './fingerprint.ts';
export { fromPem, toPem, type PemLabel } from './pem.ts';
export {
  SUBJECT_ALT_NAME_OID,
  decodeSubjectAltName,
  encodeSubjectAltName,
  subjectAltNames,
  type GeneralName,
} from './subject-alt-name.ts';
