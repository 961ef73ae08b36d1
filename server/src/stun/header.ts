/**
 * The fixed 20-byte STUN header.
 *
 * RFC 8489 §5, Figure 2:
 *
 *        0                   1                   2                   3
 *        0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       |0 0|     STUN Message Type     |         Message Length        |
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       |                         Magic Cookie                          |
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       |                                                               |
 *       |                     Transaction ID (96 bits)                  |
 *       |                                                               |
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Message Length counts the bytes after the header. Attributes are padded to
 * 4 bytes, so its last two bits are always zero (RFC 8489 §5).
 */
import { randomBytes } from 'node:crypto';
import { viewOf } from './bytes.ts';
import { StunParseError } from './errors.ts';

export const HEADER_SIZE = 20;
/** RFC 8489 §5: fixed, and what tells RFC 5389+ STUN from RFC 3489 and other protocols. */
export const MAGIC_COOKIE = 0x2112a442;
export const TRANSACTION_ID_SIZE = 12;

const TYPE_OFFSET = 0;
const LENGTH_OFFSET = 2;
const COOKIE_OFFSET = 4;
const TRANSACTION_ID_OFFSET = 8;
const LEADING_BITS_MASK = 0xc0;
/** Largest body the 16-bit length can describe, rounded down to whole words. */
export const MAX_BODY_LENGTH = 0xfffc;

export interface StunHeader {
  /** The 14-bit message type (see message-type.ts). */
  readonly type: number;
  /** Bytes after the header. */
  readonly length: number;
  readonly transactionId: Uint8Array;
}

/**
 * Reads and checks the header of a whole STUN message (one UDP datagram).
 * The returned transaction id is a view into `bytes`.
 */
export function parseStunHeader(bytes: Uint8Array): StunHeader {
  if (bytes.length < HEADER_SIZE) {
    throw new StunParseError('MESSAGE_TOO_SHORT', `stun: message too short (size ${bytes.length} < ${HEADER_SIZE})`);
  }
  // RFC 8489 §5: "The most significant 2 bits of every STUN message MUST be zeroes."
  if ((bytes[0]! & LEADING_BITS_MASK) !== 0) {
    throw new StunParseError('NOT_STUN', `stun: leading bits of first byte 0x${bytes[0]!.toString(16)} are not zero`);
  }
  const view = viewOf(bytes);
  const cookie = view.getUint32(COOKIE_OFFSET);
  if (cookie !== MAGIC_COOKIE) {
    throw new StunParseError('BAD_MAGIC_COOKIE', `stun: magic cookie 0x${cookie.toString(16)} != 0x2112a442`);
  }
  const length = view.getUint16(LENGTH_OFFSET);
  if (length % 4 !== 0 || HEADER_SIZE + length !== bytes.length) {
    throw new StunParseError(
      'BAD_LENGTH',
      `stun: header length ${length} does not describe a ${bytes.length}-byte message of whole words`,
    );
  }
  return {
    type: view.getUint16(TYPE_OFFSET),
    length,
    transactionId: bytes.subarray(TRANSACTION_ID_OFFSET, HEADER_SIZE),
  };
}

/**
 * The quick test a demultiplexer needs (RFC 8489 §5, RFC 7983 §7): leading bits
 * zero, the magic cookie, and a length that matches the datagram. Never throws.
 */
export function isStunMessage(bytes: Uint8Array): boolean {
  if (bytes.length < HEADER_SIZE || (bytes[0]! & LEADING_BITS_MASK) !== 0) return false;
  const view = viewOf(bytes);
  const length = view.getUint16(LENGTH_OFFSET);
  return view.getUint32(COOKIE_OFFSET) === MAGIC_COOKIE && length % 4 === 0 && HEADER_SIZE + length === bytes.length;
}

/** Writes a header into the first 20 bytes of `buf`. */
export function writeStunHeader(buf: Uint8Array, header: StunHeader): void {
  if (header.transactionId.length !== TRANSACTION_ID_SIZE) {
    throw new RangeError(`stun: transaction id must be ${TRANSACTION_ID_SIZE} bytes, got ${header.transactionId.length}`);
  }
  const view = viewOf(buf);
  view.setUint16(TYPE_OFFSET, header.type);
  view.setUint16(LENGTH_OFFSET, header.length);
  view.setUint32(COOKIE_OFFSET, MAGIC_COOKIE);
  buf.set(header.transactionId, TRANSACTION_ID_OFFSET);
}

/**
 * The first 20 bytes of `message` with Message Length replaced by `length`.
 * MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 and FINGERPRINT are computed as if
 * the message ended at the attribute being computed (RFC 8489 §14.5–§14.7), so
 * verifiers patch a copy of the header instead of re-serializing the message.
 */
export function headerWithLength(message: Uint8Array, length: number): Uint8Array {
  const header = new Uint8Array(message.subarray(0, HEADER_SIZE));
  viewOf(header).setUint16(LENGTH_OFFSET, length);
  return header;
}

/**
 * A fresh transaction id. RFC 8489 §5: it "MUST be uniformly and randomly chosen
 * from the interval 0 .. 2**96-1, and MUST be cryptographically random", since
 * it is what stops an off-path attacker from forging responses.
 */
export function newTransactionId(): Uint8Array {
  return new Uint8Array(randomBytes(TRANSACTION_ID_SIZE));
}
