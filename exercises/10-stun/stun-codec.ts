/**
 * Exercise 10-stun: a STUN message codec (RFC 8489 §5, §14), with MESSAGE-INTEGRITY and FINGERPRINT.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |0 0|     STUN Message Type     |         Message Length        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                  Magic Cookie = 0x2112A442                    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                    Transaction ID (96 bits)                   |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   | Attribute Type (16)           | Attribute Length (16)         |  Message Length bytes of
 *   | Value (Length bytes), then padding to a multiple of 4 bytes   |  attributes (TLVs) follow
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   All fields are big-endian. Message Length counts the bytes after the 20-byte header.
 *   Attribute Length is the value's size before padding.
 *
 * messageType(method, messageClass) -> the 14-bit type field. Method M11..M0 (12 bits) and class
 *   C1 C0 (request 00, indication 01, success-response 10, error-response 11) interleave as
 *       bit: 13 12 11 10  9  8  7  6  5  4  3  2  1  0
 *            M11 M10 M9 M8 M7 C1 M6 M5 M4 C0 M3 M2 M1 M0
 *   so messageType(0x001, 'request') = 0x0001 and messageType(0x001, 'success-response') = 0x0101.
 *   RangeError for a method that is not an integer 0..0xFFF.
 *
 * decodeStunMessage(bytes) -> DecodedStunMessage: the header's type (and the method and class in
 *   it), its length, a copy of the 12-byte transaction id, and every attribute in wire order as
 *   { type, value } with the value unpadded (MESSAGE-INTEGRITY and FINGERPRINT included; values
 *   are not interpreted). `bytes` may be a view into a larger buffer.
 *   Errors are StunCodecError with a code, checked in this order (the first found wins):
 *     TOO_SHORT            fewer than 20 bytes
 *     NOT_STUN             one of the two most significant bits of byte 0 is set (RFC 7983: not STUN)
 *     BAD_COOKIE           bytes 4-7 are not 0x2112A442
 *     BAD_LENGTH           Message Length is not a multiple of 4, or 20 + Message Length != bytes.length
 *     TRUNCATED_ATTRIBUTE  an attribute's value and padding run past the end of the message
 *
 * encodeStunMessage({ type, transactionId, attributes }, options) -> the message bytes: the header,
 *   then each attribute in the order given, padded with options.paddingByte (default 0; the RFC 5769
 *   vectors pad with 0x20), then:
 *   - if options.password: MESSAGE-INTEGRITY (0x0008, 20 bytes), the HMAC-SHA1 of everything before
 *     it, computed while the header's Message Length already counts the MESSAGE-INTEGRITY attribute
 *     (and nothing after it). The key is the password as UTF-8 (short-term credentials), or for
 *     { username, realm, password } the MD5 of `${username}:${realm}:${password}` (long-term).
 *   - if options.fingerprint: FINGERPRINT (0x8028, 4 bytes), the CRC-32 (the one zlib and Ethernet
 *     use) of everything before it, again with Message Length counting it, XOR 0x5354554E.
 *   The final Message Length counts everything. RangeError for a transaction id that is not 12
 *   bytes, a type not 0..0x3FFF, an attribute type not 0..0xFFFF, a value over 0xFFFF bytes or a
 *   message over 0xFFFC bytes after the header. TypeError when an attribute would follow
 *   FINGERPRINT, or anything but MESSAGE-INTEGRITY-SHA256 (0x001C) or FINGERPRINT would follow
 *   MESSAGE-INTEGRITY (receivers ignore such attributes, RFC 8489 §14.5, §14.7): in the list or
 *   appended by the options.
 *
 * checkIntegrity(bytes, password) -> true when the message has a MESSAGE-INTEGRITY of 20 bytes (the
 *   first one, before any FINGERPRINT) that matches the HMAC computed as above over the received
 *   bytes; false when it has none or it does not match.
 * checkFingerprint(bytes) -> true when the last attribute is a 4-byte FINGERPRINT that matches;
 *   false when there is none, it is not last, or it does not match.
 *   Both work on the bytes as received (never on a re-encoding) and throw the StunCodecError of
 *   decodeStunMessage for bytes that are not a well-framed STUN message.
 *
 * encodeXorMappedAddress(address, transactionId) -> the value of an XOR-MAPPED-ADDRESS attribute
 *   (RFC 8489 §14.2): 0x00, family (0x01 IPv4, 0x02 IPv6), X-Port, X-Address, where
 *     X-Port    = port XOR 0x2112 (the cookie's top 16 bits)
 *     X-Address = IPv4: the 4 address bytes XOR the cookie 21 12 A4 42
 *                 IPv6: the 16 address bytes XOR (the cookie followed by the 12-byte transaction id)
 *   8 bytes for IPv4, 20 for IPv6. RangeError for an address that is not of its family, a port
 *   not 0..65535 or a transaction id that is not 12 bytes.
 * decodeXorMappedAddress(value, transactionId) -> { family, address, port }, the address written as
 *   Node writes it ('192.0.2.1', '2001:db8::1': RFC 5952 §4, lowercase, no leading zeros, the longest
 *   run of two or more zero groups as ::, the first such run on a tie). StunCodecError BAD_ADDRESS for
 *   a family other than 1 or 2, or a value that is not 8 bytes (IPv4) or 20 bytes (IPv6); RangeError
 *   for a transaction id that is not 12 bytes.
 *
 *   decodeXorMappedAddress(Uint8Array.of(0x00, 0x01, 0xf5, 0x23, 0x5e, 0x12, 0xa4, 0x43), tid)
 *     -> { family: 'IPv4', address: '127.0.0.1', port: 54321 }
 */
