/**
 * Exercise 10-dtls-srtp, part 2: DTLS-SRTP keying material and SRTP key derivation
 * (reference solution). See exercises/10-dtls-srtp/srtp-kdf.ts for the contract.
 *
 * The SFU's SRTP package does this for every transport: server/src/srtp/keying-material.ts
 * (RFC 5764 §4.2) and server/src/srtp/key-derivation.ts (RFC 3711 §4.3, RFC 7714 §11), on the
 * AES-CM keystream of server/src/srtp/aes-cm.ts. This file adapts them to the exercise's shapes.
 */
import {
  type SrtpMasterKey,
  type SrtpSessionKeys,
  deriveSessionKey as srtpDeriveSessionKey,
  deriveSrtpSessionKeys,
  resolveSrtpProfile,
  splitKeyingMaterial as srtpSplitKeyingMaterial,
  type KeyDerivationLabel,
} from '#server/srtp/index.ts';

export type SrtpProfileName = 'SRTP_AES128_CM_HMAC_SHA1_80' | 'SRTP_AEAD_AES_128_GCM';
export type { SessionKeys, SrtpMasterKey, SrtpSessionKeys } from '#server/srtp/index.ts';

export function splitKeyingMaterial(profile: SrtpProfileName, material: Uint8Array): { client: SrtpMasterKey; server: SrtpMasterKey } {
  // As the DTLS client, "local" is the client_write half.
  const { local, remote } = srtpSplitKeyingMaterial({ profile: resolveSrtpProfile(profile), material, role: 'client' });
  return { client: local, server: remote };
}

export function deriveSessionKey(masterKey: Uint8Array, masterSalt: Uint8Array, label: number, length: number): Uint8Array {
  return srtpDeriveSessionKey(masterKey, masterSalt, label as KeyDerivationLabel, length);
}

export function deriveSessionKeys(profile: SrtpProfileName, masterKey: Uint8Array, masterSalt: Uint8Array): SrtpSessionKeys {
  return deriveSrtpSessionKeys(resolveSrtpProfile(profile), masterKey, masterSalt);
}
