/**
 * Reads a peer's certificate (RFC 5280 §4.1) far enough for DTLS: its public
 * key, validity and names, and the exact to-be-signed bytes.
 *
 *   Certificate  ::=  SEQUENCE  {
 *        tbsCertificate       TBSCertificate,
 *        signatureAlgorithm   AlgorithmIdentifier,
 *        signatureValue       BIT STRING  }
 *
 *   TBSCertificate  ::=  SEQUENCE  {
 *        version         [0]  EXPLICIT Version DEFAULT v1,
 *        serialNumber         CertificateSerialNumber,     -- INTEGER
 *        signature            AlgorithmIdentifier,
 *        issuer               Name,
 *        validity             Validity,
 *        subject              Name,
 *        subjectPublicKeyInfo SubjectPublicKeyInfo,
 *        issuerUniqueID  [1]  IMPLICIT UniqueIdentifier OPTIONAL,
 *                             -- If present, version MUST be v2 or v3
 *        subjectUniqueID [2]  IMPLICIT UniqueIdentifier OPTIONAL,
 *                             -- If present, version MUST be v2 or v3
 *        extensions      [3]  EXPLICIT Extensions OPTIONAL
 *                             -- If present, version MUST be v3
 *        }
 *
 *   Version  ::=  INTEGER  {  v1(0), v2(1), v3(2)  }
 *   Validity ::= SEQUENCE { notBefore Time, notAfter Time }
 *   Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime }
 *
 * No chain or validity-period checks: WebRTC certificates are self-signed and
 * trusted through the SDP's a=fingerprint (RFC 8122 §5).
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import {
  Asn1ParseError,
  contextTag,
  decodeBitString,
  decodeInteger,
  decodeTime,
  expectTag,
  parseDer,
  SequenceReader,
  Tag,
  type Asn1Node,
} from '../asn1/index.ts';
import {
  keyFamilyOf,
  parseAlgorithmIdentifier,
  SIGNATURE_ALGORITHMS,
  type PublicKeyAlgorithm,
} from './algorithms.ts';
import { X509ParseError } from './errors.ts';
import { parseExtensions, type CertificateExtension } from './extensions.ts';
import { commonNameOf } from './name.ts';
import { parsePublicKeyInfo } from './public-key-info.ts';

/**
 * What parseCertificate keeps. Byte fields are copies (`new Uint8Array(view)`;
 * Buffer#slice would share memory), so the handshake buffer the certificate
 * came in can be reused.
 */
export interface ParsedCertificate {
  /** RFC 5280 §4.1.2.1: v1, v2 or v3, as the number people say (the field holds 0, 1, 2). */
  readonly version: 1 | 2 | 3;
  /** The exact DER of tbsCertificate: what signatureValue signs (RFC 5280 §4.1.1.3). */
  readonly tbsCertificate: Uint8Array;
  /** RFC 5280 §4.1.2.2: should be positive; users "SHOULD be prepared to gracefully handle" others. */
  readonly serialNumber: bigint;
  /** The signature algorithm's OID, e.g. '1.2.840.10045.4.3.2' (ecdsa-with-SHA256). */
  readonly signatureAlgorithm: string;
  /** signatureValue's octets: for ECDSA, the DER Ecdsa-Sig-Value (RFC 3279 §2.2.3). */
  readonly signature: Uint8Array;
  readonly issuerCommonName: string | undefined;
  readonly subjectCommonName: string | undefined;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** The whole SubjectPublicKeyInfo, as DER. */
  readonly subjectPublicKeyInfo: Uint8Array;
  readonly publicKeyAlgorithm: PublicKeyAlgorithm;
  readonly extensions: readonly CertificateExtension[];
  /** The subject's key for crypto.verify; throws X509ParseError `BAD_PUBLIC_KEY` if crypto cannot load it. */
  publicKey(): KeyObject;
}

/** Throws X509ParseError (with the Asn1ParseError as `cause` for code `BAD_DER`). */
export function parseCertificate(der: Uint8Array): ParsedCertificate {
  try {
    return readCertificate(parseDer(der));
  } catch (error) {
    if (error instanceof Asn1ParseError) throw new X509ParseError('BAD_DER', `x509: ${error.message}`, { cause: error });
    throw error;
  }
}

