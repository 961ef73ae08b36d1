/**
 * HMAC-SHA1 (RFC 2104), the SRTP/SRTCP message authentication of RFC 3711 §4.2.1,
 * built from two one-shot `crypto.hash('sha1')` calls with the key's pads
 * precomputed:
 *
 *   HMAC(K, m) = SHA1((K ^ opad) || SHA1((K ^ ipad) || m))
 *
 * Measured 1.79 µs against 1.90 µs for `createHmac` per 1216-byte message, and
 * against 2.16 µs for copying precomputed `Hash` states (limits.md §3 (c), (d), (d')).
 * The one-shot hash wants the whole inner input in one buffer, so callers that
 * care leave 64 bytes in front of the message for `writeInnerPad` and hash in
 * place (`digestPadded`); the SRTP transform copies each packet exactly once.
 */
import { hash } from 'node:crypto';

/** SHA-1's block size (RFC 2104 §2: B = 64). */
export const HMAC_SHA1_PAD_SIZE = 64;
export const HMAC_SHA1_SIZE = 20;

const IPAD = 0x36;
const OPAD = 0x5c;

export class HmacSha1 {
  readonly #innerPad = Buffer.alloc(HMAC_SHA1_PAD_SIZE);
  /** (K ^ opad) followed by a slot for the inner digest: the whole outer input. */
  readonly #outer = Buffer.alloc(HMAC_SHA1_PAD_SIZE + HMAC_SHA1_SIZE);

  constructor(key: Uint8Array) {
    // RFC 2104 §2: a key longer than B is hashed first; SRTP's 20-byte keys never are.
    const k = key.length > HMAC_SHA1_PAD_SIZE ? hash('sha1', key, 'buffer') : key;
    this.#innerPad.fill(IPAD);
    this.#outer.fill(OPAD, 0, HMAC_SHA1_PAD_SIZE);
    for (let i = 0; i < k.length; i++) {
      this.#innerPad[i]! ^= k[i]!;
      this.#outer[i]! ^= k[i]!;
    }
  }

  /** Writes K ^ ipad at `buf[offset, offset + 64)`, right before the message. */
  writeInnerPad(buf: Uint8Array, offset: number): void {
    buf.set(this.#innerPad, offset);
  }

  /** HMAC of `buf[start + 64, end)`, with `writeInnerPad(buf, start)` done already. */
  digestPadded(buf: Buffer, start: number, end: number): Buffer {
    this.#outer.set(hash('sha1', buf.subarray(start, end), 'buffer'), HMAC_SHA1_PAD_SIZE);
    return hash('sha1', this.#outer, 'buffer');
  }

  /** HMAC of `message`, copying it once; for tests and cold paths. */
  digest(message: Uint8Array): Buffer {
    const buf = Buffer.allocUnsafe(HMAC_SHA1_PAD_SIZE + message.length);
    this.writeInnerPad(buf, 0);
    buf.set(message, HMAC_SHA1_PAD_SIZE);
    return this.digestPadded(buf, 0, buf.length);
  }
}

/**
 * Compares a computed tag with the received one without an early exit, so the
 * time taken does not reveal how many leading bytes an attacker got right.
 */
export function tagsEqual(computed: Uint8Array, received: Uint8Array, receivedOffset: number, length: number): boolean {
  let difference = 0;
  for (let i = 0; i < length; i++) difference |= computed[i]! ^ received[receivedOffset + i]!;
  return difference === 0;
}
