/**
 * From a captured frame to the UDP datagram inside it, by the header decoders of
 * server/src/net: link layer (link-layer.ts), IPv4 or IPv6, UDP. Enough to pull RTP, RTCP,
 * STUN and DTLS out of a capture; decode.ts reads every layer, TCP too.
 */
import { IpProtocol, NetParseError, carriesTransportHeader, parseUdpPacket } from '../net/index.ts';
import type { CapturedPacket } from './capture.ts';
import { PcapParseError } from './errors.ts';
import { ipPacketOf, networkLayerOf } from './link-layer.ts';

export interface UdpDatagram {
  readonly source: { readonly address: string; readonly port: number };
  readonly destination: { readonly address: string; readonly port: number };
  readonly timestampUs: number;
  /** The UDP payload: a view into the capture. */
  readonly payload: Uint8Array;
}

function notUdp(why: string): PcapParseError {
  return new PcapParseError('NOT_UDP', `pcap: ${why}`);
}

/** The UDP datagram in a captured frame; a PcapParseError (code NOT_UDP) for anything else. */
export function udpDatagramOf(packet: CapturedPacket): UdpDatagram {
  const network = networkLayerOf(packet);
  try {
    const ip = ipPacketOf(network);
    if (ip === undefined) {
      if (network.link.kind === 'unsupported') throw notUdp(`link type ${network.link.linkType} is not supported`);
      throw notUdp(`ethertype 0x${(network.etherType ?? 0).toString(16)} is not IP`);
    }
    if (!carriesTransportHeader(ip)) throw notUdp('a non-first fragment has no UDP header');
    if (ip.protocol !== IpProtocol.UDP) throw notUdp(`IP protocol ${ip.protocol} is not UDP`);
    const { header, payload } = parseUdpPacket(ip.payload);
    return {
      source: { address: ip.source, port: header.sourcePort },
      destination: { address: ip.destination, port: header.destinationPort },
      timestampUs: packet.timestampUs,
      payload,
    };
  } catch (error) {
    if (!(error instanceof NetParseError)) throw error;
    throw new PcapParseError(error.code === 'TOO_SHORT' ? 'PACKET_TOO_SHORT' : 'MALFORMED_PACKET', `pcap: ${error.message}`, { cause: error });
  }
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
