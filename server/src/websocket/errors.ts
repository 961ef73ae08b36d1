import { ProtocolError } from '../common/protocol-error.ts';
import { CloseCode } from './close-codes.ts';

/**
 * Stable codes for every way a WebSocket connection is failed after the
 * handshake, each with the status code the Close frame carries (RFC 6455 §7.4.1).
 * Tests assert the code and the close status, never the text.
 *
 * - `UNMASKED_FRAME`: a client frame without MASK; a server MUST fail the connection (RFC 6455 §5.1).
 * - `MASKED_FRAME`: a server frame with MASK; a client MUST fail the connection (RFC 6455 §5.1).
 * - `RESERVED_BITS`: RSV1–3 set with no extension negotiated (RFC 6455 §5.2).
 * - `UNKNOWN_OPCODE`: opcodes 0x3–0x7 and 0xB–0xF are reserved (RFC 6455 §5.2).
 * - `FRAGMENTED_CONTROL_FRAME`: a control frame without FIN (RFC 6455 §5.5).
 * - `CONTROL_FRAME_TOO_LONG`: a control frame payload over 125 bytes (RFC 6455 §5.5).
 * - `BAD_PAYLOAD_LENGTH`: a 64-bit length with its most significant bit set (RFC 6455 §5.2).
 * - `FRAME_TOO_BIG`: a frame over the configured maximum, or at least 2^53 bytes (RFC 6455 §10.4).
 * - `UNEXPECTED_CONTINUATION`: a continuation frame with no message open (RFC 6455 §5.4).
 * - `MESSAGE_NOT_FINISHED`: a new text or binary frame while a fragmented message is open (RFC 6455 §5.4).
 * - `INVALID_UTF8`: a text message or close reason that is not UTF-8 (RFC 6455 §5.6, §8.1).
 * - `MESSAGE_TOO_BIG`: a message over the configured maximum (RFC 6455 §7.4.1 status 1009, §10.4).
 * - `BAD_CLOSE_PAYLOAD`: a Close payload of exactly 1 byte (RFC 6455 §5.5.1).
 * - `BAD_CLOSE_CODE`: a Close status code that may not appear on the wire (RFC 6455 §7.4).
 * - `SEND_QUEUE_FULL`: the peer reads slower than we send and the send queue passed its limit (policy, 1008).
 * - `DEAD_PEER`: nothing received for the dead-peer timeout, pings included (policy, 1001).
 * - `INTERNAL_ERROR`: a bug on our side; the connection is closed with 1011 rather than crash the process.
 */
export type WebSocketErrorCode =
  | 'UNMASKED_FRAME'
  | 'MASKED_FRAME'
  | 'RESERVED_BITS'
  | 'UNKNOWN_OPCODE'
  | 'FRAGMENTED_CONTROL_FRAME'
  | 'CONTROL_FRAME_TOO_LONG'
  | 'BAD_PAYLOAD_LENGTH'
  | 'FRAME_TOO_BIG'
  | 'UNEXPECTED_CONTINUATION'
  | 'MESSAGE_NOT_FINISHED'
  | 'INVALID_UTF8'
  | 'MESSAGE_TOO_BIG'
  | 'BAD_CLOSE_PAYLOAD'
  | 'BAD_CLOSE_CODE'
  | 'SEND_QUEUE_FULL'
  | 'DEAD_PEER'
  | 'INTERNAL_ERROR';

const CLOSE_CODE_OF: Readonly<Record<WebSocketErrorCode, number>> = {
  UNMASKED_FRAME: CloseCode.ProtocolError,
  MASKED_FRAME: CloseCode.ProtocolError,
  RESERVED_BITS: CloseCode.ProtocolError,
  UNKNOWN_OPCODE: CloseCode.ProtocolError,
  FRAGMENTED_CONTROL_FRAME: CloseCode.ProtocolError,
  CONTROL_FRAME_TOO_LONG: CloseCode.ProtocolError,
  BAD_PAYLOAD_LENGTH: CloseCode.ProtocolError,
  FRAME_TOO_BIG: CloseCode.MessageTooBig,
  UNEXPECTED_CONTINUATION: CloseCode.ProtocolError,
  MESSAGE_NOT_FINISHED: CloseCode.ProtocolError,
  INVALID_UTF8: CloseCode.InvalidPayload,
  MESSAGE_TOO_BIG: CloseCode.MessageTooBig,
  BAD_CLOSE_PAYLOAD: CloseCode.ProtocolError,
  BAD_CLOSE_CODE: CloseCode.ProtocolError,
  SEND_QUEUE_FULL: CloseCode.PolicyViolation,
  DEAD_PEER: CloseCode.GoingAway,
  INTERNAL_ERROR: CloseCode.InternalError,
};

