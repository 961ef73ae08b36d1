/**
 * The shipped loopback capture (server/fixtures/loopback, made with tcpdump; its README says how)
 * decoded by decodePacket and compared, packet by packet and field by field, with tcpdump's own
 * reading of the same file (`tcpdump -nn -e -vv -tt -S`, stored next to it): an independent
 * implementation checking the link, IP and transport decoders and the checksum arithmetic.
 */
import { describe, expect, it } from 'vitest';
import { readLoopbackCapture, readLoopbackTcpdumpText } from '#fixtures/loopback/index.ts';
import {
  serializeEthernetFrame,
  serializeIpv4Packet,
  serializeIpv6Packet,
  serializeTcpSegment,
  serializeUdpPacket,
  type TcpFlags,
  type TcpOption,
} from '../net/index.ts';
import { decodePacket, type DecodedPacket } from './decode.ts';
import { flowOf } from './flow.ts';
import { readCapture } from './read-capture.ts';

/** One tcpdump entry per packet: continuation lines (indented) joined to the line before. */
const entries = readLoopbackTcpdumpText()
  .split('\n')
  .filter((line) => line.trim() !== '')
  .reduce<string[]>((all, line) => (line.startsWith(' ') ? [...all.slice(0, -1), `${all.at(-1)} ${line.trim()}`] : [...all, line]), []);
const decoded = readCapture(readLoopbackCapture()).map(decodePacket);

function match(entry: string, pattern: RegExp): RegExpMatchArray {
  const found = entry.match(pattern);
  if (!found) throw new Error(`tcpdump entry does not match ${pattern}: ${entry}`);
  return found;
}

const FLAG_LETTERS: Record<string, keyof TcpFlags> = { F: 'fin', S: 'syn', R: 'rst', P: 'psh', '.': 'ack', U: 'urg', E: 'ece', W: 'cwr' };

/** tcpdump's "mss 65495,sackOK,TS val 1 ecr 0,nop,wscale 10" back into option objects. */
function tcpdumpOptions(text: string | undefined): TcpOption[] {
  if (text === undefined) return [];
  return text.split(',').map((part): TcpOption => {
    const [name, ...numbers] = part.split(' ');
    const values = part.match(/\d+/g)?.map(Number) ?? [];
    if (name === 'mss') return { kind: 'mss', value: values[0]! };
    if (name === 'wscale') return { kind: 'window-scale', shift: values[0]! };
    if (name === 'TS') return { kind: 'timestamps', value: values[0]!, echoReply: values[1]! };
    if (name === 'sackOK') return { kind: 'sack-permitted' };
    if (name === 'nop' && numbers.length === 0) return { kind: 'nop' };
    throw new Error(`an option tcpdump wrote that this test does not know: ${part}`);
  });
}

function ipFieldsOf(packet: DecodedPacket): Record<string, unknown> {
  const { ip } = packet;
  if (ip?.version === 4) return { ttl: ip.header.ttl, id: ip.header.identification, offset: ip.header.fragmentOffset, df: ip.header.dontFragment, protocol: ip.protocol, length: ip.header.totalLength };
  if (ip?.version === 6) return { flowLabel: ip.header.flowLabel, hopLimit: ip.header.hopLimit, protocol: ip.protocol, length: ip.header.payloadLength };
  return {};
}

function tcpdumpIpFields(entry: string): Record<string, unknown> {
  if (entry.includes('ethertype IPv4')) {
    const [, ttl, id, offset, flags, protocol, length] = match(entry, /ttl (\d+), id (\d+), offset (\d+), flags \[([^\]]*)\], proto \w+ \((\d+)\), length (\d+)/);
    return { ttl: Number(ttl), id: Number(id), offset: Number(offset), df: flags === 'DF', protocol: Number(protocol), length: Number(length) };
  }
  const [, flowLabel, hopLimit, protocol, length] = match(entry, /flowlabel 0x([0-9a-f]+), hlim (\d+), next-header \w+ \((\d+)\) payload length: (\d+)/);
  return { flowLabel: Number.parseInt(flowLabel!, 16), hopLimit: Number(hopLimit), protocol: Number(protocol), length: Number(length) };
}

