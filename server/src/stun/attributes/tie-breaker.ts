/**
 * The value of ICE-CONTROLLING and ICE-CONTROLLED (RFC 8445 §7.1.3, §16.1): a
 * 64-bit unsigned tie-breaker, compared when both agents claim the same role
 * (§7.3.1.1). Kept as a bigint because 64 bits do not fit a JS number exactly.
 */
import { viewOf } from '../bytes.ts';
import { requireAttributeLength } from '../errors.ts';
import type { AttributeCodec } from './codec.ts';

const TIE_BREAKER_SIZE = 8;
const MAX_TIE_BREAKER = 2n ** 64n - 1n;

export interface TieBreakerAttribute<Kind extends string> {
  readonly kind: Kind;
  readonly tieBreaker: bigint;
}

/** The codec of a role attribute: the same 8-byte value under two types. */
export function tieBreakerCodec<Kind extends string>(kind: Kind, type: number): AttributeCodec<TieBreakerAttribute<Kind>> {
  return {
    type,
    kind,
    parse(value) {
      requireAttributeLength(value.length === TIE_BREAKER_SIZE, kind, value.length, '8');
      return { kind, tieBreaker: viewOf(value).getBigUint64(0) };
    },
    serialize({ tieBreaker }) {
      if (tieBreaker < 0n || tieBreaker > MAX_TIE_BREAKER) {
        throw new RangeError(`stun: ${kind} tie-breaker must fit in 64 unsigned bits, got ${tieBreaker}`);
      }
      const out = new Uint8Array(TIE_BREAKER_SIZE);
      viewOf(out).setBigUint64(0, tieBreaker);
      return out;
    },
  };
}
