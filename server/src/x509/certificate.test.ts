/**
 * parseCertificate and verifySelfSignature on certificates assembled field by
 * field (test-support.ts), so each row breaks or exercises one RFC 5280 rule.
 */
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  Asn1ParseError,
  encodeBitString,
  encodeExplicit,
  encodeInteger,
  encodeOid,
  encodePrintableString,
  encodeSequence,
  encodeSet,
  encodeTlv,
  encodeUtf8String,
  contextTag,
  parseDer,
  Tag,
} from '../asn1/index.ts';
import { thrownCode } from '../asn1/test-helpers.ts';
import { Oid, type PublicKeyAlgorithm } from './algorithms.ts';
import { parseCertificate, verifySelfSignature } from './certificate.ts';
import { X509ParseError, type X509ErrorCode } from './errors.ts';
import { algorithmIdentifier, buildCertificate, extensionsField, type KeyPair } from './test-support.ts';

const basicConstraints = ['2.5.29.19', true, Uint8Array.of(0x30, 0x00)] as const;
const keyUsage = ['2.5.29.15', false, Uint8Array.of(0x03, 0x02, 0x07, 0x80)] as const;

/** A Name of `[type OID, value encoding]` attributes, one per RDN. */
function name(...attributes: (readonly [string, Uint8Array])[]): Buffer {
  return encodeSequence(attributes.map(([type, value]) => encodeSet([encodeSequence([encodeOid(type), value])])));
}

describe('parseCertificate and verifySelfSignature across key types', () => {
  const rows: { name: string; keyPair: KeyPair; signatureOid: string; hash: string | null; want: PublicKeyAlgorithm }[] = [
    { name: 'RFC 5758 P-256 / ecdsa-with-SHA256', keyPair: generateKeyPairSync('ec', { namedCurve: 'P-256' }), signatureOid: Oid.ecdsaWithSha256, hash: 'sha256', want: 'ecdsa-p256' },
    { name: 'RFC 5758 P-384 / ecdsa-with-SHA384', keyPair: generateKeyPairSync('ec', { namedCurve: 'P-384' }), signatureOid: Oid.ecdsaWithSha384, hash: 'sha384', want: 'ecdsa-p384' },
    { name: 'RFC 4055 RSA / sha256WithRSAEncryption', keyPair: generateKeyPairSync('rsa', { modulusLength: 2048 }), signatureOid: Oid.sha256WithRsaEncryption, hash: 'sha256', want: 'rsa' },
    { name: 'RFC 8410 Ed25519', keyPair: generateKeyPairSync('ed25519'), signatureOid: Oid.ed25519, hash: null, want: 'ed25519' },
  ];

  it.each(rows)('$name', ({ keyPair, signatureOid, hash, want }) => {
    const der = buildCertificate({ keyPair, signatureOid, hash });
    const parsed = parseCertificate(der);
    expect(parsed.publicKeyAlgorithm).toBe(want);
    expect(parsed.signatureAlgorithm).toBe(signatureOid);
    expect(parsed.publicKey().equals(keyPair.publicKey)).toBe(true);
    expect(verifySelfSignature(parsed)).toBe(true);
    expect(new X509Certificate(der).verify(keyPair.publicKey)).toBe(true);
  });

  it("names an EC key on another curve 'unknown' and does not verify it", () => {
    const keyPair = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
    const parsed = parseCertificate(buildCertificate({ keyPair }));
    expect(parsed.publicKeyAlgorithm).toBe('unknown');
    expect(verifySelfSignature(parsed)).toBe(false);
  });
});

describe('verifySelfSignature says false', () => {
  it.each([
    { name: 'for a signature with one bit flipped', der: () => buildCertificate({ tamper: (s) => (s[10]! ^= 1, s) }) },
    { name: 'for a signature that is not an Ecdsa-Sig-Value', der: () => buildCertificate({ tamper: () => Buffer.from('not a signature') }) },
    {
      name: 'for a signature by another key',
      der: () => buildCertificate({ subjectPublicKeyInfo: generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'der', type: 'spki' }) }),
    },
    { name: 'for an RSA signature algorithm over an EC key', der: () => buildCertificate({ signatureOid: Oid.sha256WithRsaEncryption }) },
    { name: 'for an algorithm it does not know (RSASSA-PSS)', der: () => buildCertificate({ signatureOid: '1.2.840.113549.1.1.10' }) },
  ])('$name', ({ der }) => {
    expect(verifySelfSignature(parseCertificate(der()))).toBe(false);
  });
});

