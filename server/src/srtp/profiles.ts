/**
 * SRTP protection profiles: what DTLS-SRTP negotiates (RFC 5764 §4.1.2, RFC 7714 §14.2)
 * and the lengths each one fixes.
 *
 * The `use_srtp` extension carries only the two-byte id, so the DTLS handshake
 * looks profiles up with `srtpProfileById`; everything else (key derivation, the
 * session, the keying-material splitter) takes the `SrtpProfile` object.
 *
 *   | profile                     | id     | key | salt | auth key | SRTP tag | SRTCP tag |
 *   |-----------------------------|--------|-----|------|----------|----------|-----------|
 *   | SRTP_AES128_CM_HMAC_SHA1_80 | 0x0001 | 16  | 14   | 20       | 10       | 10        |
 *   | SRTP_AES128_CM_HMAC_SHA1_32 | 0x0002 | 16  | 14   | 20       | 4        | 10        |
 *   | SRTP_AEAD_AES_128_GCM       | 0x0007 | 16  | 12   | -        | 16       | 16        |
 *   | SRTP_AEAD_AES_256_GCM       | 0x0008 | 32  | 12   | -        | 16       | 16        |
 *
 * (lengths in octets; the session keys have the master keys' lengths.)
 */

export type SrtpProfileName =
  | 'SRTP_AES128_CM_HMAC_SHA1_80'
  | 'SRTP_AES128_CM_HMAC_SHA1_32'
  | 'SRTP_AEAD_AES_128_GCM'
  | 'SRTP_AEAD_AES_256_GCM';

export interface SrtpProfile {
  readonly name: SrtpProfileName;
  /** The DTLS `use_srtp` SRTPProtectionProfile value (RFC 5764 §4.1.2, RFC 7714 §14.2). */
  readonly id: number;
  /** 'aes-cm': AES Counter Mode plus HMAC-SHA1 (RFC 3711 §4.1.1, §4.2.1); 'aes-gcm': AEAD (RFC 7714). */
  readonly cipher: 'aes-cm' | 'aes-gcm';
  /** Master key and session encryption key length in octets. */
  readonly keyLength: number;
  /** Master salt and session salt length in octets. */
  readonly saltLength: number;
  /** HMAC-SHA1 session key length (RFC 3711 §4.2.1: n_a = 160 bits); 0 for AEAD, whose tag needs no extra key. */
  readonly authKeyLength: number;
  readonly rtpTagLength: number;
  readonly rtcpTagLength: number;
}

/**
 * RFC 5764 §4.1.2: both AES-CM profiles use HMAC-SHA1 with a 160-bit key; the
 * _32 profile shortens only the SRTP tag, SRTCP keeps 80 bits (RFC 3711 §5.2's
 * default, which RFC 5764 does not change; pion and libwebrtc agree).
 */
const AES_CM_HMAC_SHA1 = { cipher: 'aes-cm', keyLength: 16, saltLength: 14, authKeyLength: 20, rtcpTagLength: 10 } as const;

/** RFC 7714 §12: 96-bit salts and 16-octet tags (§13.2 forbids truncated tags). */
const AEAD_AES_GCM = { cipher: 'aes-gcm', saltLength: 12, authKeyLength: 0, rtpTagLength: 16, rtcpTagLength: 16 } as const;

export const SRTP_PROFILES = {
  SRTP_AES128_CM_HMAC_SHA1_80: { name: 'SRTP_AES128_CM_HMAC_SHA1_80', id: 0x0001, ...AES_CM_HMAC_SHA1, rtpTagLength: 10 },
  SRTP_AES128_CM_HMAC_SHA1_32: { name: 'SRTP_AES128_CM_HMAC_SHA1_32', id: 0x0002, ...AES_CM_HMAC_SHA1, rtpTagLength: 4 },
  SRTP_AEAD_AES_128_GCM: { name: 'SRTP_AEAD_AES_128_GCM', id: 0x0007, ...AEAD_AES_GCM, keyLength: 16 },
  SRTP_AEAD_AES_256_GCM: { name: 'SRTP_AEAD_AES_256_GCM', id: 0x0008, ...AEAD_AES_GCM, keyLength: 32 },
} as const satisfies { [Name in SrtpProfileName]: SrtpProfile & { name: Name } };

const byId = new Map<number, SrtpProfile>(Object.values(SRTP_PROFILES).map((profile) => [profile.id, profile]));

/** The profile DTLS negotiated, or undefined for ids this package does not implement (e.g. the NULL profiles). */
export function srtpProfileById(id: number): SrtpProfile | undefined {
  return byId.get(id);
}

/** Accepts a profile or its name; a TypeError names anything else. */
export function resolveSrtpProfile(profile: SrtpProfile | SrtpProfileName): SrtpProfile {
  const name = typeof profile === 'string' ? profile : profile?.name;
  const found = Object.hasOwn(SRTP_PROFILES, String(name)) ? SRTP_PROFILES[name as SrtpProfileName] : undefined;
  if (found === undefined) throw new TypeError(`srtp: unknown protection profile ${JSON.stringify(name)}`);
  return found;
}
