import { describe, expect, it } from 'vitest';
import { parseIpPacket } from './ip-packet.ts';
import { parseIpv4Packet, serializeIpv4Packet } from './ipv4.ts';
import { errorCode, hex } from './test-helpers.ts';

/** The classic example header (20 bytes, checksum b861) followed by 0x5f bytes of payload. */
const EXAMPLE_HEADER = '4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7';
const example = Uint8Array.from([...hex(EXAMPLE_HEADER), ...new Uint8Array(0x73 - 20).fill(0xab)]);

describe('parseIpv4Packet', () => {
  it('reads every field of a header', () => {
    const packet = parseIpv4Packet(example);
    expect(packet.header).toEqual({
      version: 4, headerLength: 20, dscp: 0, ecn: 0, totalLength: 0x73, identification: 0, dontFragment: true,
      moreFragments: false, fragmentOffset: 0, ttl: 64, protocol: 17, headerChecksum: 0xb861,
      source: '192.168.0.1', destination: '192.168.0.199', options: new Uint8Array(0),
    });
    expect(packet).toMatchObject({ version: 4, source: '192.168.0.1', destination: '192.168.0.199', protocol: 17, payloadLength: 0x5f, fragment: undefined, headerChecksumValid: true });
    expect(packet.payload.length).toBe(0x5f);
  });

  it('checks the header checksum', () => {
    const corrupt = Uint8Array.from(example);
    corrupt[8] = 63; // TTL decremented without updating the checksum
    expect(parseIpv4Packet(corrupt).headerChecksumValid).toBe(false);
  });

  it('reads DSCP/ECN, fragments and options', () => {
    // DSCP 46 (EF) ECN 1, MF with offset 185 (1480 bytes), IHL 6 with one option word (NOP NOP NOP EOL).
    const header = serializeIpv4Packet(
      { dscp: 46, ecn: 1, identification: 7, moreFragments: true, fragmentOffset: 185, ttl: 1, protocol: 6, source: '10.0.0.1', destination: '10.0.0.2', options: hex('01010100') },
      hex('0102'),
    );
    const packet = parseIpv4Packet(header);
    expect(packet.header).toMatchObject({ headerLength: 24, dscp: 46, ecn: 1, moreFragments: true, dontFragment: false, fragmentOffset: 185, ttl: 1 });
    expect([...packet.header.options]).toEqual([1, 1, 1, 0]);
    expect(packet.fragment).toEqual({ offset: 1480, moreFragments: true });
    expect(packet.headerChecksumValid).toBe(true);
  });

  it('ignores link-layer padding after the total length, and reports a capture that cut the packet short', () => {
    const padded = Uint8Array.from([...example, 0, 0, 0, 0]);
    expect(parseIpv4Packet(padded).payload.length).toBe(0x5f);
    const cut = parseIpv4Packet(example.subarray(0, 30));
    expect(cut.payload.length).toBe(10);
    expect(cut.payloadLength).toBe(0x5f);
  });

  it('takes the captured length when the total length is zero (TSO, as tcpdump does)', () => {
    const tso = Uint8Array.from(example);
    tso[2] = 0;
    tso[3] = 0;
    const packet = parseIpv4Packet(tso);
    expect(packet.payloadLength).toBe(0x5f);
    expect(packet.header.totalLength).toBe(0);
  });

  const errors: Array<{ name: string; bytes: Uint8Array; code: string }> = [
    { name: 'under 20 bytes', bytes: example.subarray(0, 19), code: 'TOO_SHORT' },
    { name: 'version 6 in an IPv4 parser', bytes: Uint8Array.from([0x65, ...example.subarray(1)]), code: 'BAD_VERSION' },
    { name: 'IHL 4', bytes: Uint8Array.from([0x44, ...example.subarray(1)]), code: 'BAD_HEADER_LENGTH' },
    { name: 'IHL 15 in 30 bytes', bytes: Uint8Array.from([0x4f, ...example.subarray(1, 30)]), code: 'TOO_SHORT' },
    { name: 'a total length under the header length', bytes: Uint8Array.from([...hex('4500 0013'), ...example.subarray(4)]), code: 'BAD_LENGTH' },
  ];
  for (const { name, bytes, code } of errors) {
    it(`rejects ${name} with ${code}`, () => expect(errorCode(() => parseIpv4Packet(bytes))).toBe(code));
  }
});

describe('serializeIpv4Packet', () => {
  it('writes back exactly what it parsed, computing lengths and the checksum', () => {
    const packet = parseIpv4Packet(example);
    expect(Buffer.from(serializeIpv4Packet(packet.header, packet.payload)).equals(example)).toBe(true);
  });

  it('fills in the defaults Linux uses: TTL 64, no flags', () => {
    const bytes = serializeIpv4Packet({ protocol: 17, source: '127.0.0.1', destination: '127.0.0.2' }, hex('00'));
    expect(parseIpv4Packet(bytes)).toMatchObject({ header: { ttl: 64, totalLength: 21, dontFragment: false, identification: 0 }, headerChecksumValid: true });
  });

  const ranges: Array<{ name: string; change: Record<string, unknown> }> = [
    { name: 'a TTL of 256', change: { ttl: 256 } },
    { name: 'DSCP 64', change: { dscp: 64 } },
    { name: 'a fragment offset of 8192', change: { fragmentOffset: 8192 } },
    { name: 'options that are not a multiple of 4', change: { options: hex('01') } },
    { name: 'an IPv6 source', change: { source: '::1' } },
  ];
  for (const { name, change } of ranges) {
    it(`refuses ${name} with a RangeError`, () => {
      expect(() => serializeIpv4Packet({ protocol: 6, source: '127.0.0.1', destination: '127.0.0.1', ...change }, new Uint8Array(0))).toThrow(RangeError);
    });
  }
  it('refuses a packet over 65535 bytes', () => {
    expect(() => serializeIpv4Packet({ protocol: 6, source: '127.0.0.1', destination: '127.0.0.1' }, new Uint8Array(65516))).toThrow(RangeError);
  });
});

describe('parseIpPacket', () => {
  it('picks the parser by the version nibble', () => {
    expect(parseIpPacket(example).version).toBe(4);
    expect(parseIpPacket(hex(`60000000 0000 3b 40 ${'00'.repeat(15)}01 ${'00'.repeat(15)}01`)).version).toBe(6);
    expect(errorCode(() => parseIpPacket(new Uint8Array(0)))).toBe('TOO_SHORT');
    expect(errorCode(() => parseIpPacket(hex('50')))).toBe('BAD_VERSION');
  });
});
