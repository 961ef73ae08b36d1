/**
 * Capture files: libpcap (pcap-savefile(5)) and pcapng (draft-ietf-opsawg-pcapng),
 * and the UDP datagrams inside them.
 *
 *   import { readCapture, udpDatagramOf } from '#server/pcap/index.ts';
 *   for (const packet of readCapture(readFileSync('call.pcapng'))) {
 *     const datagram = udpDatagramOf(packet);   // throws PcapParseError('NOT_UDP') for anything else
 *   }
 */
export { LinkType, type CapturedPacket } from './capture.ts';
export { PcapParseError, type PcapErrorCode } from './errors.ts';
export { isPcap, parsePcap, serializePcap } from './pcap.ts';
export { isPcapng, parsePcapng } from './pcapng.ts';
export { readCapture } from './read-capture.ts';
export { udpDatagramOf, udpDatagramsOf, type UdpDatagram } from './udp-datagram.ts';
