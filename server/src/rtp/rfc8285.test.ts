import { describe, expect, it } from 'vitest';
import { cloneHeaderExtension, getHeaderExtension, removeHeaderExtension, setHeaderExtension } from './header-extensions.ts';
import { headerExtensionSize, parseHeaderExtension, serializeHeaderExtensionInto } from './header-extensions.ts';
import type { RtpHeaderExtension } from './header-extensions.ts';
import { parseRtpPacket, serializeRtpPacket, type RtpPacket } from './packet.ts';
import { hex } from './test-helpers.ts';

function serialize(extension: RtpHeaderExtension): Uint8Array {
  const buf = new Uint8Array(headerExtensionSize(extension));
  serializeHeaderExtensionInto(extension, buf, 0);
  return buf;
}

const rows: { name: string; bytes: Uint8Array; want: RtpHeaderExtension; canonical: Uint8Array }[] = [
  {
    name: 'RFC 8285 §4.2 example: one-byte elements with padding between them',
    bytes: hex(`be de 00 03      // 0xBEDE, length=3
                10 aa            // ID=1 L=0: 1 byte
                21 bb bb         // ID=2 L=1: 2 bytes
                00 00            // 0 (pad), 0 (pad)
                33 cc cc cc cc   // ID=3 L=3: 4 bytes`),
    want: {
      kind: 'one-byte',
      elements: [
        { id: 1, data: hex('aa') },
        { id: 2, data: hex('bbbb') },
        { id: 3, data: hex('cccccccc') },
      ],
    },
    canonical: hex('be de 00 03 10 aa 21 bb bb 33 cc cc cc cc 00 00'),
  },
  {
    name: 'RFC 8285 §4.3 example: two-byte elements, one of length 0, with padding between them',
    bytes: hex(`10 00 00 03         // 0x100, appbits=0, length=3
                01 00               // ID=1 L=0
                02 01 bb            // ID=2 L=1
                00                  // 0 (pad)
                03 04 cc cc cc cc   // ID=3 L=4`),
    want: {
      kind: 'two-byte',
      appBits: 0,
      elements: [
        { id: 1, data: hex('') },
        { id: 2, data: hex('bb') },
        { id: 3, data: hex('cccccccc') },
      ],
    },
    canonical: hex('10 00 00 03 01 00 02 01 bb 03 04 cc cc cc cc 00'),
  },
  {
    name: 'RFC 8285 §4.2: ID 15 ends the block, and its length and later elements are ignored',
    bytes: hex(`be de 00 02
                10 aa            // ID=1
                ff               // ID=15, length nibble 15 (ignored)
                21 bb bb 00 00   // a well-formed element that does not count`),
    want: { kind: 'one-byte', elements: [{ id: 1, data: hex('aa') }] },
    canonical: hex('be de 00 01 10 aa 00 00'),
  },
  {
    name: 'RFC 8285 §4.1.2: ID 0 with a non-zero length ends the block like ID 15',
    bytes: hex(`be de 00 02
                10 aa 05         // ID=1, then ID=0 L=5
                21 bb bb 00 00`),
    want: { kind: 'one-byte', elements: [{ id: 1, data: hex('aa') }] },
    canonical: hex('be de 00 01 10 aa 00 00'),
  },
  {
    name: 'RFC 8285 §4.1.2: padding before the first element',
    bytes: hex('be de 00 01 00 00 10 aa'),
    want: { kind: 'one-byte', elements: [{ id: 1, data: hex('aa') }] },
    canonical: hex('be de 00 01 10 aa 00 00'),
  },
  {
    name: 'RFC 8285 §4.3: a 0 byte where an ID would be is padding, whatever follows',
    bytes: hex('10 00 00 01 00 05 01 aa'),
    want: { kind: 'two-byte', appBits: 0, elements: [{ id: 5, data: hex('aa') }] },
    canonical: hex('10 00 00 01 05 01 aa 00'),
  },
  {
    name: 'RFC 8285 §4.3: profiles 0x1000-0x100F are two-byte, the low nibble is appbits',
    bytes: hex('10 0f 00 01 0e 01 aa 00'),
    want: { kind: 'two-byte', appBits: 15, elements: [{ id: 14, data: hex('aa') }] },
    canonical: hex('10 0f 00 01 0e 01 aa 00'),
  },
  {
    name: 'RFC 8285 §4.2: a one-byte element carries up to 16 bytes (L=15)',
    bytes: hex(`be de 00 05 ef ${'11'.repeat(16)} 00 00 00`),
    want: { kind: 'one-byte', elements: [{ id: 14, data: hex('11'.repeat(16)) }] },
    canonical: hex(`be de 00 05 ef ${'11'.repeat(16)} 00 00 00`),
  },
  {
    name: 'RFC 3550 §5.3.1: 0x1010 is not RFC 8285, so the body stays raw',
    bytes: hex('10 10 00 01 01 02 03 04'),
    want: { kind: 'raw', profile: 0x1010, data: hex('01020304') },
    canonical: hex('10 10 00 01 01 02 03 04'),
  },
  {
    name: 'RFC 3550 §5.3.1: 0xBEDF is not RFC 8285 either',
    bytes: hex('be df 00 01 10 aa 00 00'),
    want: { kind: 'raw', profile: 0xbedf, data: hex('10aa0000') },
    canonical: hex('be df 00 01 10 aa 00 00'),
  },
];

