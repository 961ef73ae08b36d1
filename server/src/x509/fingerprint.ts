/**
 * Certificate fingerprints as SDP carries them (RFC 8122 §5):
 *
 *   fingerprint-attribute  =  "fingerprint" ":" hash-func SP fingerprint
 *   hash-func              =  "sha-1" / "sha-224" / "sha-256" /
 *                             "sha-384" / "sha-512" /
 *                             "md5" / "md2" / token
 *   fingerprint            =  2UHEX *(":" 2UHEX)
 *                             ; Each byte in upper-case hex, separated
 *                             ; by colons.
 *
 * The hash covers the whole DER certificate. md2 and md5 are left out: both
 * are broken (RFC 6149, RFC 6151) and no browser offers them.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export type FingerprintAlgorithm = 'sha-1' | 'sha-224' | 'sha-256' | 'sha-384' | 'sha-512';

/** RFC 8122 §5 hash-func name -> node:crypto digest name. */
const DIGESTS: Readonly<Record<FingerprintAlgorithm, string>> = {
  'sha-1': 'sha1',
  'sha-224': 'sha224',
  'sha-256': 'sha256',
  'sha-384': 'sha384',
  'sha-512': 'sha512',
};

/** 'AB:CD:…': the digest of `der` in upper-case hex pairs joined by colons. */
export function certificateFingerprint(der: Uint8Array, algorithm: FingerprintAlgorithm): string {
  const digest = DIGESTS[algorithm];
  if (digest === undefined) throw new TypeError(`x509: unknown fingerprint algorithm ${String(algorithm)}`);
  const hex = createHash(digest).update(der).digest('hex').toUpperCase();
  return hex.replace(/(..)(?!$)/g, '$1:');
}

/**
 * The algorithm an SDP hash-func names, or undefined. ABNF literals are
 * case-insensitive (RFC 5234 §2.3), so 'SHA-256' is 'sha-256'.
 */
export function parseFingerprintAlgorithm(hashFunction: string): FingerprintAlgorithm | undefined {
  const name = hashFunction.toLowerCase();
  return Object.hasOwn(DIGESTS, name) ? (name as FingerprintAlgorithm) : undefined;
}

/**
 * Whether two fingerprints (`AB:CD:…`) are the same, ignoring case (RFC 8122
 * wants upper case, some stacks write lower). The comparison takes the same
 * time wherever the first difference is, so a peer learns nothing from timing.
 */
export function fingerprintsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a.toUpperCase(), 'utf8');
  const right = Buffer.from(b.toUpperCase(), 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
