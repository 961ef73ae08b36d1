/**
 * UNKNOWN-ATTRIBUTES (0x000A, RFC 8489 §14.13): in a 420 (Unknown Attribute)
 * error response, the comprehension-required attribute types the server did
 * not understand (§6.3.1.1).
 *
 *        0                   1                   2                   3
 *        0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       |      Attribute 1 Type         |       Attribute 2 Type        |
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       |      Attribute 3 Type         |       Attribute 4 Type    ...
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * An odd count is padded like any value. (RFC 3489 padded by repeating a type
 * instead; RFC 8489 §14.13 notes that, and the ordinary padding rule copes.)
 */
import { checkUint, viewOf } from '../bytes.ts';
import { requireAttributeLength } from '../errors.ts';

const TYPE_SIZE = 2;

export interface UnknownAttributesAttribute {
  readonly kind: 'UNKNOWN-ATTRIBUTES';
  readonly types: readonly number[];
}

export function parseUnknownAttributes(value: Uint8Array): UnknownAttributesAttribute {
  requireAttributeLength(value.length % TYPE_SIZE === 0, 'UNKNOWN-ATTRIBUTES', value.length, 'a multiple of 2');
  const view = viewOf(value);
  const types = Array.from({ length: value.length / TYPE_SIZE }, (_, i) => view.getUint16(i * TYPE_SIZE));
  return { kind: 'UNKNOWN-ATTRIBUTES', types };
}

export function serializeUnknownAttributes(attribute: UnknownAttributesAttribute): Uint8Array {
  const out = new Uint8Array(attribute.types.length * TYPE_SIZE);
  const view = viewOf(out);
  attribute.types.forEach((type, i) => view.setUint16(i * TYPE_SIZE, checkUint('attribute type', type, 16)));
  return out;
}