import { ProtocolError } from '#server/common/protocol-error.ts';

export type StunCodecErrorCode = 'TOO_SHORT' | 'NOT_STUN' | 'BAD_COOKIE' | 'BAD_LENGTH' | 'TRUNCATED_ATTRIBUTE' | 'BAD_ADDRESS';

/** Throw as: new StunCodecError('TOO_SHORT', 'stun: 4 bytes, a header needs 20') */
export class StunCodecError extends ProtocolError<StunCodecErrorCode> {}

export const MAGIC_COOKIE = 0x2112a442;

/** Attribute types the tests use (RFC 8489 §18.3, RFC 8445 §16.1). */
export const AttributeType = {
  MappedAddress: 0x0001,
  Username: 0x0006,
  MessageIntegrity: 0x0008,
  ErrorCode: 0x0009,
  Realm: 0x0014,
  Nonce: 0x0015,
  XorMappedAddress: 0x0020,
  Priority: 0x0024,
  UseCandidate: 0x0025,
  Software: 0x8022,
  Fingerprint: 0x8028,
  IceControlled: 0x8029,
  IceControlling: 0x802a,
} as const;

export type MessageClass = 'request' | 'indication' | 'success-response' | 'error-response';

/** One attribute: its type and its value without padding. */
export interface StunAttributeTlv {
  readonly type: number;
  readonly value: Uint8Array;
}

/** What encodeStunMessage writes; a DecodedStunMessage fits it. */
export interface StunMessageFields {
  /** The 14-bit type field, e.g. 0x0001 for a Binding request. */
  readonly type: number;
  readonly transactionId: Uint8Array;
  readonly attributes: readonly StunAttributeTlv[];
}

export interface DecodedStunMessage extends StunMessageFields {
  readonly method: number;
  readonly messageClass: MessageClass;
  /** The header's Message Length. */
  readonly length: number;
}

export interface LongTermCredentials {
  readonly username: string;
  readonly realm: string;
  readonly password: string;
}

/** A string is a short-term password; an object, long-term credentials. */
export type Password = string | LongTermCredentials;

export interface EncodeOptions {
  /** Append MESSAGE-INTEGRITY keyed with this password. */
  readonly password?: Password;
  /** Append FINGERPRINT, last. */
  readonly fingerprint?: boolean;
  /** The value of the padding bytes: 0 unless given. */
  readonly paddingByte?: number;
}

export interface MappedAddress {
  readonly family: 'IPv4' | 'IPv6';
  readonly address: string;
  readonly port: number;
}

export function messageType(method: number, messageClass: MessageClass): number {
  // TODO: check the method, then spread its bits around C0 and C1 as drawn above.
  throw new Error(`TODO: the type field of method 0x${method.toString(16)}, class ${messageClass}`);
}

export function decodeStunMessage(bytes: Uint8Array): DecodedStunMessage {
  // TODO: check the header in the order above, split the type, then walk the attributes.
  throw new Error(`TODO: decode a ${bytes.length}-byte STUN message`);
}

export function encodeStunMessage(message: StunMessageFields, options: EncodeOptions = {}): Uint8Array {
  // TODO: write the header and the padded attributes, then MESSAGE-INTEGRITY and FINGERPRINT,
  // each computed with the Message Length patched to end right after it.
  throw new Error(`TODO: encode a message of type 0x${message.type.toString(16)} with ${message.attributes.length} attributes${options.password === undefined ? '' : ' and MESSAGE-INTEGRITY'}`);
}

export function checkIntegrity(bytes: Uint8Array, password: Password): boolean {
  // TODO: find MESSAGE-INTEGRITY, recompute the HMAC over the bytes before it with the patched length, compare.
  throw new Error(`TODO: check the MESSAGE-INTEGRITY of a ${bytes.length}-byte message${typeof password === 'string' ? '' : ' (long-term)'}`);
}

export function checkFingerprint(bytes: Uint8Array): boolean {
  // TODO: make sure FINGERPRINT is the last attribute, recompute the CRC-32 with the patched length, compare.
  throw new Error(`TODO: check the FINGERPRINT of a ${bytes.length}-byte message`);
}

export function encodeXorMappedAddress(address: MappedAddress, transactionId: Uint8Array): Uint8Array {
  // TODO: family, port XOR 0x2112, address bytes XOR the cookie (and, for IPv6, the transaction id).
  throw new Error(`TODO: XOR-MAPPED-ADDRESS for ${address.address}:${address.port} (transaction id of ${transactionId.length} bytes)`);
}

export function decodeXorMappedAddress(value: Uint8Array, transactionId: Uint8Array): MappedAddress {
  // TODO: check the family and length, undo the XOR, write the address as text.
  throw new Error(`TODO: decode a ${value.length}-byte XOR-MAPPED-ADDRESS (transaction id of ${transactionId.length} bytes)`);
}
