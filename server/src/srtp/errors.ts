import { ProtocolError } from '../common/protocol-error.ts';

/**
 * Stable codes for every way SRTP or SRTCP refuses a packet. The media path
 * counts a packet per code and drops it; tests assert the code, never the text.
 *
 * - `TOO_SHORT`: fewer bytes than the clear header, the header's CSRCs and
 *   extension, or the trailer (index and tag) need (RFC 3711 §3.1, §3.4; RFC 7714 §8, §9).
 * - `BAD_VERSION`: the clear RTP/RTCP header does not say V=2 (RFC 3550 §5.1, §6.4.1).
 * - `AUTH_FAILED`: the tag does not verify (RFC 3711 §3.3 step 4, §3.4; RFC 7714 §8.2, §9.2).
 * - `REPLAYED`: the index was already accepted (RFC 3711 §3.3.2).
 * - `TOO_OLD`: the index lies left of the replay window, so it can no longer be
 *   told apart from a replay (RFC 3711 §3.3.2).
 * - `KEY_EXHAUSTED`: protecting the packet would reuse an index: 2^48 SRTP packets
 *   (RFC 3711 §3.3.1) or 2^31 SRTCP packets (§3.4) per SSRC. Re-key (RFC 3711 §9.2).
 */
export type SrtpErrorCode = 'TOO_SHORT' | 'BAD_VERSION' | 'AUTH_FAILED' | 'REPLAYED' | 'TOO_OLD' | 'KEY_EXHAUSTED';

/** Thrown by every protect/unprotect; anything else escaping them is a bug. */
export class SrtpError extends ProtocolError<SrtpErrorCode> {}

/** Throws `TOO_SHORT` unless `available` bytes cover `needed`: "srtp: packet too short (size 11 < 22)". */
export function requireBytes(available: number, needed: number, what: string): void {
  if (available < needed) {
    throw new SrtpError('TOO_SHORT', `srtp: ${what} too short (size ${available} < ${needed})`);
  }
}