/**
 * Why a connection was failed (RFC 6455 §7.1.7). Thrown by the frame parser and
 * the message assembler; the connection catches it, sends a Close frame with
 * `closeCode` and closes only that connection.
 */
export class WebSocketError extends ProtocolError<WebSocketErrorCode> {
  /** The status code of the Close frame this error is answered with. */
  get closeCode(): number {
    return CLOSE_CODE_OF[this.code];
  }
}

/**
 * Stable codes for a server refusing an opening handshake (RFC 6455 §4.2.1,
 * §4.2.2), each answered with the HTTP status in `status`.
 *
 * - `BAD_METHOD`: not GET. `BAD_HTTP_VERSION`: below HTTP/1.1. `MISSING_HOST`: no Host (§4.2.1 items 1–2).
 * - `BAD_UPGRADE`: Upgrade lacks "websocket". `BAD_CONNECTION`: Connection lacks "Upgrade" (§4.2.1 items 3–4).
 * - `BAD_KEY`: Sec-WebSocket-Key is not 16 bytes in base64 (§4.2.1 item 5).
 * - `UNSUPPORTED_VERSION`: Sec-WebSocket-Version is not 13, answered 426 naming ours (§4.2.2 item 4, §4.4).
 * - `ORIGIN_REJECTED`: the Origin callback said no, answered 403 (§4.2.2 item 4, §10.2).
 * - `BAD_PROTOCOL_SELECTION`: the subprotocol callback picked one the client did not offer,
 *   which §4.2.2 item 5 forbids; a bug in the caller, answered 500.
 * - `MALFORMED_REQUEST`: the request head is not HTTP/1.1 at all, or too large (RFC 9112 §2.2), answered 400.
 * - `NOT_FOUND`: no WebSocket endpoint at this path (§4.2.1 item 6 leaves the resource to the server), answered 404.
 * - `SHUTTING_DOWN`: the server is closing and takes no new connections, answered 503.
 */
export type HandshakeErrorCode =
  | 'MALFORMED_REQUEST'
  | 'NOT_FOUND'
  | 'SHUTTING_DOWN'
  | 'BAD_METHOD'
  | 'BAD_HTTP_VERSION'
  | 'MISSING_HOST'
  | 'BAD_UPGRADE'
  | 'BAD_CONNECTION'
  | 'BAD_KEY'
  | 'UNSUPPORTED_VERSION'
  | 'ORIGIN_REJECTED'
  | 'BAD_PROTOCOL_SELECTION';

export type HandshakeStatus = 400 | 403 | 404 | 426 | 500 | 503;

const STATUS_OF: Readonly<Record<HandshakeErrorCode, HandshakeStatus>> = {
  MALFORMED_REQUEST: 400,
  NOT_FOUND: 404,
  SHUTTING_DOWN: 503,
  BAD_METHOD: 400,
  BAD_HTTP_VERSION: 400,
  MISSING_HOST: 400,
  BAD_UPGRADE: 400,
  BAD_CONNECTION: 400,
  BAD_KEY: 400,
  UNSUPPORTED_VERSION: 426,
  ORIGIN_REJECTED: 403,
  BAD_PROTOCOL_SELECTION: 500,
};

/** An upgrade request the server refused; `status` is the HTTP answer. */
export class HandshakeError extends ProtocolError<HandshakeErrorCode> {
  get status(): HandshakeStatus {
    return STATUS_OF[this.code];
  }
}

/**
 * Stable codes for a client giving up on the server's answer (RFC 6455 §4.1,
 * the client's checks of the response).
 *
 * - `BAD_URL`: not a ws: or wss: URL, or it has a fragment (§3).
 * - `UNEXPECTED_STATUS`: the answer is not 101; the HTTP status is in the message.
 * - `BAD_UPGRADE` / `BAD_CONNECTION`: the 101 lacks Upgrade: websocket / Connection: Upgrade.
 * - `BAD_ACCEPT`: Sec-WebSocket-Accept does not match our key.
 * - `UNOFFERED_PROTOCOL`: the server chose a subprotocol we did not offer.
 * - `HANDSHAKE_TIMEOUT`: no answer within the configured time.
 * - `BAD_RESPONSE`: the answer is not an HTTP/1.1 response head, or too large.
 * - `CONNECTION_FAILED`: TCP or TLS failed, or the server closed before answering (the socket error is the cause).
 */
export type ConnectErrorCode =
  | 'BAD_URL'
  | 'BAD_RESPONSE'
  | 'CONNECTION_FAILED'
  | 'UNEXPECTED_STATUS'
  | 'BAD_UPGRADE'
  | 'BAD_CONNECTION'
  | 'BAD_ACCEPT'
  | 'UNOFFERED_PROTOCOL'
  | 'HANDSHAKE_TIMEOUT';

/** Rejects `connectWebSocket` when the server's answer is not a valid 101. */
export class ConnectError extends ProtocolError<ConnectErrorCode> {}
