/**
 * SRTP key derivation (RFC 3711 §4.3) with key_derivation_rate 0, the only rate
 * DTLS-SRTP uses (RFC 5764 §4.1.2), so every session key is derived once.
 *
 * RFC 3711 §4.3.1, with r = 0:
 *
 *   key_id = label || r          (8 + 48 bits)
 *   x      = key_id XOR master_salt   (right-aligned in 112 bits)
 *   k      = PRF_n(k_master, x) = AES-CM keystream with IV = x * 2^16, first n bits (§4.3.3)
 *
 * RFC 7714 §11 keeps this PRF for the AEAD profiles: AES-256 for a 256-bit master
 * key, and its 96-bit master salt taken as the leading bits of the 112-bit field
 * (zero-padded on the right), as libsrtp and pion do.
 */
import { AesCmKeystream } from './aes-cm.ts';
import type { SrtpProfile } from './profiles.ts';

/** RFC 3711 §4.3.2: one label per key, 0x00-0x02 for SRTP and 0x03-0x05 for SRTCP. */
export const KeyDerivationLabel = {
  RTP_ENCRYPTION: 0x00,
  RTP_AUTHENTICATION: 0x01,
  RTP_SALT: 0x02,
  RTCP_ENCRYPTION: 0x03,
  RTCP_AUTHENTICATION: 0x04,
  RTCP_SALT: 0x05,
} as const;
export type KeyDerivationLabel = (typeof KeyDerivationLabel)[keyof typeof KeyDerivationLabel];

/** The 112-bit x of §4.3.1 sits in the first 14 octets of the 16-octet IV. */
const X_LENGTH = 14;
/** key_id = label || r is 56 bits, right-aligned in x, so the label lands in octet 14 - 7. */
const LABEL_OCTET = 7;

/** The keys one direction uses for one of RTP or RTCP. */
export interface SessionKeys {
  readonly encryptionKey: Buffer;
  readonly salt: Buffer;
  /** HMAC-SHA1 key; empty for the AEAD profiles. */
  readonly authKey: Buffer;
}

export interface SrtpSessionKeys {
  readonly rtp: SessionKeys;
  readonly rtcp: SessionKeys;
}

/** RFC 3711 §4.3.1/§4.3.3: `length` octets of PRF(masterKey, (label || 0) XOR masterSalt). */
export function deriveSessionKey(
  masterKey: Uint8Array,
  masterSalt: Uint8Array,
  label: KeyDerivationLabel,
  length: number,
): Buffer {
  if (masterSalt.length > X_LENGTH) throw new TypeError(`srtp: a master salt has at most 14 bytes, got ${masterSalt.length}`);
  const iv = Buffer.alloc(16);
  iv.set(masterSalt);
  iv[LABEL_OCTET]! ^= label;
  const out = Buffer.alloc(length);
  new AesCmKeystream(masterKey).xor(iv, out, 0, length);
  return out;
}

/** Every session key `profile` needs, from the master key and salt (RFC 3711 §4.3, RFC 7714 §11). */
export function deriveSrtpSessionKeys(profile: SrtpProfile, masterKey: Uint8Array, masterSalt: Uint8Array): SrtpSessionKeys {
  checkLength('master key', masterKey, profile.keyLength, profile);
  checkLength('master salt', masterSalt, profile.saltLength, profile);
  const derive = (label: KeyDerivationLabel, length: number): Buffer =>
    length === 0 ? Buffer.alloc(0) : deriveSessionKey(masterKey, masterSalt, label, length);
  return {
    rtp: {
      encryptionKey: derive(KeyDerivationLabel.RTP_ENCRYPTION, profile.keyLength),
      salt: derive(KeyDerivationLabel.RTP_SALT, profile.saltLength),
      authKey: derive(KeyDerivationLabel.RTP_AUTHENTICATION, profile.authKeyLength),
    },
    rtcp: {
      encryptionKey: derive(KeyDerivationLabel.RTCP_ENCRYPTION, profile.keyLength),
      salt: derive(KeyDerivationLabel.RTCP_SALT, profile.saltLength),
      authKey: derive(KeyDerivationLabel.RTCP_AUTHENTICATION, profile.authKeyLength),
    },
  };
}

function checkLength(what: string, bytes: Uint8Array, expected: number, profile: SrtpProfile): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== expected) {
    const got = bytes instanceof Uint8Array ? `${bytes.length} bytes` : typeof bytes;
    throw new TypeError(`srtp: ${profile.name} needs a ${expected}-byte ${what}, got ${got}`);
  }
}
