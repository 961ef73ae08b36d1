import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../common/fuzz.ts';
import { type IpFamily, formatIp, parseIp } from './ip-address.ts';
import { fromHex } from './test-support.ts';

// RFC 5952 §4 canonical text, and the bytes it stands for.
const CANONICAL: readonly { name: string; bytes: string; text: string }[] = [
  { name: 'IPv4', bytes: 'c0000201', text: '192.0.2.1' },
  { name: 'IPv4 zeros', bytes: '00000000', text: '0.0.0.0' },
  { name: 'the unspecified address', bytes: '00'.repeat(16), text: '::' },
  { name: 'loopback', bytes: '00'.repeat(15) + '01', text: '::1' },
  { name: 'a trailing run', bytes: 'fe80' + '00'.repeat(14), text: 'fe80::' },
  { name: '§4.1: no leading zeros', bytes: '20010db8 00000000 00000000 00000001', text: '2001:db8::1' },
  { name: '§4.2.2: one zero group is not shortened', bytes: '20010db8 00000001 00010001 00010001', text: '2001:db8:0:1:1:1:1:1' },
  { name: '§4.2.3: the longest run is shortened', bytes: '20010000 00000001 00000000 00000001', text: '2001:0:0:1::1' },
  { name: '§4.2.3: on a tie, the first run', bytes: '20010db8 00000000 00010000 00000001', text: '2001:db8::1:0:0:1' },
  { name: '§4.3: lowercase', bytes: '20010db8 abcdef00 00000000 0000cafe', text: '2001:db8:abcd:ef00::cafe' },
  { name: 'no zero group at all', bytes: '20010db8 12345678 00112233 44556677', text: '2001:db8:1234:5678:11:2233:4455:6677' },
  { name: '§5: IPv4-mapped keeps the dotted tail, as Node writes it', bytes: '00'.repeat(10) + 'ffff 7f000001', text: '::ffff:127.0.0.1' },
];

describe('IP address text (RFC 5952)', () => {
  for (const { name, bytes, text } of CANONICAL) {
    it(`${name}: ${text}`, () => {
      const family: IpFamily = text.includes(':') ? 'IPv6' : 'IPv4';
      expect(formatIp(fromHex(bytes))).toBe(text);
      expect(parseIp(text, family)).toEqual(fromHex(bytes));
    });
  }

  it('parses the non-canonical forms too', () => {
    expect(parseIp('2001:0DB8:0000:0000:0000:0000:0000:0001', 'IPv6')).toEqual(fromHex('20010db8 00000000 00000000 00000001'));
    expect(parseIp('::192.0.2.1', 'IPv6')).toEqual(fromHex('00'.repeat(12) + 'c0000201'));
    expect(parseIp('1:2:3:4:5:6:1.2.3.4', 'IPv6')).toEqual(fromHex('0001 0002 0003 0004 0005 0006 01020304'));
  });

  const REJECTED: readonly { text: string; family: IpFamily }[] = [
    { text: '::1', family: 'IPv4' },
    { text: '127.0.0.1', family: 'IPv6' },
    { text: 'fe80::1%eth0', family: 'IPv6' },
    { text: '256.0.0.1', family: 'IPv4' },
    { text: '1::2::3', family: 'IPv6' },
    { text: 'localhost', family: 'IPv4' },
    { text: '', family: 'IPv6' },
  ];
  for (const { text, family } of REJECTED) {
    it(`rejects ${JSON.stringify(text)} as ${family} with a RangeError`, () => {
      expect(() => parseIp(text, family)).toThrow(RangeError);
    });
  }

  it('formats and parses back 5000 random addresses of both families, with runs of zero groups', () => {
    const random = new SeededRandom(0x5952);
    for (let i = 0; i < 5000; i++) {
      const bytes = random.bytes(i % 2 === 0 ? 4 : 16);
      // Zero some groups so that "::" and the mapped form occur often.
      for (let g = 0; g < bytes.length / 2; g++) if (random.below(2) === 0) bytes.fill(0, 2 * g, 2 * g + 2);
      if (i % 10 === 1) bytes.set([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff]);
      expect(parseIp(formatIp(bytes), bytes.length === 4 ? 'IPv4' : 'IPv6')).toEqual(bytes);
    }
  });
});
