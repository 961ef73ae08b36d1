/**
 * The cryptographic transform of one profile: how a packet with a known index
 * is encrypted and authenticated, with no per-SSRC state. The session
 * (srtp-session.ts) and the SRTCP context (srtcp.ts) decide the index, check
 * replay and validate headers; the transforms only do the crypto and framing.
 */
import { AeadAesGcmTransform } from './aead-gcm.ts';
import { AesCmHmacTransform } from './aes-cm-hmac.ts';
import type { SrtpSessionKeys } from './key-derivation.ts';
import type { SrtpProfile } from './profiles.ts';

export interface SrtpTransform {
  /** Bytes SRTP appends to an RTP packet (the tag; no MKI, RFC 5764 §4.1.2 lets DTLS-SRTP omit it). */
  readonly rtpOverhead: number;
  /** Bytes SRTCP appends to an RTCP packet: the E-flag/index word and the tag. */
  readonly rtcpOverhead: number;

  /** `packet` is a whole RTP packet whose header is `headerLength` bytes; `index` is its 48-bit packet index. */
  protectRtp(packet: Uint8Array, headerLength: number, ssrc: number, index: number): Buffer;
  /** Verifies and decrypts; throws SrtpError('AUTH_FAILED'). `packet.length >= headerLength + rtpOverhead`. */
  unprotectRtp(packet: Uint8Array, headerLength: number, ssrc: number, index: number): Buffer;

  /** `index` is the 31-bit SRTCP index; `encrypt` is the E-flag (RFC 3711 §3.4). */
  protectRtcp(packet: Uint8Array, ssrc: number, index: number, encrypt: boolean): Buffer;
  /** The E-flag and index word of an SRTCP packet (`packet.length >= 8 + rtcpOverhead`). */
  srtcpIndexWord(packet: Uint8Array): number;
  /** Verifies and, when `encrypted`, decrypts; throws SrtpError('AUTH_FAILED'). */
  unprotectRtcp(packet: Uint8Array, ssrc: number, index: number, encrypted: boolean): Buffer;
}

export function createSrtpTransform(profile: SrtpProfile, keys: SrtpSessionKeys): SrtpTransform {
  return profile.cipher === 'aes-gcm' ? new AeadAesGcmTransform(profile, keys) : new AesCmHmacTransform(profile, keys);
}

/** RFC 3711 §3.4: the SRTCP word is E (1 bit) followed by the 31-bit index. */
export const SRTCP_E_FLAG = 0x80000000;
export const SRTCP_INDEX_MASK = 0x7fffffff;
/** RFC 3550 §6.4.1: V, P, RC/FMT, PT, length, then the sender SSRC, all left in the clear by SRTCP. */
export const RTCP_HEADER_SIZE = 8;
export const SRTCP_INDEX_SIZE = 4;
