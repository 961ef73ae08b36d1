/**
 * Every layer of a captured packet, as far as it can be read: link layer, IPv4 or IPv6, then
 * TCP or UDP with its checksum checked. A broken layer does not throw: decoding stops there and
 * `error` says why, so a capture with one mangled packet can still be listed whole.
 */
import {
  IpProtocol,
  NetParseError,
  carriesTransportHeader,
  checkTransportChecksum,
  parseTcpSegment,
  parseUdpPacket,
  type ChecksumCheck,
  type IpPacket,
  type TcpSegment,
  type UdpPacket,
} from '../net/index.ts';
import type { CapturedPacket } from './capture.ts';
import { PcapParseError } from './errors.ts';
import { ipPacketOf, networkLayerOf, type LinkLayer } from './link-layer.ts';

export type DecodedTransport =
  | { readonly kind: 'tcp'; readonly segment: TcpSegment; readonly checksum: ChecksumCheck }
  | { readonly kind: 'udp'; readonly datagram: UdpPacket; readonly checksum: ChecksumCheck };

export interface DecodedPacket {
  readonly captured: CapturedPacket;
  /** Undefined only when the link-layer header itself is cut off. */
  readonly link: LinkLayer | undefined;
  readonly etherType: number | undefined;
  readonly ip: IpPacket | undefined;
  /** TCP or UDP; undefined for other protocols, non-first fragments, or after an error. */
  readonly transport: DecodedTransport | undefined;
  /** The first layer that could not be read. */
  readonly error: PcapParseError | NetParseError | undefined;
}

function transportOf(ip: IpPacket): DecodedTransport | undefined {
  if (!carriesTransportHeader(ip)) return undefined;
  if (ip.protocol === IpProtocol.TCP) {
    const segment = parseTcpSegment(ip.payload);
    return { kind: 'tcp', segment, checksum: checkTransportChecksum(ip, ip.payload) };
  }
  if (ip.protocol === IpProtocol.UDP) {
    const datagram = parseUdpPacket(ip.payload);
    return { kind: 'udp', datagram, checksum: checkTransportChecksum(ip, ip.payload.subarray(0, datagram.header.length)) };
  }
  return undefined;
}

export function decodePacket(captured: CapturedPacket): DecodedPacket {
  let decoded: DecodedPacket = { captured, link: undefined, etherType: undefined, ip: undefined, transport: undefined, error: undefined };
  try {
    const network = networkLayerOf(captured);
    decoded = { ...decoded, link: network.link, etherType: network.etherType };
    const ip = ipPacketOf(network);
    decoded = { ...decoded, ip };
    if (ip !== undefined) decoded = { ...decoded, transport: transportOf(ip) };
    return decoded;
  } catch (error) {
    if (!(error instanceof PcapParseError) && !(error instanceof NetParseError)) throw error;
    return { ...decoded, error };
  }
}
