/**
 * The peer's Certificate message in WebRTC: no CA, no chain validation. The
 * certificate is trusted because its fingerprint is the one the peer put in
 * its SDP (RFC 5763 §5, RFC 8122 §5), which the signaling channel vouches for.
 * Its key then has to verify the ServerKeyExchange or CertificateVerify.
 */
import type { KeyObject } from 'node:crypto';
import { type FingerprintAlgorithm, X509ParseError, certificateFingerprint, fingerprintsEqual, parseCertificate, parseFingerprintAlgorithm } from '../../x509/index.ts';
import { DtlsError } from '../errors.ts';
import type { Certificate } from '../messages/certificate.ts';

export interface ExpectedFingerprint {
  readonly algorithm: FingerprintAlgorithm;
  /** 'AB:CD:…' */
  readonly value: string;
}

/** 'sha-256 AB:CD:…' (the a=fingerprint value) → its parts; TypeError for anything else. */
export function parseSdpFingerprint(text: string): ExpectedFingerprint {
  const [hashFunction, value, ...rest] = text.trim().split(/\s+/);
  const algorithm = parseFingerprintAlgorithm(hashFunction ?? '');
  if (algorithm === undefined || value === undefined || rest.length > 0 || !/^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2})+$/.test(value)) {
    throw new TypeError(`dtls: remoteFingerprint must look like 'sha-256 AB:CD:…' (RFC 8122 §5), got ${JSON.stringify(text)}`);
  }
  return { algorithm, value };
}

/** The SDP form of a certificate's fingerprint: 'sha-256 AB:CD:…'. */
export function sdpFingerprint(der: Uint8Array, algorithm: FingerprintAlgorithm = 'sha-256'): string {
  return `${algorithm} ${certificateFingerprint(der, algorithm)}`;
}

export interface PeerCertificate {
  readonly der: Uint8Array;
  readonly publicKey: KeyObject;
}

/**
 * Checks the peer's end-entity certificate: present (NO_CERTIFICATE), with the
 * expected fingerprint (FINGERPRINT_MISMATCH), and parseable with a usable key
 * (BAD_CERTIFICATE). All three end the handshake with an alert.
 */
export function acceptPeerCertificate(message: Certificate, expected: ExpectedFingerprint | undefined): PeerCertificate {
  const der = message.certificates[0];
  if (der === undefined) throw new DtlsError('NO_CERTIFICATE', 'dtls: the peer sent an empty Certificate message');
  if (expected !== undefined && !fingerprintsEqual(certificateFingerprint(der, expected.algorithm), expected.value)) {
    throw new DtlsError('FINGERPRINT_MISMATCH', `dtls: the peer's certificate is not the one signaling announced (${expected.algorithm} ${certificateFingerprint(der, expected.algorithm)})`);
  }
  try {
    return { der, publicKey: parseCertificate(der).publicKey() };
  } catch (error) {
    if (error instanceof X509ParseError) throw new DtlsError('BAD_CERTIFICATE', `dtls: the peer's certificate does not parse (${error.code})`, { cause: error });
    throw error;
  }
}
