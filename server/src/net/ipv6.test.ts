import { describe, expect, it } from 'vitest';
import { IpProtocol } from './ip-protocol.ts';
import { parseIpv6Packet, serializeIpv6Packet } from './ipv6.ts';
import { errorCode, hex } from './test-helpers.ts';

const LOOPBACK = `${'00'.repeat(15)}01`;
const DOC = '20010db8000000000000000000000001'; // 2001:db8::1

/** Fixed header: traffic class 0xb8, flow label 0x12345, hop limit 64. */
function fixed(payloadLength: number, nextHeader: number): string {
  return `6b812345 ${payloadLength.toString(16).padStart(4, '0')} ${nextHeader.toString(16).padStart(2, '0')} 40 ${LOOPBACK} ${DOC}`;
}

describe('parseIpv6Packet', () => {
  it('reads the fixed header', () => {
    const packet = parseIpv6Packet(hex(`${fixed(4, 17)} 01020304`));
    expect(packet.header).toEqual({
      version: 6, trafficClass: 0xb8, flowLabel: 0x12345, payloadLength: 4, nextHeader: 17, hopLimit: 64, source: '::1', destination: '2001:db8::1',
    });
    expect(packet).toMatchObject({ protocol: 17, payloadLength: 4, extensionHeaders: [], fragment: undefined });
    expect([...packet.payload]).toEqual([1, 2, 3, 4]);
  });

  it('walks Hop-by-Hop, Destination Options, Routing, AH and a first Fragment to the upper layer (RFC 8200 §4)', () => {
    const chain = [
      '3c 00 0104 00000000', // Hop-by-Hop, next 60, 8 bytes (PadN)
      '2b 01 010c 000000000000000000000000', // Destination Options, next 43, 16 bytes
      '33 00 00 00 00000000', // Routing, next 51 (AH), 8 bytes
      '2c 01 0000 00000001 00000001', // AH, next 44, (1 + 2) × 4 = 12 bytes
      '06 00 0001 0000abcd', // Fragment, next 6 (TCP), offset 0, M = 1
    ].join(' ');
    const extensionLength = 8 + 16 + 8 + 12 + 8;
    const packet = parseIpv6Packet(hex(`${fixed(extensionLength + 2, 0)} ${chain} ffff`));
    expect(packet.extensionHeaders.map((e) => [e.type, e.bytes.length])).toEqual([[0, 8], [60, 16], [43, 8], [51, 12], [44, 8]]);
    expect(packet).toMatchObject({ protocol: IpProtocol.TCP, payloadLength: 2, fragment: { offset: 0, moreFragments: true } });
    expect([...packet.payload]).toEqual([0xff, 0xff]);
  });

  it('stops at a fragment other than the first: what follows is the middle of the upper layer', () => {
    const packet = parseIpv6Packet(hex(`${fixed(12, 44)} 11 00 00b8 00000001 01020304`));
    expect(packet).toMatchObject({ protocol: 17, fragment: { offset: 184, moreFragments: false }, payloadLength: 4 });
  });

  it('stops at ESP and No Next Header', () => {
    expect(parseIpv6Packet(hex(`${fixed(4, 50)} 01020304`)).protocol).toBe(50);
    expect(parseIpv6Packet(hex(fixed(0, 59))).protocol).toBe(59);
  });

  it('takes the captured length when Payload Length is zero (jumbogram, BIG TCP)', () => {
    expect(parseIpv6Packet(hex(`${fixed(0, 17)} 0102`)).payloadLength).toBe(2);
  });

  const errors: Array<{ name: string; bytes: string; code: string }> = [
    { name: 'under 40 bytes', bytes: fixed(0, 59).slice(0, -2), code: 'TOO_SHORT' },
    { name: 'version 4', bytes: `4${fixed(0, 59).slice(1)}`, code: 'BAD_VERSION' },
    { name: 'an extension header longer than the payload', bytes: `${fixed(8, 0)} 3b 01 000000000000`, code: 'BAD_EXTENSION_HEADER' },
    { name: 'an extension header the capture cut off', bytes: `${fixed(16, 0)} 3b 01 000000000000`, code: 'TOO_SHORT' },
    { name: 'an extension header with no room for its first two bytes', bytes: `${fixed(1, 0)} 3b`, code: 'BAD_EXTENSION_HEADER' },
  ];
  for (const { name, bytes, code } of errors) {
    it(`rejects ${name} with ${code}`, () => expect(errorCode(() => parseIpv6Packet(hex(bytes)))).toBe(code));
  }
});

describe('serializeIpv6Packet', () => {
  it('writes back what it parsed, extension headers chained', () => {
    const original = hex(`${fixed(18, 0)} 2c 00 0104 00000000 11 00 0000 00000009 abcd`);
    const packet = parseIpv6Packet(original);
    const bytes = serializeIpv6Packet({ ...packet.header, protocol: packet.protocol, extensionHeaders: packet.extensionHeaders }, packet.payload);
    expect(Buffer.from(bytes).toString('hex')).toBe(Buffer.from(original).toString('hex'));
  });

  it('sets each Next Header to what follows, whatever the given bytes say', () => {
    const bytes = serializeIpv6Packet(
      { protocol: 6, source: '::1', destination: '::1', extensionHeaders: [{ type: 60, bytes: hex('ff00 0104 00000000') }] },
      new Uint8Array(0),
    );
    expect([bytes[6], bytes[40]]).toEqual([60, 6]);
    expect(parseIpv6Packet(bytes)).toMatchObject({ protocol: 6, header: { hopLimit: 64, payloadLength: 8 } });
  });

  it('refuses bad fields and extension headers with a RangeError', () => {
    const base = { protocol: 6, source: '::1', destination: '::1' };
    expect(() => serializeIpv6Packet({ ...base, flowLabel: 0x100000 }, new Uint8Array(0))).toThrow(RangeError);
    expect(() => serializeIpv6Packet({ ...base, source: '127.0.0.1' }, new Uint8Array(0))).toThrow(RangeError);
    expect(() => serializeIpv6Packet({ ...base, extensionHeaders: [{ type: 60, bytes: hex('0001 0000') }] }, new Uint8Array(0))).toThrow(RangeError);
    expect(() => serializeIpv6Packet({ ...base, extensionHeaders: [{ type: 6, bytes: hex('0000 0000 0000 0000') }] }, new Uint8Array(0))).toThrow(RangeError);
  });
});
