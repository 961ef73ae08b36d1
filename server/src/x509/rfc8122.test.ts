/**
 * RFC 8122 §5 fingerprints: the hex format, every hash-func we support, and
 * the comparison DTLS uses against the SDP's a=fingerprint.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixtureCertificates } from '../asn1/test-helpers.ts';
import { certificateFingerprint, fingerprintsEqual, parseFingerprintAlgorithm, type FingerprintAlgorithm } from './fingerprint.ts';

const { chromium } = fixtureCertificates();
/** RFC 8122 §5: fingerprint = 2UHEX *(":" 2UHEX), upper case. */
const FINGERPRINT = /^[0-9A-F]{2}(?::[0-9A-F]{2})*$/;

describe('certificateFingerprint', () => {
  const rows: { algorithm: FingerprintAlgorithm; digest: string; bytes: number }[] = [
    { algorithm: 'sha-1', digest: 'sha1', bytes: 20 },
    { algorithm: 'sha-224', digest: 'sha224', bytes: 28 },
    { algorithm: 'sha-256', digest: 'sha256', bytes: 32 },
    { algorithm: 'sha-384', digest: 'sha384', bytes: 48 },
    { algorithm: 'sha-512', digest: 'sha512', bytes: 64 },
  ];

  it.each(rows)('RFC 8122 §5 $algorithm: $bytes upper-case hex pairs joined by colons', ({ algorithm, digest, bytes }) => {
    const fingerprint = certificateFingerprint(chromium, algorithm);
    expect(fingerprint).toMatch(FINGERPRINT);
    expect(fingerprint.split(':')).toHaveLength(bytes);
    expect(fingerprint.replace(/:/g, '')).toBe(createHash(digest).update(chromium).digest('hex').toUpperCase());
  });

  it('gives the SHA-256 value Chromium put in its offer', () => {
    expect(certificateFingerprint(chromium, 'sha-256')).toBe(
      'B0:D4:5A:2D:CE:C1:CB:B9:B2:0F:F1:BB:30:61:73:DC:ED:16:B5:E3:36:4F:16:42:3A:37:17:9C:E6:9D:7E:F7',
    );
  });

  it('hashes a subarray, not the buffer behind it', () => {
    const framed = Buffer.concat([Buffer.from('xx'), chromium, Buffer.from('yy')]);
    expect(certificateFingerprint(framed.subarray(2, 2 + chromium.length), 'sha-256')).toBe(certificateFingerprint(chromium, 'sha-256'));
  });

  it('throws TypeError for a hash-func it does not support', () => {
    expect(() => certificateFingerprint(chromium, 'md5' as FingerprintAlgorithm)).toThrow(TypeError);
  });
});

describe('parseFingerprintAlgorithm', () => {
  it.each([
    { hashFunction: 'sha-256', want: 'sha-256' },
    { hashFunction: 'sha-1', want: 'sha-1' },
    { hashFunction: 'SHA-512', want: 'sha-512' },
    { hashFunction: 'Sha-224', want: 'sha-224' },
    { hashFunction: 'md5', want: undefined },
    { hashFunction: 'sha256', want: undefined },
    { hashFunction: '', want: undefined },
    { hashFunction: 'constructor', want: undefined },
    { hashFunction: '__proto__', want: undefined },
  ])('RFC 5234 §2.3 case-insensitive hash-func "$hashFunction" -> $want', ({ hashFunction, want }) => {
    expect(parseFingerprintAlgorithm(hashFunction)).toBe(want);
  });
});

describe('fingerprintsEqual', () => {
  const upper = 'B0:D4:5A:2D';
  it.each([
    { name: 'the same fingerprint', a: upper, b: upper, want: true },
    { name: 'lower against upper case (some stacks send lower)', a: upper, b: 'b0:d4:5a:2d', want: true },
    { name: 'one differing byte', a: upper, b: 'B0:D4:5A:2E', want: false },
    { name: 'a prefix', a: upper, b: 'B0:D4:5A', want: false },
    { name: 'another hash length', a: upper, b: `${upper}:00`, want: false },
    { name: 'the same hex without colons', a: upper, b: 'B0D45A2D', want: false },
    { name: 'empty against non-empty', a: '', b: upper, want: false },
  ])('$name -> $want', ({ a, b, want }) => {
    expect(fingerprintsEqual(a, b)).toBe(want);
    expect(fingerprintsEqual(b, a)).toBe(want);
  });
});
