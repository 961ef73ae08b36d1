import { describe, expect, it } from 'vitest';
import type { RtpErrorCode } from './errors.ts';
import { parseRtpHeader, parseRtpPacket, rtpHeaderSize, type RtpPacket } from './packet.ts';
import { serializeInto, serializeRtpHeaderInto, serializeRtpPacket, serializedSize } from './packet.ts';
import { hex, thrownCode } from './test-helpers.ts';

function packet(fields: Partial<RtpPacket>): RtpPacket {
  return {
    marker: false,
    payloadType: 96,
    sequenceNumber: 1,
    timestamp: 2,
    ssrc: 3,
    csrcs: [],
    extension: undefined,
    payload: new Uint8Array(0),
    paddingSize: 0,
    ...fields,
  };
}

const parseRows: { name: string; bytes: Uint8Array; want: RtpPacket }[] = [
  {
    name: 'RFC 3550 §5.1 fixed header alone: no CSRC, extension, padding or payload',
    bytes: hex(`80 60 00 01   // V=2 P=0 X=0 CC=0, M=0 PT=96, seq=1
                00 00 00 02   // timestamp=2
                00 00 00 03   // ssrc=3`),
    want: packet({}),
  },
  {
    name: 'RFC 3550 §5.1 marker, PT 127 and all-ones seq, timestamp and ssrc',
    bytes: hex(`80 ff ff ff   // M=1 PT=127, seq=65535
                ff ff ff ff   // timestamp=2^32-1
                ff ff ff ff   // ssrc=0xffffffff
                de ad be ef   // payload`),
    want: packet({
      marker: true,
      payloadType: 127,
      sequenceNumber: 0xffff,
      timestamp: 0xffffffff,
      ssrc: 0xffffffff,
      payload: hex('deadbeef'),
    }),
  },
  {
    name: 'RFC 3550 §5.1 two CSRCs (CC=2)',
    bytes: hex(`82 6f 12 34   // CC=2, PT=111, seq=0x1234
                00 00 00 02
                00 00 00 03
                11 11 11 11   // csrc[0]
                22 22 22 22   // csrc[1]
                ab            // payload`),
    want: packet({ payloadType: 111, sequenceNumber: 0x1234, csrcs: [0x11111111, 0x22222222], payload: hex('ab') }),
  },
  {
    name: 'RFC 3550 §5.1 fifteen CSRCs, the most CC can count',
    bytes: hex(`8f 60 00 01 00 00 00 02 00 00 00 03 ${Array.from({ length: 15 }, (_, i) => `0000000${(i + 1).toString(16)}`).join(' ')}`),
    want: packet({ csrcs: Array.from({ length: 15 }, (_, i) => i + 1) }),
  },
  {
    name: 'RFC 3550 §5.1 padding: P=1 and the last octet counts the padding, itself included',
    bytes: hex(`a0 60 00 01   // P=1
                00 00 00 02
                00 00 00 03
                01 02         // payload
                00 00 03      // padding, count=3`),
    want: packet({ payload: hex('0102'), paddingSize: 3 }),
  },
  {
    name: 'RFC 3550 §5.1 padding-only packet: the count covers everything after the header',
    bytes: hex(`a0 60 00 01 00 00 00 02 00 00 00 03
                00 00 00 04   // padding, count=4`),
    want: packet({ paddingSize: 4 }),
  },
  {
    name: 'RFC 8285 §4.2 one-byte extension with two elements and trailing padding',
    bytes: hex(`90 60 00 01   // X=1
                00 00 00 02
                00 00 00 03
                be de 00 02   // profile 0xBEDE, 2 words
                10 aa         // id=1 L=0: 1 byte
                22 01 02 03   // id=2 L=2: 3 bytes
                00 00         // padding
                ff            // payload`),
    want: packet({
      extension: { kind: 'one-byte', elements: [{ id: 1, data: hex('aa') }, { id: 2, data: hex('010203') }] },
      payload: hex('ff'),
    }),
  },
  {
    name: 'RFC 8285 §4.3 two-byte extension with appbits and a 0-length element',
    bytes: hex(`90 60 00 01 00 00 00 02 00 00 00 03
                10 05 00 02   // profile 0x1005: two-byte, appbits=5
                10 00         // id=16, length 0
                ff 03 01 02 03// id=255, length 3
                00            // padding`),
    want: packet({
      extension: { kind: 'two-byte', appBits: 5, elements: [{ id: 16, data: hex('') }, { id: 255, data: hex('010203') }] },
    }),
  },
  {
    name: 'RFC 3550 §5.3.1 extension with another profile is kept as raw words',
    bytes: hex(`90 60 00 01 00 00 00 02 00 00 00 03
                12 34 00 01   // profile 0x1234, 1 word
                01 02 03 04`),
    want: packet({ extension: { kind: 'raw', profile: 0x1234, data: hex('01020304') } }),
  },
  {
    name: 'RFC 3550 §5.3.1 empty one-byte extension (length 0) keeps the X bit',
    bytes: hex(`90 60 00 01 00 00 00 02 00 00 00 03
                be de 00 00`),
    want: packet({ extension: { kind: 'one-byte', elements: [] } }),
  },
  {
    name: 'every field at once: marker, CSRC, extension, payload and padding',
    bytes: hex(`b1 e0 ab cd   // P=1 X=1 CC=1, M=1 PT=96, seq=0xabcd
                00 01 00 00   // timestamp=65536
                ca fe ba be   // ssrc
                00 00 00 09   // csrc[0]
                be de 00 01
                40 31         // id=4 (mid) "1"
                00 00
                01 02 03      // payload
                00 02         // padding, count=2`),
    want: packet({
      marker: true,
      sequenceNumber: 0xabcd,
      timestamp: 0x10000,
      ssrc: 0xcafebabe,
      csrcs: [9],
      extension: { kind: 'one-byte', elements: [{ id: 4, data: hex('31') }] },
      payload: hex('010203'),
      paddingSize: 2,
    }),
  },
];

