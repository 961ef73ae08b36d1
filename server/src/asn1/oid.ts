/**
 * OBJECT IDENTIFIER (X.690 §8.19), as dotted strings: "1.2.840.10045.4.3.2".
 *
 *   §8.19.4: the first two arcs X.Y share one subidentifier, 40 * X + Y.
 *   §8.19.2: each subidentifier is base-128, bit 8 set on all but its last
 *            octet, and "the leading octet … shall not have the value 0x80".
 *
 *   1.2.840.10045.4.3.2 -> 06 08 2a 86 48 ce 3d 04 03 02
 *                              ^^ 42 = 40 * 1 + 2
 *                                 ^^^^^ 840 = 6 * 128 + 72
 *
 * Arcs are bigints, so UUID-based OIDs (2.25.<128-bit>, X.667) round-trip.
 */
import { Asn1ParseError } from './errors.ts';
import { base128, Tag } from './header.ts';
import { expectTag, type Asn1Node } from './reader.ts';
import { encodeTlv } from './tlv.ts';

const DOTTED = /^(0|[1-9]\d*)(\.(0|[1-9]\d*))+$/;
const MORE_OCTETS_BIT = 0x80;
const LEADING_ZERO_OCTET = 0x80;
/** X.660 §A.3: the roots are 0, 1 and 2, and under 0 and 1 there are 40 arcs. */
const ARCS_UNDER_ROOT = 40n;
const JOINT_ROOT = 2n;

export function encodeOid(dotted: string): Buffer {
  if (!DOTTED.test(dotted)) throw new RangeError(`asn1: "${dotted}" is not a dotted OID with at least two arcs`);
  const [root, second, ...rest] = dotted.split('.').map(BigInt) as [bigint, bigint, ...bigint[]];
  if (root > JOINT_ROOT || (root < JOINT_ROOT && second >= ARCS_UNDER_ROOT)) {
    throw new RangeError(`asn1: OID "${dotted}" has an arc outside X.660 (root 0..2, second arc < 40 under 0 and 1)`);
  }
  const subidentifiers = [root * ARCS_UNDER_ROOT + second, ...rest];
  return encodeTlv(Tag.OBJECT_IDENTIFIER, Uint8Array.from(subidentifiers.flatMap(base128)));
}

export function decodeOid(node: Asn1Node): string {
  expectTag(node, Tag.OBJECT_IDENTIFIER, 'OBJECT IDENTIFIER');
  const { content } = node;
  const bad = (reason: string) => new Asn1ParseError('BAD_OID', `asn1: OBJECT IDENTIFIER at offset ${node.offset} ${reason}`);
  if (content.length === 0) throw bad('is empty');
  const subidentifiers: bigint[] = [];
  let value = 0n;
  let starting = true;
  for (const octet of content) {
    if (starting && octet === LEADING_ZERO_OCTET) throw bad('has a subidentifier with a leading 0x80 octet (X.690 §8.19.2)');
    value = (value << 7n) | BigInt(octet & 0x7f);
    starting = (octet & MORE_OCTETS_BIT) === 0;
    if (starting) {
      subidentifiers.push(value);
      value = 0n;
    }
  }
  if (!starting) throw bad('ends inside a subidentifier');
  const [first, ...rest] = subidentifiers as [bigint, ...bigint[]];
  const root = first < 2n * ARCS_UNDER_ROOT ? first / ARCS_UNDER_ROOT : JOINT_ROOT;
  return [root, first - root * ARCS_UNDER_ROOT, ...rest].join('.');
}
