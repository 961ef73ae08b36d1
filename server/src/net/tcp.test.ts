import { describe, expect, it } from 'vitest';
import { checkTransportChecksum } from './transport-checksum.ts';
import { parseIpv4Packet, serializeIpv4Packet } from './ipv4.ts';
import { parseTcpOptions, serializeTcpOptions, type TcpOption } from './tcp-options.ts';
import { parseTcpSegment, serializeTcpSegment, tcpFlagsByte, tcpFlagsOf } from './tcp.ts';
import { errorCode, hex } from './test-helpers.ts';

/** The options of the first SYN in server/fixtures/loopback: mss 65495, sackOK, TS val 1214360075 ecr 0, nop, wscale 10. */
const LINUX_SYN_OPTIONS = '0204ffd7 0402 080a4861aa0b00000000 01 03030a';
/** Ports 43934 → 40808, seq 1236278005, SYN, data offset 10, window 65495, checksum 0xfe30 (offloaded). */
const LINUX_SYN = `ab9e 9f68 49b01af5 00000000 a002 ffd7 fe30 0000 ${LINUX_SYN_OPTIONS}`;

describe('parseTcpSegment', () => {
  it('reads the header of a Linux SYN, options included', () => {
    const { header, payload } = parseTcpSegment(hex(LINUX_SYN));
    expect(header).toMatchObject({
      sourcePort: 43934, destinationPort: 40808, sequenceNumber: 1236278005, acknowledgmentNumber: 0, headerLength: 40,
      reserved: 0, window: 65495, checksum: 0xfe30, urgentPointer: 0,
    });
    expect(header.flags).toEqual({ cwr: false, ece: false, urg: false, ack: false, psh: false, rst: false, syn: true, fin: false });
    expect(header.options).toEqual([
      { kind: 'mss', value: 65495 },
      { kind: 'sack-permitted' },
      { kind: 'timestamps', value: 1214360075, echoReply: 0 },
      { kind: 'nop' },
      { kind: 'window-scale', shift: 10 },
    ]);
    expect(payload.length).toBe(0);
  });

  it('reads each flag from its own bit (RFC 9293 §3.1, RFC 3168 §6.1)', () => {
    const names = ['fin', 'syn', 'rst', 'psh', 'ack', 'urg', 'ece', 'cwr'] as const;
    names.forEach((name, bit) => {
      const flags = tcpFlagsOf(1 << bit);
      expect(names.filter((n) => flags[n])).toEqual([name]);
      expect(tcpFlagsByte(flags)).toBe(1 << bit);
    });
  });

  it('gives the data after the header as the payload, and the 4 reserved bits', () => {
    const { header, payload } = parseTcpSegment(hex('0001 0002 00000001 00000002 5f18 0040 0000 0000 68656c6c6f0a'));
    expect(header).toMatchObject({ headerLength: 20, reserved: 0xf, flags: { ack: true, psh: true }, options: [] });
    expect(Buffer.from(payload).toString()).toBe('hello\n');
  });

  const errors: Array<{ name: string; bytes: string; code: string }> = [
    { name: 'under 20 bytes', bytes: '0001 0002 00000001 00000002 5010 0040 0000 00', code: 'TOO_SHORT' },
    { name: 'a data offset of 4', bytes: '0001 0002 00000001 00000002 4010 0040 0000 0000', code: 'BAD_HEADER_LENGTH' },
    { name: 'a data offset past the end', bytes: '0001 0002 00000001 00000002 6010 0040 0000 0000', code: 'TOO_SHORT' },
    { name: 'an option with length 0 (RFC 9293 MUST-7)', bytes: '0001 0002 00000001 00000002 6010 0040 0000 0000 0200 0000', code: 'BAD_OPTION' },
  ];
  for (const { name, bytes, code } of errors) {
    it(`rejects ${name} with ${code}`, () => expect(errorCode(() => parseTcpSegment(hex(bytes)))).toBe(code));
  }
});

