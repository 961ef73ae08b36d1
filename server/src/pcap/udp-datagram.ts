/**
 * From a captured frame to the UDP datagram inside it: link layer (Ethernet with
 * VLAN tags, Linux cooked v1/v2, BSD loopback, raw IP), then IPv4 (RFC 791) or
 * IPv6 (RFC 8200), then UDP (RFC 768). Enough to pull RTP, RTCP, STUN and DTLS
 * out of a capture; lab 08 takes the headers apart field by field.
 */
import { LinkType, type CapturedPacket } from './capture.ts';
import { PcapParseError } from './errors.ts';

export interface UdpDatagram {
  readonly source: { readonly address: string; readonly port: number };
  readonly destination: { readonly address: string; readonly port: number };
  readonly timestampUs: number;
  /** The UDP payload: a view into the capture. */
  readonly payload: Uint8Array;
}

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_VLAN = 0x8100;
const ETHERTYPE_QINQ = 0x88a8;
const IP_PROTOCOL_UDP = 17;
const UDP_HEADER_LENGTH = 8;
/** IPv6 extension headers that share the "next header, length in 8-octet units" shape (RFC 8200 §4). */
const IPV6_SKIPPABLE_EXTENSIONS = new Set([0, 43, 60]);

function tooShort(what: string, size: number, need: number): PcapParseError {
  return new PcapParseError('PACKET_TOO_SHORT', `pcap: ${what} too short (size ${size} < ${need})`);
}

/** Returns [ethertype-or-family, offset of the network header]. */
function networkLayer(packet: CapturedPacket): { etherType: number; offset: number } {
  const { data } = packet;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  switch (packet.linkType) {
    case LinkType.ETHERNET: {
      let offset = 12;
      if (data.length < 14) throw tooShort('ethernet frame', data.length, 14);
      let etherType = view.getUint16(offset);
      while (etherType === ETHERTYPE_VLAN || etherType === ETHERTYPE_QINQ) {
        offset += 4;
        if (data.length < offset + 2) throw tooShort('VLAN tag', data.length, offset + 2);
        etherType = view.getUint16(offset);
      }
      return { etherType, offset: offset + 2 };
    }
    case LinkType.LINUX_SLL:
      if (data.length < 16) throw tooShort('Linux cooked header', data.length, 16);
      return { etherType: view.getUint16(14), offset: 16 };
    case LinkType.LINUX_SLL2:
      if (data.length < 20) throw tooShort('Linux cooked v2 header', data.length, 20);
      return { etherType: view.getUint16(0), offset: 20 };
    case LinkType.NULL: {
      if (data.length < 4) throw tooShort('loopback header', data.length, 4);
      // The address family is in the capturing host's byte order; 2 is AF_INET, IPv6 varies by OS.
      const family = view.getUint32(0, true) > 0xffff ? view.getUint32(0, false) : view.getUint32(0, true);
      return { etherType: family === 2 ? ETHERTYPE_IPV4 : ETHERTYPE_IPV6, offset: 4 };
    }
    case LinkType.RAW:
    case LinkType.IPV4:
    case LinkType.IPV6: {
      if (data.length < 1) throw tooShort('IP packet', 0, 1);
      return { etherType: data[0]! >> 4 === 6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4, offset: 0 };
    }
    default:
      throw new PcapParseError('NOT_UDP', `pcap: link type ${packet.linkType} is not supported`);
  }
}

function ipv6Address(bytes: Uint8Array): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  // Compress the longest run of zero groups (RFC 5952 §4.2).
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLength && j - i > 1) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  if (bestStart < 0) return groups.join(':');
  return `${groups.slice(0, bestStart).join(':')}::${groups.slice(bestStart + bestLength).join(':')}`;
}

/** The UDP datagram in a captured frame; a PcapParseError (code NOT_UDP) for anything else. */
export function udpDatagramOf(packet: CapturedPacket): UdpDatagram {
  const { data } = packet;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const { etherType, offset: ipOffset } = networkLayer(packet);
  let protocol: number;
  let udpOffset: number;
  let udpEnd: number;
  let source: string;
  let destination: string;

  if (etherType === ETHERTYPE_IPV4) {
    if (data.length < ipOffset + 20) throw tooShort('IPv4 header', data.length - ipOffset, 20);
    const headerLength = (data[ipOffset]! & 0x0f) * 4;
    const totalLength = view.getUint16(ipOffset + 2);
    const fragmentOffset = view.getUint16(ipOffset + 6) & 0x1fff;
    if (headerLength < 20 || data.length < ipOffset + headerLength) throw tooShort('IPv4 header', data.length - ipOffset, headerLength);
    if (fragmentOffset !== 0) throw new PcapParseError('NOT_UDP', 'pcap: a non-first IPv4 fragment has no UDP header');
    protocol = data[ipOffset + 9]!;
    source = data.subarray(ipOffset + 12, ipOffset + 16).join('.');
    destination = data.subarray(ipOffset + 16, ipOffset + 20).join('.');
    udpOffset = ipOffset + headerLength;
    udpEnd = Math.min(data.length, ipOffset + Math.max(totalLength, headerLength));
  } else if (etherType === ETHERTYPE_IPV6) {
    if (data.length < ipOffset + 40) throw tooShort('IPv6 header', data.length - ipOffset, 40);
    const payloadLength = view.getUint16(ipOffset + 4);
    protocol = data[ipOffset + 6]!;
    source = ipv6Address(data.subarray(ipOffset + 8, ipOffset + 24));
    destination = ipv6Address(data.subarray(ipOffset + 24, ipOffset + 40));
    udpOffset = ipOffset + 40;
    udpEnd = Math.min(data.length, udpOffset + payloadLength);
    while (IPV6_SKIPPABLE_EXTENSIONS.has(protocol)) {
      if (udpEnd < udpOffset + 8) throw tooShort('IPv6 extension header', udpEnd - udpOffset, 8);
      protocol = data[udpOffset]!;
      udpOffset += (data[udpOffset + 1]! + 1) * 8;
    }
  } else {
    throw new PcapParseError('NOT_UDP', `pcap: ethertype 0x${etherType.toString(16)} is not IP`);
  }

  if (protocol !== IP_PROTOCOL_UDP) throw new PcapParseError('NOT_UDP', `pcap: IP protocol ${protocol} is not UDP`);
  if (udpEnd < udpOffset + UDP_HEADER_LENGTH) throw tooShort('UDP header', Math.max(0, udpEnd - udpOffset), UDP_HEADER_LENGTH);
  const udpLength = view.getUint16(udpOffset + 4);
  if (udpLength < UDP_HEADER_LENGTH || udpOffset + udpLength > udpEnd) {
    throw new PcapParseError('PACKET_TOO_SHORT', `pcap: UDP length ${udpLength} does not fit the ${udpEnd - udpOffset} bytes captured`);
  }
  return {
    source: { address: source, port: view.getUint16(udpOffset) },
    destination: { address: destination, port: view.getUint16(udpOffset + 2) },
    timestampUs: packet.timestampUs,
    payload: data.subarray(udpOffset + UDP_HEADER_LENGTH, udpOffset + udpLength),
  };
}

/** Every UDP datagram in a capture, in capture order; frames that are not UDP are skipped. */
export function udpDatagramsOf(packets: readonly CapturedPacket[]): UdpDatagram[] {
  const datagrams: UdpDatagram[] = [];
  for (const packet of packets) {
    try {
      datagrams.push(udpDatagramOf(packet));
    } catch (error) {
      if (!(error instanceof PcapParseError) || error.code !== 'NOT_UDP') throw error;
    }
  }
  return datagrams;
}
