import { describe, expect, it } from 'vitest';
import { LinkType, type CapturedPacket } from './capture.ts';
import { PcapParseError } from './errors.ts';
import { parsePcap, serializePcap } from './pcap.ts';
import { parsePcapng } from './pcapng.ts';
import { readCapture } from './read-capture.ts';
import { udpDatagramOf } from './udp-datagram.ts';

const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));

/** IPv4/UDP 127.0.0.1:5000 -> 127.0.0.2:6000 carrying "hi" (checksums zero: not checked here). */
const ipv4Udp = hex(`
  45 00 001e 0000 4000 40 11 0000   7f000001 7f000002
  1388 1770 000a 0000               6869`);
const ethernet = (ip: Uint8Array, etherType = '0800'): Uint8Array => Uint8Array.from([...hex(`000000000000 000000000000 ${etherType}`), ...ip]);

describe('classic pcap', () => {
  it('round-trips packets through serializePcap and parsePcap', () => {
    const packets = [
      { timestampUs: 1_700_000_000_123_456, data: ethernet(ipv4Udp), originalLength: 44 },
      { timestampUs: 1_700_000_001_000_001, data: ethernet(ipv4Udp).subarray(0, 20), originalLength: 44 },
    ];
    const parsed = parsePcap(serializePcap(packets, LinkType.ETHERNET));
    expect(parsed.map((p) => [p.timestampUs, p.linkType, [...p.data], p.originalLength])).toEqual(
      packets.map((p) => [p.timestampUs, LinkType.ETHERNET, [...p.data], p.originalLength]),
    );
  });

  it('reads big-endian files and nanosecond timestamps', () => {
    const file = hex(`
      a1b23c4d 0002 0004 00000000 00000000 0000ffff 00000065
      00000001 000003e8 0000001e 0000001e`);
    const [packet] = parsePcap(Uint8Array.from([...file, ...ipv4Udp]));
    expect(packet).toMatchObject({ timestampUs: 1_000_001, linkType: LinkType.RAW, originalLength: 30 });
    expect(udpDatagramOf(packet!)).toMatchObject({ source: { address: '127.0.0.1', port: 5000 }, destination: { address: '127.0.0.2', port: 6000 } });
  });

  const errors: Array<{ name: string; bytes: Uint8Array; code: string }> = [
    { name: 'an empty file', bytes: new Uint8Array(0), code: 'UNKNOWN_FORMAT' },
    { name: 'a bad magic number', bytes: new Uint8Array(24), code: 'UNKNOWN_FORMAT' },
    { name: 'a record longer than the file', bytes: hex('d4c3b2a1 0200 0400 0000000000000000 ffff0000 01000000  00000000 00000000 ff000000 ff000000 00'), code: 'RECORD_TRUNCATED' },
    { name: 'a cut-off record header', bytes: hex('d4c3b2a1 0200 0400 0000000000000000 ffff0000 01000000  0000'), code: 'RECORD_TRUNCATED' },
  ];
  for (const { name, bytes, code } of errors) {
    it(`rejects ${name} with ${code}`, () => {
      expect(() => readCapture(bytes)).toThrow(PcapParseError);
      try {
        readCapture(bytes);
      } catch (error) {
        expect((error as PcapParseError).code).toBe(code);
      }
    });
  }
});

describe('pcapng', () => {
  /** SHB, IDB (Ethernet, if_tsresol = 10^-9), one EPB, all little-endian. */
  function pcapngWith(frame: Uint8Array, tsresol = 9): Uint8Array {
    const padded = Uint8Array.from([...frame, ...new Uint8Array((4 - (frame.length % 4)) % 4)]);
    const epbLength = 32 + padded.length;
    const u32 = (n: number): string => Buffer.from(Uint32Array.of(n).buffer).toString('hex');
    return hex(`
      0a0d0d0a 1c000000 4d3c2b1a 0100 0000 ffffffffffffffff 1c000000
      01000000 20000000 0100 0000 00000400 0900 0100 ${tsresol.toString(16).padStart(2, '0')}000000 00000000 20000000
      06000000 ${u32(epbLength)} 00000000 ${u32(0)} ${u32(1_500_000_000)} ${u32(frame.length)} ${u32(frame.length)}
      ${Buffer.from(padded).toString('hex')} ${u32(epbLength)}`);
  }

  it('reads an enhanced packet block with the interface timestamp resolution', () => {
    const [packet] = parsePcapng(pcapngWith(ethernet(ipv4Udp)));
    expect(packet!.timestampUs).toBe(1_500_000);
    expect(Buffer.from(udpDatagramOf(packet!).payload).toString()).toBe('hi');
  });

  it('rejects a packet block for an interface that was never described', () => {
    const bytes = pcapngWith(ethernet(ipv4Udp));
    bytes[68] = 7; // the EPB's interface id: after the 28-byte SHB, the 32-byte IDB and the EPB's type and length
    expect(() => parsePcapng(bytes)).toThrow(expect.objectContaining({ code: 'UNKNOWN_INTERFACE' }));
  });

  it('rejects a block whose length runs past the file', () => {
    const bytes = pcapngWith(ethernet(ipv4Udp));
    expect(() => parsePcapng(bytes.subarray(0, bytes.length - 8))).toThrow(expect.objectContaining({ code: 'BAD_BLOCK_LENGTH' }));
  });
});

describe('udpDatagramOf', () => {
  const at = (data: Uint8Array, linkType: number): CapturedPacket => ({ timestampUs: 0, linkType, data, originalLength: data.length });

  it('sees through VLAN tags', () => {
    const tagged = Uint8Array.from([...hex('000000000000 000000000000 8100 0064'), ...hex('0800'), ...ipv4Udp]);
    expect(udpDatagramOf(at(tagged, LinkType.ETHERNET)).destination.port).toBe(6000);
  });

  it('reads IPv6 and compresses the address', () => {
    const ipv6 = hex(`
      60000000 000a 11 40  00000000000000000000000000000001  fe800000000000000000000000000002
      1388 1770 000a 0000 6869`);
    expect(udpDatagramOf(at(ipv6, LinkType.RAW))).toMatchObject({ source: { address: '::1' }, destination: { address: 'fe80::2' } });
  });

  it('refuses TCP, non-IP and truncated UDP with typed errors', () => {
    const tcp = Uint8Array.from(ipv4Udp);
    tcp[9] = 6;
    expect(() => udpDatagramOf(at(tcp, LinkType.RAW))).toThrow(expect.objectContaining({ code: 'NOT_UDP' }));
    expect(() => udpDatagramOf(at(ethernet(ipv4Udp, '0806'), LinkType.ETHERNET))).toThrow(expect.objectContaining({ code: 'NOT_UDP' }));
    expect(() => udpDatagramOf(at(ipv4Udp.subarray(0, 25), LinkType.RAW))).toThrow(expect.objectContaining({ code: 'PACKET_TOO_SHORT' }));
  });
});