describe('parseRtpPacket', () => {
  it.each(parseRows)('parses $name', ({ bytes, want }) => {
    expect(parseRtpPacket(bytes)).toEqual(want);
  });

  it.each(parseRows)('serializes $name back to the same bytes', ({ bytes }) => {
    const parsed = parseRtpPacket(bytes);
    expect(serializedSize(parsed)).toBe(bytes.length);
    expect(serializeRtpPacket(parsed)).toEqual(bytes);
  });

  it('returns the payload and extension data as views into the input, not copies', () => {
    const bytes = parseRows[10]!.bytes;
    const parsed = parseRtpPacket(bytes);
    expect(parsed.payload.buffer).toBe(bytes.buffer);
    expect(parsed.payload.byteOffset).toBe(bytes.byteOffset + 24);
    const extension = parsed.extension;
    expect(extension?.kind === 'one-byte' && extension.elements[0]!.data.buffer).toBe(bytes.buffer);
  });

  const errorRows: { name: string; bytes: Uint8Array; code: RtpErrorCode }[] = [
    { name: 'fewer than 12 bytes', bytes: hex('80 60 00 01 00 00 00 02 00 00 00'), code: 'PACKET_TOO_SHORT' },
    { name: 'version 0', bytes: hex('00 60 00 01 00 00 00 02 00 00 00 03'), code: 'BAD_VERSION' },
    { name: 'version 1', bytes: hex('40 60 00 01 00 00 00 02 00 00 00 03'), code: 'BAD_VERSION' },
    { name: 'version 3', bytes: hex('c0 60 00 01 00 00 00 02 00 00 00 03'), code: 'BAD_VERSION' },
    { name: 'CC=2 with one CSRC', bytes: hex('82 60 00 01 00 00 00 02 00 00 00 03 00 00 00 09'), code: 'PACKET_TOO_SHORT' },
    { name: 'X=1 with half an extension header', bytes: hex('90 60 00 01 00 00 00 02 00 00 00 03 be de'), code: 'PACKET_TOO_SHORT' },
    {
      name: 'extension length past the end of the packet',
      bytes: hex('90 60 00 01 00 00 00 02 00 00 00 03 be de 00 02 10 aa 00 00'),
      code: 'EXTENSION_TOO_LONG',
    },
    {
      name: 'one-byte element longer than its block',
      bytes: hex('90 60 00 01 00 00 00 02 00 00 00 03 be de 00 01 13 01 02 03'),
      code: 'BAD_EXTENSION_ELEMENT',
    },
    {
      name: 'two-byte element id in the last byte, with no length byte',
      bytes: hex('90 60 00 01 00 00 00 02 00 00 00 03 10 00 00 01 00 00 00 07'),
      code: 'BAD_EXTENSION_ELEMENT',
    },
    {
      name: 'two-byte element longer than its block',
      bytes: hex('90 60 00 01 00 00 00 02 00 00 00 03 10 00 00 01 07 03 01 02'),
      code: 'BAD_EXTENSION_ELEMENT',
    },
    { name: 'padding count 0', bytes: hex('a0 60 00 01 00 00 00 02 00 00 00 03 01 00'), code: 'BAD_PADDING' },
    { name: 'padding count past the header', bytes: hex('a0 60 00 01 00 00 00 02 00 00 00 03 01 03'), code: 'BAD_PADDING' },
    { name: 'P=1 with nothing after the header', bytes: hex('a0 60 00 01 00 00 00 02 00 00 00 03'), code: 'BAD_PADDING' },
  ];

  it.each(errorRows)('rejects $name with $code', ({ bytes, code }) => {
    expect(thrownCode(() => parseRtpPacket(bytes))).toBe(code);
  });
});

