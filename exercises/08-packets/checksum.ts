/**
 * Exercise 08-packets, part 2: the Internet checksum (RFC 1071) and what IPv4, TCP and UDP do
 * with it.
 *
 * onesComplementSum(bytes, initial = 0): add the bytes as 16-bit big-endian words to `initial`
 *   (an odd last byte is the high half of a word whose low half is 0), then fold: while the sum
 *   is over 0xFFFF, replace it by (sum & 0xFFFF) + (sum / 65536, rounded down). Returns 0-0xFFFF.
 *   RFC 1071 §3: 00 01 f2 03 f4 f5 f6 f7 -> 0001 + f203 + f4f5 + f6f7 = 2ddf0 -> ddf0 + 2 = ddf2.
 *   Take care with sums over 2^32 (more than 64 KiB of data): >>> would lose the top bits.
 * internetChecksum(bytes, initial = 0): the complement of that sum, as 16 bits: ~sum & 0xFFFF
 *   (0x220d for the example). Summing data that includes a correct checksum gives 0xFFFF, so
 *   internetChecksum of it is 0.
 *
 * ipv4HeaderChecksumValid(packet): true when the header (its first headerLength bytes, read with
 *   your parseIpv4Header, whose HeaderError passes through) sums to 0xFFFF.
 *
 * pseudoHeaderSum(source, destination, protocol, length): the folded sum of the 12-byte IPv4
 *   pseudo-header TCP and UDP checksums start from (RFC 9293 §3.1, RFC 768):
 *     | source address (4) | destination address (4) | 0 | protocol | TCP/UDP length (2) |
 *   source and destination are dotted quads; RangeError for text that is not one. Linux leaves
 *   exactly this sum in the checksum field when it expects the network card to finish the job
 *   ("checksum offload"): 127.0.0.1 to 127.0.0.1, TCP, 40 bytes -> 0xfe30.
 *
 * transportChecksumStatus(packet), packet = a whole IPv4 packet carrying TCP or UDP:
 *   1. parse the IPv4 header; a protocol other than 6 or 17 is a RangeError;
 *   2. 'incomplete' when the packet is a fragment (MF set or offset not 0) or holds fewer than
 *      totalLength bytes (a capture cut it short): the checksum covers bytes that are not here;
 *   3. the segment is bytes headerLength..totalLength (to the end when totalLength is 0); parse
 *      its TCP or UDP header (HeaderErrors pass through); a UDP datagram is only its first
 *      `length` bytes;
 *   4. 'absent' for UDP with checksum 0 ("not computed", RFC 768);
 *   5. 'valid' when onesComplementSum(segment, pseudoHeaderSum(..., segment.length)) is 0xFFFF;
 *      'offloaded' when the checksum field equals the pseudo-header sum; else 'invalid'.
 */
import { parseIpv4Header } from './headers.ts';

export type ChecksumStatus = 'valid' | 'invalid' | 'offloaded' | 'absent' | 'incomplete';

export function onesComplementSum(bytes: Uint8Array, initial = 0): number {
  // TODO: add the 16-bit words (and an odd last byte) to initial, then fold the carries.
  throw new Error(`TODO: sum ${bytes.length} bytes from ${initial}`);
}

export function internetChecksum(bytes: Uint8Array, initial = 0): number {
  // TODO: complement the sum.
  throw new Error(`TODO: checksum ${bytes.length} bytes from ${initial}`);
}

export function ipv4HeaderChecksumValid(packet: Uint8Array): boolean {
  // TODO: find the header length with parseIpv4Header, then sum the header.
  throw new Error(`TODO: check the IPv4 header checksum of a ${packet.length}-byte packet`);
}

export function pseudoHeaderSum(source: string, destination: string, protocol: number, length: number): number {
  // TODO: sum the two addresses as 16-bit words, the protocol and the length.
  throw new Error(`TODO: the pseudo-header sum of ${source} > ${destination}, protocol ${protocol}, ${length} bytes`);
}

export function transportChecksumStatus(packet: Uint8Array): ChecksumStatus {
  // TODO: follow steps 1 to 5 above.
  throw new Error(`TODO: check the TCP or UDP checksum of a ${packet.length}-byte IPv4 packet`);
}
