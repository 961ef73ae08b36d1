/**
 * Close status codes (RFC 6455 §7.4) and which of them may travel in a Close
 * frame. The payload codec is in close-frame.ts.
 */

/**
 * RFC 6455 §7.4.1, plus 1012–1014 from the IANA "WebSocket Close Code Number"
 * registry (RFC 6455 §11.7), which browsers and servers send today.
 */
export const CloseCode = {
  /** The purpose of the connection was fulfilled. */
  Normal: 1000,
  /** An endpoint is going away: server shutdown, page navigation, or (here) a dead peer. */
  GoingAway: 1001,
  ProtocolError: 1002,
  /** A data type the endpoint cannot accept, e.g. binary where only text is understood. */
  UnsupportedData: 1003,
  /** Reserved; never sent (§7.4.1). */
  Reserved: 1004,
  /** Reported when a Close frame had no status; MUST NOT be sent (§7.4.1). */
  NoStatusReceived: 1005,
  /** Reported when the TCP connection ended without a Close frame; MUST NOT be sent (§7.4.1). */
  AbnormalClosure: 1006,
  /** Data inconsistent with the message type, e.g. non-UTF-8 text (§8.1). */
  InvalidPayload: 1007,
  PolicyViolation: 1008,
  MessageTooBig: 1009,
  /** Client only: a required extension was not negotiated. */
  MandatoryExtension: 1010,
  InternalError: 1011,
  ServiceRestart: 1012,
  TryAgainLater: 1013,
  BadGateway: 1014,
  /** Reported when the TLS handshake failed; MUST NOT be sent (§7.4.1). */
  TlsHandshake: 1015,
} as const;

/**
 * Whether `code` may appear in a Close frame, sent or received (RFC 6455 §7.4).
 * 0–999 are not used; 1004–1006 and 1015 are reserved or report-only; the rest
 * of 1000–2999 is for future RFCs (§7.4.2), so a peer using one is in error;
 * 3000–3999 are registered by libraries and 4000–4999 are private, both fine.
 */
export function isValidCloseCode(code: number): boolean {
  if (!Number.isInteger(code)) return false;
  if (code >= 3000 && code <= 4999) return true;
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014);
}
