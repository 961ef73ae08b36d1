import { ProtocolError } from '../common/protocol-error.ts';

/**
 * Stable codes for every way a certificate (or its PEM text) can be rejected.
 * Tests assert the code, never the message text.
 *
 * - `BAD_DER`: not DER, or not the RFC 5280 §4.1 structure; `cause` is the
 *   Asn1ParseError, whose code says what exactly.
 * - `UNSUPPORTED_VERSION`: a version other than v1, v2 or v3 (RFC 5280 §4.1.2.1).
 * - `VERSION_MISMATCH`: unique identifiers before v2, or extensions before v3 (RFC 5280 §4.1.2.8, §4.1.2.9).
 * - `ALGORITHM_MISMATCH`: `signature` in tbsCertificate differs from `signatureAlgorithm` (RFC 5280 §4.1.1.2).
 * - `DUPLICATE_EXTENSION`: one extension twice (RFC 5280 §4.2).
 * - `BAD_PUBLIC_KEY`: the subjectPublicKeyInfo parses as DER but crypto cannot load the key.
 * - `BAD_PEM`: no well-formed RFC 7468 block with the expected label.
 * - `BAD_SUBJECT_ALT_NAME`: a subjectAltName extension that is not GeneralNames (RFC 5280 §4.2.1.6).
 */
export type X509ErrorCode =
  | 'BAD_DER'
  | 'UNSUPPORTED_VERSION'
  | 'VERSION_MISMATCH'
  | 'ALGORITHM_MISMATCH'
  | 'DUPLICATE_EXTENSION'
  | 'BAD_PUBLIC_KEY'
  | 'BAD_PEM'
  | 'BAD_SUBJECT_ALT_NAME';

/** Thrown by parseCertificate, ParsedCertificate.publicKey() and fromPem; anything else escaping them is a bug. */
export class X509ParseError extends ProtocolError<X509ErrorCode> {}