describe('the shipped loopback capture, against tcpdump', () => {
  it('holds what its README describes: 41 packets, two TCP conversations, two refused connections, two UDP exchanges', () => {
    expect(decoded).toHaveLength(41);
    expect(entries).toHaveLength(41);
    const flows = new Map<string, number>();
    for (const packet of decoded) flows.set(flowOf(packet)!.key, (flows.get(flowOf(packet)!.key) ?? 0) + 1);
    expect([...flows.values()]).toEqual([13, 6, 2, 12, 6, 2]);
    expect(decoded.every((packet) => packet.error === undefined)).toBe(true);
  });

  decoded.forEach((packet, i) => {
    const entry = entries[i]!;
    it(`packet ${i + 1}: ${entry.slice(entry.indexOf(': ') + 2, entry.indexOf(': ') + 60)}...`, () => {
      const [, seconds, micros, frameLength] = match(entry, /^(\d+)\.(\d{6}) 00:00:00:00:00:00 > 00:00:00:00:00:00, ethertype \S+ \(0x[0-9a-f]+\), length (\d+):/);
      expect(packet.captured.timestampUs).toBe(Number(seconds) * 1e6 + Number(micros));
      expect(packet.captured.data.length).toBe(Number(frameLength));
      expect(packet.link).toMatchObject({ kind: 'ethernet', frame: { source: '00:00:00:00:00:00', destination: '00:00:00:00:00:00' } });
      expect(ipFieldsOf(packet)).toEqual(tcpdumpIpFields(entry));
      if (packet.ip?.version === 4) expect(packet.ip.headerChecksumValid, 'tcpdump -vv would say "bad cksum"').toBe(true);

      const [, source, sourcePort, destination, destinationPort] = match(entry, /(\S+)\.(\d+) > (\S+)\.(\d+): /);
      expect([packet.ip?.source, packet.ip?.destination]).toEqual([source, destination]);
      const { transport } = packet;
      if (transport?.kind === 'tcp') {
        const [, flags, received, verdict, correct, seq, , ack, window, options, length] = match(
          entry,
          /Flags \[([^\]]+)\], cksum 0x([0-9a-f]+) \((correct|incorrect -> 0x([0-9a-f]+))\), seq (\d+)(?::(\d+))?, (?:ack (\d+), )?win (\d+), (?:options \[([^\]]*)\], )?length (\d+)/,
        );
        const { header, payload } = transport.segment;
        expect([header.sourcePort, header.destinationPort]).toEqual([Number(sourcePort), Number(destinationPort)]);
        const set = Object.entries(header.flags).filter(([, on]) => on).map(([name]) => name).sort();
        expect(set).toEqual([...flags!].map((letter) => FLAG_LETTERS[letter]).sort());
        expect([header.sequenceNumber, header.window, payload.length]).toEqual([Number(seq), Number(window), Number(length)]);
        if (ack !== undefined) expect(header.acknowledgmentNumber).toBe(Number(ack));
        expect(header.options).toEqual(tcpdumpOptions(options));
        expect(transport.checksum.received).toBe(Number.parseInt(received!, 16));
        // "correct" is a checksum the kernel finished in software (the RST it sends for a closed
        // port); "incorrect -> x" one it left for offload, with x the full value tcpdump computed.
        if (verdict === 'correct') expect(transport.checksum).toMatchObject({ status: 'valid', expected: Number.parseInt(received!, 16) });
        else expect(transport.checksum).toMatchObject({ status: 'offloaded', expected: Number.parseInt(correct!, 16) });
      } else {
        const [, received, correct, length] = match(entry, /\[bad udp cksum 0x([0-9a-f]+) -> 0x([0-9a-f]+)!\] UDP, length (\d+)/);
        expect(transport?.kind).toBe('udp');
        if (transport?.kind !== 'udp') return;
        expect([transport.datagram.header.sourcePort, transport.datagram.header.destinationPort]).toEqual([Number(sourcePort), Number(destinationPort)]);
        expect(transport.datagram.payload.length).toBe(Number(length));
        expect(transport.checksum).toEqual({ status: 'offloaded', received: Number.parseInt(received!, 16), expected: Number.parseInt(correct!, 16) });
      }
    });
  });

  it('every frame serializes back to its captured bytes from the decoded headers', () => {
    for (const { captured, link, ip, transport } of decoded) {
      if (link?.kind !== 'ethernet' || ip === undefined || transport === undefined) throw new Error('not an Ethernet/IP/TCP-or-UDP frame');
      const segment = transport.kind === 'tcp'
        ? serializeTcpSegment(transport.segment.header, transport.segment.payload)
        : serializeUdpPacket(transport.datagram.header, transport.datagram.payload);
      const packet = ip.version === 4
        ? serializeIpv4Packet(ip.header, segment)
        : serializeIpv6Packet({ ...ip.header, protocol: ip.protocol, extensionHeaders: ip.extensionHeaders }, segment);
      expect(Buffer.from(serializeEthernetFrame(link.frame, packet)).equals(Buffer.from(captured.data))).toBe(true);
    }
  });
});