describe('parseHeaderExtension', () => {
  it.each(rows)('parses $name', ({ bytes, want }) => {
    expect(parseHeaderExtension(bytes)).toEqual({ value: want, bytesRead: bytes.length });
  });

  it.each(rows)('re-serializes $name with the padding at the end', ({ bytes, canonical }) => {
    const { value } = parseHeaderExtension(bytes);
    expect(serialize(value)).toEqual(canonical);
    expect(parseHeaderExtension(canonical).value).toEqual(value);
  });

  it('parses a block in the middle of a packet from its offset', () => {
    const bytes = hex('ff ff be de 00 01 10 aa 00 00 ff');
    expect(parseHeaderExtension(bytes, 2)).toEqual({
      value: { kind: 'one-byte', elements: [{ id: 1, data: hex('aa') }] },
      bytesRead: 8,
    });
  });
});

function bare(): RtpPacket {
  return parseRtpPacket(hex('80 60 00 01 00 00 00 02 00 00 00 03 ab'));
}

function withMid(): RtpPacket {
  return parseRtpPacket(hex('90 60 00 01 00 00 00 02 00 00 00 03 be de 00 01 40 31 00 00 ab'));
}

describe('getHeaderExtension', () => {
  it('returns the data of the element with that id', () => {
    expect(getHeaderExtension(withMid(), 4)).toEqual(hex('31'));
  });

  it('returns undefined for an absent id, a packet without extensions and a raw block', () => {
    expect(getHeaderExtension(withMid(), 5)).toBeUndefined();
    expect(getHeaderExtension(bare(), 4)).toBeUndefined();
    expect(getHeaderExtension({ extension: { kind: 'raw', profile: 1, data: hex('00000000') } }, 1)).toBeUndefined();
  });
});

describe('setHeaderExtension', () => {
  it('adds a one-byte block to a packet without one when the element fits it', () => {
    const packet = bare();
    setHeaderExtension(packet, 10, hex('71'));
    expect(serializeRtpPacket(packet)).toEqual(hex('90 60 00 01 00 00 00 02 00 00 00 03 be de 00 01 a0 71 00 00 ab'));
  });

  it.each([
    { name: 'an empty element', id: 3, data: hex('') },
    { name: 'id 15', id: 15, data: hex('01') },
    { name: '17 bytes', id: 3, data: new Uint8Array(17) },
  ])('adds a two-byte block for $name, which the one-byte form cannot carry', ({ id, data }) => {
    const packet = bare();
    setHeaderExtension(packet, id, data);
    expect(packet.extension).toEqual({ kind: 'two-byte', appBits: 0, elements: [{ id, data }] });
  });

  it('replaces the element with the same id in place', () => {
    const packet = withMid();
    setHeaderExtension(packet, 2, hex('010203'));
    setHeaderExtension(packet, 4, hex('32'));
    expect(packet.extension).toEqual({
      kind: 'one-byte',
      elements: [
        { id: 4, data: hex('32') },
        { id: 2, data: hex('010203') },
      ],
    });
  });

  it('switches a one-byte block to two-byte when a long element joins, as Chromium does for a long dependency descriptor', () => {
    const packet = withMid();
    setHeaderExtension(packet, 12, new Uint8Array(23));
    const reparsed = parseRtpPacket(serializeRtpPacket(packet));
    expect(reparsed.extension?.kind).toBe('two-byte');
    expect(getHeaderExtension(reparsed, 4)).toEqual(hex('31'));
    expect(getHeaderExtension(reparsed, 12)).toEqual(new Uint8Array(23));
  });

  it('rejects ids outside 1-255 and data over 255 bytes with RangeError', () => {
    expect(() => setHeaderExtension(bare(), 0, hex('01'))).toThrow(RangeError);
    expect(() => setHeaderExtension(bare(), 256, hex('01'))).toThrow(RangeError);
    expect(() => setHeaderExtension(bare(), 1, new Uint8Array(256))).toThrow(RangeError);
  });

  it('rejects a packet whose block is not RFC 8285 with TypeError', () => {
    const packet = { extension: { kind: 'raw', profile: 0x1234, data: hex('00000000') } as RtpHeaderExtension };
    expect(() => setHeaderExtension(packet, 1, hex('01'))).toThrow(TypeError);
  });
});

describe('removeHeaderExtension', () => {
  it('removes the element and reports whether it was there', () => {
    const packet = withMid();
    setHeaderExtension(packet, 3, hex('0102'));
    expect(removeHeaderExtension(packet, 4)).toBe(true);
    expect(removeHeaderExtension(packet, 4)).toBe(false);
    expect(packet.extension).toEqual({ kind: 'one-byte', elements: [{ id: 3, data: hex('0102') }] });
  });

  it('drops the block and the X bit with the last element', () => {
    const packet = withMid();
    removeHeaderExtension(packet, 4);
    expect(packet.extension).toBeUndefined();
    expect(serializeRtpPacket(packet)).toEqual(hex('80 60 00 01 00 00 00 02 00 00 00 03 ab'));
  });
});

describe('cloneHeaderExtension', () => {
  it('gives a copy whose elements can change without touching the original', () => {
    const original = withMid();
    const copy = { extension: cloneHeaderExtension(original.extension!) };
    setHeaderExtension(copy, 4, hex('32'));
    removeHeaderExtension(copy, 4);
    expect(getHeaderExtension(original, 4)).toEqual(hex('31'));
  });
});
