/**
 * Keys for, and checks of, MESSAGE-INTEGRITY (RFC 8489 §14.5) and
 * MESSAGE-INTEGRITY-SHA256 (§14.6).
 *
 * The HMAC covers the message up to (not including) the integrity attribute,
 * with the header's length set as if the message ended right after that
 * attribute. Attributes that follow it (FINGERPRINT, or MESSAGE-INTEGRITY-SHA256
 * after MESSAGE-INTEGRITY) are not covered. Verification works on the received
 * bytes with a patched copy of the header, never on a re-serialized message.
 */
import { createHash, createHmac } from 'node:crypto';
import { AttributeType } from './attribute-type.ts';
import { MESSAGE_INTEGRITY_SIZE } from './attributes/message-integrity.ts';
import { isValidSha256IntegrityLength } from './attributes/message-integrity-sha256.ts';
import { macEqual } from './bytes.ts';
import { HEADER_SIZE, headerWithLength, parseStunHeader } from './header.ts';
import { ATTRIBUTE_HEADER_SIZE, paddedLength, readAttributeSlots, significantSlots } from './tlv.ts';

export type IntegrityAlgorithm = 'sha1' | 'sha256';

const encoder = new TextEncoder();

/**
 * The short-term credential key (RFC 8489 §9.1.1): the password, processed with
 * the OpaqueString profile (RFC 8265), as UTF-8. ICE passwords are ice-chars
 * only (ALPHA / DIGIT / "+" / "/", RFC 8839 §5.4), on which OpaqueString (and
 * RFC 5389's SASLprep) changes nothing, so no preparation is done here.
 *
 * In ICE a request is signed with the password of the agent it is sent to, and
 * the response with that same password (RFC 8445 §7.2.2).
 */
export function shortTermKey(password: string): Uint8Array {
  return encoder.encode(password);
}

/**
 * The long-term credential key (RFC 8489 §9.2.2): MD5, or SHA-256 when
 * PASSWORD-ALGORITHM selects it, of `username ":" realm ":" password`. The
 * caller must already have applied OpaqueString to realm and password (RFC 5389
 * §15.4: SASLprep to the password); this package does not implement those profiles.
 */
export function longTermKey(credentials: {
  readonly username: string;
  readonly realm: string;
  readonly password: string;
  readonly algorithm?: 'md5' | 'sha256';
}): Uint8Array {
  const { username, realm, password, algorithm = 'md5' } = credentials;
  return new Uint8Array(createHash(algorithm).update(`${username}:${realm}:${password}`, 'utf8').digest());
}

/**
 * The full HMAC for an integrity attribute of `valueLength` bytes that starts
 * at `attributeOffset` in `message` (only the bytes before it are read).
 */
export function integrityHmac(
  algorithm: IntegrityAlgorithm,
  key: Uint8Array,
  message: Uint8Array,
  attributeOffset: number,
  valueLength: number,
): Uint8Array {
  const end = attributeOffset + ATTRIBUTE_HEADER_SIZE + paddedLength(valueLength);
  const hmac = createHmac(algorithm, key);
  hmac.update(headerWithLength(message, end - HEADER_SIZE));
  hmac.update(message.subarray(HEADER_SIZE, attributeOffset));
  return new Uint8Array(hmac.digest());
}

function verify(bytes: Uint8Array, key: Uint8Array, type: number, algorithm: IntegrityAlgorithm): boolean {
  parseStunHeader(bytes);
  const slot = significantSlots(readAttributeSlots(bytes)).find((s) => s.type === type);
  if (slot === undefined) return false;
  const length = slot.value.length;
  const validLength = algorithm === 'sha1' ? length === MESSAGE_INTEGRITY_SIZE : isValidSha256IntegrityLength(length);
  if (!validLength) return false;
  // §14.6: a truncated MESSAGE-INTEGRITY-SHA256 carries the leading bytes of the HMAC.
  const expected = integrityHmac(algorithm, key, bytes, slot.offset, length).subarray(0, length);
  return macEqual(expected, slot.value);
}

/**
 * True when the message carries a MESSAGE-INTEGRITY that matches `key`. False
 * when it has none (the caller answers 400, RFC 8489 §9.1.3) or it does not
 * match (401). Throws StunParseError if `bytes` is not a well-framed STUN message.
 */
export function verifyMessageIntegrity(bytes: Uint8Array, key: Uint8Array): boolean {
  return verify(bytes, key, AttributeType.MessageIntegrity, 'sha1');
}

/** As verifyMessageIntegrity, for MESSAGE-INTEGRITY-SHA256 (any allowed truncation, RFC 8489 §14.6). */
export function verifyMessageIntegritySha256(bytes: Uint8Array, key: Uint8Array): boolean {
  return verify(bytes, key, AttributeType.MessageIntegritySha256, 'sha256');
}
