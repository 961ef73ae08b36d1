/**
 * The AEAD_AES_128_GCM and AEAD_AES_256_GCM transforms (RFC 7714).
 *
 * SRTP (§8.2):   | RTP header (AAD) | ciphertext | 16-octet tag |
 *                IV = (00 00 || SSRC || ROC || SEQ) XOR salt                    (§8.1)
 *
 * SRTCP (§9.2):  | RTCP header (8, AAD) | ciphertext | tag | E | SRTCP index (AAD) |
 *                IV = (00 00 || SSRC || 00 00 || 0 || SRTCP index) XOR salt     (§9.1)
 *
 * With E = 0 (§9.3) the whole RTCP packet and the word are AAD and the tag is
 * all the "ciphertext". Note the word follows the tag here, where RFC 3711 §3.4
 * puts it before the HMAC tag.
 *
 * Node has no way to give a GCM cipher a new IV, so each packet pays one
 * `createCipheriv`; it is still the cheapest profile per packet because it is a
 * single call sequence with no separate HMAC (limits.md §3 (e)/(f), §5).
 */
import { createCipheriv, createDecipheriv, type CipherGCMTypes } from 'node:crypto';
import { readU32, writeU32 } from '../rtp/wire.ts';
import { SrtpError } from './errors.ts';
import type { SrtpSessionKeys } from './key-derivation.ts';
import type { SrtpProfile } from './profiles.ts';
import { RTCP_HEADER_SIZE, SRTCP_E_FLAG, SRTCP_INDEX_SIZE, type SrtpTransform } from './transform.ts';

/** RFC 7714 §12, §13.2: the tag is 16 octets; SRTP defines no truncated GCM tag. */
const TAG_LENGTH = 16;
const IV_LENGTH = 12;
const GCM_OPTIONS = { authTagLength: TAG_LENGTH } as const;

export class AeadAesGcmTransform implements SrtpTransform {
  readonly rtpOverhead = TAG_LENGTH;
  readonly rtcpOverhead = TAG_LENGTH + SRTCP_INDEX_SIZE;
  readonly #algorithm: CipherGCMTypes;
  readonly #rtpKey: Buffer;
  readonly #rtcpKey: Buffer;
  readonly #rtpSalt: Uint8Array;
  readonly #rtcpSalt: Uint8Array;
  /** IV scratch; createCipheriv copies it. */
  readonly #iv = Buffer.alloc(IV_LENGTH);
  /** The ESRTCP word as AAD, reused. */
  readonly #word = Buffer.alloc(SRTCP_INDEX_SIZE);

  constructor(profile: SrtpProfile, keys: SrtpSessionKeys) {
    this.#algorithm = profile.keyLength === 32 ? 'aes-256-gcm' : 'aes-128-gcm';
    this.#rtpKey = keys.rtp.encryptionKey;
    this.#rtcpKey = keys.rtcp.encryptionKey;
    this.#rtpSalt = keys.rtp.salt;
    this.#rtcpSalt = keys.rtcp.salt;
  }

