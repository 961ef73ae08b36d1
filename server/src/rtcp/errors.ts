import { ProtocolError } from '../common/protocol-error.ts';

/**
 * Stable codes for every way an RTCP datagram can be rejected. Tests and the
 * media path branch on these, never on the message text.
 *
 * - `PACKET_TOO_SHORT`: fewer bytes than the fixed part of the header or packet.
 * - `BAD_VERSION`: V is not 2 (RFC 3550 §6.4.1, A.2).
 * - `BAD_LENGTH`: a length field or count disagrees with the bytes present (RFC 3550 A.2).
 * - `BAD_PADDING`: P is set but the padding count is 0 or larger than the payload (RFC 3550 §6.4.1).
 * - `WRONG_PACKET_TYPE`: a single-type parser was handed another packet type or FMT.
 * - `BAD_SDES`: a chunk or item of an SDES packet is malformed (RFC 3550 §6.5).
 * - `BAD_TEXT`: SDES or BYE text that is not UTF-8 (RFC 3550 §6.5, §6.6).
 * - `BAD_FCI`: feedback control information of the wrong size or content (RFC 4585 §6.1).
 * - `BAD_STATUS_SYMBOL`: a transport-cc chunk carries the reserved symbol 11.
 * - `BAD_XR_BLOCK`: an XR report block with a length its type forbids (RFC 3611 §4).
 */
export type RtcpErrorCode =
  | 'PACKET_TOO_SHORT'
  | 'BAD_VERSION'
  | 'BAD_LENGTH'
  | 'BAD_PADDING'
  | 'WRONG_PACKET_TYPE'
  | 'BAD_SDES'
  | 'BAD_TEXT'
  | 'BAD_FCI'
  | 'BAD_STATUS_SYMBOL'
  | 'BAD_XR_BLOCK';

/** Thrown by every RTCP parser; anything else escaping a parser is a bug. */
export class RtcpParseError extends ProtocolError<RtcpErrorCode> {}

/** Throws `PACKET_TOO_SHORT` unless `available` bytes cover `needed`. */
export function requireBytes(available: number, needed: number, what: string): void {
  if (available < needed) {
    throw new RtcpParseError('PACKET_TOO_SHORT', `rtcp: ${what} too short (size ${available} < ${needed})`);
  }
}
