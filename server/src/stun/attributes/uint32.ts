/**
 * Attributes whose value is one 32-bit unsigned integer: PRIORITY and FINGERPRINT.
 */
import { checkUint, viewOf } from '../bytes.ts';
import { requireAttributeLength } from '../errors.ts';
import type { AttributeCodec } from './codec.ts';

const UINT32_SIZE = 4;

export interface Uint32Attribute<Kind extends string> {
  readonly kind: Kind;
  readonly value: number;
}

export function uint32Codec<Kind extends string>(kind: Kind, type: number): AttributeCodec<Uint32Attribute<Kind>> {
  return {
    type,
    kind,
    parse(value) {
      requireAttributeLength(value.length === UINT32_SIZE, kind, value.length, '4');
      return { kind, value: viewOf(value).getUint32(0) };
    },
    serialize(attribute) {
      const out = new Uint8Array(UINT32_SIZE);
      viewOf(out).setUint32(0, checkUint(kind, attribute.value, 32));
      return out;
    },
  };
}
