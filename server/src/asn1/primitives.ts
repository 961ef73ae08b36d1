/**
 * The primitive types without structure of their own: BOOLEAN (X.690 §8.2),
 * NULL (§8.8), BIT STRING (§8.6) and OCTET STRING (§8.7). DER encodes strings
 * in the primitive form only (§10.2), which expectTag enforces.
 */
import { Asn1ParseError } from './errors.ts';
import { Tag } from './header.ts';
import { expectTag, type Asn1Node } from './reader.ts';
import { encodeTlv } from './tlv.ts';

/** X.690 §11.1: DER encodes TRUE as 0xff (any non-zero octet is TRUE in BER). */
const DER_TRUE = 0xff;

export function encodeBoolean(value: boolean): Buffer {
  return encodeTlv(Tag.BOOLEAN, Uint8Array.of(value ? DER_TRUE : 0));
}

/** X.690 §8.2.1: one content octet; §11.1: 0x00 or 0xff. */
export function decodeBoolean(node: Asn1Node): boolean {
  expectTag(node, Tag.BOOLEAN, 'BOOLEAN');
  const [octet, extra] = node.content;
  if (extra !== undefined || (octet !== 0 && octet !== DER_TRUE)) {
    throw new Asn1ParseError('BAD_BOOLEAN', `asn1: BOOLEAN at offset ${node.offset} is not one octet 00 or ff`);
  }
  return octet === DER_TRUE;
}

export function encodeNull(): Buffer {
  return encodeTlv(Tag.NULL, new Uint8Array(0));
}

/** X.690 §8.8.2: "The contents octets shall not contain any octets." */
export function decodeNull(node: Asn1Node): null {
  expectTag(node, Tag.NULL, 'NULL');
  if (node.content.length !== 0) {
    throw new Asn1ParseError('BAD_NULL', `asn1: NULL at offset ${node.offset} has ${node.content.length} content octets`);
  }
  return null;
}

/**
 * X.690 §8.6.2: the first content octet counts the unused bits (0..7) at the
 * end of the last octet. Keys and signatures are whole octets, so `unusedBits`
 * is 0 for everything X.509 puts here.
 */
export interface BitString {
  readonly unusedBits: number;
  /** A view into the parsed buffer. */
  readonly bytes: Uint8Array;
}

const MAX_UNUSED_BITS = 7;

/** X.690 §11.2.1: "Each unused bit in the final octet … shall be set to zero." */
function unusedBitsAreZero(bytes: Uint8Array, unusedBits: number): boolean {
  const last = bytes[bytes.length - 1] ?? 0;
  return (last & ((1 << unusedBits) - 1)) === 0;
}

export function encodeBitString(bytes: Uint8Array, unusedBits = 0): Buffer {
  if (!Number.isInteger(unusedBits) || unusedBits < 0 || unusedBits > MAX_UNUSED_BITS) {
    throw new RangeError(`asn1: unusedBits must be 0..7, got ${unusedBits}`);
  }
  if (bytes.length === 0 && unusedBits !== 0) throw new RangeError('asn1: an empty BIT STRING has 0 unused bits');
  if (!unusedBitsAreZero(bytes, unusedBits)) throw new RangeError('asn1: unused BIT STRING bits must be zero (X.690 §11.2.1)');
  const content = new Uint8Array(bytes.length + 1);
  content[0] = unusedBits;
  content.set(bytes, 1);
  return encodeTlv(Tag.BIT_STRING, content);
}

export function decodeBitString(node: Asn1Node): BitString {
  expectTag(node, Tag.BIT_STRING, 'BIT STRING');
  const bad = (reason: string) => new Asn1ParseError('BAD_BIT_STRING', `asn1: BIT STRING at offset ${node.offset} ${reason}`);
  const unusedBits = node.content[0];
  if (unusedBits === undefined) throw bad('has no unused-bits octet (X.690 §8.6.2)');
  if (unusedBits > MAX_UNUSED_BITS) throw bad(`claims ${unusedBits} unused bits (X.690 §8.6.2.2)`);
  const bytes = node.content.subarray(1);
  if (bytes.length === 0 && unusedBits !== 0) throw bad('is empty but claims unused bits (X.690 §8.6.2.3)');
  if (!unusedBitsAreZero(bytes, unusedBits)) throw bad('has unused bits that are not zero (X.690 §11.2.1)');
  return { unusedBits, bytes };
}

export function encodeOctetString(bytes: Uint8Array): Buffer {
  return encodeTlv(Tag.OCTET_STRING, bytes);
}

/** The contents, as a view (X.690 §8.7). */
export function decodeOctetString(node: Asn1Node): Uint8Array {
  expectTag(node, Tag.OCTET_STRING, 'OCTET STRING');
  return node.content;
}