describe('parseCertificate reads', () => {
  it('RFC 5280 §4.1.2.1 a v1 certificate, which has no version field', () => {
    expect(parseCertificate(buildCertificate({ version: null })).version).toBe(1);
    expect(parseCertificate(buildCertificate({ version: 0n })).version).toBe(1);
  });

  it('RFC 5280 §4.1.2.8 v2 unique identifiers, which it skips', () => {
    const uniqueId = encodeTlv(contextTag(1, false), Uint8Array.of(0x00, 0xab));
    const parsed = parseCertificate(buildCertificate({ version: 1n, trailing: [uniqueId] }));
    expect(parsed.version).toBe(2);
    expect(verifySelfSignature(parsed)).toBe(true);
  });

  it('RFC 5280 §4.2 extensions, critical or not', () => {
    const parsed = parseCertificate(buildCertificate({ trailing: [extensionsField(basicConstraints, keyUsage)] }));
    expect(parsed.extensions).toEqual([
      { oid: '2.5.29.19', critical: true, value: Uint8Array.of(0x30, 0x00) },
      { oid: '2.5.29.15', critical: false, value: Uint8Array.of(0x03, 0x02, 0x07, 0x80) },
    ]);
  });

  it('RFC 5280 §4.1.2.5 GeneralizedTime validity from 2050', () => {
    const validity = encodeSequence([
      encodeTlv(Tag.GENERALIZED_TIME, Buffer.from('20500101000000Z')),
      encodeTlv(Tag.GENERALIZED_TIME, Buffer.from('21000101000000Z')),
    ]);
    const parsed = parseCertificate(buildCertificate({ validity }));
    expect([parsed.notBefore.toISOString(), parsed.notAfter.toISOString()]).toEqual(['2050-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z']);
  });

  it('RFC 5280 §4.1.2.2 a negative serial number, handled "gracefully"', () => {
    expect(parseCertificate(buildCertificate({ serialNumber: -5n })).serialNumber).toBe(-5n);
  });

  it.each([
    { name: 'a PrintableString CN', issuer: name([Oid.commonName, encodePrintableString('Example CA')]), want: 'Example CA' },
    { name: 'the last of several CNs', issuer: name([Oid.commonName, encodeUtf8String('root')], ['2.5.4.10', encodeUtf8String('Org')], [Oid.commonName, encodeUtf8String('leaf')]), want: 'leaf' },
    { name: 'no CN as undefined', issuer: name(['2.5.4.10', encodeUtf8String('Org')]), want: undefined },
    { name: 'an empty Name as undefined', issuer: encodeSequence([]), want: undefined },
    { name: 'a BMPString CN, which it does not decode, as undefined', issuer: name([Oid.commonName, encodeTlv({ tagClass: 'universal', constructed: false, number: 30 }, Uint8Array.of(0, 0x41))]), want: undefined },
  ])('RFC 5280 §4.1.2.4 $name', ({ issuer, want }) => {
    expect(parseCertificate(buildCertificate({ issuer })).issuerCommonName).toBe(want);
  });

  it('into copies, so the input buffer can be reused', () => {
    const der = buildCertificate();
    const parsed = parseCertificate(der);
    const tbs = Buffer.from(parsed.tbsCertificate);
    der.fill(0);
    expect(Buffer.from(parsed.tbsCertificate).equals(tbs)).toBe(true);
    expect(verifySelfSignature(parsed)).toBe(true);
  });
});

