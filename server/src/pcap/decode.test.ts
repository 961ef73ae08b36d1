import { describe, expect, it } from 'vitest';
import { listFixtures, readFixture } from '#fixtures/index.ts';
import { serializeIpv4Packet, serializeIpv6Packet, serializeTcpSegment, serializeUdpPacket } from '../net/index.ts';
import { LinkType, type CapturedPacket } from './capture.ts';
import { decodePacket } from './decode.ts';
import { flowOf } from './flow.ts';
import { networkLayerOf } from './link-layer.ts';
import { readCapture } from './read-capture.ts';

const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
const at = (data: Uint8Array, linkType: number): CapturedPacket => ({ timestampUs: 0, linkType, data, originalLength: data.length });
const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((part) => [...part]));

const addresses = { source: '127.0.0.1', destination: '127.0.0.2' };
const udp = serializeUdpPacket({ sourcePort: 5000, destinationPort: 6000 }, hex('6869'), addresses);
const ipv4Udp = serializeIpv4Packet({ protocol: 17, ...addresses }, udp);
const tcp = serializeTcpSegment({ sourcePort: 40000, destinationPort: 80, sequenceNumber: 1, flags: { syn: true }, window: 1024, options: [{ kind: 'mss', value: 1460 }] }, new Uint8Array(0), { source: '::1', destination: '::1' });
const ipv6Tcp = serializeIpv6Packet({ protocol: 6, source: '::1', destination: '::1' }, tcp);

describe('networkLayerOf: every link type a Linux or BSD capture uses', () => {
  const cases: Array<{ name: string; packet: CapturedPacket; link: Record<string, unknown>; etherType: number | undefined }> = [
    {
      name: 'Linux cooked v1 (tcpdump -i any, older libpcap): outgoing, loopback ARPHRD',
      packet: at(concat(hex('0004 0304 0006 000000000000 0000 0800'), ipv4Udp), LinkType.LINUX_SLL),
      link: { kind: 'linux-cooked', version: 1, packetType: 4, arphrdType: 772, interfaceIndex: undefined },
      etherType: 0x0800,
    },
    {
      name: 'Linux cooked v2 (tcpdump -i any, libpcap 1.10): interface index 1, to us',
      packet: at(concat(hex('86dd 0000 00000001 0304 00 06 000000000000 0000'), ipv6Tcp), LinkType.LINUX_SLL2),
      link: { kind: 'linux-cooked', version: 2, packetType: 0, arphrdType: 772, interfaceIndex: 1 },
      etherType: 0x86dd,
    },
    { name: 'BSD loopback, AF_INET in little-endian', packet: at(concat(hex('02000000'), ipv4Udp), LinkType.NULL), link: { kind: 'loopback', family: 2 }, etherType: 0x0800 },
    { name: 'BSD loopback, macOS AF_INET6 (30) in big-endian', packet: at(concat(hex('0000001e'), ipv6Tcp), LinkType.NULL), link: { kind: 'loopback', family: 30 }, etherType: 0x86dd },
    { name: 'BSD loopback, an unknown family', packet: at(concat(hex('07000000'), ipv4Udp), LinkType.NULL), link: { kind: 'loopback', family: 7 }, etherType: undefined },
    { name: 'raw IP, by the version nibble', packet: at(ipv6Tcp, LinkType.RAW), link: { kind: 'raw' }, etherType: 0x86dd },
    { name: 'LINKTYPE_IPV4', packet: at(ipv4Udp, LinkType.IPV4), link: { kind: 'raw' }, etherType: 0x0800 },
    { name: 'a link type not decoded (802.11)', packet: at(ipv4Udp, 105), link: { kind: 'unsupported', linkType: 105 }, etherType: undefined },
  ];
  for (const { name, packet, link, etherType } of cases) {
    it(name, () => {
      const network = networkLayerOf(packet);
      expect(network.link).toMatchObject(link);
      expect(network.etherType).toBe(etherType);
      if (etherType !== undefined) expect(network.payload[0]! >> 4).toBe(etherType === 0x0800 ? 4 : 6);
    });
  }

  it('says PACKET_TOO_SHORT for a cut-off link header', () => {
    expect(() => networkLayerOf(at(hex('0004 0304'), LinkType.LINUX_SLL))).toThrow(expect.objectContaining({ code: 'PACKET_TOO_SHORT' }));
    expect(() => networkLayerOf(at(hex('86dd'), LinkType.LINUX_SLL2))).toThrow(expect.objectContaining({ code: 'PACKET_TOO_SHORT' }));
    expect(() => networkLayerOf(at(hex('0000'), LinkType.ETHERNET))).toThrow(expect.objectContaining({ code: 'PACKET_TOO_SHORT' }));
  });
});

