/**
 * Our own certificate: a self-signed ECDSA P-256 certificate like the one a
 * browser makes per RTCPeerConnection (see the Chromium fixture). Peers trust
 * it through the fingerprint we put in SDP (RFC 8122 §5), not through a CA.
 * ECDSA P-256 signs for the ECDHE_ECDSA suites every browser offers. Make one
 * per worker and reuse it across transports; the 30-day default validity is
 * what Chromium uses.
 *
 *   Certificate { tbsCertificate, ecdsa-with-SHA256, signature }   RFC 5280 §4.1
 *   tbsCertificate:
 *     version          [0] 2 (v3, as Chromium writes; no extensions)
 *     serialNumber     8 random bytes, positive (RFC 5280 §4.1.2.2)
 *     signature        ecdsa-with-SHA256, no parameters (RFC 5758 §3.2)
 *     issuer, subject  CN=<commonName> (self-signed: the same name)
 *     validity         UTCTime or GeneralizedTime by year (RFC 5280 §4.1.2.5)
 *     subjectPublicKeyInfo  id-ecPublicKey, prime256v1 (RFC 5480 §2.1.1)
 *     extensions       [3] subjectAltName, only when names are given (RFC 5280 §4.2.1.6):
 *                      what a TLS server certificate for `npm start --https` needs
 */
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import {
  encodeBitString,
  encodeExplicit,
  encodeInteger,
  encodeOctetString,
  encodeOid,
  encodeSequence,
  encodeTime,
} from '../asn1/index.ts';
import { encodeEcdsaWithSha256 } from './algorithms.ts';
import { certificateFingerprint, type FingerprintAlgorithm } from './fingerprint.ts';
import { encodeCommonName } from './name.ts';
import { toPem } from './pem.ts';
import { encodeP256PublicKeyInfo } from './public-key-info.ts';
import { encodeSubjectAltName, SUBJECT_ALT_NAME_OID } from './subject-alt-name.ts';

export interface GenerateCertificateOptions {
  /** Default: 16 random hex digits, so certificates do not identify the server. */
  commonName?: string;
  /** Default: now minus one day, which tolerates a peer whose clock is behind. */
  notBefore?: Date;
  /** Default: now plus 30 days. */
  notAfter?: Date;
  /**
   * Host names and IP addresses for a subjectAltName extension ('localhost',
   * '127.0.0.1', '::1'): a browser accepts a TLS server certificate only for
   * a host listed here. Default: none, and no extensions, like Chromium's.
   */
  subjectAltNames?: readonly string[];
}

export interface LocalCertificate {
  readonly der: Buffer;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly commonName: string;
  readonly subjectAltNames: readonly string[];
  /** The validity as encoded: whole seconds. */
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** 'AB:CD:…' for a=fingerprint (RFC 8122 §5); 'sha-256' unless told otherwise. */
  fingerprint(algorithm?: FingerprintAlgorithm): string;
  /** The certificate as RFC 7468 PEM, for node:https and node:tls. */
  certificatePem(): string;
  /** The private key as PKCS#8 PEM ("PRIVATE KEY", RFC 7468 §10). */
  privateKeyPem(): string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_VALIDITY_DAYS = 30;
const SERIAL_BYTES = 8;
/** RFC 5280 Appendix A.1: ub-common-name INTEGER ::= 64. */
const MAX_COMMON_NAME_LENGTH = 64;
const VERSION_3 = 2n;

export function generateCertificate(options: GenerateCertificateOptions = {}): LocalCertificate {
  const now = Date.now();
  const commonName = options.commonName ?? randomBytes(8).toString('hex');
  const notBefore = wholeSeconds(options.notBefore ?? new Date(now - DAY_MS), 'notBefore');
  const notAfter = wholeSeconds(options.notAfter ?? new Date(now + DEFAULT_VALIDITY_DAYS * DAY_MS), 'notAfter');
  if (commonName.length === 0 || commonName.length > MAX_COMMON_NAME_LENGTH) {
    throw new RangeError(`x509: commonName must be 1..${MAX_COMMON_NAME_LENGTH} characters, got ${commonName.length}`);
  }
  if (notAfter <= notBefore) {
    throw new RangeError(`x509: notAfter (${notAfter.toISOString()}) must be after notBefore (${notBefore.toISOString()})`);
  }

  const subjectAltNames = [...(options.subjectAltNames ?? [])];
  const extensions = subjectAltNames.length === 0 ? [] : [encodeExtensions(subjectAltNames)];

  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const name = encodeCommonName(commonName);
  const algorithm = encodeEcdsaWithSha256();
  const tbsCertificate = encodeSequence([
    encodeExplicit(0, encodeInteger(VERSION_3)),
    encodeInteger(randomSerial()),
    algorithm,
    name,
    encodeSequence([encodeTime(notBefore), encodeTime(notAfter)]),
    name,
    encodeP256PublicKeyInfo(publicKey),
    ...extensions,
  ]);
  // dsaEncoding 'der': X.509 carries the Ecdsa-Sig-Value SEQUENCE { r, s } (RFC 3279 §2.2.3).
  const signature = sign('sha256', tbsCertificate, { key: privateKey, dsaEncoding: 'der' });
  const der = encodeSequence([tbsCertificate, algorithm, encodeBitString(signature)]);

  return {
    der,
    privateKey,
    publicKey,
    commonName,
    subjectAltNames,
    notBefore,
    notAfter,
    fingerprint: (fingerprintAlgorithm = 'sha-256') => certificateFingerprint(der, fingerprintAlgorithm),
    certificatePem: () => toPem(der, 'CERTIFICATE'),
    privateKeyPem: () => privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
}

/**
 * `[3] EXPLICIT Extensions` holding one subjectAltName. Not critical: RFC 5280
 * §4.2.1.6 asks for critical only when the subject name is empty, and ours has a CN.
 */
function encodeExtensions(subjectAltNames: readonly string[]): Buffer {
  const subjectAltName = encodeSequence([encodeOid(SUBJECT_ALT_NAME_OID), encodeOctetString(encodeSubjectAltName(subjectAltNames))]);
  return encodeExplicit(3, encodeSequence([subjectAltName]));
}

/** RFC 5280 §4.1.2.2: a positive integer; a zero draw (1 in 2^64) gets its low bit set. */
function randomSerial(): Buffer {
  const serial = randomBytes(SERIAL_BYTES);
  if (serial.every((byte) => byte === 0)) serial[SERIAL_BYTES - 1] = 1;
  return serial;
}

function wholeSeconds(date: Date, what: string): Date {
  const time = date.getTime();
  if (Number.isNaN(time)) throw new RangeError(`x509: ${what} is an invalid Date`);
  return new Date(Math.floor(time / 1000) * 1000);
}