describe('parseCertificate rejects', () => {
  const good = buildCertificate();
  const rows: { name: string; der: () => Uint8Array; code: X509ErrorCode; asn1?: string }[] = [
    { name: 'bytes after the certificate', der: () => Buffer.concat([good, Uint8Array.of(0)]), code: 'BAD_DER', asn1: 'TRAILING_BYTES' },
    { name: 'a truncated certificate', der: () => good.subarray(0, good.length - 1), code: 'BAD_DER', asn1: 'TRUNCATED' },
    { name: 'a SET where the Certificate SEQUENCE goes', der: () => encodeSet([good]), code: 'BAD_DER', asn1: 'UNEXPECTED_TAG' },
    { name: 'a Certificate without signatureValue', der: () => encodeSequence(parseChildren(good).slice(0, 2)), code: 'BAD_DER', asn1: 'MISSING_ELEMENT' },
    { name: 'a fourth Certificate component', der: () => encodeSequence([...parseChildren(good), encodeInteger(0n)]), code: 'BAD_DER', asn1: 'UNEXPECTED_ELEMENT' },
    { name: 'a component after extensions', der: () => buildCertificate({ trailing: [extensionsField(keyUsage), encodeInteger(1n)] }), code: 'BAD_DER', asn1: 'UNEXPECTED_ELEMENT' },
    { name: 'an INTEGER where a Time goes', der: () => buildCertificate({ validity: encodeSequence([encodeInteger(1n), encodeInteger(2n)]) }), code: 'BAD_DER', asn1: 'UNEXPECTED_TAG' },
    { name: 'a Time with a bad date', der: () => buildCertificate({ validity: encodeSequence([utc('261301000000Z'), utc('270101000000Z')]) }), code: 'BAD_DER', asn1: 'BAD_TIME' },
    { name: 'a non-minimal serial number', der: () => buildCertificate({ rawSerialNumber: Uint8Array.of(0x02, 0x02, 0x00, 0x01) }), code: 'BAD_DER', asn1: 'NON_MINIMAL_INTEGER' },
    { name: 'an empty serial number', der: () => buildCertificate({ rawSerialNumber: Uint8Array.of(0x02, 0x00) }), code: 'BAD_DER', asn1: 'BAD_INTEGER' },
    { name: 'an empty Extensions list (SIZE (1..MAX))', der: () => buildCertificate({ trailing: [encodeExplicit(3, encodeSequence([]))] }), code: 'BAD_DER', asn1: 'MISSING_ELEMENT' },
    { name: 'RFC 5280 §4.1.2.1 version field 3 (there is no v4)', der: () => buildCertificate({ version: 3n }), code: 'UNSUPPORTED_VERSION' },
    { name: 'RFC 5280 §4.1.2.9 extensions in a v1 certificate', der: () => buildCertificate({ version: null, trailing: [extensionsField(keyUsage)] }), code: 'VERSION_MISMATCH' },
    { name: 'RFC 5280 §4.1.2.9 extensions in a v2 certificate', der: () => buildCertificate({ version: 1n, trailing: [extensionsField(keyUsage)] }), code: 'VERSION_MISMATCH' },
    { name: 'RFC 5280 §4.1.2.8 a unique identifier in a v1 certificate', der: () => buildCertificate({ version: null, trailing: [encodeTlv(contextTag(2, false), Uint8Array.of(0))] }), code: 'VERSION_MISMATCH' },
    { name: 'RFC 5280 §4.1.1.2 another outer signatureAlgorithm', der: () => buildCertificate({ outerAlgorithm: algorithmIdentifier(Oid.ecdsaWithSha384) }), code: 'ALGORITHM_MISMATCH' },
    { name: 'RFC 5280 §4.1.1.2 the same OID with other parameters', der: () => buildCertificate({ outerAlgorithm: encodeSequence([encodeOid(Oid.ecdsaWithSha256), encodeTlv(Tag.NULL, new Uint8Array(0))]) }), code: 'ALGORITHM_MISMATCH' },
    { name: 'RFC 5280 §4.2 the same extension twice', der: () => buildCertificate({ trailing: [extensionsField(keyUsage, keyUsage)] }), code: 'DUPLICATE_EXTENSION' },
  ];

  it.each(rows)('$name -> $code $asn1', ({ der, code, asn1 }) => {
    const input = der();
    expect(thrownCode(X509ParseError, () => parseCertificate(input))).toBe(code);
    if (asn1 !== undefined) {
      const cause = captureError(() => parseCertificate(input)).cause;
      expect(cause).toBeInstanceOf(Asn1ParseError);
      expect((cause as Asn1ParseError).code).toBe(asn1);
    }
  });

  it('a public key crypto cannot load, when publicKey() is asked for it', () => {
    const spki = encodeSequence([
      encodeSequence([encodeOid(Oid.ecPublicKey), encodeOid(Oid.secp256r1)]),
      encodeBitString(Uint8Array.of(0x04, ...new Uint8Array(64))), // (0, 0) is not on the curve
    ]);
    const parsed = parseCertificate(buildCertificate({ subjectPublicKeyInfo: spki }));
    expect(parsed.publicKeyAlgorithm).toBe('ecdsa-p256');
    expect(thrownCode(X509ParseError, () => parsed.publicKey())).toBe('BAD_PUBLIC_KEY');
    expect(thrownCode(X509ParseError, () => verifySelfSignature(parsed))).toBe('BAD_PUBLIC_KEY');
  });

  it('with messages that say x509 and where', () => {
    expect(() => parseCertificate(buildCertificate({ validity: encodeSequence([encodeInteger(1n)]) }))).toThrow(
      /^x509: asn1: time at offset \d+: expected UTC TIME or GENERALIZED TIME, got INTEGER$/,
    );
  });
});

function utc(text: string): Buffer {
  return encodeTlv(Tag.UTC_TIME, Buffer.from(text, 'latin1'));
}

function parseChildren(der: Uint8Array): Buffer[] {
  return parseDer(der).children.map((child) => Buffer.from(child.raw));
}

function captureError(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('nothing thrown');
}
