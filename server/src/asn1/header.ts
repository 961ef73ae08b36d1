/**
 * The identifier and length octets in front of every DER value (X.690 §8.1.2,
 * §8.1.3), and the tags this project uses.
 *
 *   identifier octet (§8.1.2.2)          length octets (§8.1.3)
 *     8   7    6    5  4  3  2  1
 *   +-------+-----+---------------+      short form: 0LLLLLLL          length 0..127
 *   | class | P/C |  tag number   |      long form:  1nnnnnnn L1 … Ln  n big-endian octets
 *   +-------+-----+---------------+      indefinite: 10000000          BER only, rejected
 *
 *   class: 00 universal, 01 application, 10 context-specific, 11 private
 *   P/C:   0 primitive, 1 constructed
 *   tag number 11111 = high-tag-number form: the number follows in base-128
 *   octets, bit 8 set on all but the last (§8.1.2.4)
 */
import { Asn1ParseError } from './errors.ts';

export type TagClass = 'universal' | 'application' | 'context' | 'private';

export interface Asn1Tag {
  readonly tagClass: TagClass;
  readonly constructed: boolean;
  readonly number: number;
}

/** What a parsed header says: the tag, and where the content starts and how long it is. */
export interface Asn1Header {
  readonly tag: Asn1Tag;
  readonly headerLength: number;
  readonly contentLength: number;
}

/** Indexed by the two class bits of the identifier octet (X.690 §8.1.2.2, Table 1). */
const CLASSES: readonly TagClass[] = ['universal', 'application', 'context', 'private'];
const CLASS_SHIFT = 6;
const CONSTRUCTED_BIT = 0x20;
const LOW_TAG_MASK = 0x1f;
/** X.690 §8.1.2.4: a tag number of 31 or more goes in the following octets. */
const HIGH_TAG_NUMBER = 0x1f;
const MORE_OCTETS_BIT = 0x80;
const SEVEN_BITS = 0x7f;
/** Four base-128 octets (tags up to 2^28 - 1) are far beyond any real schema. */
const MAX_HIGH_TAG_OCTETS = 4;
const LONG_LENGTH_BIT = 0x80;
/** X.690 §8.1.3.5 c): "the value 11111111 shall not be used". */
const RESERVED_LENGTH = 0xff;
/** Lengths are kept in a JS number; four octets (4 GiB) is more than any buffer here. */
const MAX_LENGTH_OCTETS = 4;

function universal(number: number, constructed = false): Asn1Tag {
  return { tagClass: 'universal', constructed, number };
}

/** Universal tags (X.680 §8.4, Table 1), primitive except SEQUENCE and SET as DER requires (X.690 §10.2). */
export const Tag = {
  BOOLEAN: universal(1),
  INTEGER: universal(2),
  BIT_STRING: universal(3),
  OCTET_STRING: universal(4),
  NULL: universal(5),
  OBJECT_IDENTIFIER: universal(6),
  UTF8_STRING: universal(12),
  SEQUENCE: universal(16, true),
  SET: universal(17, true),
  PRINTABLE_STRING: universal(19),
  UTC_TIME: universal(23),
  GENERALIZED_TIME: universal(24),
} as const satisfies Record<string, Asn1Tag>;

const UNIVERSAL_TAGS = new Map(Object.entries(Tag).map(([name, tag]) => [tag.number, { name: name.replace(/_/g, ' '), tag }]));

/** `[n]`: a context-specific tag, constructed unless said otherwise (EXPLICIT tags always are, X.690 §8.14.3). */
export function contextTag(number: number, constructed = true): Asn1Tag {
  return { tagClass: 'context', constructed, number };
}

export function sameTag(a: Asn1Tag, b: Asn1Tag): boolean {
  return a.tagClass === b.tagClass && a.constructed === b.constructed && a.number === b.number;
}

/** For messages: `INTEGER`, `[0]`, `[APPLICATION 3] primitive`. */
export function tagName(tag: Asn1Tag): string {
  const known = tag.tagClass === 'universal' ? UNIVERSAL_TAGS.get(tag.number) : undefined;
  if (known !== undefined && sameTag(known.tag, tag)) return known.name;
  const base = tag.tagClass === 'context' ? `[${tag.number}]` : `[${tag.tagClass.toUpperCase()} ${tag.number}]`;
  return `${base} ${tag.constructed ? 'constructed' : 'primitive'}`;
}

function truncated(what: string, offset: number): Asn1ParseError {
  return new Asn1ParseError('TRUNCATED', `asn1: ${what} truncated at offset ${offset}`);
}

