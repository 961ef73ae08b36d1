import { ProtocolError } from '../common/protocol-error.ts';

/**
 * Stable codes for every way a STUN message can be rejected. The media path
 * counts a datagram per code and drops it; tests assert the code, never the text.
 *
 * - `MESSAGE_TOO_SHORT`: fewer than the 20 bytes of the header (RFC 8489 §5).
 * - `NOT_STUN`: the two most significant bits are not zero (RFC 8489 §5), so the
 *   datagram belongs to another protocol sharing the port (RFC 7983 §7).
 * - `BAD_MAGIC_COOKIE`: bytes 4–7 are not 0x2112A442 (RFC 8489 §5).
 * - `BAD_LENGTH`: the header's length is not a multiple of 4 or disagrees with
 *   the datagram size (RFC 8489 §5).
 * - `ATTRIBUTE_TRUNCATED`: an attribute header, value or padding runs past the end (RFC 8489 §14).
 * - `BAD_ATTRIBUTE_LENGTH`: a known attribute whose value length its definition forbids
 *   (e.g. PRIORITY not 4 bytes, RFC 8445 §16.1; MESSAGE-INTEGRITY not 20, RFC 8489 §14.5).
 * - `BAD_ADDRESS_FAMILY`: an address family other than 0x01 or 0x02 (RFC 8489 §14.1).
 * - `BAD_ERROR_CODE`: an ERROR-CODE class outside 3–6 or number over 99 (RFC 8489 §14.8).
 * - `BAD_UTF8`: a text attribute that is not UTF-8 (RFC 8489 §14.3, §14.8–§14.10, §14.14).
 */
export type StunErrorCode =
  | 'MESSAGE_TOO_SHORT'
  | 'NOT_STUN'
  | 'BAD_MAGIC_COOKIE'
  | 'BAD_LENGTH'
  | 'ATTRIBUTE_TRUNCATED'
  | 'BAD_ATTRIBUTE_LENGTH'
  | 'BAD_ADDRESS_FAMILY'
  | 'BAD_ERROR_CODE'
  | 'BAD_UTF8';

/** Thrown by every STUN parser; anything else escaping a parser is a bug. */
export class StunParseError extends ProtocolError<StunErrorCode> {}

/**
 * Throws `BAD_ATTRIBUTE_LENGTH` unless `ok`. `name` is the attribute's RFC name,
 * e.g. "stun: PRIORITY value of 3 bytes, want 4".
 */
export function requireAttributeLength(ok: boolean, name: string, length: number, want: string): void {
  if (!ok) throw new StunParseError('BAD_ATTRIBUTE_LENGTH', `stun: ${name} value of ${length} bytes, want ${want}`);
}
