/**
 * Ethernet, IPv4, IPv6, TCP and UDP headers, and the Internet checksum: what a captured frame
 * holds below the application's bytes. The capture reader (server/src/pcap) finds UDP datagrams
 * with these; lab 08-packets prints every field.
 *
 * - RFC 1071: the Internet checksum (checksum.ts); the TCP/UDP pseudo-header of RFC 9293 §3.1,
 *   RFC 768 and RFC 8200 §8.1 (pseudo-header.ts); checking a captured segment's checksum,
 *   checksum offload included (transport-checksum.ts).
 * - Ethernet II with 802.1Q/802.1ad VLAN tags (ethernet.ts).
 * - IPv4, RFC 791 (ipv4.ts); IPv6 and its extension header chain, RFC 8200 (ipv6.ts).
 * - TCP, RFC 9293 §3.1 (tcp.ts) and its options: MSS, window scale, SACK, timestamps (tcp-options.ts).
 * - UDP, RFC 768 (udp.ts).
 *
 * Parsers never copy: payloads and options are views into the input. They throw NetParseError
 * with a stable `code` for a header that cannot be read; serializers throw RangeError for a
 * field that does not fit, and compute lengths and checksums themselves.
 *
 *   import { parseIpPacket, parseTcpSegment, checkTransportChecksum } from '#server/net/index.ts';
 *   const ip = parseIpPacket(bytes);                     // IPv4 or IPv6
 *   const tcp = parseTcpSegment(ip.payload);              // when ip.protocol === IpProtocol.TCP
 *   checkTransportChecksum(ip, ip.payload).status;        // 'valid', 'offloaded', ...
 */
export { formatAddress } from './address.ts';
export { fold, internetChecksum, onesComplementSum } from './checksum.ts';
export { NetParseError, type NetErrorCode } from './errors.ts';
export {
  ETHERNET_HEADER_LENGTH,
  formatMac,
  parseEthernetFrame,
  serializeEthernetFrame,
  type EthernetFrame,
  type EthernetFrameInput,
  type VlanTag,
} from './ethernet.ts';
export { carriesTransportHeader, parseIpPacket, type IpPacket } from './ip-packet.ts';
export { EtherType, IpProtocol, ipProtocolName } from './ip-protocol.ts';
export {
  IPV4_MIN_HEADER_LENGTH,
  parseIpv4Packet,
  serializeIpv4Packet,
  type IpPacketView,
  type Ipv4Header,
  type Ipv4HeaderInput,
  type Ipv4Packet,
} from './ipv4.ts';
export {
  IPV6_HEADER_LENGTH,
  isIpv6ExtensionHeader,
  parseIpv6Packet,
  serializeIpv6Packet,
  type Ipv6ExtensionHeader,
  type Ipv6Header,
  type Ipv6HeaderInput,
  type Ipv6Packet,
} from './ipv6.ts';
export { pseudoHeaderSum, type ChecksumAddresses } from './pseudo-header.ts';
export {
  TCP_MIN_HEADER_LENGTH,
  parseTcpSegment,
  serializeTcpSegment,
  tcpFlagsByte,
  tcpFlagsOf,
  type TcpFlags,
  type TcpHeader,
  type TcpHeaderInput,
  type TcpSegment,
} from './tcp.ts';
export { TcpOptionKind, parseTcpOptions, serializeTcpOptions, type SackBlock, type TcpOption } from './tcp-options.ts';
export { checkTransportChecksum, type ChecksumCheck, type ChecksumStatus } from './transport-checksum.ts';
export { UDP_HEADER_LENGTH, parseUdpPacket, serializeUdpPacket, type UdpHeader, type UdpHeaderInput, type UdpPacket } from './udp.ts';
