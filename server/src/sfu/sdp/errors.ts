import { ProtocolError } from '../../common/protocol-error.ts';

/**
 * Stable codes for a description the SFU cannot negotiate with, although it
 * parses (parse errors stay `SdpParseError` / `SdpAttributeError`):
 *
 * - `MISSING_MID`: an m= section without a=mid (RFC 8829 §5.2.1: every section has one).
 * - `DUPLICATE_MID`: two sections with one mid (RFC 5888 §4: identification tags are unique).
 * - `MISSING_ICE_CREDENTIALS`: an accepted section without a=ice-ufrag / a=ice-pwd (RFC 8839 §5.4).
 * - `MISSING_FINGERPRINT`: an accepted section without an a=fingerprint of a known hash (RFC 8122 §5, RFC 8842 §5).
 * - `BAD_SETUP`: an a=setup the SFU cannot follow: none, `holdconn`, `actpass` in an answer, or a
 *   DTLS role other than the one already negotiated (RFC 8842 §5.3, §5.5).
 * - `NOT_BUNDLED`: an answer accepts a section outside its BUNDLE group, or without a=rtcp-mux
 *   (the SFU runs one transport per peer connection: RFC 8843, RFC 5761).
 * - `UNKNOWN_MID`: the mid asked for is not a section the SFU accepted to receive.
 * - `ANSWER_MISMATCH`: the answer's m= sections do not pair with the offer's (RFC 3264 §6: same number, same order, same mids).
 * - `NO_OFFER_PENDING`: an answer came when no offer was out.
 */
export type SdpNegotiationErrorCode =
  | 'MISSING_MID'
  | 'DUPLICATE_MID'
  | 'MISSING_ICE_CREDENTIALS'
  | 'MISSING_FINGERPRINT'
  | 'BAD_SETUP'
  | 'NOT_BUNDLED'
  | 'UNKNOWN_MID'
  | 'ANSWER_MISMATCH'
  | 'NO_OFFER_PENDING';

export class SdpNegotiationError extends ProtocolError<SdpNegotiationErrorCode> {
  constructor(code: SdpNegotiationErrorCode, reason: string) {
    super(code, `sfu sdp: ${reason}`);
  }
}
