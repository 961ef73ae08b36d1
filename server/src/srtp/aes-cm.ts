/**
 * AES in Counter Mode, the SRTP keystream generator (RFC 3711 §4.1.1), and the
 * IV it starts from.
 *
 *   keystream = E(k_e, IV) || E(k_e, IV + 1 mod 2^128) || E(k_e, IV + 2 mod 2^128) ...
 *   IV        = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16)
 *
 * Node cannot re-key or re-IV a CTR cipher in place, so a packet would need a
 * fresh `createCipheriv('aes-128-ctr')`. Instead one long-lived `aes-*-ecb`
 * cipher encrypts counter blocks written from JS, and the keystream is XORed
 * 64 bits at a time: measured 1.17 µs against 2.0 µs per 1200-byte packet
 * (limits.md §3 (a)/(b); `npm run bench -- srtp` re-measures the whole path).
 */
import { createCipheriv, type Cipher } from 'node:crypto';

const BLOCK_SIZE = 16;
/**
 * The IV's low 16 bits are zero (k_s and i are both shifted left by 16), so the
 * block counter lives in the last two octets. Capping a keystream at 2^16 blocks
 * (1 MiB, far above any datagram) means adding it never carries into the index.
 */
const MAX_BLOCKS = 0x10000;

/** Counter words are written as native uint32s; the block counter's place in the last word depends on byte order. */
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * Writes the RFC 3711 §4.1.1 IV for `ssrc` and the 48-bit packet index (or the
 * 31-bit SRTCP index, §3.4) into `iv` (16 bytes). `salt` is the 14-byte session salt.
 */
export function writeAesCmIv(iv: Uint8Array, salt: Uint8Array, ssrc: number, index: number): void {
  const high = Math.floor(index / 0x10000); // index bits 47..16
  iv[0] = salt[0]!;
  iv[1] = salt[1]!;
  iv[2] = salt[2]!;
  iv[3] = salt[3]!;
  iv[4] = salt[4]! ^ (ssrc >>> 24);
  iv[5] = salt[5]! ^ ((ssrc >>> 16) & 0xff);
  iv[6] = salt[6]! ^ ((ssrc >>> 8) & 0xff);
  iv[7] = salt[7]! ^ (ssrc & 0xff);
  iv[8] = salt[8]! ^ (high >>> 24);
  iv[9] = salt[9]! ^ ((high >>> 16) & 0xff);
  iv[10] = salt[10]! ^ ((high >>> 8) & 0xff);
  iv[11] = salt[11]! ^ (high & 0xff);
  iv[12] = salt[12]! ^ ((index >>> 8) & 0xff);
  iv[13] = salt[13]! ^ (index & 0xff);
  iv[14] = 0;
  iv[15] = 0;
}

/** One AES key's keystream generator; reuse it for every packet of a session. */
export class AesCmKeystream {
  readonly #ecb: Cipher;
  #counters = Buffer.alloc(0);
  #counterWords = new Uint32Array(0);
  readonly #ivWords = new Uint32Array(4);
  readonly #ivBytes = new Uint8Array(this.#ivWords.buffer);

  /** `key` is 16 or 32 bytes: AES-128 for the CM profiles, AES-256 for the AEAD_AES_256_GCM key derivation (RFC 7714 §11). */
  constructor(key: Uint8Array) {
    if (key.length !== 16 && key.length !== 24 && key.length !== 32) {
      throw new TypeError(`srtp: an AES key has 16, 24 or 32 bytes, got ${key.length}`);
    }
    this.#ecb = createCipheriv(`aes-${key.length * 8}-ecb`, key, null);
    this.#ecb.setAutoPadding(false);
  }

  /**
   * XORs the keystream that starts at counter block `iv` (16 bytes, last two
   * zero, see `writeAesCmIv`) into `buf[offset, offset + length)`. Encrypting
   * and decrypting are the same call. Fastest when `buf.byteOffset + offset` is
   * a multiple of 8, which the SRTP transforms arrange.
   */
  xor(iv: Uint8Array, buf: Uint8Array, offset: number, length: number): void {
    if (length === 0) return;
    const blocks = Math.ceil(length / BLOCK_SIZE);
    if (blocks > MAX_BLOCKS) throw new RangeError(`srtp: keystream of ${length} bytes exceeds 2^16 AES blocks`);
    const keystream = this.#ecb.update(this.#fillCounters(iv, blocks));
    xorInto(buf, offset, keystream, length);
  }

  /** The counter blocks IV, IV+1, ... as one view, ready for the ECB cipher. */
  #fillCounters(iv: Uint8Array, blocks: number): Buffer {
    if (this.#counterWords.length < blocks * 4) this.#grow(blocks);
    this.#ivBytes.set(iv.subarray(0, BLOCK_SIZE));
    const ivWords = this.#ivWords;
    const w0 = ivWords[0]!;
    const w1 = ivWords[1]!;
    const w2 = ivWords[2]!;
    const w3 = ivWords[3]!;
    const words = this.#counterWords;
    for (let block = 0, w = 0; block < blocks; block++, w += 4) {
      words[w] = w0;
      words[w + 1] = w1;
      words[w + 2] = w2;
      // The block number goes big-endian into octets 14 and 15 of the block.
      words[w + 3] = LITTLE_ENDIAN ? w3 | ((block & 0xff) << 24) | ((block >>> 8) << 16) : w3 | block;
    }
    return this.#counters.subarray(0, blocks * BLOCK_SIZE);
  }

  #grow(blocks: number): void {
    // Powers of two, from 128 blocks (a 2 KiB packet), so a session settles after its first large packet.
    let capacity = 128;
    while (capacity < blocks) capacity *= 2;
    this.#counters = Buffer.alloc(capacity * BLOCK_SIZE);
    this.#counterWords = new Uint32Array(this.#counters.buffer, this.#counters.byteOffset, capacity * 4);
  }
}

/**
 * target[offset + i] ^= keystream[i] for i < length. BigUint64Array XOR beats
 * Uint32Array (0.25 vs 0.41 µs per 1200 bytes, limits.md §3) but needs both
 * sides 8-aligned; `update()` returns its own ArrayBuffer, so the keystream is.
 */
function xorInto(target: Uint8Array, offset: number, keystream: Buffer, length: number): void {
  let done = 0;
  const start = target.byteOffset + offset;
  if ((start & 7) === 0 && (keystream.byteOffset & 7) === 0) {
    const words = length >>> 3;
    const out = new BigUint64Array(target.buffer, start, words);
    const key = new BigUint64Array(keystream.buffer, keystream.byteOffset, words);
    for (let i = 0; i < words; i++) out[i]! ^= key[i]!;
    done = words << 3;
  }
  for (let i = done; i < length; i++) target[offset + i]! ^= keystream[i]!;
}
