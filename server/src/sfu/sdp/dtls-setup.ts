/**
 * The DTLS side of the SDP (RFC 8842): who is the DTLS client (a=setup) and
 * which certificate each end expects (a=fingerprint), translated between the
 * SDP words and the API's (`DtlsRole` 'client'/'server', `DtlsFingerprint`).
 *
 * The SFU is the DTLS server by default, in its answers to publishers
 * (a=setup:passive) as in the roles browsers take when answering its offers
 * (Chromium answers a=setup:active): an ICE-lite SFU cannot send anything
 * before the browser's first connectivity check anyway, and the browser's
 * ClientHello then follows at once on the checked path. The media plane
 * (DtlsConnection) plays either role, so `dtlsRole: 'client'` works as well.
 */
import type { Fingerprint, SetupRole } from '../../sdp/index.ts';
import { type DtlsFingerprint, FINGERPRINT_ALGORITHMS, type FingerprintAlgorithm } from '../webrtc-transport-parameters.ts';

/** A fingerprint as the API writes it (`DtlsFingerprint`), or any other `{ algorithm, value }` pair. */
export interface DtlsFingerprintLike {
  readonly algorithm: string;
  /** RFC 8122 §5: hex byte pairs separated by colons. */
  readonly value: string;
}

/** The DTLS roles an end can take once negotiated (mediasoup's names). */
export type NegotiatedDtlsRole = 'client' | 'server';

/**
 * RFC 8842 §5.3 (after RFC 4145 §4.1): the answer takes the role the offer left
 * open (`actpass`: the answerer's `preferred`), or the other one of a role the
 * offer already took (subsequent offers carry the established role, §5.5).
 * An offer that says nothing leaves the choice open as well.
 */
export function answerSetup(offered: SetupRole | undefined, preferred: 'active' | 'passive'): 'active' | 'passive' {
  if (offered === 'active') return 'passive';
  if (offered === 'passive') return 'active';
  return preferred;
}

/** RFC 8842 §5.1: `active` is the DTLS client, `passive` the server. */
export function setupForDtlsRole(role: NegotiatedDtlsRole): 'active' | 'passive' {
  return role === 'client' ? 'active' : 'passive';
}

export function dtlsRoleForSetup(setup: 'active' | 'passive'): NegotiatedDtlsRole {
  return setup === 'active' ? 'client' : 'server';
}

/** The peer's a=fingerprint lines with a hash the API knows (RFC 8122 §5: names are case-insensitive). */
export function dtlsFingerprintsFromSdp(fingerprints: readonly Fingerprint[]): DtlsFingerprint[] {
  const result: DtlsFingerprint[] = [];
  for (const { hashFunction, bytes } of fingerprints) {
    const algorithm = hashFunction.toLowerCase();
    if (!FINGERPRINT_ALGORITHMS.includes(algorithm as FingerprintAlgorithm)) continue;
    const value = Array.from(bytes, (byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join(':');
    result.push({ algorithm: algorithm as FingerprintAlgorithm, value });
  }
  return result;
}

/**
 * The one fingerprint the SFU writes: sha-256 when it has one (what browsers
 * generate and compare), else its last. libwebrtc reads a single
 * a=fingerprint per transport, so listing several would not help.
 */
export function preferredFingerprint<T extends { algorithm: string }>(fingerprints: readonly T[]): T | undefined {
  return fingerprints.find((fingerprint) => fingerprint.algorithm.toLowerCase() === 'sha-256') ?? fingerprints.at(-1);
}
