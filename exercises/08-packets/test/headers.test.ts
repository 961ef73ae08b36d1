import { describe, expect, it } from 'vitest';
import { parseTcpSegment, parseUdpPacket } from '#server/net/index.ts';
import { HeaderError, parseIpv4Header, parseTcpHeader, parseUdpHeader, type Ipv4Header, type TcpOption } from '../headers.ts';
import { capturedPackets, hex, ipv4Packets } from './capture.ts';

/** The HeaderError code `action` throws, or what it did instead. */
function errorCode(action: () => unknown): string {
  try {
    action();
    return 'no error';
  } catch (error) {
    return error instanceof HeaderError ? error.code : `not a HeaderError: ${String(error)}`;
  }
}

/** The classic IPv4 example: UDP from 192.168.0.1 to 192.168.0.199, 0x73 bytes, DF, TTL 64, checksum b861. */
const EXAMPLE = Uint8Array.from([...hex('4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7'), ...new Uint8Array(0x5f)]);

describe('08-packets: parseIpv4Header', () => {
  it('reads every field of a 20-byte header', () => {
    expect({ ...parseIpv4Header(EXAMPLE), options: [...parseIpv4Header(EXAMPLE).options] }).toEqual({
      version: 4, headerLength: 20, dscp: 0, ecn: 0, totalLength: 0x73, identification: 0, dontFragment: true, moreFragments: false,
      fragmentOffset: 0, ttl: 64, protocol: 17, headerChecksum: 0xb861, source: '192.168.0.1', destination: '192.168.0.199', options: [],
    });
  });

  it('splits the second byte into DSCP and ECN and the flags word into MF and a 13-bit offset; reads options', () => {
    // IHL 6, DSCP 46 (EF) ECN 1, id 0xbeef, MF + offset 0x1fff, TTL 1, protocol 6, option word 01 01 01 00.
    const header = parseIpv4Header(hex('46b9 001c beef 3fff 0106 0000 0a000001 0a000002 01010100 ffff'));
    expect(header).toMatchObject({ headerLength: 24, dscp: 46, ecn: 1, identification: 0xbeef, dontFragment: false, moreFragments: true, fragmentOffset: 0x1fff, ttl: 1, protocol: 6, source: '10.0.0.1', destination: '10.0.0.2' });
    expect([...header.options]).toEqual([1, 1, 1, 0]);
  });

  it('reads addresses as unsigned bytes (255.255.255.255) and a total length of 0 without complaint', () => {
    expect(parseIpv4Header(hex('4500 0000 0000 0000 ff11 0000 ffffffff e0000001'))).toMatchObject({ totalLength: 0, ttl: 255, source: '255.255.255.255', destination: '224.0.0.1' });
  });

  const errors: Array<{ name: string; bytes: Uint8Array; code: string }> = [
    { name: '19 bytes', bytes: EXAMPLE.subarray(0, 19), code: 'TOO_SHORT' },
    { name: 'version 6', bytes: Uint8Array.from([0x60, ...EXAMPLE.subarray(1)]), code: 'BAD_VERSION' },
    { name: 'version 6 and IHL 4: the version is checked first', bytes: Uint8Array.from([0x64, ...EXAMPLE.subarray(1)]), code: 'BAD_VERSION' },
    { name: 'IHL 4', bytes: Uint8Array.from([0x44, ...EXAMPLE.subarray(1)]), code: 'BAD_HEADER_LENGTH' },
    { name: 'IHL 6 in 22 bytes', bytes: Uint8Array.from([0x46, ...EXAMPLE.subarray(1, 22)]), code: 'TOO_SHORT' },
    { name: 'a total length of 19', bytes: Uint8Array.from([0x45, 0x00, 0x00, 0x13, ...EXAMPLE.subarray(4)]), code: 'BAD_LENGTH' },
  ];
  for (const { name, bytes, code } of errors) {
    it(`rejects ${name} with ${code}`, () => expect(errorCode(() => parseIpv4Header(bytes))).toBe(code));
  }

  it('agrees with the SFU decoder on every IPv4 packet of the loopback capture', () => {
    expect(ipv4Packets.length).toBe(21);
    for (const { number, bytes, ip } of ipv4Packets) {
      const header: Ipv4Header = parseIpv4Header(bytes);
      expect({ ...header, options: [...header.options] }, `packet ${number}`).toEqual({ ...ip.header, options: [...(ip.version === 4 ? ip.header.options : [])] });
    }
    // tcpdump: "(tos 0x0, ttl 64, id 15200, offset 0, flags [DF], proto TCP (6), length 60)"
    expect(parseIpv4Header(ipv4Packets[0]!.bytes)).toMatchObject({ ttl: 64, identification: 15200, dontFragment: true, protocol: 6, totalLength: 60 });
  });
});

/** The SYN Linux sent first in the capture: 43934 → 40808, seq 1236278005, window 65495, offset 10, options as below. */
const LINUX_SYN = hex('ab9e 9f68 49b01af5 00000000 a002 ffd7 fe30 0000 | 0204ffd7 0402 080a4861aa0b00000000 01 03030a');

