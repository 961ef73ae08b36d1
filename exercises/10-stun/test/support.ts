/**
 * Helpers shared by the 10-stun tests. Messages are written out as hex so that no test depends
 * on the encoder it may be testing.
 */
import { createHmac } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { StunCodecError, type StunAttributeTlv } from '../stun-codec.ts';

/** Bytes from hex text; spaces and `|` only separate fields for the reader. */
export function hex(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text.replace(/[\s|]+/g, ''), 'hex'));
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** The StunCodecError code `action` throws, or what it did instead. */
export function errorCode(action: () => unknown): string {
  try {
    action();
    return 'no error';
  } catch (error) {
    return error instanceof StunCodecError ? error.code : `not a StunCodecError: ${String(error)}`;
  }
}

/**
 * 'RangeError' or 'TypeError' when `action` throws one, or what it did instead (with the message, so
 * that a stub's TODO shows in the failure).
 */
export function thrownClass(action: () => unknown): string {
  try {
    action();
    return 'no error';
  } catch (error) {
    if (error instanceof RangeError) return 'RangeError';
    if (error instanceof TypeError) return 'TypeError';
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}

/** Attributes as [type, hex value] pairs, easy to compare and to read in a diff. */
export function pairs(attributes: readonly StunAttributeTlv[]): Array<[number, string]> {
  return attributes.map(({ type, value }) => [type, toHex(value)]);
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** A copy of `bytes` with bit `bit` (0 = most significant) of byte `index` flipped. */
export function flipBit(bytes: Uint8Array, index: number, bit = 7): Uint8Array {
  const copy = new Uint8Array(bytes);
  copy[index]! ^= 0x80 >> bit;
  return copy;
}

/** The transaction id the hand-built messages use. */
export const TID = hex('000102030405060708090a0b');

/** The Binding request type and the cookie, for hand-built headers. */
export const BINDING_REQUEST = 0x0001;
const COOKIE_HEX = '2112a442';

/**
 * A STUN message from its type and its attributes written as hex, behind the TID header.
 * Message Length is the size of `body` unless `length` says otherwise.
 */
export function stun(type: number, body = '', length?: number): Uint8Array {
  const attributes = hex(body);
  const header = hex(`${type.toString(16).padStart(4, '0')} ${(length ?? attributes.length).toString(16).padStart(4, '0')} ${COOKIE_HEX}`);
  return concat(header, TID, attributes);
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(Buffer.concat(parts));
}

/** A copy of `bytes` whose header says Message Length = `length`. */
export function withLength(bytes: Uint8Array, length: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  new DataView(copy.buffer).setUint16(2, length);
  return copy;
}

/** `bytes` with one more attribute (a whole TLV, as hex) at the end, and Message Length updated. */
export function append(bytes: Uint8Array, tlv: string): Uint8Array {
  const grown = concat(bytes, hex(tlv));
  return withLength(grown, grown.length - 20);
}

/**
 * The MESSAGE-INTEGRITY TLV that belongs after `bytes` (RFC 8489 §14.5), worked out with node:crypto
 * rather than with the code under test: HMAC-SHA1 over `bytes` with Message Length counting the
 * 24 bytes of the attribute itself. `key` is the short-term password, or the long-term key bytes.
 */
export function integrityTlv(bytes: Uint8Array, key: string | Uint8Array): string {
  const hmac = createHmac('sha1', key).update(withLength(bytes, bytes.length - 20 + 24)).digest('hex');
  return `0008 0014 ${hmac}`;
}

/** The FINGERPRINT TLV that belongs after `bytes` (RFC 8489 §14.7): zlib's CRC-32 XOR "STUN". */
export function fingerprintTlv(bytes: Uint8Array): string {
  const value = (crc32(withLength(bytes, bytes.length - 20 + 8)) ^ 0x5354554e) >>> 0;
  return `8028 0004 ${value.toString(16).padStart(8, '0')}`;
}
