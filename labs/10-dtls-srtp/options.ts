/**
 * What the command line chooses: the SRTP profiles to offer, our certificate, and the
 * fingerprint the peer's certificate must have. Bad input is a LabOptionError, which
 * main.ts prints with the usage (exit status 2).
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type SrtpProfileName, resolveSrtpProfile } from '#server/srtp/index.ts';
import { certificateFingerprint, fromPem, generateCertificate, parseCertificate, parseFingerprintAlgorithm } from '#server/x509/index.ts';

export class LabOptionError extends Error {}

/** What the lab offers when no --profile is given, in order of preference. */
export const DEFAULT_PROFILES: readonly SrtpProfileName[] = ['SRTP_AES128_CM_HMAC_SHA1_80', 'SRTP_AEAD_AES_128_GCM'];

/** openssl's -use_srtp names for the profiles whose RFC names differ (RFC 5764 §4.1.2 says HMAC_SHA1). */
const OPENSSL_NAMES: Readonly<Record<string, SrtpProfileName>> = {
  SRTP_AES128_CM_SHA1_80: 'SRTP_AES128_CM_HMAC_SHA1_80',
  SRTP_AES128_CM_SHA1_32: 'SRTP_AES128_CM_HMAC_SHA1_32',
};

/** --profile values (RFC or openssl names, any case) to the profiles to offer, duplicates dropped. */
export function parseProfiles(names: readonly string[] | undefined): SrtpProfileName[] {
  if (names === undefined || names.length === 0) return [...DEFAULT_PROFILES];
  const profiles = names.map((text) => {
    const name = text.toUpperCase();
    try {
      return resolveSrtpProfile((OPENSSL_NAMES[name] ?? name) as SrtpProfileName).name;
    } catch {
      const known = [...DEFAULT_PROFILES, 'SRTP_AES128_CM_HMAC_SHA1_32', 'SRTP_AEAD_AES_256_GCM', ...Object.keys(OPENSSL_NAMES)];
      throw new LabOptionError(`unknown SRTP profile "${text}"; one of: ${[...new Set(known)].join(', ')}`);
    }
  });
  return [...new Set(profiles)];
}

/** An SDP-style fingerprint, 'sha-256 AB:CD:…', checked for form only: the handshake compares it. */
export function parseFingerprint(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const [algorithm, value, ...rest] = text.trim().split(/\s+/);
  if (algorithm === undefined || value === undefined || rest.length > 0 || parseFingerprintAlgorithm(algorithm) === undefined || !/^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2})+$/.test(value)) {
    throw new LabOptionError(`--fingerprint wants "<hash> <hex pairs>", e.g. "sha-256 AB:CD:…", got "${text}"`);
  }
  return `${algorithm.toLowerCase()} ${value.toUpperCase()}`;
}

/** Our identity for the handshake: the certificate's DER and its private key. */
export interface LabCertificate {
  readonly der: Buffer;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** 'sha-256 AB:…', what our a=fingerprint would say. */
  readonly fingerprint: string;
  /** Where it came from, for the first line the lab prints. */
  readonly origin: string;
}

/** A fresh self-signed ECDSA P-256 certificate, like a browser's, or the PEM files given. */
export function loadCertificate(certFile: string | undefined, keyFile: string | undefined): LabCertificate {
  if (certFile === undefined && keyFile === undefined) {
    const generated = generateCertificate({ commonName: 'dtls-srtp-lab' });
    return { ...generated, fingerprint: `sha-256 ${generated.fingerprint()}`, origin: 'generated, self-signed ECDSA P-256' };
  }
  if (certFile === undefined || keyFile === undefined) throw new LabOptionError('--cert and --key go together');
  const der = fromPem(readFileSync(certFile, 'utf8'), 'CERTIFICATE');
  const privateKey = createPrivateKey(readFileSync(keyFile, 'utf8'));
  const certificate = parseCertificate(der);
  const curve = privateKey.asymmetricKeyDetails?.namedCurve;
  if (privateKey.asymmetricKeyType !== 'ec' || curve !== 'prime256v1') {
    throw new LabOptionError(`${keyFile}: the DTLS suites here sign with ECDSA P-256, this key is ${privateKey.asymmetricKeyType} ${curve ?? ''}`.trim());
  }
  const publicKey = createPublicKey(privateKey);
  if (!publicKey.equals(certificate.publicKey())) throw new LabOptionError(`${keyFile} is not the key of ${certFile}`);
  return { der, privateKey, publicKey, fingerprint: `sha-256 ${certificateFingerprint(der, 'sha-256')}`, origin: certFile };
}
