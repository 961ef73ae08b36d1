/**
 * The subject's public key (RFC 5280 §4.1.2.7), for EC keys as RFC 5480 puts it:
 *
 *   SubjectPublicKeyInfo  ::=  SEQUENCE  {                      RFC 5280 §4.1
 *        algorithm            AlgorithmIdentifier,
 *        subjectPublicKey     BIT STRING  }
 *
 *   ECParameters ::= CHOICE {                                   RFC 5480 §2.1.1
 *        namedCurve         OBJECT IDENTIFIER
 *        -- implicitCurve   NULL
 *        -- specifiedCurve  SpecifiedECDomain }
 *
 *   The ECPoint's octets are the BIT STRING's octets (RFC 5480 §2.2):
 *   04 || X || Y, uncompressed, 32 bytes each for P-256.
 */
import type { KeyObject } from 'node:crypto';
import {
  decodeBitString,
  decodeOid,
  encodeBitString,
  encodeOid,
  encodeSequence,
  sameTag,
  SequenceReader,
  Tag,
  type Asn1Node,
} from '../asn1/index.ts';
import { Oid, parseAlgorithmIdentifier, type AlgorithmIdentifier, type PublicKeyAlgorithm } from './algorithms.ts';

const UNCOMPRESSED_POINT = 0x04;

/** Checks the structure and names the key type; crypto.createPublicKey does the rest. */
export function parsePublicKeyInfo(node: Asn1Node): PublicKeyAlgorithm {
  const fields = new SequenceReader(node, 'subjectPublicKeyInfo');
  const algorithm = parseAlgorithmIdentifier(fields.next(Tag.SEQUENCE, 'algorithm'), 'subjectPublicKeyInfo.algorithm');
  decodeBitString(fields.next(Tag.BIT_STRING, 'subjectPublicKey'));
  fields.end();
  return classify(algorithm);
}

function classify({ oid, parameters }: AlgorithmIdentifier): PublicKeyAlgorithm {
  switch (oid) {
    case Oid.ecPublicKey: {
      // RFC 5480 §2.1.1: only namedCurve is allowed; a curve we do not name is 'unknown'.
      if (parameters === undefined || !sameTag(parameters.tag, Tag.OBJECT_IDENTIFIER)) return 'unknown';
      const curve = decodeOid(parameters);
      if (curve === Oid.secp256r1) return 'ecdsa-p256';
      return curve === Oid.secp384r1 ? 'ecdsa-p384' : 'unknown';
    }
    case Oid.rsaEncryption:
      return 'rsa';
    case Oid.ed25519:
      return 'ed25519';
    default:
      return 'unknown';
  }
}

/** The SubjectPublicKeyInfo of a P-256 key, written by our encoder from the key's JWK coordinates. */
export function encodeP256PublicKeyInfo(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.crv !== 'P-256' || jwk.x === undefined || jwk.y === undefined) {
    throw new TypeError(`x509: expected a P-256 public key, got ${publicKey.asymmetricKeyType} ${String(jwk.crv)}`);
  }
  const point = Buffer.concat([Uint8Array.of(UNCOMPRESSED_POINT), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
  return encodeSequence([
    encodeSequence([encodeOid(Oid.ecPublicKey), encodeOid(Oid.secp256r1)]),
    encodeBitString(point),
  ]);
}
