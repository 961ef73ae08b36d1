/**
 * Test-only helpers for the x509 tests: certificates assembled field by field
 * (so error tests can break exactly one rule), and the openssl CLI.
 * Nothing in the package imports it.
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import {
  encodeBitString,
  encodeBoolean,
  encodeExplicit,
  encodeInteger,
  encodeNull,
  encodeOctetString,
  encodeOid,
  encodeSequence,
  encodeTime,
} from '../asn1/index.ts';
import { Oid } from './algorithms.ts';
import { encodeCommonName } from './name.ts';

export interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface CertificateFields {
  keyPair?: KeyPair;
  /** The OID in both AlgorithmIdentifiers, and the digest it signs with (null for Ed25519). */
  signatureOid?: string;
  hash?: string | null;
  /** The `[0] EXPLICIT` version value; null leaves the field out (v1). Default 2n (v3). */
  version?: bigint | null;
  serialNumber?: bigint;
  /** The whole serialNumber encoding, for encodings encodeInteger would never write. */
  rawSerialNumber?: Uint8Array;
  /** Replaces the outer signatureAlgorithm only. */
  outerAlgorithm?: Uint8Array;
  issuer?: Uint8Array;
  subject?: Uint8Array;
  validity?: Uint8Array;
  subjectPublicKeyInfo?: Uint8Array;
  /** Encodings placed after subjectPublicKeyInfo: unique identifiers, `[3]` extensions. */
  trailing?: Uint8Array[];
  /** Changes the signature before it is wrapped in the BIT STRING. */
  tamper?: (signature: Buffer) => Buffer;
}

let defaultKeys: KeyPair | undefined;

export function p256KeyPair(): KeyPair {
  defaultKeys ??= generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return defaultKeys;
}

/** RFC 4055 §5: RSA signature identifiers carry NULL parameters; ECDSA (RFC 5758) and Ed25519 (RFC 8410) none. */
export function algorithmIdentifier(oid: string): Buffer {
  const rsa = oid.startsWith('1.2.840.113549.1.1.');
  return encodeSequence(rsa ? [encodeOid(oid), encodeNull()] : [encodeOid(oid)]);
}

/** A signed certificate (RFC 5280 §4.1) from `fields`, defaults filling the rest: a valid P-256 v3 certificate. */
export function buildCertificate(fields: CertificateFields = {}): Buffer {
  const { privateKey, publicKey } = fields.keyPair ?? p256KeyPair();
  const signatureOid = fields.signatureOid ?? Oid.ecdsaWithSha256;
  const algorithm = algorithmIdentifier(signatureOid);
  const name = encodeCommonName('test');
  const tbs = encodeSequence([
    ...(fields.version === null ? [] : [encodeExplicit(0, encodeInteger(fields.version ?? 2n))]),
    fields.rawSerialNumber ?? encodeInteger(fields.serialNumber ?? 0x1234n),
    algorithm,
    fields.issuer ?? name,
    fields.validity ??
      encodeSequence([encodeTime(new Date('2026-01-01T00:00:00Z')), encodeTime(new Date('2027-01-01T00:00:00Z'))]),
    fields.subject ?? name,
    fields.subjectPublicKeyInfo ?? publicKey.export({ format: 'der', type: 'spki' }),
    ...(fields.trailing ?? []),
  ]);
  const hash = fields.hash === undefined ? 'sha256' : fields.hash;
  const signature = sign(hash, tbs, { key: privateKey, dsaEncoding: 'der' });
  return encodeSequence([tbs, fields.outerAlgorithm ?? algorithm, encodeBitString(fields.tamper?.(signature) ?? signature)]);
}

/** `[3] EXPLICIT Extensions` from `[oid, critical, value]` triples (RFC 5280 §4.1). */
export function extensionsField(...extensions: (readonly [string, boolean, Uint8Array])[]): Buffer {
  const list = extensions.map(([oid, critical, value]) =>
    encodeSequence([
      encodeOid(oid),
      ...(critical ? [encodeBoolean(true)] : []),
      encodeOctetString(value),
    ]),
  );
  return encodeExplicit(3, encodeSequence(list));
}

let opensslChecked: boolean | undefined;

/**
 * Whether the openssl CLI runs. It is installed in development and CI; if it
 * is missing the interop tests are skipped, loudly, rather than failing.
 */
export function opensslAvailable(): boolean {
  if (opensslChecked === undefined) {
    opensslChecked = spawnSync('openssl', ['version'], { encoding: 'utf8' }).status === 0;
    if (!opensslChecked) {
      console.warn('\n*** x509 tests: the openssl CLI is missing: SKIPPING the openssl interop checks. Install openssl. ***\n');
    }
  }
  return opensslChecked;
}
