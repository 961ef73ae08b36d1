/**
 * INTEGER (X.690 §8.3): two's complement, big-endian, in the fewest octets.
 *
 *   §8.3.2: if there is more than one content octet, the bits of the first
 *   octet and bit 8 of the second octet shall not all be ones, and shall
 *   not all be zero.
 *
 *   0      -> 02 01 00          127 -> 02 01 7f          128 -> 02 02 00 80
 *   -1     -> 02 01 ff         -128 -> 02 01 80         -129 -> 02 02 ff 7f
 */
import { Asn1ParseError } from './errors.ts';
import { Tag } from './header.ts';
import { expectTag, type Asn1Node } from './reader.ts';
import { encodeTlv } from './tlv.ts';

const SIGN_BIT = 0x80;

/**
 * A bigint as is (negative ones in two's complement), or a Uint8Array as an
 * unsigned big-endian magnitude such as random serial-number bytes: leading
 * zeros are dropped and a 0x00 is put back where the top bit would read as a sign.
 */
export function encodeInteger(value: bigint | Uint8Array): Buffer {
  return encodeTlv(Tag.INTEGER, typeof value === 'bigint' ? twosComplement(value) : unsignedMagnitude(value));
}

function twosComplement(value: bigint): Uint8Array {
  let octets = 1;
  // The smallest n with -2^(8n-1) <= value < 2^(8n-1).
  while (value >= 1n << BigInt(8 * octets - 1) || value < -(1n << BigInt(8 * octets - 1))) octets++;
  let rest = BigInt.asUintN(8 * octets, value);
  const out = new Uint8Array(octets);
  for (let i = octets - 1; i >= 0; i--, rest >>= 8n) out[i] = Number(rest & 0xffn);
  return out;
}

function unsignedMagnitude(bytes: Uint8Array): Uint8Array {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const magnitude = bytes.subarray(start);
  if (magnitude.length === 0) return Uint8Array.of(0);
  if ((magnitude[0]! & SIGN_BIT) === 0) return magnitude;
  const out = new Uint8Array(magnitude.length + 1);
  out.set(magnitude, 1);
  return out;
}

/** The INTEGER's value; rejects empty (§8.3.1) and non-minimal (§8.3.2) contents. */
export function decodeInteger(node: Asn1Node): bigint {
  expectTag(node, Tag.INTEGER, 'INTEGER');
  const { content } = node;
  const first = content[0];
  if (first === undefined) throw new Asn1ParseError('BAD_INTEGER', `asn1: INTEGER at offset ${node.offset} has no content octets`);
  const second = content[1];
  if (second !== undefined && ((first === 0x00 && second < SIGN_BIT) || (first === 0xff && second >= SIGN_BIT))) {
    throw new Asn1ParseError('NON_MINIMAL_INTEGER', `asn1: INTEGER at offset ${node.offset} is not in its minimal encoding`);
  }
  const unsigned = BigInt(`0x${Buffer.from(content.buffer, content.byteOffset, content.length).toString('hex')}`);
  return BigInt.asIntN(content.length * 8, unsigned);
}
