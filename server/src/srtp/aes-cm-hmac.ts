/**
 * The AES_CM_128_HMAC_SHA1_{80,32} transform (RFC 3711 §3.1, §3.4, §4.1.1, §4.2.1).
 *
 * SRTP (§3.1):   | RTP header | encrypted payload | auth tag |
 *                 \___________ authenticated ______/   tag = HMAC(k_a, authenticated || ROC)
 *
 * SRTCP (§3.4):  | RTCP header (8) | encrypted rest | E | SRTCP index | auth tag |
 *                 \___________________ authenticated ___________________/
 *
 * Each packet is copied once, into a pool buffer laid out as
 *
 *   [align pad][K ^ ipad (64)][packet ......][ROC or E|index][tag]
 *
 * so that the inner HMAC hashes one contiguous range with no further copy
 * (hmac-sha1.ts), the payload sits 8-aligned for the 64-bit keystream XOR
 * (aes-cm.ts), and the result is a view of the middle: no second buffer.
 */
import { readU32, writeU32 } from '../rtp/wire.ts';
import { AesCmKeystream, writeAesCmIv } from './aes-cm.ts';
import { SrtpError } from './errors.ts';
import { HMAC_SHA1_PAD_SIZE, HmacSha1, tagsEqual } from './hmac-sha1.ts';
import type { SrtpSessionKeys } from './key-derivation.ts';
import type { SrtpProfile } from './profiles.ts';
import { rolloverCounterOf } from './rollover-counter.ts';
import { RTCP_HEADER_SIZE, SRTCP_E_FLAG, SRTCP_INDEX_SIZE, type SrtpTransform } from './transform.ts';

/** Up to 7 bytes in front of the pad so that the encrypted part starts 8-aligned. */
const ALIGN_SLACK = 7;
/** RFC 3711 §4.2: the ROC is appended to the authenticated portion (4 octets), never sent. */
const ROC_SIZE = 4;

/** Keys, keystream and HMAC of one of RTP or RTCP. */
class Direction {
  readonly keystream: AesCmKeystream;
  readonly hmac: HmacSha1;
  readonly salt: Uint8Array;

  constructor(keys: SrtpSessionKeys['rtp']) {
    this.keystream = new AesCmKeystream(keys.encryptionKey);
    this.hmac = new HmacSha1(keys.authKey);
    this.salt = keys.salt;
  }
}

export class AesCmHmacTransform implements SrtpTransform {
  readonly rtpOverhead: number;
  readonly rtcpOverhead: number;
  readonly #rtpTagLength: number;
  readonly #rtcpTagLength: number;
  readonly #rtp: Direction;
  readonly #rtcp: Direction;
  /** IV scratch; the keystream copies it into its counter blocks before returning. */
  readonly #iv = new Uint8Array(16);

  constructor(profile: SrtpProfile, keys: SrtpSessionKeys) {
    this.#rtpTagLength = profile.rtpTagLength;
    this.#rtcpTagLength = profile.rtcpTagLength;
    this.rtpOverhead = profile.rtpTagLength;
    this.rtcpOverhead = SRTCP_INDEX_SIZE + profile.rtcpTagLength;
    this.#rtp = new Direction(keys.rtp);
    this.#rtcp = new Direction(keys.rtcp);
  }

