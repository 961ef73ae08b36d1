/**
 * The packets of the shipped loopback capture (server/fixtures/loopback, made with tcpdump on
 * lo), and what the SFU's decoders (server/src/net, checked field by field against tcpdump)
 * make of them: the reference the exercise's parsers are compared with.
 */
import { readLoopbackCapture } from '#fixtures/loopback/index.ts';
import { parseIpPacket, type IpPacket } from '#server/net/index.ts';
import { readCapture } from '#server/pcap/index.ts';

const ETHERNET_HEADER = 14;

/** Every IP packet of the capture (the Ethernet header cut off), with the reference decoding. */
export const capturedPackets: ReadonlyArray<{ readonly number: number; readonly bytes: Uint8Array; readonly ip: IpPacket }> = readCapture(readLoopbackCapture()).map(
  (packet, i) => {
    const bytes = packet.data.subarray(ETHERNET_HEADER);
    return { number: i + 1, bytes, ip: parseIpPacket(bytes) };
  },
);

export const ipv4Packets = capturedPackets.filter((packet) => packet.ip.version === 4);

export function hex(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text.replace(/[\s|]+/g, ''), 'hex'));
}
