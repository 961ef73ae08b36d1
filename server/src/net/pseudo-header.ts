/**
 * The pseudo-header TCP and UDP put under their checksum, so that a segment delivered to the
 * wrong address or as the wrong protocol fails the check.
 *
 *   IPv4 (RFC 9293 §3.1, RFC 768)           IPv6 (RFC 8200 §8.1)
 *   +--------+--------+--------+--------+   +-----------------------------------+
 *   |          source address           |   |   source address (16 bytes)       |
 *   +--------+--------+--------+--------+   +-----------------------------------+
 *   |        destination address        |   |   destination address (16 bytes)  |
 *   +--------+--------+--------+--------+   +-----------------------------------+
 *   |  zero  |protocol|  TCP/UDP length |   |   upper-layer packet length (32)  |
 *   +--------+--------+--------+--------+   +--------------------------+--------+
 *                                           |          zero            |next hdr|
 *                                           +--------------------------+--------+
 * The length is that of the TCP or UDP header plus data. The pseudo-header is never sent.
 */
import { addressBytes } from './address.ts';
import { fold, onesComplementSum } from './checksum.ts';

/** The addresses of the IP packet a segment travels in, for a serializer to compute its checksum over. */
export interface ChecksumAddresses {
  readonly source: string;
  readonly destination: string;
}

/** The pseudo-header's ones' complement sum, folded: the `initial` to start the segment's sum from. */
export function pseudoHeaderSum(source: string, destination: string, protocol: number, upperLayerLength: number): number {
  const version = source.includes(':') ? 6 : 4;
  const addresses = onesComplementSum(addressBytes(destination, version), onesComplementSum(addressBytes(source, version)));
  // Zero bytes add nothing, so both layouts reduce to: addresses + protocol + length (as 16-bit words).
  return fold(addresses + protocol + Math.floor(upperLayerLength / 0x10000) + (upperLayerLength & 0xffff));
}
