/**
 * Exercise 10-dtls-srtp, part 2: from the DTLS exporter's keying material to the keys SRTP
 * encrypts and authenticates with (RFC 5764 §4.2, RFC 3711 §4.3).
 *
 * splitKeyingMaterial(profile, material)                                RFC 5764 §4.2
 *
 *   The exporter output (prf.ts, label "EXTRACTOR-dtls_srtp") is four fields, in this order:
 *
 *     client_write_SRTP_master_key  [key length]
 *     server_write_SRTP_master_key  [key length]
 *     client_write_SRTP_master_salt [salt length]
 *     server_write_SRTP_master_salt [salt length]
 *
 *   Returns { client: { masterKey, masterSalt }, server: { masterKey, masterSalt } }. The DTLS
 *   client protects what it sends with `client`, the server with `server`, whoever offered the
 *   call. TypeError when `material` is not exactly 2 × (key + salt) bytes for the profile.
 *
 * deriveSessionKey(masterKey, masterSalt, label, length)                RFC 3711 §4.3.1, §4.3.3
 *
 *   One session key from the master key, with key_derivation_rate 0 (the only rate DTLS-SRTP
 *   uses, so r = 0 and each key is derived once per session):
 *
 *     key_id = label || r          an 8-bit label, then r as 48 zero bits: 7 bytes
 *     x      = key_id XOR master_salt, both right-aligned in a 112-bit (14-byte) field
 *     key    = the first `length` bytes of the AES counter-mode keystream under masterKey,
 *              starting from the 16-byte counter block x * 2^16 (x, then two zero bytes)
 *
 *   With a 14-byte salt, right-aligned means the label lands on byte 7 of x. A 12-byte salt
 *   (the AEAD profiles, RFC 7714 §11) fills the first 12 bytes of the 14-byte field and the
 *   rest are zero, as libsrtp and pion do. AES-128 for a 16-byte master key.
 *   The keystream is AES-CTR: node:crypto's createCipheriv('aes-128-ctr', masterKey, counter)
 *   encrypting `length` zero bytes gives it. TypeError for a master salt over 14 bytes.
 *
 *   The labels (§4.3.2):
 *     0x00 SRTP encryption key    0x01 SRTP authentication key    0x02 SRTP salt
 *     0x03 SRTCP encryption key   0x04 SRTCP authentication key   0x05 SRTCP salt
 *
 * deriveSessionKeys(profile, masterKey, masterSalt)                     RFC 3711 §4.3, RFC 7714 §11
 *
 *   Every session key one sender needs: { rtp: { encryptionKey, authKey, salt }, rtcp: { ... } },
 *   with the lengths (bytes) of the profile:
 *
 *     | profile                     | master key | master salt | encryption key | salt | auth key |
 *     |-----------------------------|------------|-------------|----------------|------|----------|
 *     | SRTP_AES128_CM_HMAC_SHA1_80 | 16         | 14          | 16             | 14   | 20       |
 *     | SRTP_AEAD_AES_128_GCM       | 16         | 12          | 16             | 12   | 0        |
 *
 *   (HMAC-SHA1 takes a 160-bit key, §4.2.1; GCM authenticates with its own tag, so its authKey is
 *   empty.) TypeError when the master key or salt does not have the profile's length.
 */

export type SrtpProfileName = 'SRTP_AES128_CM_HMAC_SHA1_80' | 'SRTP_AEAD_AES_128_GCM';

export interface SrtpMasterKey {
  readonly masterKey: Uint8Array;
  readonly masterSalt: Uint8Array;
}

export interface SessionKeys {
  readonly encryptionKey: Uint8Array;
  readonly authKey: Uint8Array;
  readonly salt: Uint8Array;
}

export interface SrtpSessionKeys {
  readonly rtp: SessionKeys;
  readonly rtcp: SessionKeys;
}

export function splitKeyingMaterial(profile: SrtpProfileName, material: Uint8Array): { client: SrtpMasterKey; server: SrtpMasterKey } {
  throw new Error('TODO: cut the exporter output into client key, server key, client salt, server salt');
}

export function deriveSessionKey(masterKey: Uint8Array, masterSalt: Uint8Array, label: number, length: number): Uint8Array {
  throw new Error('TODO: AES-CM keystream under the master key from (label || 0 XOR master salt) * 2^16');
}

export function deriveSessionKeys(profile: SrtpProfileName, masterKey: Uint8Array, masterSalt: Uint8Array): SrtpSessionKeys {
  throw new Error('TODO: the six session keys (labels 0x00-0x05) with the lengths of the profile');
}
