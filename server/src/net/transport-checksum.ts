/**
 * Checking the checksum of a TCP segment or UDP datagram in a captured packet, and telling a
 * bad one from one the sender left for the network card to finish.
 *
 * With checksum offload the kernel writes only the pseudo-header sum (not complemented) into
 * the field and the card adds the segment and complements on the way out (Linux:
 * CHECKSUM_PARTIAL). A capture taken on the sending host, and every capture on `lo` (which
 * never finishes it: nothing on a loopback can corrupt the bytes), shows that partial value.
 * tcpdump calls those checksums "incorrect"; here they are 'offloaded'.
 */
import { fold, onesComplementSum } from './checksum.ts';
import type { IpPacket } from './ip-packet.ts';
import { IpProtocol } from './ip-protocol.ts';
import { pseudoHeaderSum } from './pseudo-header.ts';

/**
 * - valid: the sum over pseudo-header, header and data is all ones.
 * - offloaded: the field holds the pseudo-header sum only (see above).
 * - absent: UDP over IPv4 with a zero checksum, "none computed" (RFC 768).
 * - incomplete: the capture does not hold every byte the checksum covers (cut off, or a fragment).
 * - invalid: anything else, including a zero UDP checksum over IPv6 (RFC 8200 §8.1).
 */
export type ChecksumStatus = 'valid' | 'invalid' | 'offloaded' | 'absent' | 'incomplete';

export interface ChecksumCheck {
  readonly status: ChecksumStatus;
  /** The value in the checksum field. */
  readonly received: number;
  /** The value a sender computing it in full writes; undefined when incomplete. */
  readonly expected: number | undefined;
}

/**
 * `segment` is the TCP header and data (the IP payload) or the UDP datagram (the first `length`
 * bytes of the IP payload), of `packet`, whose protocol must be TCP or UDP.
 */
export function checkTransportChecksum(packet: IpPacket, segment: Uint8Array): ChecksumCheck {
  const { protocol } = packet;
  if (protocol !== IpProtocol.TCP && protocol !== IpProtocol.UDP) {
    throw new RangeError(`net: no transport checksum to check for IP protocol ${protocol}`);
  }
  const fieldOffset = protocol === IpProtocol.TCP ? 16 : 6;
  if (segment.length < fieldOffset + 2) return { status: 'incomplete', received: 0, expected: undefined };
  const received = (segment[fieldOffset]! << 8) | segment[fieldOffset + 1]!;
  const statedLength = protocol === IpProtocol.TCP ? packet.payloadLength : (segment[4]! << 8) | segment[5]!;
  if (packet.fragment !== undefined || segment.length < statedLength) return { status: 'incomplete', received, expected: undefined };

  const pseudo = pseudoHeaderSum(packet.source, packet.destination, protocol, segment.length);
  // The field sits at an even offset, so summing around it keeps every word aligned.
  const withoutField = onesComplementSum(segment.subarray(fieldOffset + 2), onesComplementSum(segment.subarray(0, fieldOffset), pseudo));
  const computed = ~withoutField & 0xffff;
  const expected = protocol === IpProtocol.UDP && computed === 0 ? 0xffff : computed;
  let status: ChecksumStatus;
  if (protocol === IpProtocol.UDP && received === 0) status = packet.version === 4 ? 'absent' : 'invalid';
  else if (fold(withoutField + received) === 0xffff) status = 'valid';
  else if (received === pseudo) status = 'offloaded';
  else status = 'invalid';
  return { status, received, expected };
}