describe('decodePacket', () => {
  it('decodes every layer and checks the transport checksum', () => {
    const decoded = decodePacket(at(concat(hex('0000 0304 0006 000000000000 0000 86dd'), ipv6Tcp), LinkType.LINUX_SLL));
    expect(decoded.error).toBeUndefined();
    expect(decoded.ip).toMatchObject({ version: 6, protocol: 6 });
    expect(decoded.transport).toMatchObject({ kind: 'tcp', segment: { header: { sourcePort: 40000, flags: { syn: true }, options: [{ kind: 'mss', value: 1460 }] } }, checksum: { status: 'valid' } });
    expect(flowOf(decoded)).toMatchObject({ protocol: 'tcp', key: 'tcp ::1.40000 ::1.80', source: { port: 40000 }, destination: { port: 80 } });
  });

  it('gives both directions of a conversation the same flow key', () => {
    const back = serializeIpv4Packet({ protocol: 17, source: addresses.destination, destination: addresses.source }, serializeUdpPacket({ sourcePort: 6000, destinationPort: 5000 }, new Uint8Array(0)));
    expect(flowOf(decodePacket(at(back, LinkType.RAW)))?.key).toBe(flowOf(decodePacket(at(ipv4Udp, LinkType.RAW)))?.key);
  });

  it('stops at the broken layer and says why instead of throwing', () => {
    const badTcp = Uint8Array.from(ipv6Tcp);
    badTcp[40 + 12] = 0x40; // TCP data offset 4
    const decoded = decodePacket(at(badTcp, LinkType.RAW));
    expect(decoded.ip?.version).toBe(6);
    expect(decoded.transport).toBeUndefined();
    expect(decoded.error).toMatchObject({ name: 'NetParseError', code: 'BAD_HEADER_LENGTH' });
    expect(decodePacket(at(hex('00'), LinkType.LINUX_SLL)).error).toMatchObject({ name: 'PcapParseError', code: 'PACKET_TOO_SHORT' });
  });

  it('leaves the transport out for a non-first fragment and for protocols other than TCP and UDP', () => {
    const fragment = serializeIpv4Packet({ protocol: 17, fragmentOffset: 10, ...addresses }, udp);
    expect(decodePacket(at(fragment, LinkType.RAW))).toMatchObject({ transport: undefined, error: undefined, ip: { fragment: { offset: 80 } } });
    const icmp = serializeIpv4Packet({ protocol: 1, ...addresses }, hex('0800f7ff 00000000'));
    expect(decodePacket(at(icmp, LinkType.RAW))).toMatchObject({ transport: undefined, error: undefined, ip: { protocol: 1 } });
  });
});

describe('the Chromium captures, every packet decoded', () => {
  // tshark captured them on lo in a network namespace: Linux left every UDP checksum to an
  // offload that never happens on lo, and computed every IPv4 header checksum itself.
  for (const capture of listFixtures('pcap').filter((file) => file.endsWith('.pcapng'))) {
    it(`${capture}: all UDP, IPv4 header checksums valid, UDP checksums offloaded`, () => {
      const packets = readCapture(readFixture(capture)).map(decodePacket);
      expect(packets.length).toBeGreaterThan(100);
      const statuses = new Set(packets.map((p) => (p.ip?.version === 4 && p.ip.headerChecksumValid ? '' : 'bad IPv4 header ') + `${p.transport?.kind} ${p.transport?.checksum.status}`));
      expect([...statuses]).toEqual(['udp offloaded']);
    });
  }
});
