/**
 * The TLS 1.2 pseudorandom function (RFC 5246 §5).
 *
 *   P_hash(secret, seed) = HMAC_hash(secret, A(1) + seed) +
 *                          HMAC_hash(secret, A(2) + seed) + ...
 *   A(0) = seed,  A(i) = HMAC_hash(secret, A(i-1))
 *   PRF(secret, label, seed) = P_<hash>(secret, label + seed)
 *
 * The hash is SHA-256 for every TLS 1.2 suite unless the suite names another
 * (RFC 5246 §5); the *_SHA384 GCM suites use SHA-384 (RFC 5289 §3.2).
 */
import { createHmac } from 'node:crypto';
import { concatBytes } from '../wire.ts';
import type { PrfHash } from './cipher-suite.ts';

/** `length` bytes of PRF(secret, label, seed); `label` is ASCII (RFC 5246 §5: "no length byte or trailing null"). */
export function prf(hash: PrfHash, secret: Uint8Array, label: string, seed: Uint8Array, length: number): Uint8Array {
  if (!Number.isInteger(length) || length < 0) throw new RangeError(`dtls: PRF length must be a non-negative integer, got ${length}`);
  const labelAndSeed = concatBytes(new TextEncoder().encode(label), seed);
  const out = new Uint8Array(length);
  let a: Uint8Array = labelAndSeed;
  for (let filled = 0; filled < length; ) {
    a = createHmac(hash, secret).update(a).digest();
    const block = createHmac(hash, secret).update(a).update(labelAndSeed).digest();
    const take = Math.min(block.length, length - filled);
    out.set(block.subarray(0, take), filled);
    filled += take;
  }
  return out;
}
