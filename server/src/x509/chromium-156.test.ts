/**
 * The certificates of a real Chromium 156 DTLS 1.2 handshake
 * (server/fixtures/chromium-156, the lite-dtls12 run): Chromium's own, checked
 * against the openssl dump beside it, Node, and the SDP offer that announced
 * it; and the probe peer's, an openssl-made certificate with v3 extensions.
 */
import { X509Certificate } from 'node:crypto';
import { readFixture, readFixtureText } from '#fixtures/index.ts';
import { describe, expect, it } from 'vitest';
import { fixtureCertificates, toHex } from '../asn1/test-helpers.ts';
import { Oid, SIGNATURE_ALGORITHMS } from './algorithms.ts';
import { parseCertificate, verifySelfSignature } from './certificate.ts';
import { certificateFingerprint, fingerprintsEqual } from './fingerprint.ts';

const { chromium, probe, probeFingerprint } = fixtureCertificates();

/** The facts `openssl x509 -text` printed into cert/chromium-dtls-client-cert.txt. */
function opensslDump() {
  const text = readFixtureText('cert/chromium-dtls-client-cert.txt');
  const field = (pattern: RegExp) => {
    const match = pattern.exec(text);
    if (match?.[1] === undefined) throw new Error(`fixture: ${pattern} not in the openssl dump`);
    return match[1].trim();
  };
  const colonHex = (pattern: RegExp) => field(pattern).replace(/[\s:]/g, '');
  return {
    version: Number(field(/Version: (\d+)/)),
    serial: colonHex(/Serial Number:\s*\n\s*([0-9a-f:]+)/),
    signatureAlgorithm: field(/Signature Algorithm: (\S+)/),
    issuer: field(/Issuer: CN = (.+)/),
    subject: field(/Subject: CN = (.+)/),
    notBefore: new Date(field(/Not Before: (.+)/)),
    notAfter: new Date(field(/Not After : (.+)/)),
    curve: field(/ASN1 OID: (\S+)/),
    nistCurve: field(/NIST CURVE: (\S+)/),
    publicKey: colonHex(/pub:\s*\n([\s0-9a-f:]+?)\n\s*ASN1 OID/),
    signature: colonHex(/Signature Value:\s*\n([\s0-9a-f:]+?)\n\S/),
    sha256: field(/sha256 Fingerprint=(\S+)/),
  };
}

/** The a=fingerprint values of an SDP, one per line that has one. */
function sdpFingerprints(file: string): string[] {
  return [...readFixtureText(file).matchAll(/^a=fingerprint:sha-256 (\S+)\r?$/gm)].map((match) => match[1]!);
}

describe('the Chromium 156 DTLS client certificate', () => {
  const parsed = parseCertificate(chromium);
  const dump = opensslDump();

  it('has the version, serial, names and validity openssl printed', () => {
    expect(parsed.version).toBe(dump.version);
    expect(parsed.serialNumber).toBe(BigInt(`0x${dump.serial}`));
    expect(parsed.issuerCommonName).toBe(dump.issuer);
    expect(parsed.subjectCommonName).toBe(dump.subject);
    expect(parsed.notBefore).toEqual(dump.notBefore);
    expect(parsed.notAfter).toEqual(dump.notAfter);
  });

  it('has the key and signature algorithms openssl printed: P-256 and ecdsa-with-SHA256', () => {
    expect([dump.curve, dump.nistCurve]).toEqual(['prime256v1', 'P-256']);
    expect(parsed.publicKeyAlgorithm).toBe('ecdsa-p256');
    expect(SIGNATURE_ALGORITHMS.get(parsed.signatureAlgorithm)?.name).toBe(dump.signatureAlgorithm);
    expect(parsed.signatureAlgorithm).toBe(Oid.ecdsaWithSha256);
    expect(toHex(parsed.signature)).toBe(dump.signature);
    expect(toHex(parsed.subjectPublicKeyInfo).endsWith(dump.publicKey)).toBe(true);
  });

  it('matches the README: self-signed CN=WebRTC, an 8-byte random serial, 31 days of validity, no extensions', () => {
    expect(parsed.serialNumber.toString(16)).toHaveLength(16);
    expect(parsed.notAfter.getTime() - parsed.notBefore.getTime()).toBe(31 * 24 * 60 * 60 * 1000);
    expect(parsed.extensions).toEqual([]);
    expect(verifySelfSignature(parsed)).toBe(true);
  });

  it("has the SHA-256 fingerprint of openssl, Node, getStats and the offer's a=fingerprint lines", () => {
    const fingerprint = certificateFingerprint(chromium, 'sha-256');
    expect(fingerprint).toBe(dump.sha256);
    expect(fingerprint).toBe(new X509Certificate(chromium).fingerprint256);
    const offered = sdpFingerprints('sdp/lite-dtls12-offer.sdp');
    expect(offered).toHaveLength(3);
    for (const line of offered) expect(fingerprintsEqual(fingerprint, line)).toBe(true);
  });

  it("gives the key Node finds, and the exact tbsCertificate bytes after the outer header", () => {
    expect(parsed.publicKey().equals(new X509Certificate(chromium).publicKey)).toBe(true);
    // 30 82 01 16: the Certificate SEQUENCE's 4-byte header; tbsCertificate starts right after.
    expect(toHex(parsed.tbsCertificate)).toBe(toHex(chromium.subarray(4, 4 + parsed.tbsCertificate.length)));
    expect(parsed.tbsCertificate.length).toBe(3 + 0xbd);
  });

  it("is the certificate inside Chromium's DTLS Certificate message on the wire", () => {
    const flight = readFixture('dtls12-chromium-client/07-c2s-certificate-clientkeyexchange-certificateverify-changecipherspec-finished.bin');
    expect(flight.indexOf(chromium)).toBeGreaterThan(0);
  });
});

describe('the probe peer certificate (openssl-made, with v3 extensions)', () => {
  const parsed = parseCertificate(probe);
  const x509 = new X509Certificate(probe);

  it('reads its names, validity and key as Node does', () => {
    expect(`CN=${parsed.subjectCommonName}`).toBe(x509.subject);
    expect(`CN=${parsed.issuerCommonName}`).toBe(x509.issuer);
    expect(parsed.notBefore.getTime()).toBe(Date.parse(x509.validFrom));
    expect(parsed.notAfter.getTime()).toBe(Date.parse(x509.validTo));
    expect(parsed.serialNumber).toBe(BigInt(`0x${x509.serialNumber}`));
    expect(parsed.publicKeyAlgorithm).toBe('ecdsa-p256');
    expect(verifySelfSignature(parsed)).toBe(true);
  });

  it('lists subjectKeyIdentifier, authorityKeyIdentifier and a critical basicConstraints CA:TRUE', () => {
    expect(parsed.extensions.map(({ oid, critical }) => ({ oid, critical }))).toEqual([
      { oid: '2.5.29.14', critical: false },
      { oid: '2.5.29.35', critical: false },
      { oid: '2.5.29.19', critical: true },
    ]);
    expect(toHex(parsed.extensions[2]!.value)).toBe('30030101ff');
  });

  it("has the fingerprint getStats reported and the answer's a=fingerprint carries", () => {
    const fingerprint = certificateFingerprint(probe, 'sha-256');
    expect(fingerprint).toBe(probeFingerprint);
    for (const line of sdpFingerprints('sdp/lite-dtls12-answer.sdp')) expect(fingerprintsEqual(fingerprint, line)).toBe(true);
  });
});
