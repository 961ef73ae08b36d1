/**
 * MESSAGE-INTEGRITY-SHA256 (0x001C, RFC 8489 §14.6): an HMAC-SHA256 of the
 * message up to this attribute, possibly truncated. "The value will be at most
 * 32 bytes, but it MUST be at least 16 bytes and MUST be a multiple of 4 bytes",
 * and it is the full 32 bytes unless the STUN usage allows truncation.
 *
 * This module only frames the value; computing and checking it is integrity.ts.
 */
import { copyBytes } from '../bytes.ts';
import { requireAttributeLength } from '../errors.ts';

export const MESSAGE_INTEGRITY_SHA256_MAX = 32;
export const MESSAGE_INTEGRITY_SHA256_MIN = 16;

export interface MessageIntegritySha256Attribute {
  readonly kind: 'MESSAGE-INTEGRITY-SHA256';
  /** The leading 16–32 bytes (a multiple of 4) of the HMAC-SHA256. */
  readonly hmac: Uint8Array;
}

/** RFC 8489 §14.6: 16 to 32 bytes, in steps of 4. */
export function isValidSha256IntegrityLength(length: number): boolean {
  return length >= MESSAGE_INTEGRITY_SHA256_MIN && length <= MESSAGE_INTEGRITY_SHA256_MAX && length % 4 === 0;
}

export function parseMessageIntegritySha256(value: Uint8Array): MessageIntegritySha256Attribute {
  requireAttributeLength(isValidSha256IntegrityLength(value.length), 'MESSAGE-INTEGRITY-SHA256', value.length, '16..32 in steps of 4');
  return { kind: 'MESSAGE-INTEGRITY-SHA256', hmac: copyBytes(value) };
}

export function serializeMessageIntegritySha256(attribute: MessageIntegritySha256Attribute): Uint8Array {
  if (!isValidSha256IntegrityLength(attribute.hmac.length)) {
    throw new RangeError(`stun: MESSAGE-INTEGRITY-SHA256 must be 16..32 bytes in steps of 4, got ${attribute.hmac.length}`);
  }
  return copyBytes(attribute.hmac);
}
