/**
 * UDP (RFC 768).
 *
 *    0      7 8     15 16    23 24    31
 *   +--------+--------+--------+--------+
 *   |   Source Port   | Destination Port|
 *   +--------+--------+--------+--------+
 *   |     Length      |    Checksum     |
 *   +--------+--------+--------+--------+
 *   |          data octets ...
 *
 * Length counts header and data (8 at least). The checksum covers the pseudo-header, the
 * header and the data; over IPv4 zero means "not computed", a computed zero is sent as 0xFFFF.
 * Over IPv6 the checksum is mandatory (RFC 8200 §8.1).
 */
import { internetChecksum } from './checksum.ts';
import { NetParseError, viewOfAtLeast } from './errors.ts';
import { checkField } from './field.ts';
import { IpProtocol } from './ip-protocol.ts';
import { pseudoHeaderSum, type ChecksumAddresses } from './pseudo-header.ts';

export const UDP_HEADER_LENGTH = 8;
const UDP_CHECKSUM_OFFSET = 6;

export interface UdpHeader {
  readonly sourcePort: number;
  readonly destinationPort: number;
  /** Header and data, in bytes. */
  readonly length: number;
  readonly checksum: number;
}

export interface UdpPacket {
  readonly header: UdpHeader;
  /** The data: a view into the input. */
  readonly payload: Uint8Array;
}

export interface UdpHeaderInput {
  readonly sourcePort: number;
  readonly destinationPort: number;
  /** Written as is unless `pseudoHeader` is given to compute it; default 0 ("none", IPv4 only). */
  readonly checksum?: number;
}

/** `bytes` is the IP payload; anything past the UDP length is ignored. */
export function parseUdpPacket(bytes: Uint8Array): UdpPacket {
  const view = viewOfAtLeast(bytes, UDP_HEADER_LENGTH, 'udp: datagram');
  const length = view.getUint16(4);
  if (length < UDP_HEADER_LENGTH) throw new NetParseError('BAD_LENGTH', `udp: length ${length} is shorter than the header`);
  if (length > bytes.length) throw new NetParseError('TOO_SHORT', `udp: length ${length} but only ${bytes.length} bytes`);
  return {
    header: { sourcePort: view.getUint16(0), destinationPort: view.getUint16(2), length, checksum: view.getUint16(UDP_CHECKSUM_OFFSET) },
    payload: bytes.subarray(UDP_HEADER_LENGTH, length),
  };
}

export function serializeUdpPacket(header: UdpHeaderInput, payload: Uint8Array, pseudoHeader?: ChecksumAddresses): Uint8Array {
  const length = UDP_HEADER_LENGTH + payload.length;
  if (length > 0xffff) throw new RangeError(`udp: length ${length} is over 65535`);
  const out = new Uint8Array(length);
  const view = new DataView(out.buffer);
  view.setUint16(0, checkField('udp', 'source port', header.sourcePort, 16));
  view.setUint16(2, checkField('udp', 'destination port', header.destinationPort, 16));
  view.setUint16(4, length);
  out.set(payload, UDP_HEADER_LENGTH);
  if (pseudoHeader) {
    const checksum = internetChecksum(out, pseudoHeaderSum(pseudoHeader.source, pseudoHeader.destination, IpProtocol.UDP, length));
    // RFC 768: a computed zero is transmitted as all ones; zero means "no checksum".
    view.setUint16(UDP_CHECKSUM_OFFSET, checksum === 0 ? 0xffff : checksum);
  } else {
    view.setUint16(UDP_CHECKSUM_OFFSET, checkField('udp', 'checksum', header.checksum ?? 0, 16));
  }
  return out;
}
