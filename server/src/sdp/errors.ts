import { ProtocolError } from '../common/protocol-error.ts';

/**
 * Stable codes for a session description that is rejected as a whole. RFC 8829
 * §5.8 (JSEP): "If any line is not well formed or cannot be parsed as described,
 * the parser MUST stop with an error and reject the session description".
 *
 * - `MISSING_VERSION`: the first line is not `v=` (RFC 8866 §5: a description starts with v=).
 * - `BAD_VERSION`: `v=` is not `0` (RFC 8866 §5.1).
 * - `BAD_LINE`: not `<type>=<value>` with a lowercase letter type, an empty line, or a NUL/CR inside a line (RFC 8866 §5, §9).
 * - `UNKNOWN_LINE_TYPE`: a type letter outside RFC 8866 §5 (an SDP parser "MUST completely ignore or reject" such a description).
 * - `LINE_OUT_OF_ORDER`: a known line in the wrong place or repeated where only one is allowed (RFC 8866 §5: "MUST appear in exactly the order given").
 * - `MISSING_LINE`: a required line is absent: o=, s=, t= (RFC 8866 §5), or c= in a media section when the session has none (RFC 8866 §5.7).
 * - `BAD_ORIGIN`, `BAD_SESSION_NAME`, `BAD_CONNECTION`, `BAD_BANDWIDTH`, `BAD_TIMING`, `BAD_MEDIA_LINE`, `BAD_ATTRIBUTE`:
 *   the value of an o=, s=, c=, b=, t=, m= or a= line does not match RFC 8866 §9.
 */
export type SdpParseErrorCode =
  | 'MISSING_VERSION'
  | 'BAD_VERSION'
  | 'BAD_LINE'
  | 'UNKNOWN_LINE_TYPE'
  | 'LINE_OUT_OF_ORDER'
  | 'MISSING_LINE'
  | 'BAD_ORIGIN'
  | 'BAD_SESSION_NAME'
  | 'BAD_CONNECTION'
  | 'BAD_BANDWIDTH'
  | 'BAD_TIMING'
  | 'BAD_MEDIA_LINE'
  | 'BAD_ATTRIBUTE';

/** Thrown by `parseSessionDescription`; `line` is 1-based (one past the last line for "missing" errors at the end). */
export class SdpParseError extends ProtocolError<SdpParseErrorCode> {
  readonly line: number;

  constructor(code: SdpParseErrorCode, line: number, reason: string) {
    super(code, `sdp: line ${line}: ${reason}`);
    this.line = line;
  }
}

/**
 * Stable codes for an attribute value that the typed accessors cannot read.
 * The description itself stays valid: RFC 8866 §5.13 keeps attribute values
 * opaque to the SDP layer, so they are checked only when someone asks for them.
 */
export type SdpAttributeErrorCode =
  | 'BAD_RTPMAP'
  | 'BAD_FMTP'
  | 'BAD_RTCP_FB'
  | 'BAD_EXTMAP'
  | 'BAD_SSRC'
  | 'BAD_SSRC_GROUP'
  | 'BAD_RID'
  | 'BAD_SIMULCAST'
  | 'BAD_CANDIDATE'
  | 'BAD_FINGERPRINT'
  | 'BAD_MSID'
  | 'BAD_GROUP'
  | 'BAD_MID'
  | 'BAD_SETUP'
  | 'BAD_DIRECTION'
  | 'BAD_ICE_UFRAG'
  | 'BAD_ICE_PWD'
  | 'BAD_ICE_OPTIONS'
  | 'BAD_SCTP_PORT'
  | 'BAD_MAX_MESSAGE_SIZE'
  | 'BAD_PAYLOAD_TYPE';

/** Thrown by the typed attribute parsers and the views built on them (`getCodecs`, `getDirection`, …). */
export class SdpAttributeError extends ProtocolError<SdpAttributeErrorCode> {
  /** The attribute name, e.g. `rtpmap`. */
  readonly attribute: string;

  constructor(code: SdpAttributeErrorCode, attribute: string, value: string, reason: string) {
    super(code, `sdp: bad a=${attribute} value ${quote(value)}: ${reason}`);
    this.attribute = attribute;
  }
}

/**
 * The error factory for one attribute, made once per module so parsers do not
 * build a closure per call: `const bad = attributeFailure('BAD_RTPMAP', 'rtpmap')`,
 * then `throw bad(value, 'no clock rate')`.
 */
export function attributeFailure(code: SdpAttributeErrorCode, attribute: string): (value: string, reason: string) => SdpAttributeError {
  return (value, reason) => new SdpAttributeError(code, attribute, value, reason);
}

/** Quotes text for an error message, cut short so a fuzzed megabyte line stays readable. */
export function quote(text: string): string {
  const limit = 80;
  return JSON.stringify(text.length > limit ? `${text.slice(0, limit)}…` : text);
}
