/**
 * Our generated certificates, checked by parsers we did not write: Node's
 * X509Certificate (OpenSSL inside) and the openssl CLI, then our own.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeTime, parseDer, Tag } from '../asn1/index.ts';
import { Oid } from './algorithms.ts';
import { parseCertificate, verifySelfSignature } from './certificate.ts';
import { generateCertificate } from './generate.ts';
import { opensslAvailable } from './test-support.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const certificate = generateCertificate();

describe("generateCertificate, as Node's X509Certificate sees it", () => {
  const x509 = new X509Certificate(certificate.der);

  it('is self-signed: subject and issuer are the same CN, and the signature verifies with its own key', () => {
    expect(x509.subject).toBe(`CN=${certificate.commonName}`);
    expect(x509.issuer).toBe(x509.subject);
    expect(x509.verify(certificate.publicKey)).toBe(true);
    expect(x509.checkIssued(x509)).toBe(true);
  });

  it('pairs with its private key', () => {
    expect(x509.checkPrivateKey(certificate.privateKey)).toBe(true);
    expect(x509.checkPrivateKey(generateCertificate().privateKey)).toBe(false);
  });

  it('carries a P-256 key equal to the one returned', () => {
    expect(x509.publicKey.asymmetricKeyType).toBe('ec');
    expect(x509.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(x509.publicKey.equals(certificate.publicKey)).toBe(true);
  });

  it('has the fingerprints Node computes', () => {
    expect(certificate.fingerprint()).toBe(x509.fingerprint256);
    expect(certificate.fingerprint('sha-256')).toBe(x509.fingerprint256);
    expect(certificate.fingerprint('sha-1')).toBe(x509.fingerprint);
    expect(certificate.fingerprint('sha-512')).toBe(x509.fingerprint512);
  });

  it('is valid from now minus one day to now plus 30 days, in whole seconds', () => {
    const now = Date.now();
    expect(Date.parse(x509.validFrom)).toBe(certificate.notBefore.getTime());
    expect(Date.parse(x509.validTo)).toBe(certificate.notAfter.getTime());
    expect(Math.abs(certificate.notBefore.getTime() - (now - DAY_MS))).toBeLessThan(10_000);
    expect(Math.abs(certificate.notAfter.getTime() - (now + 30 * DAY_MS))).toBeLessThan(10_000);
    expect(certificate.notAfter.getTime() % 1000).toBe(0);
  });

  it('has a positive 8-byte random serial and a random 16-hex-digit CN', () => {
    expect(BigInt(`0x${x509.serialNumber}`)).toBeGreaterThan(0n);
    expect(x509.serialNumber.replace(/^00/, '')).toMatch(/^[0-9A-F]{1,16}$/);
    expect(certificate.commonName).toMatch(/^[0-9a-f]{16}$/);
    const other = generateCertificate();
    expect(other.commonName).not.toBe(certificate.commonName);
    expect(new X509Certificate(other.der).serialNumber).not.toBe(x509.serialNumber);
    expect(other.fingerprint()).not.toBe(certificate.fingerprint());
  });

  it('writes the SubjectPublicKeyInfo byte for byte as Node exports it', () => {
    const spki = parseCertificate(certificate.der).subjectPublicKeyInfo;
    expect(Buffer.from(spki).equals(certificate.publicKey.export({ format: 'der', type: 'spki' }))).toBe(true);
  });
});

describe('generateCertificate, read back by parseCertificate', () => {
  it('reads v3, ecdsa-with-SHA256, P-256, the names and validity, and a good self-signature', () => {
    const parsed = parseCertificate(certificate.der);
    expect(parsed).toMatchObject({
      version: 3,
      signatureAlgorithm: Oid.ecdsaWithSha256,
      publicKeyAlgorithm: 'ecdsa-p256',
      issuerCommonName: certificate.commonName,
      subjectCommonName: certificate.commonName,
      notBefore: certificate.notBefore,
      notAfter: certificate.notAfter,
      extensions: [],
    });
    expect(verifySelfSignature(parsed)).toBe(true);
    expect(parsed.publicKey().equals(certificate.publicKey)).toBe(true);
  });

  it('takes a chosen common name and validity', () => {
    const chosen = generateCertificate({
      commonName: 'sfu.example.org',
      notBefore: new Date('2026-01-01T00:00:00.750Z'),
      notAfter: new Date('2026-02-01T00:00:00Z'),
    });
    const x509 = new X509Certificate(chosen.der);
    expect(x509.subject).toBe('CN=sfu.example.org');
    expect(x509.validFrom).toBe('Jan  1 00:00:00 2026 GMT');
    expect(x509.validTo).toBe('Feb  1 00:00:00 2026 GMT');
    expect(chosen.notBefore.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('RFC 5280 §4.1.2.5: writes UTCTime through 2049 and GeneralizedTime from 2050', () => {
    const long = generateCertificate({ notBefore: new Date('2049-12-31T23:59:59Z'), notAfter: new Date('2050-01-01T00:00:00Z') });
    const validity = parseDer(long.der).children[0]!.children[4]!.children;
    expect(validity.map((time) => time.tag)).toEqual([Tag.UTC_TIME, Tag.GENERALIZED_TIME]);
    expect(validity.map((time) => decodeTime(time).toISOString())).toEqual(['2049-12-31T23:59:59.000Z', '2050-01-01T00:00:00.000Z']);
    expect(new X509Certificate(long.der).validTo).toBe('Jan  1 00:00:00 2050 GMT');
  });

  it.each([
    { name: 'an empty common name', options: { commonName: '' } },
    { name: 'a common name over ub-common-name (64)', options: { commonName: 'x'.repeat(65) } },
    { name: 'notAfter equal to notBefore', options: { notBefore: new Date(0), notAfter: new Date(0) } },
    { name: 'notAfter before notBefore', options: { notBefore: new Date(2000), notAfter: new Date(1000) } },
    { name: 'an invalid Date', options: { notAfter: new Date(Number.NaN) } },
  ])('throws RangeError for $name', ({ options }) => {
    expect(() => generateCertificate(options)).toThrow(RangeError);
  });
});

describe.skipIf(!opensslAvailable())('generateCertificate, as the openssl CLI sees it', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'x509-test-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { input: certificate.der, encoding: 'utf8' });

  it('prints ecdsa-with-SHA256, P-256, version 3, our CN and our SHA-256 fingerprint', () => {
    const text = openssl('x509', '-inform', 'DER', '-noout', '-text', '-fingerprint', '-sha256');
    expect(text).toContain('Version: 3 (0x2)');
    expect(text).toMatch(/Signature Algorithm: ecdsa-with-SHA256/);
    expect(text).toMatch(/ASN1 OID: prime256v1/);
    expect(text).toMatch(/NIST CURVE: P-256/);
    expect(text).toContain(`Subject: CN = ${certificate.commonName}`);
    expect(text).toMatch(new RegExp(`sha256 Fingerprint=${certificate.fingerprint()}$`, 'im'));
  });

  it('verifies the self-signature (openssl verify -check_ss_sig)', () => {
    const pem = path.join(directory, 'cert.pem');
    writeFileSync(pem, certificate.certificatePem());
    expect(execFileSync('openssl', ['verify', '-check_ss_sig', '-CAfile', pem, pem], { encoding: 'utf8' })).toBe(`${pem}: OK\n`);
  });

  it('writes the same PEM as openssl x509 -outform PEM', () => {
    expect(openssl('x509', '-inform', 'DER', '-outform', 'PEM')).toBe(certificate.certificatePem());
  });

  it.each([
    { algorithm: 'sha-1', flag: '-sha1' },
    { algorithm: 'sha-384', flag: '-sha384' },
    { algorithm: 'sha-512', flag: '-sha512' },
  ] as const)('agrees on the $algorithm fingerprint too', ({ algorithm, flag }) => {
    // OpenSSL 3 prints "sha1 Fingerprint=", 1.1 "SHA1 Fingerprint=".
    const printed = openssl('x509', '-inform', 'DER', '-noout', '-fingerprint', flag).trim();
    expect(printed.toLowerCase().startsWith(`${flag.slice(1)} fingerprint=`)).toBe(true);
    expect(printed.split('=')[1]).toBe(certificate.fingerprint(algorithm));
  });
});