describe('parseRtpHeader', () => {
  it('reads an SRTP header without touching the encrypted payload, padding and tag, and writes it back', () => {
    // The last octet of SRTP is auth tag, not a padding count (RFC 3711 §3.1).
    const bytes = hex(`b0 61 1b 19 00 00 00 00 88 0b 1d d6   // P=1 X=1
                       be de 00 01 40 31 00 00                // mid "1"
                       82 db a4 23 b5 b7 00`);
    const { value, bytesRead, padding } = parseRtpHeader(bytes);
    expect(bytesRead).toBe(20);
    expect(padding).toBe(true);
    expect(value.ssrc).toBe(0x880b1dd6);
    expect(rtpHeaderSize(value)).toBe(20);
    const header = new Uint8Array(20);
    expect(serializeRtpHeaderInto(value, header, 0, { padding })).toBe(20);
    expect(header).toEqual(bytes.subarray(0, 20));
  });
});

describe('serializeInto', () => {
  it('writes at an offset of a larger buffer and returns the bytes written', () => {
    const bytes = parseRows[10]!.bytes;
    const buf = new Uint8Array(bytes.length + 10).fill(0xee);
    expect(serializeInto(parseRtpPacket(bytes), buf, 5)).toBe(bytes.length);
    expect(buf.subarray(5, 5 + bytes.length)).toEqual(bytes);
    expect(buf[4]).toBe(0xee);
    expect(buf[5 + bytes.length]).toBe(0xee);
  });

  const rangeRows: { name: string; packet: RtpPacket }[] = [
    { name: 'payload type 128', packet: packet({ payloadType: 128 }) },
    { name: 'sequence number 65536', packet: packet({ sequenceNumber: 0x10000 }) },
    { name: 'negative timestamp', packet: packet({ timestamp: -1 }) },
    { name: 'fractional ssrc', packet: packet({ ssrc: 1.5 }) },
    { name: 'sixteen CSRCs', packet: packet({ csrcs: new Array<number>(16).fill(1) }) },
    { name: 'padding of 256 bytes', packet: packet({ paddingSize: 256 }) },
    {
      name: 'one-byte element id 15 (RFC 8285 §4.2 reserved)',
      packet: packet({ extension: { kind: 'one-byte', elements: [{ id: 15, data: hex('00') }] } }),
    },
    {
      name: 'one-byte element with 17 bytes',
      packet: packet({ extension: { kind: 'one-byte', elements: [{ id: 1, data: new Uint8Array(17) }] } }),
    },
    {
      name: 'one-byte element with 0 bytes',
      packet: packet({ extension: { kind: 'one-byte', elements: [{ id: 1, data: new Uint8Array(0) }] } }),
    },
    {
      name: 'two-byte element id 0 (RFC 8285 §4.1.2 padding)',
      packet: packet({ extension: { kind: 'two-byte', appBits: 0, elements: [{ id: 0, data: hex('01') }] } }),
    },
    {
      name: 'two-byte appbits 16',
      packet: packet({ extension: { kind: 'two-byte', appBits: 16, elements: [] } }),
    },
    { name: 'raw extension of 3 bytes', packet: packet({ extension: { kind: 'raw', profile: 1, data: hex('010203') } }) },
  ];

  it.each(rangeRows)('throws RangeError for $name', ({ packet: bad }) => {
    expect(() => serializeRtpPacket(bad)).toThrow(RangeError);
  });

  it('throws RangeError when the buffer is too small', () => {
    const parsed = parseRtpPacket(parseRows[10]!.bytes);
    expect(() => serializeInto(parsed, new Uint8Array(serializedSize(parsed) - 1), 0)).toThrow(RangeError);
    expect(() => serializeInto(parsed, new Uint8Array(100), 99)).toThrow(RangeError);
  });
});
