import { describe, expect, it } from 'vitest';
import { fold, internetChecksum, onesComplementSum } from './checksum.ts';
import { pseudoHeaderSum } from './pseudo-header.ts';

const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));

describe('onesComplementSum and internetChecksum (RFC 1071)', () => {
  const vectors: Array<{ name: string; bytes: string; sum: number; checksum: number }> = [
    // RFC 1071 §3, "Numerical Examples": the words add to 2ddf0, which folds to ddf2.
    { name: 'RFC 1071 §3 example', bytes: '00 01 f2 03 f4 f5 f6 f7', sum: 0xddf2, checksum: 0x220d },
    // The same bytes with the RFC's byte-swapped view (§2(B)): the sum comes out byte-swapped too.
    { name: 'RFC 1071 §3 example, bytes swapped in each word', bytes: '01 00 03 f2 f5 f4 f7 f6', sum: 0xf2dd, checksum: 0x0d22 },
    // RFC 1071 §4.1: "Add left-over byte, if any" as the high half of a last word.
    { name: 'an odd length: the last byte is the high half of a word', bytes: '00 01 f2 03 f4 f5 f6', sum: 0xdcfb, checksum: 0x2304 },
    { name: 'nothing at all', bytes: '', sum: 0, checksum: 0xffff },
    { name: 'one word of all ones', bytes: 'ff ff', sum: 0xffff, checksum: 0 },
    // The classic IPv4 header with its checksum field zeroed: 4500 0073 0000 4000 4011 ---- c0a8 0001 c0a8 00c7.
    { name: 'an IPv4 header, checksum field zero', bytes: '4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7', sum: 0x479e, checksum: 0xb861 },
  ];
  for (const { name, bytes, sum, checksum } of vectors) {
    it(name, () => {
      expect(onesComplementSum(hex(bytes))).toBe(sum);
      expect(internetChecksum(hex(bytes))).toBe(checksum);
    });
  }

  it('gives all ones over data that includes its own checksum (how a receiver checks)', () => {
    expect(onesComplementSum(hex('4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7'))).toBe(0xffff);
    expect(internetChecksum(hex('4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7'))).toBe(0);
  });

  it('can be computed in pieces split at an even offset (RFC 1071 §2(C), deferred carries)', () => {
    const bytes = hex('00 01 f2 03 f4 f5 f6 f7');
    expect(onesComplementSum(bytes.subarray(4), onesComplementSum(bytes.subarray(0, 4)))).toBe(0xddf2);
  });

  it('folds carries past 32 bits: 128 KiB of 0xff sums to 0xffff', () => {
    expect(onesComplementSum(new Uint8Array(128 * 1024).fill(0xff))).toBe(0xffff);
    expect(fold(0x1_0000_0000)).toBe(1);
    expect(fold(0x2ddf0)).toBe(0xddf2);
  });
});

describe('pseudoHeaderSum', () => {
  // Linux writes just this sum into the field when it leaves the rest to the card (checksum
  // offload); tcpdump shows it on lo as "cksum 0xfe30 (incorrect ...)" for a 40-byte TCP SYN.
  const kernel: Array<{ name: string; args: [string, string, number, number]; sum: number }> = [
    { name: 'IPv4 TCP, 40 bytes, 127.0.0.1 both ways (a SYN on lo)', args: ['127.0.0.1', '127.0.0.1', 6, 40], sum: 0xfe30 },
    { name: 'IPv4 UDP, 14 bytes, 127.0.0.1 both ways', args: ['127.0.0.1', '127.0.0.1', 17, 14], sum: 0xfe21 },
    { name: 'IPv6 TCP, 40 bytes, ::1 both ways', args: ['::1', '::1', 6, 40], sum: 0x0030 },
    { name: 'IPv6 UDP, 14 bytes, ::1 both ways', args: ['::1', '::1', 17, 14], sum: 0x0021 },
  ];
  for (const { name, args, sum } of kernel) {
    it(`${name}: the sum Linux leaves in the field`, () => expect(pseudoHeaderSum(...args)).toBe(sum));
  }

  it('adds the IPv6 length as a 32-bit value (RFC 8200 §8.1)', () => {
    expect(pseudoHeaderSum('::1', '::1', 6, 0x1_0000)).toBe(0x0002 + 6 + 1);
  });

  it('refuses text that is not an address of the family', () => {
    expect(() => pseudoHeaderSum('127.0.0.1', '::1', 6, 20)).toThrow(RangeError);
    expect(() => pseudoHeaderSum('localhost', '127.0.0.1', 6, 20)).toThrow(RangeError);
  });
});