describe('08-packets: parseTcpHeader', () => {
  it('reads a SYN and its options: mss 65495, sackOK, TS val 1214360075 ecr 0, nop, wscale 10', () => {
    expect(parseTcpHeader(LINUX_SYN)).toEqual({
      sourcePort: 43934, destinationPort: 40808, sequenceNumber: 1236278005, acknowledgmentNumber: 0, headerLength: 40, reserved: 0,
      flags: { cwr: false, ece: false, urg: false, ack: false, psh: false, rst: false, syn: true, fin: false },
      window: 65495, checksum: 0xfe30, urgentPointer: 0,
      options: [{ kind: 'mss', value: 65495 }, { kind: 'sack-permitted' }, { kind: 'timestamps', value: 1214360075, echoReply: 0 }, { kind: 'nop' }, { kind: 'window-scale', shift: 10 }],
    });
  });

  it('reads each control bit on its own, and numbers above 2^31 as unsigned', () => {
    const names = ['fin', 'syn', 'rst', 'psh', 'ack', 'urg', 'ece', 'cwr'] as const;
    names.forEach((name, bit) => {
      const header = parseTcpHeader(hex(`0001 0002 ffffffff 80000000 50${(1 << bit).toString(16).padStart(2, '0')} 0000 0000 0000`));
      expect(names.filter((flag) => header.flags[flag]), `bit ${bit}`).toEqual([name]);
      expect([header.sequenceNumber, header.acknowledgmentNumber]).toEqual([4294967295, 2147483648]);
    });
  });

  const options: Array<{ name: string; bytes: string; options: TcpOption[] }> = [
    { name: 'nop, nop, timestamps (every later Linux segment)', bytes: '0101 080a 00000001 fffffffe', options: [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'timestamps', value: 1, echoReply: 4294967294 }] },
    { name: 'SACK with two blocks', bytes: '0101 0512 00000064 000000c8 0000012c 00000190', options: [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'sack', blocks: [{ left: 100, right: 200 }, { left: 300, right: 400 }] }] },
    { name: 'an unknown kind with its data', bytes: '2206 a1b2c3d4 0000', options: [{ kind: 'unknown', type: 34, data: hex('a1b2c3d4') }, { kind: 'end' }] },
    { name: 'End of Option List, then padding that is not read', bytes: '020405b4 00 ffffff', options: [{ kind: 'mss', value: 1460 }, { kind: 'end' }] },
  ];
  for (const { name, bytes, options: expected } of options) {
    it(`options: ${name}`, () => {
      const optionBytes = hex(bytes);
      const offset = (5 + optionBytes.length / 4) << 4;
      const segment = Uint8Array.from([...hex(`0001 0002 00000000 00000000 ${offset.toString(16)}10 0000 0000 0000`), ...optionBytes]);
      const header = parseTcpHeader(segment);
      expect(header.options.map((o) => (o.kind === 'unknown' ? { ...o, data: [...o.data] } : o))).toEqual(expected.map((o) => (o.kind === 'unknown' ? { ...o, data: [...o.data] } : o)));
    });
  }

  const errors: Array<{ name: string; bytes: string; code: string }> = [
    { name: '19 bytes', bytes: '0001 0002 00000000 00000000 5010 0000 0000 00', code: 'TOO_SHORT' },
    { name: 'data offset 4', bytes: '0001 0002 00000000 00000000 4010 0000 0000 0000', code: 'BAD_HEADER_LENGTH' },
    { name: 'data offset 6 in 20 bytes', bytes: '0001 0002 00000000 00000000 6010 0000 0000 0000', code: 'TOO_SHORT' },
    { name: 'an option with length 0', bytes: '0001 0002 00000000 00000000 6010 0000 0000 0000 0200 0000', code: 'BAD_OPTION' },
    { name: 'an option running past the header', bytes: '0001 0002 00000000 00000000 6010 0000 0000 0000 0101 0208 0000', code: 'BAD_OPTION' },
    { name: 'a kind with no room for its length byte', bytes: '0001 0002 00000000 00000000 6010 0000 0000 0000 010101 02 0000', code: 'BAD_OPTION' },
    { name: 'an MSS option of length 3', bytes: '0001 0002 00000000 00000000 6010 0000 0000 0000 0203 0000', code: 'BAD_OPTION' },
    { name: 'a SACK option with half a block', bytes: '0001 0002 00000000 00000000 7010 0000 0000 0000 0506 00000000 0000', code: 'BAD_OPTION' },
  ];
  for (const { name, bytes, code } of errors) {
    it(`rejects ${name} with ${code}`, () => expect(errorCode(() => parseTcpHeader(hex(bytes)))).toBe(code));
  }

  it('agrees with the SFU decoder on every TCP segment of the loopback capture, IPv6 included', () => {
    const segments = capturedPackets.filter(({ ip }) => ip.protocol === 6);
    expect(segments.length).toBe(29);
    for (const { number, ip } of segments) expect(parseTcpHeader(ip.payload), `packet ${number}`).toEqual(parseTcpSegment(ip.payload).header);
  });
});

describe('08-packets: parseUdpHeader', () => {
  it('reads the four fields', () => {
    expect(parseUdpHeader(hex('8c6d 9f68 000e fe21 70696e672031'))).toEqual({ sourcePort: 35949, destinationPort: 40808, length: 14, checksum: 0xfe21 });
  });

  const errors: Array<{ name: string; bytes: string; code: string }> = [
    { name: '7 bytes', bytes: '0001 0002 0008 00', code: 'TOO_SHORT' },
    { name: 'a length of 7', bytes: '0001 0002 0007 0000', code: 'BAD_LENGTH' },
    { name: 'a length past the bytes', bytes: '0001 0002 0009 0000', code: 'TOO_SHORT' },
  ];
  for (const { name, bytes, code } of errors) {
    it(`rejects ${name} with ${code}`, () => expect(errorCode(() => parseUdpHeader(hex(bytes)))).toBe(code));
  }

  it('agrees with the SFU decoder on every UDP datagram of the loopback capture', () => {
    const datagrams = capturedPackets.filter(({ ip }) => ip.protocol === 17);
    expect(datagrams.length).toBe(12);
    for (const { number, ip } of datagrams) expect(parseUdpHeader(ip.payload), `packet ${number}`).toEqual(parseUdpPacket(ip.payload).header);
  });
});
