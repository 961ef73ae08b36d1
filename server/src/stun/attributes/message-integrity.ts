/**
 * MESSAGE-INTEGRITY (0x0008, RFC 8489 §14.5): a 20-byte HMAC-SHA1 of the message
 * up to this attribute, with the header's length pointing at its end.
 *
 * This module only frames the value; computing and checking it is integrity.ts.
 */
import { copyBytes } from '../bytes.ts';
import { requireAttributeLength } from '../errors.ts';

export const MESSAGE_INTEGRITY_SIZE = 20;

export interface MessageIntegrityAttribute {
  readonly kind: 'MESSAGE-INTEGRITY';
  readonly hmac: Uint8Array;
}

export function parseMessageIntegrity(value: Uint8Array): MessageIntegrityAttribute {
  requireAttributeLength(value.length === MESSAGE_INTEGRITY_SIZE, 'MESSAGE-INTEGRITY', value.length, '20');
  return { kind: 'MESSAGE-INTEGRITY', hmac: copyBytes(value) };
}

export function serializeMessageIntegrity(attribute: MessageIntegrityAttribute): Uint8Array {
  if (attribute.hmac.length !== MESSAGE_INTEGRITY_SIZE) {
    throw new RangeError(`stun: MESSAGE-INTEGRITY must be 20 bytes, got ${attribute.hmac.length}`);
  }
  return copyBytes(attribute.hmac);
}
