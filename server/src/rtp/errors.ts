import { ProtocolError } from '../common/protocol-error.ts';

/**
 * Stable codes for every way an RTP packet, or a codec payload inside it, can
 * be rejected. The media path counts a packet per code and drops it; tests
 * assert the code, never the message text.
 *
 * - `PACKET_TOO_SHORT`: fewer bytes than the fixed header, the CSRC list or the
 *   extension header announce (RFC 3550 §5.1, §5.3.1).
 * - `BAD_VERSION`: V is not 2 (RFC 3550 §5.1, A.1).
 * - `EXTENSION_TOO_LONG`: the header extension's length runs past the packet (RFC 3550 §5.3.1).
 * - `BAD_EXTENSION_ELEMENT`: an RFC 8285 element runs past the end of its extension block (RFC 8285 §4.2, §4.3).
 * - `BAD_PADDING`: P is set but the padding count is 0 or larger than what follows the header (RFC 3550 §5.1, A.1).
 * - `RTX_TOO_SHORT`: an RTX payload without its 2-byte original sequence number (RFC 4588 §4).
 * - `UNKNOWN_RTX_PAYLOAD_TYPE`: an RTX packet whose payload type has no negotiated apt (RFC 4588 §8.1).
 * - `DESCRIPTOR_TOO_SHORT`: a codec payload descriptor or header cut short (RFC 7741, RFC 9628, RFC 6184, AV1 RTP §4).
 * - `BAD_DESCRIPTOR`: a codec payload descriptor that is complete but invalid (e.g. a fourth VP9 P_DIFF).
 */
export type RtpErrorCode =
  | 'PACKET_TOO_SHORT'
  | 'BAD_VERSION'
  | 'EXTENSION_TOO_LONG'
  | 'BAD_EXTENSION_ELEMENT'
  | 'BAD_PADDING'
  | 'RTX_TOO_SHORT'
  | 'UNKNOWN_RTX_PAYLOAD_TYPE'
  | 'DESCRIPTOR_TOO_SHORT'
  | 'BAD_DESCRIPTOR';

/** Thrown by every RTP and codec payload parser; anything else escaping a parser is a bug. */
export class RtpParseError extends ProtocolError<RtpErrorCode> {}

/**
 * Throws `PACKET_TOO_SHORT` unless `available` bytes cover `needed`. `what`
 * names the field for the message: "rtp: CSRC list too short (size 14 < 16)".
 */
export function requireBytes(available: number, needed: number, what: string): void {
  if (available < needed) {
    throw new RtpParseError('PACKET_TOO_SHORT', `rtp: ${what} too short (size ${available} < ${needed})`);
  }
}

/** The same for codec payloads: throws `DESCRIPTOR_TOO_SHORT` ("rtp: vp8 PictureID too short ..."). */
export function requireDescriptorBytes(available: number, needed: number, what: string): void {
  if (available < needed) {
    throw new RtpParseError('DESCRIPTOR_TOO_SHORT', `rtp: ${what} too short (size ${available} < ${needed})`);
  }
}
