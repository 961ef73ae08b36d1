import { ProtocolError } from '../common/protocol-error.ts';
import { AlertDescription, type AlertDescriptionName } from './messages/alert-description.ts';

/**
 * Every way DTLS input is rejected, each with the alert it calls for (RFC 5246 §7.2).
 * Tests assert the code, never the text. Whether an alert is actually sent is the
 * handshake state machine's choice: RFC 6347 §4.1.2.7 says invalid records SHOULD be
 * silently discarded, while a malformed handshake message ends the handshake.
 */
const ALERT_FOR_CODE = {
  // Record layer (RFC 6347 §4.1, RFC 5246 §6.2).
  /** A record header or its fragment runs past the end of the datagram. */
  RECORD_TRUNCATED: 'decode_error',
  /** A content type other than change_cipher_spec/alert/handshake/application_data (RFC 5246 §6). */
  UNKNOWN_CONTENT_TYPE: 'unexpected_message',
  /** A record or message version that is not a DTLS version (major byte 0xfe). */
  BAD_VERSION: 'protocol_version',
  /** A record longer than 2^14 + 2048 bytes, or a plaintext longer than 2^14 (RFC 5246 §6.2.1–§6.2.3). */
  RECORD_OVERFLOW: 'record_overflow',
  /** AEAD authentication failed (RFC 5246 §6.2.3.3). */
  BAD_RECORD_MAC: 'bad_record_mac',

  // Message decoding (RFC 5246 §4, §7.4).
  /** A field or vector runs past the end of its message. */
  MESSAGE_TRUNCATED: 'decode_error',
  /** Bytes left after the last field of a fixed-layout message or extension. */
  TRAILING_BYTES: 'decode_error',
  /** A vector length outside its <floor..ceiling> or not a multiple of its element size. */
  BAD_VECTOR_LENGTH: 'decode_error',
  /** fragment_offset + fragment_length exceeds the message length (RFC 6347 §4.2.3). */
  BAD_FRAGMENT: 'decode_error',
  /** Fragments of one message_seq disagree on msg_type or length (RFC 6347 §4.2.3). */
  FRAGMENT_MISMATCH: 'illegal_parameter',
  /** A handshake message longer than the reassembler accepts. */
  MESSAGE_TOO_LARGE: 'illegal_parameter',
  /** A handshake msg_type this implementation has no body for. */
  UNKNOWN_HANDSHAKE_TYPE: 'unexpected_message',
  /** RFC 5246 §7.4.1.4: "There MUST NOT be more than one extension of the same type." */
  DUPLICATE_EXTENSION: 'illegal_parameter',
  /** A field value its definition forbids (ChangeCipherSpec ≠ 1, alert level, curve type, point encoding…). */
  ILLEGAL_PARAMETER: 'illegal_parameter',

  // Negotiation (RFC 5246 §7.4.1, RFC 8422, RFC 5764, RFC 5746).
  /** The peer does not offer (or chose) DTLS 1.2 (RFC 5246 §7.4.1.2 / Appendix E). */
  UNSUPPORTED_VERSION: 'protocol_version',
  NO_SHARED_CIPHER_SUITE: 'handshake_failure',
  NO_SHARED_GROUP: 'handshake_failure',
  NO_SHARED_SIGNATURE_SCHEME: 'handshake_failure',
  NO_SHARED_SRTP_PROFILE: 'handshake_failure',
  /** The peer did not offer extended_master_secret and the policy requires it (RFC 7627 §5.2). */
  EXTENDED_MASTER_SECRET_REQUIRED: 'handshake_failure',
  /** RFC 5746 §3.6: renegotiated_connection must be empty on an initial handshake. */
  RENEGOTIATION_INFO_MISMATCH: 'handshake_failure',
  /** The peer selected a cipher suite, group or signature scheme we do not implement or did not offer. */
  UNSUPPORTED_CIPHER_SUITE: 'illegal_parameter',
  UNSUPPORTED_GROUP: 'illegal_parameter',
  UNSUPPORTED_SIGNATURE_SCHEME: 'illegal_parameter',

  // Crypto.
  /** An ECDHE public key that is not a valid point of its group (RFC 8422 §5.11). */
  BAD_PUBLIC_KEY: 'illegal_parameter',
  /** A signature or Finished verify_data that does not verify (RFC 5246 §7.4.8, §7.4.9). */
  DECRYPT_ERROR: 'decrypt_error',
  /** A certificate key that cannot make or check the signature asked for. */
  BAD_CERTIFICATE: 'bad_certificate',
  /** A message arriving where the handshake does not allow it (for the state machine). */
  UNEXPECTED_MESSAGE: 'unexpected_message',

  // The handshake state machine (connection.ts, flights/).
  /** A ServerHello extension the client did not offer (RFC 5246 §7.4.1.4). */
  UNSUPPORTED_EXTENSION: 'unsupported_extension',
  /** An empty Certificate message where a certificate is required (RFC 5246 §7.4.6: the server may refuse). */
  NO_CERTIFICATE: 'handshake_failure',
  /** The peer's certificate does not have the a=fingerprint signaling gave (RFC 8122 §5, RFC 5763 §5). */
  FINGERPRINT_MISMATCH: 'bad_certificate',
  /** A flight was sent 1 + maxRetransmissions times with no answer (RFC 6347 §4.2.4). No alert is sent: nobody listens. */
  RETRANSMISSION_LIMIT: 'handshake_failure',
  /** The handshake took longer than handshakeTimeoutMs. */
  HANDSHAKE_TIMEOUT: 'handshake_failure',
  /** The peer sent a fatal alert (`receivedAlert` holds it). Nothing is sent back (RFC 5246 §7.2.2). */
  FATAL_ALERT_RECEIVED: 'handshake_failure',
  /** The 48-bit write sequence number of the epoch ran out (RFC 6347 §4.1: it MUST NOT wrap). */
  SEQUENCE_NUMBER_EXHAUSTED: 'internal_error',
  /** A bug of ours, or a throwing `send` callback: never the peer's input. */
  INTERNAL_ERROR: 'internal_error',
} as const satisfies Record<string, AlertDescriptionName>;

export type DtlsErrorCode = keyof typeof ALERT_FOR_CODE;

export class DtlsError extends ProtocolError<DtlsErrorCode> {
  /** For FATAL_ALERT_RECEIVED: the description the peer sent. */
  readonly receivedAlert: number | undefined;

  constructor(code: DtlsErrorCode, message: string, options?: { cause?: unknown; receivedAlert?: number }) {
    super(code, message, options);
    this.receivedAlert = options?.receivedAlert;
  }

  /** The RFC 5246 §7.2 description to send in a fatal alert for this error. */
  get alertDescription(): number {
    return AlertDescription[ALERT_FOR_CODE[this.code]];
  }

  get alertName(): AlertDescriptionName {
    return ALERT_FOR_CODE[this.code];
  }
}

/** All codes, for tests that walk the table. */
export const DTLS_ERROR_CODES = Object.keys(ALERT_FOR_CODE) as readonly DtlsErrorCode[];