function readCertificate(root: Asn1Node): ParsedCertificate {
  expectTag(root, Tag.SEQUENCE, 'Certificate');
  const certificate = new SequenceReader(root, 'Certificate');
  const tbsNode = certificate.next(Tag.SEQUENCE, 'tbsCertificate');
  const signatureAlgorithm = certificate.next(Tag.SEQUENCE, 'signatureAlgorithm');
  const signature = decodeBitString(certificate.next(Tag.BIT_STRING, 'signatureValue'));
  certificate.end();

  const tbs = readTbsCertificate(tbsNode);
  // RFC 5280 §4.1.1.2: signatureAlgorithm "MUST contain the same algorithm identifier as the signature field".
  if (!Buffer.from(signatureAlgorithm.raw).equals(tbs.signature.raw)) {
    throw new X509ParseError('ALGORITHM_MISMATCH', 'x509: signatureAlgorithm differs from tbsCertificate.signature');
  }
  const { oid } = parseAlgorithmIdentifier(signatureAlgorithm, 'signatureAlgorithm');
  const subjectPublicKeyInfo = new Uint8Array(tbs.subjectPublicKeyInfo.raw);
  let publicKey: KeyObject | undefined;
  return {
    version: tbs.version,
    tbsCertificate: new Uint8Array(tbsNode.raw),
    serialNumber: tbs.serialNumber,
    signatureAlgorithm: oid,
    signature: new Uint8Array(signature.bytes),
    issuerCommonName: tbs.issuerCommonName,
    subjectCommonName: tbs.subjectCommonName,
    notBefore: tbs.notBefore,
    notAfter: tbs.notAfter,
    subjectPublicKeyInfo,
    publicKeyAlgorithm: tbs.publicKeyAlgorithm,
    extensions: tbs.extensions,
    publicKey: () => (publicKey ??= loadPublicKey(subjectPublicKeyInfo)),
  };
}

function readTbsCertificate(node: Asn1Node) {
  const fields = new SequenceReader(node, 'tbsCertificate');
  const version = readVersion(fields.optional(contextTag(0)));
  const serialNumber = decodeInteger(fields.next(Tag.INTEGER, 'serialNumber'));
  const signature = fields.next(Tag.SEQUENCE, 'signature');
  parseAlgorithmIdentifier(signature, 'tbsCertificate.signature');
  const issuerCommonName = commonNameOf(fields.next(Tag.SEQUENCE, 'issuer'), 'issuer');
  const validity = new SequenceReader(fields.next(Tag.SEQUENCE, 'validity'), 'validity');
  const notBefore = decodeTime(validity.nextAny('notBefore'));
  const notAfter = decodeTime(validity.nextAny('notAfter'));
  validity.end();
  const subjectCommonName = commonNameOf(fields.next(Tag.SEQUENCE, 'subject'), 'subject');
  const subjectPublicKeyInfo = fields.next(Tag.SEQUENCE, 'subjectPublicKeyInfo');
  const publicKeyAlgorithm = parsePublicKeyInfo(subjectPublicKeyInfo);
  const issuerUniqueId = fields.optional(contextTag(1, false));
  const subjectUniqueId = fields.optional(contextTag(2, false));
  const extensionsNode = fields.optional(contextTag(3));
  fields.end();
  if ((issuerUniqueId !== undefined || subjectUniqueId !== undefined) && version === 1) {
    throw new X509ParseError('VERSION_MISMATCH', 'x509: unique identifiers in a v1 certificate (RFC 5280 §4.1.2.8)');
  }
  if (extensionsNode !== undefined && version !== 3) {
    throw new X509ParseError('VERSION_MISMATCH', `x509: extensions in a v${version} certificate (RFC 5280 §4.1.2.9)`);
  }
  const extensions = extensionsNode === undefined ? [] : parseExtensions(extensionsNode);
  return {
    version,
    serialNumber,
    signature,
    issuerCommonName,
    notBefore,
    notAfter,
    subjectCommonName,
    subjectPublicKeyInfo,
    publicKeyAlgorithm,
    extensions,
  };
}

/** RFC 5280 §4.1.2.1: `[0] EXPLICIT Version DEFAULT v1`, Version ::= INTEGER { v1(0), v2(1), v3(2) }. */
function readVersion(node: Asn1Node | undefined): 1 | 2 | 3 {
  if (node === undefined) return 1;
  const fields = new SequenceReader(node, 'version');
  const value = decodeInteger(fields.next(Tag.INTEGER, 'Version'));
  fields.end();
  if (value === 0n) return 1;
  if (value === 1n) return 2;
  if (value === 2n) return 3;
  throw new X509ParseError('UNSUPPORTED_VERSION', `x509: version field ${value} (only v1(0), v2(1), v3(2) exist)`);
}

function loadPublicKey(spki: Uint8Array): KeyObject {
  try {
    return createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  } catch (error) {
    throw new X509ParseError('BAD_PUBLIC_KEY', `x509: crypto cannot load the subject public key: ${String(error)}`, {
      cause: error,
    });
  }
}

/**
 * True if the certificate's signature verifies with its own public key, as a
 * self-signed WebRTC certificate's does. False for a wrong signature, for a
 * signature algorithm SIGNATURE_ALGORITHMS does not list (RSASSA-PSS, …), or
 * one that does not fit the key. Throws X509ParseError `BAD_PUBLIC_KEY` like publicKey().
 */
export function verifySelfSignature(certificate: ParsedCertificate): boolean {
  const algorithm = SIGNATURE_ALGORITHMS.get(certificate.signatureAlgorithm);
  if (algorithm === undefined || algorithm.keyFamily !== keyFamilyOf(certificate.publicKeyAlgorithm)) return false;
  // dsaEncoding 'der': X.509 carries ECDSA signatures as the DER Ecdsa-Sig-Value (RFC 3279 §2.2.3).
  const key = { key: certificate.publicKey(), dsaEncoding: 'der' } as const;
  return verify(algorithm.hash, certificate.tbsCertificate, key, certificate.signature);
}
