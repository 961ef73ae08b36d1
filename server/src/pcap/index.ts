/**
 * Capture files: libpcap (pcap-savefile(5)) and pcapng (draft-ietf-opsawg-pcapng), and what is
 * inside their packets: the link layer (link-layer.ts), every header down to TCP or UDP by the
 * decoders of server/src/net (decode.ts), or just the UDP datagrams (udp-datagram.ts).
 *
 *   import { readCapture, udpDatagramOf, decodePacket } from '#server/pcap/index.ts';
 *   for (const packet of readCapture(readFileSync('call.pcapng'))) {
 *     const datagram = udpDatagramOf(packet);   // throws PcapParseError('NOT_UDP') for anything else
 *     const layers = decodePacket(packet);      // never throws for a broken packet: see layers.error
 *   }
 */
export { LinkType, type CapturedPacket } from './capture.ts';
export { decodePacket, type DecodedPacket, type DecodedTransport } from './decode.ts';
export { flowOf, formatEndpoint, type Endpoint, type PacketFlow } from './flow.ts';
export { PcapParseError, type PcapErrorCode } from './errors.ts';
export { COOKED_PACKET_TYPES, ipPacketOf, networkLayerOf, type LinkLayer, type NetworkLayer } from './link-layer.ts';
export { isPcap, parsePcap, serializePcap } from './pcap.ts';
export { isPcapng, parsePcapng } from './pcapng.ts';
export { readCapture } from './read-capture.ts';
export { udpDatagramOf, udpDatagramsOf, type UdpDatagram } from './udp-datagram.ts';
