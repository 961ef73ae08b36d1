/**
 * Computing and checking FINGERPRINT (RFC 8489 §14.7, the mechanism in §7).
 *
 * The value is the CRC-32 of the message up to (not including) the FINGERPRINT
 * attribute, XORed with 0x5354554e, where the header's length already counts
 * the FINGERPRINT attribute. Verification works on the received bytes with a
 * patched copy of the header, never on a re-serialized message, which might
 * differ in padding or in attributes the parser ignored.
 */
import { AttributeType } from './attribute-type.ts';
import { FINGERPRINT_SIZE } from './attributes/fingerprint.ts';
import { viewOf } from './bytes.ts';
import { crc32 } from './crc32.ts';
import { HEADER_SIZE, headerWithLength, parseStunHeader } from './header.ts';
import { ATTRIBUTE_HEADER_SIZE, readAttributeSlots, significantSlots } from './tlv.ts';

/** RFC 8489 §14.7: "STUN" in ASCII, so a CRC over non-STUN data that happens to fit is unlikely to match. */
export const FINGERPRINT_XOR = 0x5354554e;

/** The FINGERPRINT value for a message whose FINGERPRINT attribute starts at `fingerprintOffset`. */
export function fingerprintOf(message: Uint8Array, fingerprintOffset: number): number {
  const end = fingerprintOffset + ATTRIBUTE_HEADER_SIZE + FINGERPRINT_SIZE;
  const header = headerWithLength(message, end - HEADER_SIZE);
  return (crc32(message.subarray(HEADER_SIZE, fingerprintOffset), crc32(header)) ^ FINGERPRINT_XOR) >>> 0;
}

/**
 * True when the message ends with a FINGERPRINT attribute whose value matches.
 * False when it has none, when it is not last (RFC 8489 §14.7: "MUST be the last
 * attribute"), or on a mismatch. Throws StunParseError if `bytes` is not a
 * well-framed STUN message at all.
 */
export function verifyFingerprint(bytes: Uint8Array): boolean {
  parseStunHeader(bytes);
  const slots = readAttributeSlots(bytes);
  const counted = significantSlots(slots).find((slot) => slot.type === AttributeType.Fingerprint);
  if (counted === undefined || counted !== slots.at(-1) || counted.value.length !== FINGERPRINT_SIZE) return false;
  return viewOf(counted.value).getUint32(0) === fingerprintOf(bytes, counted.offset);
}
