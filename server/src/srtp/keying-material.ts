/**
 * DTLS-SRTP keying material (RFC 5764 §4.2): the TLS exporter output with
 * label "EXTRACTOR-dtls_srtp" and no context, split into the two directions'
 * master keys and salts:
 *
 *   client_write_SRTP_master_key[SRTPSecurityParams.master_key_len];
 *   server_write_SRTP_master_key[SRTPSecurityParams.master_key_len];
 *   client_write_SRTP_master_salt[SRTPSecurityParams.master_salt_len];
 *   server_write_SRTP_master_salt[SRTPSecurityParams.master_salt_len];
 *
 * The DTLS client protects what it sends with the client_write values and the
 * server with the server_write values, whichever side offered the media.
 */
import type { SrtpProfile } from './profiles.ts';

/** RFC 5764 §4.2: the exporter label (RFC 5705). */
export const DTLS_SRTP_EXPORTER_LABEL = 'EXTRACTOR-dtls_srtp';

export interface SrtpMasterKey {
  readonly masterKey: Buffer;
  readonly masterSalt: Buffer;
}

export interface SrtpKeyingMaterial {
  /** What this side protects with: createSrtpSession({ profile, ...local }) for protectRtp/protectRtcp. */
  readonly local: SrtpMasterKey;
  /** What the peer protects with: the session for unprotectRtp/unprotectRtcp. */
  readonly remote: SrtpMasterKey;
}

/** How many bytes to ask the exporter for: 2 * (key + salt), 60 for the AES-CM profiles. */
export function srtpKeyingMaterialLength(profile: SrtpProfile): number {
  return 2 * (profile.keyLength + profile.saltLength);
}

/** Splits the exporter output; `role` is this side's DTLS role (RFC 5763 §5: a=setup decides it). */
export function splitKeyingMaterial(options: {
  profile: SrtpProfile;
  material: Uint8Array;
  role: 'client' | 'server';
}): SrtpKeyingMaterial {
  const { profile, material, role } = options;
  const expected = srtpKeyingMaterialLength(profile);
  if (!(material instanceof Uint8Array) || material.length !== expected) {
    const got = material instanceof Uint8Array ? `${material.length} bytes` : typeof material;
    throw new TypeError(`srtp: ${profile.name} keying material has ${expected} bytes, got ${got}`);
  }
  if (role !== 'client' && role !== 'server') throw new TypeError(`srtp: DTLS role must be 'client' or 'server', got ${String(role)}`);
  const bytes = Buffer.from(material);
  const keyLength = profile.keyLength;
  const saltsAt = 2 * keyLength;
  const client: SrtpMasterKey = {
    masterKey: bytes.subarray(0, keyLength),
    masterSalt: bytes.subarray(saltsAt, saltsAt + profile.saltLength),
  };
  const server: SrtpMasterKey = {
    masterKey: bytes.subarray(keyLength, saltsAt),
    masterSalt: bytes.subarray(saltsAt + profile.saltLength, expected),
  };
  return role === 'client' ? { local: client, remote: server } : { local: server, remote: client };
}