describe('parseTcpOptions', () => {
  const cases: Array<{ name: string; bytes: string; options: TcpOption[] }> = [
    { name: 'the options Linux puts on later segments: nop, nop, timestamps', bytes: '0101 080a 00000001 00000002', options: [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'timestamps', value: 1, echoReply: 2 }] },
    { name: 'SACK with two blocks (RFC 2018 §3)', bytes: '0101 0512 00000064 000000c8 0000012c 00000190', options: [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'sack', blocks: [{ left: 100, right: 200 }, { left: 300, right: 400 }] }] },
    { name: 'an unknown kind, kept with its data (TFO cookie, kind 34)', bytes: '2206 a1b2c3d4', options: [{ kind: 'unknown', type: 34, data: hex('a1b2c3d4') }] },
    { name: 'end of option list, then padding that is not read', bytes: '01 00 ffff', options: [{ kind: 'nop' }, { kind: 'end' }] },
    { name: 'window scale above 14, as sent (RFC 7323 §2.3 leaves the clamp to the receiver)', bytes: '030310 00', options: [{ kind: 'window-scale', shift: 16 }, { kind: 'end' }] },
  ];
  for (const { name, bytes, options } of cases) {
    it(name, () => expect(parseTcpOptions(hex(bytes))).toEqual(options));
  }

  const errors: Array<{ name: string; bytes: string }> = [
    { name: 'a kind with no length byte', bytes: '02' },
    { name: 'length 1', bytes: '0201 0000' },
    { name: 'a length past the end', bytes: '0208 0000' },
    { name: 'MSS of length 3', bytes: '020300 00' },
    { name: 'timestamps of length 8', bytes: '0808 00000000 0000' },
    { name: 'SACK with half a block', bytes: '0506 00000000' },
    { name: 'SACK with no block', bytes: '0502 0000' },
  ];
  for (const { name, bytes } of errors) {
    it(`rejects ${name} with BAD_OPTION`, () => expect(errorCode(() => parseTcpOptions(hex(bytes)))).toBe('BAD_OPTION'));
  }

  it('serializes options back to the same bytes, padded to 32 bits', () => {
    expect(Buffer.from(serializeTcpOptions(parseTcpOptions(hex(LINUX_SYN_OPTIONS)))).toString('hex')).toBe(LINUX_SYN_OPTIONS.replace(/ /g, ''));
    expect(Buffer.from(serializeTcpOptions([{ kind: 'mss', value: 1460 }, { kind: 'nop' }])).toString('hex')).toBe('020405b401000000');
    expect(() => serializeTcpOptions([{ kind: 'sack', blocks: [] }])).toThrow(RangeError);
    expect(() => serializeTcpOptions([{ kind: 'mss', value: 65536 }])).toThrow(RangeError);
  });
});

describe('serializeTcpSegment', () => {
  it('writes back what it parsed', () => {
    const { header, payload } = parseTcpSegment(hex(LINUX_SYN));
    expect(Buffer.from(serializeTcpSegment(header, payload)).toString('hex')).toBe(LINUX_SYN.replace(/ /g, ''));
  });

  it('computes the checksum over the pseudo-header when given the addresses: what tcpdump says it should be', () => {
    const { header, payload } = parseTcpSegment(hex(LINUX_SYN));
    const segment = serializeTcpSegment(header, payload, { source: '127.0.0.1', destination: '127.0.0.1' });
    // tcpdump on the capture: "cksum 0xfe30 (incorrect -> 0xade5)".
    expect((segment[16]! << 8) | segment[17]!).toBe(0xade5);
    const ip = parseIpv4Packet(serializeIpv4Packet({ protocol: 6, source: '127.0.0.1', destination: '127.0.0.1' }, segment));
    expect(checkTransportChecksum(ip, ip.payload)).toEqual({ status: 'valid', received: 0xade5, expected: 0xade5 });
  });

  it('refuses fields that do not fit, and more than 40 bytes of options', () => {
    const base = { sourcePort: 1, destinationPort: 2, sequenceNumber: 0, window: 0 };
    expect(() => serializeTcpSegment({ ...base, sequenceNumber: 2 ** 32 }, new Uint8Array(0))).toThrow(RangeError);
    expect(() => serializeTcpSegment({ ...base, sourcePort: -1 }, new Uint8Array(0))).toThrow(RangeError);
    expect(() => serializeTcpSegment({ ...base, options: Array<TcpOption>(41).fill({ kind: 'nop' }) }, new Uint8Array(0))).toThrow(RangeError);
  });
});
