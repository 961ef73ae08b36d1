/**
 * Client-to-server masking (RFC 6455 §5.3):
 *
 *   transformed-octet-i = original-octet-i XOR masking-key-octet-(i MOD 4)
 *
 * The same operation masks and unmasks. It runs over every byte a server
 * receives, so it XORs whole 32-bit words once the data is 4-byte aligned in
 * its buffer, with the key rotated to match the bytes handled before that.
 */
import { randomFillSync } from 'node:crypto';

export const MASKING_KEY_SIZE = 4;

/** Below this the word loop's setup costs more than it saves. */
const WORD_LOOP_THRESHOLD = 32;

/** XORs `data` in place with the 4-byte `key`, starting at key octet 0 (RFC 6455 §5.3). */
export function applyMask(data: Uint8Array, key: Uint8Array): void {
  if (key.length !== MASKING_KEY_SIZE) throw new RangeError(`websocket: masking key of ${key.length} bytes, want 4`);
  const length = data.length;
  let i = 0;
  if (length >= WORD_LOOP_THRESHOLD) {
    // Bytes up to the first 4-byte boundary of the underlying buffer, one by one.
    const head = (4 - (data.byteOffset & 3)) & 3;
    for (; i < head; i++) data[i]! ^= key[i & 3]!;
    // The key as one word in the machine's byte order, rotated so byte i of the
    // word lines up with key octet (head + i) mod 4.
    const rotated = new Uint8Array(MASKING_KEY_SIZE);
    for (let j = 0; j < MASKING_KEY_SIZE; j++) rotated[j] = key[(head + j) & 3]!;
    const keyWord = new Uint32Array(rotated.buffer)[0]!;
    const words = (length - head) >>> 2;
    const view = new Uint32Array(data.buffer, data.byteOffset + head, words);
    for (let w = 0; w < words; w++) view[w]! ^= keyWord;
    i = head + words * 4;
  }
  for (; i < length; i++) data[i]! ^= key[i & 3]!;
}

/** 1024 keys per call into the CSPRNG instead of one call per frame. */
const POOL_SIZE = 4096;
const pool = new Uint8Array(POOL_SIZE);
let poolOffset = POOL_SIZE;

/**
 * A fresh masking key. RFC 6455 §5.3 and §10.3 require each frame's key to come
 * from a strong source of entropy so an attacker cannot predict it (the point
 * of masking is to defeat cache poisoning through intermediaries).
 */
export function newMaskingKey(): Uint8Array {
  if (poolOffset + MASKING_KEY_SIZE > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const key = pool.slice(poolOffset, poolOffset + MASKING_KEY_SIZE);
  poolOffset += MASKING_KEY_SIZE;
  return key;
}
