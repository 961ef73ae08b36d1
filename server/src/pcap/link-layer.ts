/**
 * The link-layer header a capture puts before each packet, by its LINKTYPE
 * (https://www.tcpdump.org/linktypes.html), and the network-layer packet after it.
 *
 *   ETHERNET (1)    Ethernet II, VLAN tags included; `tcpdump -i lo` on Linux gives this, MACs zero
 *   LINUX_SLL (113) Linux "cooked" v1, 16 bytes (tcpdump -i any before libpcap 1.10):
 *                   | packet type:16 | ARPHRD type:16 | address length:16 | address:64 | protocol:16 |
 *   LINUX_SLL2 (276) cooked v2, 20 bytes (tcpdump -i any since libpcap 1.10):
 *                   | protocol:16 | reserved:16 | interface index:32 | ARPHRD type:16 |
 *                   | packet type:8 | address length:8 | address:64 |
 *   NULL (0)        BSD loopback: a 4-byte address family in the capturing host's byte order
 *   RAW (101), IPV4 (228), IPV6 (229): the IP packet with nothing before it
 */
import { EtherType, parseEthernetFrame, parseIpv4Packet, parseIpv6Packet, type EthernetFrame, type IpPacket } from '../net/index.ts';
import { LinkType, type CapturedPacket } from './capture.ts';
import { PcapParseError } from './errors.ts';

/** Linux's PACKET_* values in the cooked headers: which way the packet went. */
export const COOKED_PACKET_TYPES = ['to us', 'broadcast', 'multicast', 'to another host', 'outgoing'] as const;

export type LinkLayer =
  | { readonly kind: 'ethernet'; readonly frame: EthernetFrame }
  | {
      readonly kind: 'linux-cooked';
      readonly version: 1 | 2;
      /** Index into COOKED_PACKET_TYPES (0 to us ... 4 outgoing). */
      readonly packetType: number;
      /** ARPHRD_* of the interface: 1 Ethernet, 772 loopback, ... */
      readonly arphrdType: number;
      readonly address: Uint8Array;
      /** SLL2 only: the capturing interface's index. */
      readonly interfaceIndex: number | undefined;
    }
  | { readonly kind: 'loopback'; readonly family: number }
  | { readonly kind: 'raw' }
  | { readonly kind: 'unsupported'; readonly linkType: number };

export interface NetworkLayer {
  readonly link: LinkLayer;
  /** What the payload is, as an EtherType (0x0800 IPv4, 0x86DD IPv6); undefined when the link layer does not say. */
  readonly etherType: number | undefined;
  readonly payload: Uint8Array;
}

/** AF_INET6 differs between systems: Linux 10, NetBSD/OpenBSD 24, FreeBSD 28, macOS 30 (AF_INET is 2 everywhere). */
const AF_INET = 2;
const AF_INET6_VALUES: ReadonlySet<number> = new Set([10, 24, 28, 30]);
const SLL_HEADER_LENGTH = 16;
const SLL2_HEADER_LENGTH = 20;

function tooShort(what: string, size: number, need: number): PcapParseError {
  return new PcapParseError('PACKET_TOO_SHORT', `pcap: ${what} too short (size ${size} < ${need})`);
}

function etherTypeOfIpVersion(data: Uint8Array): number | undefined {
  const version = data.length > 0 ? data[0]! >> 4 : undefined;
  return version === 4 ? EtherType.IPV4 : version === 6 ? EtherType.IPV6 : undefined;
}

/** The link layer of `packet` and what follows it; PcapParseError('PACKET_TOO_SHORT') if its header is cut off. */
export function networkLayerOf(packet: CapturedPacket): NetworkLayer {
  const { data } = packet;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  switch (packet.linkType) {
    case LinkType.ETHERNET: {
      let frame: EthernetFrame;
      try {
        frame = parseEthernetFrame(data);
      } catch (error) {
        throw new PcapParseError('PACKET_TOO_SHORT', `pcap: ${(error as Error).message}`, { cause: error });
      }
      return { link: { kind: 'ethernet', frame }, etherType: frame.etherType, payload: frame.payload };
    }
    case LinkType.LINUX_SLL: {
      if (data.length < SLL_HEADER_LENGTH) throw tooShort('Linux cooked header', data.length, SLL_HEADER_LENGTH);
      const address = data.subarray(6, 6 + Math.min(8, view.getUint16(4)));
      const link = { kind: 'linux-cooked', version: 1, packetType: view.getUint16(0), arphrdType: view.getUint16(2), address, interfaceIndex: undefined } as const;
      return { link, etherType: view.getUint16(14), payload: data.subarray(SLL_HEADER_LENGTH) };
    }
    case LinkType.LINUX_SLL2: {
      if (data.length < SLL2_HEADER_LENGTH) throw tooShort('Linux cooked v2 header', data.length, SLL2_HEADER_LENGTH);
      const address = data.subarray(12, 12 + Math.min(8, data[11]!));
      const link = { kind: 'linux-cooked', version: 2, packetType: data[10]!, arphrdType: view.getUint16(8), address, interfaceIndex: view.getUint32(4) } as const;
      return { link, etherType: view.getUint16(0), payload: data.subarray(SLL2_HEADER_LENGTH) };
    }
    case LinkType.NULL: {
      if (data.length < 4) throw tooShort('loopback header', data.length, 4);
      // Host byte order: a little-endian writer leaves the family in the low bytes.
      const family = view.getUint32(0, true) > 0xffff ? view.getUint32(0, false) : view.getUint32(0, true);
      const etherType = family === AF_INET ? EtherType.IPV4 : AF_INET6_VALUES.has(family) ? EtherType.IPV6 : undefined;
      return { link: { kind: 'loopback', family }, etherType, payload: data.subarray(4) };
    }
    case LinkType.RAW:
      return { link: { kind: 'raw' }, etherType: etherTypeOfIpVersion(data), payload: data };
    case LinkType.IPV4:
      return { link: { kind: 'raw' }, etherType: EtherType.IPV4, payload: data };
    case LinkType.IPV6:
      return { link: { kind: 'raw' }, etherType: EtherType.IPV6, payload: data };
    default:
      return { link: { kind: 'unsupported', linkType: packet.linkType }, etherType: undefined, payload: data };
  }
}

/** The IP packet the link layer announced; undefined for anything else (ARP, ...). Throws NetParseError. */
export function ipPacketOf(network: NetworkLayer): IpPacket | undefined {
  if (network.etherType === EtherType.IPV4) return parseIpv4Packet(network.payload);
  if (network.etherType === EtherType.IPV6) return parseIpv6Packet(network.payload);
  return undefined;
}