  protectRtp(packet: Uint8Array, headerLength: number, ssrc: number, index: number): Buffer {
    this.#writeIv(this.#rtpSalt, ssrc, index);
    const cipher = createCipheriv(this.#algorithm, this.#rtpKey, this.#iv, GCM_OPTIONS);
    cipher.setAAD(packet.subarray(0, headerLength));
    const out = Buffer.allocUnsafe(packet.length + TAG_LENGTH);
    out.set(packet.subarray(0, headerLength));
    out.set(cipher.update(packet.subarray(headerLength)), headerLength);
    cipher.final();
    out.set(cipher.getAuthTag(), packet.length);
    return out;
  }

  unprotectRtp(packet: Uint8Array, headerLength: number, ssrc: number, index: number): Buffer {
    const tagAt = packet.length - TAG_LENGTH;
    this.#writeIv(this.#rtpSalt, ssrc, index);
    const decipher = createDecipheriv(this.#algorithm, this.#rtpKey, this.#iv, GCM_OPTIONS);
    decipher.setAAD(packet.subarray(0, headerLength));
    decipher.setAuthTag(packet.subarray(tagAt));
    const out = Buffer.allocUnsafe(tagAt);
    out.set(packet.subarray(0, headerLength));
    out.set(decipher.update(packet.subarray(headerLength, tagAt)), headerLength);
    finalOrAuthFailed(decipher, 'rtp');
    return out;
  }

  protectRtcp(packet: Uint8Array, ssrc: number, index: number, encrypt: boolean): Buffer {
    this.#writeIv(this.#rtcpSalt, ssrc, index);
    writeU32(this.#word, 0, encrypt ? (SRTCP_E_FLAG | index) >>> 0 : index);
    const cipher = createCipheriv(this.#algorithm, this.#rtcpKey, this.#iv, GCM_OPTIONS);
    const clearLength = encrypt ? RTCP_HEADER_SIZE : packet.length;
    cipher.setAAD(packet.subarray(0, clearLength));
    cipher.setAAD(this.#word);
    const out = Buffer.allocUnsafe(packet.length + this.rtcpOverhead);
    out.set(packet.subarray(0, clearLength));
    if (encrypt) out.set(cipher.update(packet.subarray(clearLength)), clearLength);
    cipher.final();
    out.set(cipher.getAuthTag(), packet.length);
    out.set(this.#word, packet.length + TAG_LENGTH);
    return out;
  }

  srtcpIndexWord(packet: Uint8Array): number {
    return readU32(packet, packet.length - SRTCP_INDEX_SIZE);
  }

  unprotectRtcp(packet: Uint8Array, ssrc: number, index: number, encrypted: boolean): Buffer {
    const tagAt = packet.length - this.rtcpOverhead;
    const clearLength = encrypted ? RTCP_HEADER_SIZE : tagAt;
    this.#writeIv(this.#rtcpSalt, ssrc, index);
    const decipher = createDecipheriv(this.#algorithm, this.#rtcpKey, this.#iv, GCM_OPTIONS);
    decipher.setAAD(packet.subarray(0, clearLength));
    decipher.setAAD(packet.subarray(tagAt + TAG_LENGTH));
    decipher.setAuthTag(packet.subarray(tagAt, tagAt + TAG_LENGTH));
    const out = Buffer.allocUnsafe(tagAt);
    out.set(packet.subarray(0, clearLength));
    if (encrypted) out.set(decipher.update(packet.subarray(clearLength, tagAt)), clearLength);
    finalOrAuthFailed(decipher, 'rtcp');
    return out;
  }

  /**
   * RFC 7714 §8.1: (00 00 || SSRC || ROC || SEQ) XOR salt, and §9.1: (00 00 || SSRC || 00 00 || 0 || index) XOR salt.
   * ROC || SEQ is the 48-bit packet index, and 00 00 || 0 || index the 31-bit SRTCP index in 48 bits, so one layout serves both.
   */
  #writeIv(salt: Uint8Array, ssrc: number, index: number): void {
    const iv = this.#iv;
    iv[0] = 0;
    iv[1] = 0;
    writeU32(iv, 2, ssrc);
    writeU32(iv, 6, Math.floor(index / 0x10000));
    iv[10] = index >>> 8;
    iv[11] = index;
    for (let i = 0; i < IV_LENGTH; i++) iv[i]! ^= salt[i]!;
  }
}

/** GCM verifies the tag in final(); the plaintext update() gave is discarded with the error. */
function finalOrAuthFailed(decipher: { final(): Buffer }, what: string): void {
  try {
    decipher.final();
  } catch (cause) {
    throw new SrtpError('AUTH_FAILED', `srtp: ${what} authentication tag does not verify`, { cause });
  }
}