/** Reads the identifier and length octets at `offset` (X.690 §8.1.2, §8.1.3), with DER's rules (§10.1). */
export function readHeader(bytes: Uint8Array, offset: number): Asn1Header {
  let cursor = offset;
  const first = bytes[cursor++];
  if (first === undefined) throw truncated('identifier', offset);
  const tagClass = CLASSES[first >>> CLASS_SHIFT]!;
  const constructed = (first & CONSTRUCTED_BIT) !== 0;
  let number = first & LOW_TAG_MASK;
  if (number === HIGH_TAG_NUMBER) {
    const high = readHighTagNumber(bytes, cursor);
    number = high.number;
    cursor += high.octets;
  }
  const lengthStart = cursor;
  const lengthOctet = bytes[cursor++];
  if (lengthOctet === undefined) throw truncated('length', lengthStart);
  let contentLength = lengthOctet;
  if (lengthOctet & LONG_LENGTH_BIT) {
    contentLength = readLongLength(bytes, lengthStart);
    cursor += lengthOctet & SEVEN_BITS;
  }
  return { tag: { tagClass, constructed, number }, headerLength: cursor - offset, contentLength };
}

/** X.690 §8.1.2.4.2: base-128, bit 8 = "more follows"; c) the first octet's bits 7..1 must not all be zero. */
function readHighTagNumber(bytes: Uint8Array, offset: number): { number: number; octets: number } {
  let number = 0;
  for (let i = 0; i < MAX_HIGH_TAG_OCTETS; i++) {
    const octet = bytes[offset + i];
    if (octet === undefined) throw truncated('tag number', offset + i);
    if (i === 0 && octet === MORE_OCTETS_BIT) {
      throw new Asn1ParseError('BAD_TAG', `asn1: tag number has a leading zero octet at offset ${offset}`);
    }
    number = number * 128 + (octet & SEVEN_BITS);
    if ((octet & MORE_OCTETS_BIT) === 0) {
      // X.690 §8.1.2.2: numbers 0..30 must use the single-octet form.
      if (number < HIGH_TAG_NUMBER) {
        throw new Asn1ParseError('BAD_TAG', `asn1: tag number ${number} in the high-tag-number form at offset ${offset}`);
      }
      return { number, octets: i + 1 };
    }
  }
  throw new Asn1ParseError('BAD_TAG', `asn1: tag number longer than ${MAX_HIGH_TAG_OCTETS} octets at offset ${offset}`);
}

/** X.690 §8.1.3.5 (long form) with DER's "minimum number of octets" (§10.1). */
function readLongLength(bytes: Uint8Array, offset: number): number {
  const initial = bytes[offset]!;
  if (initial === LONG_LENGTH_BIT) {
    throw new Asn1ParseError('INDEFINITE_LENGTH', `asn1: indefinite length at offset ${offset} (DER requires definite, X.690 §10.1)`);
  }
  if (initial === RESERVED_LENGTH) throw new Asn1ParseError('BAD_LENGTH', `asn1: reserved length octet 0xff at offset ${offset}`);
  const octets = initial & SEVEN_BITS;
  if (octets > MAX_LENGTH_OCTETS) {
    throw new Asn1ParseError('BAD_LENGTH', `asn1: length of ${octets} octets at offset ${offset} (at most ${MAX_LENGTH_OCTETS})`);
  }
  if (offset + 1 + octets > bytes.length) throw truncated('length', offset);
  if (bytes[offset + 1] === 0) {
    throw new Asn1ParseError('NON_MINIMAL_LENGTH', `asn1: length with a leading zero octet at offset ${offset}`);
  }
  let length = 0;
  for (let i = 1; i <= octets; i++) length = length * 256 + bytes[offset + i]!;
  if (length <= SEVEN_BITS) {
    throw new Asn1ParseError('NON_MINIMAL_LENGTH', `asn1: length ${length} in the long form at offset ${offset}`);
  }
  return length;
}

/** The identifier and length octets for `tag` and `contentLength`, in DER (X.690 §8.1.2, §10.1). */
export function encodeHeader(tag: Asn1Tag, contentLength: number): Uint8Array {
  if (!Number.isSafeInteger(tag.number) || tag.number < 0) throw new RangeError(`asn1: bad tag number ${tag.number}`);
  if (!Number.isSafeInteger(contentLength) || contentLength < 0 || contentLength >= 2 ** 32) {
    throw new RangeError(`asn1: bad content length ${contentLength}`);
  }
  const leading = (CLASSES.indexOf(tag.tagClass) << CLASS_SHIFT) | (tag.constructed ? CONSTRUCTED_BIT : 0);
  const identifier =
    tag.number < HIGH_TAG_NUMBER ? [leading | tag.number] : [leading | HIGH_TAG_NUMBER, ...base128(tag.number)];
  return Uint8Array.from([...identifier, ...encodeLength(contentLength)]);
}

function encodeLength(length: number): number[] {
  if (length <= SEVEN_BITS) return [length];
  const octets: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) octets.unshift(rest % 256);
  return [LONG_LENGTH_BIT | octets.length, ...octets];
}

/** Base-128 with bit 8 set on every octet but the last: tag numbers (§8.1.2.4) and OID subidentifiers (§8.19.2). */
export function base128(value: number | bigint): number[] {
  let rest = BigInt(value);
  const octets = [Number(rest & 0x7fn)];
  for (rest >>= 7n; rest > 0n; rest >>= 7n) octets.unshift(Number(rest & 0x7fn) | MORE_OCTETS_BIT);
  return octets;
}
