/** An IP packet of either version, told apart by the version nibble both put first. */
import { NetParseError } from './errors.ts';
import { parseIpv4Packet, type Ipv4Packet } from './ipv4.ts';
import { parseIpv6Packet, type Ipv6Packet } from './ipv6.ts';

export type IpPacket = Ipv4Packet | Ipv6Packet;

export function parseIpPacket(bytes: Uint8Array): IpPacket {
  if (bytes.length === 0) throw new NetParseError('TOO_SHORT', 'ip: empty packet');
  const version = bytes[0]! >> 4;
  if (version === 4) return parseIpv4Packet(bytes);
  if (version === 6) return parseIpv6Packet(bytes);
  throw new NetParseError('BAD_VERSION', `ip: version ${version} is neither 4 nor 6`);
}

/** False for a fragment other than the first: its payload starts in the middle of the upper-layer packet. */
export function carriesTransportHeader(packet: IpPacket): boolean {
  return packet.fragment === undefined || packet.fragment.offset === 0;
}