  protectRtp(packet: Uint8Array, headerLength: number, ssrc: number, index: number): Buffer {
    const tagLength = this.#rtpTagLength;
    const { buf, body } = this.#copyAfterPad(this.#rtp, packet, packet.length, headerLength, Math.max(ROC_SIZE, tagLength));
    this.#crypt(this.#rtp, buf, body + headerLength, packet.length - headerLength, ssrc, index);
    const end = body + packet.length;
    writeU32(buf, end, rolloverCounterOf(index));
    // The ROC is only hashed: the tag overwrites it.
    buf.set(this.#digest(this.#rtp, buf, body, end + ROC_SIZE).subarray(0, tagLength), end);
    return buf.subarray(body, end + tagLength);
  }

  unprotectRtp(packet: Uint8Array, headerLength: number, ssrc: number, index: number): Buffer {
    const authenticated = packet.length - this.#rtpTagLength;
    const { buf, body } = this.#copyAfterPad(this.#rtp, packet, authenticated, headerLength, ROC_SIZE);
    const end = body + authenticated;
    writeU32(buf, end, rolloverCounterOf(index));
    this.#verify(this.#rtp, buf, body, end + ROC_SIZE, packet, authenticated, this.#rtpTagLength, 'rtp');
    // RFC 3711 §3.3 step 5: decrypt only after the tag verified.
    this.#crypt(this.#rtp, buf, body + headerLength, authenticated - headerLength, ssrc, index);
    return buf.subarray(body, end);
  }

  protectRtcp(packet: Uint8Array, ssrc: number, index: number, encrypt: boolean): Buffer {
    const tagLength = this.#rtcpTagLength;
    const room = SRTCP_INDEX_SIZE + tagLength;
    const { buf, body } = this.#copyAfterPad(this.#rtcp, packet, packet.length, RTCP_HEADER_SIZE, room);
    if (encrypt) this.#crypt(this.#rtcp, buf, body + RTCP_HEADER_SIZE, packet.length - RTCP_HEADER_SIZE, ssrc, index);
    const end = body + packet.length;
    writeU32(buf, end, encrypt ? (SRTCP_E_FLAG | index) >>> 0 : index);
    buf.set(this.#digest(this.#rtcp, buf, body, end + SRTCP_INDEX_SIZE).subarray(0, tagLength), end + SRTCP_INDEX_SIZE);
    return buf.subarray(body, end + room);
  }

  srtcpIndexWord(packet: Uint8Array): number {
    return readU32(packet, packet.length - this.rtcpOverhead);
  }

  unprotectRtcp(packet: Uint8Array, ssrc: number, index: number, encrypted: boolean): Buffer {
    // The E-flag and index are authenticated with the packet (RFC 3711 §3.4).
    const authenticated = packet.length - this.#rtcpTagLength;
    const { buf, body } = this.#copyAfterPad(this.#rtcp, packet, authenticated, RTCP_HEADER_SIZE, 0);
    const end = body + authenticated;
    this.#verify(this.#rtcp, buf, body, end, packet, authenticated, this.#rtcpTagLength, 'rtcp');
    const plainEnd = end - SRTCP_INDEX_SIZE;
    if (encrypted) this.#crypt(this.#rtcp, buf, body + RTCP_HEADER_SIZE, plainEnd - body - RTCP_HEADER_SIZE, ssrc, index);
    return buf.subarray(body, plainEnd);
  }

  /**
   * A pool buffer with K ^ ipad followed by `packet[0, length)` and `room`
   * spare bytes; `body` is where the packet starts, chosen so that its byte
   * `alignedAt` (the first encrypted one) is 8-aligned in memory.
   */
  #copyAfterPad(direction: Direction, packet: Uint8Array, length: number, alignedAt: number, room: number): { buf: Buffer; body: number } {
    const buf = Buffer.allocUnsafe(ALIGN_SLACK + HMAC_SHA1_PAD_SIZE + length + room);
    const pad = (8 - ((buf.byteOffset + HMAC_SHA1_PAD_SIZE + alignedAt) & 7)) & 7;
    direction.hmac.writeInnerPad(buf, pad);
    const body = pad + HMAC_SHA1_PAD_SIZE;
    buf.set(length === packet.length ? packet : packet.subarray(0, length), body);
    return { buf, body };
  }

  /** RFC 3711 §4.1.1: XOR the keystream for (ssrc, index) into buf[offset, offset + length). */
  #crypt(direction: Direction, buf: Buffer, offset: number, length: number, ssrc: number, index: number): void {
    writeAesCmIv(this.#iv, direction.salt, ssrc, index);
    direction.keystream.xor(this.#iv, buf, offset, length);
  }

  /**
   * HMAC of buf[body, end) with K ^ ipad in the 64 bytes before it. The pad is
   * zeroed afterwards: the returned packet is a view of this ArrayBuffer, and
   * K ^ ipad would hand the auth key to anyone holding `packet.buffer`.
   */
  #digest(direction: Direction, buf: Buffer, body: number, end: number): Buffer {
    const digest = direction.hmac.digestPadded(buf, body - HMAC_SHA1_PAD_SIZE, end);
    buf.fill(0, body - HMAC_SHA1_PAD_SIZE, body);
    return digest;
  }

  /** Throws AUTH_FAILED unless HMAC(buf[body, end)) starts with the `tagLength` bytes at packet[tagAt]. */
  #verify(direction: Direction, buf: Buffer, body: number, end: number, packet: Uint8Array, tagAt: number, tagLength: number, what: string): void {
    const computed = this.#digest(direction, buf, body, end);
    if (!tagsEqual(computed, packet, tagAt, tagLength)) {
      throw new SrtpError('AUTH_FAILED', `srtp: ${what} authentication tag does not verify`);
    }
  }
}
