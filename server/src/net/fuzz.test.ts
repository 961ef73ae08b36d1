/**
 * Random and mutated headers through every parser: each gives a result or a NetParseError,
 * never another exception, never a view past its input; and what parses serializes back to
 * something that parses the same (the round trip the lab and the loopback test rely on).
 * Seeds are real: the frames of the shipped loopback capture and of a Chromium call.
 */
import { describe, expect, it } from 'vitest';
import { readFixture } from '#fixtures/index.ts';
import { readLoopbackCapture } from '#fixtures/loopback/index.ts';
import { fuzz } from '../common/fuzz.ts';
import { readCapture } from '../pcap/read-capture.ts';
import { parseEthernetFrame } from './ethernet.ts';
import { NetParseError } from './errors.ts';
import { parseIpPacket } from './ip-packet.ts';
import { IpProtocol } from './ip-protocol.ts';
import { serializeIpv4Packet } from './ipv4.ts';
import { serializeIpv6Packet } from './ipv6.ts';
import { parseTcpSegment, serializeTcpSegment } from './tcp.ts';
import { checkTransportChecksum } from './transport-checksum.ts';
import { parseUdpPacket, serializeUdpPacket } from './udp.ts';

const CASES = Number(process.env['FUZZ_CASES'] ?? 100_000);
const TIMEOUT_MS = 15_000 + CASES / 10;

/** Runs `parse`; a NetParseError means "rejected" (undefined), anything else escapes and fails the test. */
function parsed<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (error instanceof NetParseError) return undefined;
    throw error;
  }
}

function within(view: Uint8Array, input: Uint8Array): void {
  if (view.buffer !== input.buffer || view.byteOffset < input.byteOffset || view.byteOffset + view.length > input.byteOffset + input.length) {
    throw new Error('a view reaches outside the input');
  }
}

const frames = [
  ...readCapture(readLoopbackCapture()).map((p) => p.data),
  ...readCapture(readFixture('pcap/clear-rtp-rtcp.pcapng')).slice(0, 40).map((p) => p.data),
];
const ipPackets = frames.map((frame) => frame.subarray(14));
const ipOf = (bytes: Uint8Array): ReturnType<typeof parseIpPacket> => parseIpPacket(bytes);
const tcpSegments = ipPackets.map(ipOf).filter((ip) => ip.protocol === IpProtocol.TCP).map((ip) => ip.payload);
const udpDatagrams = ipPackets.map(ipOf).filter((ip) => ip.protocol === IpProtocol.UDP).map((ip) => ip.payload);

describe('net fuzz', () => {
  it(`parseEthernetFrame: ${CASES} frames`, () => {
    fuzz({
      seed: 0xe7e7, cases: CASES, seeds: frames, maxRandomLength: 64,
      check: (input) => {
        const frame = parsed(() => parseEthernetFrame(input));
        if (frame) within(frame.payload, input);
      },
    });
  }, TIMEOUT_MS);

  it(`parseIpPacket: ${CASES} IPv4 and IPv6 packets, complete ones round-trip, transport checksums never throw`, () => {
    fuzz({
      seed: 0x1b4, cases: CASES, seeds: ipPackets, maxRandomLength: 128,
      check: (input) => {
        const ip = parsed(() => parseIpPacket(input));
        if (!ip) return;
        within(ip.payload, input);
        expect(ip.payload.length).toBeLessThanOrEqual(ip.payloadLength);
        if (ip.protocol === IpProtocol.TCP || ip.protocol === IpProtocol.UDP) checkTransportChecksum(ip, ip.payload);
        if (ip.payload.length !== ip.payloadLength || ip.payloadLength > 0xffff - 60) return;
        const again = ip.version === 4
          ? parseIpPacket(serializeIpv4Packet(ip.header, ip.payload))
          : parseIpPacket(serializeIpv6Packet({ ...ip.header, protocol: ip.protocol, extensionHeaders: ip.extensionHeaders }, ip.payload));
        const comparable = (p: typeof ip): unknown => ({ ...p, header: { ...p.header, headerChecksum: 0, totalLength: 0, payloadLength: 0 }, headerChecksumValid: true, payload: [...p.payload] });
        expect(comparable(again)).toEqual(comparable(ip));
      },
    });
  }, TIMEOUT_MS);

  it(`parseTcpSegment: ${CASES} segments, options included, round-trip`, () => {
    fuzz({
      seed: 0x7c9, cases: CASES, seeds: tcpSegments, maxRandomLength: 80,
      check: (input) => {
        const segment = parsed(() => parseTcpSegment(input));
        if (!segment) return;
        within(segment.payload, input);
        const again = parseTcpSegment(serializeTcpSegment(segment.header, segment.payload));
        // Bytes after an End of Option List are padding: the header may come back shorter.
        expect({ ...again.header, headerLength: 0 }).toEqual({ ...segment.header, headerLength: 0 });
        expect([...again.payload]).toEqual([...segment.payload]);
      },
    });
  }, TIMEOUT_MS);

  it(`parseUdpPacket: ${CASES} datagrams round-trip byte for byte`, () => {
    fuzz({
      seed: 0x0d9, cases: CASES, seeds: udpDatagrams, maxRandomLength: 32,
      check: (input) => {
        const datagram = parsed(() => parseUdpPacket(input));
        if (!datagram) return;
        within(datagram.payload, input);
        const bytes = serializeUdpPacket(datagram.header, datagram.payload);
        expect(Buffer.from(bytes).equals(Buffer.from(input.subarray(0, datagram.header.length)))).toBe(true);
      },
    });
  }, TIMEOUT_MS);
});
