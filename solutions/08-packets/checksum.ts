/**
 * Exercise 08-packets, part 2: the Internet checksum (reference solution).
 * See exercises/08-packets/checksum.ts for the contract.
 *
 * Built on server/src/net: checksum.ts (RFC 1071), pseudo-header.ts, and
 * transport-checksum.ts, which the SFU's capture decoder uses to tell a corrupt segment from one
 * left to checksum offload.
 */
import {
  IpProtocol,
  checkTransportChecksum,
  internetChecksum as netInternetChecksum,
  onesComplementSum as netOnesComplementSum,
  parseIpv4Packet,
  pseudoHeaderSum as netPseudoHeaderSum,
} from '#server/net/index.ts';
import { parseIpv4Header, parseTcpHeader, parseUdpHeader } from './headers.ts';

export type ChecksumStatus = 'valid' | 'invalid' | 'offloaded' | 'absent' | 'incomplete';

export function onesComplementSum(bytes: Uint8Array, initial = 0): number {
  return netOnesComplementSum(bytes, initial);
}

export function internetChecksum(bytes: Uint8Array, initial = 0): number {
  return netInternetChecksum(bytes, initial);
}

/** parseIpv4Packet, after parseIpv4Header has turned a broken header into this exercise's HeaderError. */
function ipv4PacketOf(packet: Uint8Array): ReturnType<typeof parseIpv4Packet> {
  parseIpv4Header(packet);
  return parseIpv4Packet(packet);
}

export function ipv4HeaderChecksumValid(packet: Uint8Array): boolean {
  return ipv4PacketOf(packet).headerChecksumValid;
}

export function pseudoHeaderSum(source: string, destination: string, protocol: number, length: number): number {
  return netPseudoHeaderSum(source, destination, protocol, length);
}

export function transportChecksumStatus(packet: Uint8Array): ChecksumStatus {
  const ip = ipv4PacketOf(packet);
  if (ip.protocol !== IpProtocol.TCP && ip.protocol !== IpProtocol.UDP) {
    throw new RangeError(`08-packets: IP protocol ${ip.protocol} carries no TCP or UDP checksum`);
  }
  if (ip.fragment !== undefined || ip.payload.length < ip.payloadLength) return 'incomplete';
  const segment = ip.protocol === IpProtocol.TCP ? ip.payload : ip.payload.subarray(0, parseUdpHeader(ip.payload).length);
  if (ip.protocol === IpProtocol.TCP) parseTcpHeader(segment);
  return checkTransportChecksum(ip, segment).status;
}
