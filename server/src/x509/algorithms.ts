/**
 * The algorithm identifiers a WebRTC certificate meets, and what each means
 * for verifying a signature with node:crypto.
 *
 *   AlgorithmIdentifier  ::=  SEQUENCE  {                RFC 5280 §4.1.1.2
 *        algorithm               OBJECT IDENTIFIER,
 *        parameters              ANY DEFINED BY algorithm OPTIONAL  }
 */
import { decodeOid, encodeOid, encodeSequence, SequenceReader, Tag, type Asn1Node } from '../asn1/index.ts';

export const Oid = {
  /** RFC 5480 §2.1.1: id-ecPublicKey, with the curve as parameters. */
  ecPublicKey: '1.2.840.10045.2.1',
  /** RFC 5480 §2.1.1.1: secp256r1, a.k.a. prime256v1 and P-256. */
  secp256r1: '1.2.840.10045.3.1.7',
  secp384r1: '1.3.132.0.34',
  /** RFC 3279 §2.3.1 */
  rsaEncryption: '1.2.840.113549.1.1.1',
  /** RFC 8410 §3: id-Ed25519, for both the key and the signature. */
  ed25519: '1.3.101.112',
  /** RFC 5758 §3.2 */
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  ecdsaWithSha512: '1.2.840.10045.4.3.4',
  /** RFC 4055 §5 */
  sha256WithRsaEncryption: '1.2.840.113549.1.1.11',
  sha384WithRsaEncryption: '1.2.840.113549.1.1.12',
  sha512WithRsaEncryption: '1.2.840.113549.1.1.13',
  /** X.520 id-at-commonName (RFC 5280 §4.1.2.4, Appendix A.1). */
  commonName: '2.5.4.3',
} as const;

/** The subject key's type, enough for DTLS to match it with a CertificateVerify signature scheme. */
export type PublicKeyAlgorithm = 'ecdsa-p256' | 'ecdsa-p384' | 'rsa' | 'ed25519' | 'unknown';

export interface SignatureAlgorithm {
  /** The name openssl prints: 'ecdsa-with-SHA256'. */
  readonly name: string;
  /** The digest for crypto.verify; null for Ed25519, which hashes internally (RFC 8032 §5.1.6). */
  readonly hash: string | null;
  /** The key family that can have made it. */
  readonly keyFamily: 'ecdsa' | 'rsa' | 'ed25519';
}

/** The signature algorithms verifySelfSignature knows, by OID. */
export const SIGNATURE_ALGORITHMS: ReadonlyMap<string, SignatureAlgorithm> = new Map([
  [Oid.ecdsaWithSha256, { name: 'ecdsa-with-SHA256', hash: 'sha256', keyFamily: 'ecdsa' }],
  [Oid.ecdsaWithSha384, { name: 'ecdsa-with-SHA384', hash: 'sha384', keyFamily: 'ecdsa' }],
  [Oid.ecdsaWithSha512, { name: 'ecdsa-with-SHA512', hash: 'sha512', keyFamily: 'ecdsa' }],
  [Oid.sha256WithRsaEncryption, { name: 'sha256WithRSAEncryption', hash: 'sha256', keyFamily: 'rsa' }],
  [Oid.sha384WithRsaEncryption, { name: 'sha384WithRSAEncryption', hash: 'sha384', keyFamily: 'rsa' }],
  [Oid.sha512WithRsaEncryption, { name: 'sha512WithRSAEncryption', hash: 'sha512', keyFamily: 'rsa' }],
  [Oid.ed25519, { name: 'ED25519', hash: null, keyFamily: 'ed25519' }],
]);

export function keyFamilyOf(algorithm: PublicKeyAlgorithm): SignatureAlgorithm['keyFamily'] | undefined {
  if (algorithm === 'ecdsa-p256' || algorithm === 'ecdsa-p384') return 'ecdsa';
  return algorithm === 'unknown' ? undefined : algorithm;
}

export interface AlgorithmIdentifier {
  readonly oid: string;
  readonly parameters: Asn1Node | undefined;
}

export function parseAlgorithmIdentifier(node: Asn1Node, what: string): AlgorithmIdentifier {
  const fields = new SequenceReader(node, what);
  const oid = decodeOid(fields.next(Tag.OBJECT_IDENTIFIER, 'algorithm'));
  const parameters = fields.hasMore ? fields.nextAny('parameters') : undefined;
  fields.end();
  return { oid, parameters };
}

/** RFC 5758 §3.2: "the encoding MUST omit the parameters field" for ecdsa-with-SHA256. */
export function encodeEcdsaWithSha256(): Buffer {
  return encodeSequence([encodeOid(Oid.ecdsaWithSha256)]);
}
