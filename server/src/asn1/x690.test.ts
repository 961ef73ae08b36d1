/**
 * Every universal type X.509 uses, encoded and decoded against hand-written
 * DER (ITU-T X.690 §8, §10, §11), plus the length and tag forms.
 */
import { describe, expect, it } from 'vitest';
import {
  contextTag,
  decodeBitString,
  decodeBoolean,
  decodeInteger,
  decodeNull,
  decodeOctetString,
  decodeOid,
  decodeString,
  decodeTime,
  encodeBitString,
  encodeBoolean,
  encodeExplicit,
  encodeGeneralizedTime,
  encodeHeader,
  encodeInteger,
  encodeNull,
  encodeOctetString,
  encodeOid,
  encodePrintableString,
  encodeSequence,
  encodeSet,
  encodeTime,
  encodeTlv,
  encodeUtcTime,
  encodeUtf8String,
  parseDer,
  readHeader,
  Tag,
  type Asn1Tag,
} from './index.ts';
import { hex, toHex } from './test-helpers.ts';

const integerRows: { name: string; value: bigint; der: string }[] = [
  { name: 'X.690 §8.3 zero is one 00 octet', value: 0n, der: '02 01 00' },
  { name: 'X.690 §8.3 127 fits in one octet', value: 127n, der: '02 01 7f' },
  { name: 'X.690 §8.3.2 128 needs a 00 so the sign bit stays clear', value: 128n, der: '02 02 00 80' },
  { name: 'X.690 §8.3 255', value: 255n, der: '02 02 00 ff' },
  { name: 'X.690 §8.3 256', value: 256n, der: '02 02 01 00' },
  { name: 'X.690 §8.3 -1 is one ff octet', value: -1n, der: '02 01 ff' },
  { name: 'X.690 §8.3 -128 fits in one octet', value: -128n, der: '02 01 80' },
  { name: 'X.690 §8.3.2 -129 needs ff 7f', value: -129n, der: '02 02 ff 7f' },
  { name: 'X.690 §8.3 -256', value: -256n, der: '02 02 ff 00' },
  { name: 'X.690 §8.3 2^63 (a serial with the top bit set) gets a 00', value: 1n << 63n, der: '02 09 00 80 00 00 00 00 00 00 00' },
  { name: 'X.690 §8.3 2^64 - 1', value: (1n << 64n) - 1n, der: '02 09 00 ff ff ff ff ff ff ff ff' },
  { name: 'X.690 §8.3 -(2^63)', value: -(1n << 63n), der: '02 08 80 00 00 00 00 00 00 00' },
];

const unsignedRows: { name: string; bytes: string; der: string }[] = [
  { name: 'an empty magnitude is zero', bytes: '', der: '02 01 00' },
  { name: 'leading zero octets are dropped', bytes: '00 00 01 02', der: '02 02 01 02' },
  { name: 'all zero octets are zero', bytes: '00 00 00', der: '02 01 00' },
  { name: 'a high top bit gets a 00 so the value stays positive (Chromium serial)', bytes: 'dc aa 81 5e dd 07 6d 8c', der: '02 09 00 dc aa 81 5e dd 07 6d 8c' },
  { name: 'leading zeros then a high bit keep exactly one 00', bytes: '00 00 80', der: '02 02 00 80' },
];

const oidRows: { name: string; oid: string; der: string }[] = [
  { name: 'RFC 5758 §3.2 ecdsa-with-SHA256', oid: '1.2.840.10045.4.3.2', der: '06 08 2a 86 48 ce 3d 04 03 02' },
  { name: 'RFC 5480 §2.1.1 id-ecPublicKey', oid: '1.2.840.10045.2.1', der: '06 07 2a 86 48 ce 3d 02 01' },
  { name: 'RFC 5480 §2.1.1.1 secp256r1', oid: '1.2.840.10045.3.1.7', der: '06 08 2a 86 48 ce 3d 03 01 07' },
  { name: 'RFC 4055 §5 sha256WithRSAEncryption', oid: '1.2.840.113549.1.1.11', der: '06 09 2a 86 48 86 f7 0d 01 01 0b' },
  { name: 'RFC 5480 secp384r1, a 3-octet arc', oid: '1.3.132.0.34', der: '06 05 2b 81 04 00 22' },
  { name: 'X.520 id-at-commonName', oid: '2.5.4.3', der: '06 03 55 04 03' },
  { name: 'X.690 §8.19.5 example: {2 999 3}, second arc above 39 under root 2', oid: '2.999.3', der: '06 03 88 37 03' },
  { name: 'X.690 §8.19.4 the smallest OID', oid: '0.0', der: '06 01 00' },
  { name: 'X.667 UUID OID beyond 2^53', oid: '2.25.340282366920938463463374607431768211455', der: '06 14 69 83 ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff 7f' },
];

const timeRows: { name: string; date: string; der: string }[] = [
  { name: 'RFC 5280 §4.1.2.5 the last UTCTime second, 2049', date: '2049-12-31T23:59:59Z', der: '17 0d 34 39 31 32 33 31 32 33 35 39 35 39 5a' },
  { name: 'RFC 5280 §4.1.2.5 2050 starts GeneralizedTime', date: '2050-01-01T00:00:00Z', der: '18 0f 32 30 35 30 30 31 30 31 30 30 30 30 30 30 5a' },
  { name: 'RFC 5280 §4.1.2.5.1 YY=50 is 1950', date: '1950-01-01T00:00:00Z', der: '17 0d 35 30 30 31 30 31 30 30 30 30 30 30 5a' },
  { name: 'before 1950 only GeneralizedTime can say it', date: '1949-12-31T23:59:59Z', der: '18 0f 31 39 34 39 31 32 33 31 32 33 35 39 35 39 5a' },
  { name: 'RFC 5280 §4.1.2.5.1 YY=00 is 2000, on a leap day', date: '2000-02-29T12:34:56Z', der: '17 0d 30 30 30 32 32 39 31 32 33 34 35 36 5a' },
  { name: 'the Chromium fixture notBefore', date: '2026-11-23T09:29:13Z', der: '17 0d 32 36 31 31 32 33 30 39 32 39 31 33 5a' },
];

describe('X.690 §8.3 INTEGER', () => {
  it.each(integerRows)('$name', ({ value, der }) => {
    expect(toHex(encodeInteger(value))).toBe(toHex(hex(der)));
    expect(decodeInteger(parseDer(hex(der)))).toBe(value);
  });

  it.each(unsignedRows)('Uint8Array magnitude: $name', ({ bytes, der }) => {
    expect(toHex(encodeInteger(hex(bytes)))).toBe(toHex(hex(der)));
  });
});

describe('X.690 §8.19 OBJECT IDENTIFIER', () => {
  it.each(oidRows)('$name', ({ oid, der }) => {
    expect(toHex(encodeOid(oid))).toBe(toHex(hex(der)));
    expect(decodeOid(parseDer(hex(der)))).toBe(oid);
  });

  it.each(['1', '1.', '.1.2', '1..2', '3.1', '0.40', '1.40', '01.2', '1.2.x', ''])('refuses to encode "%s"', (oid) => {
    expect(() => encodeOid(oid)).toThrow(RangeError);
  });
});

describe('RFC 5280 §4.1.2.5 UTCTime and GeneralizedTime', () => {
  it.each(timeRows)('$name', ({ date, der }) => {
    expect(toHex(encodeTime(new Date(date)))).toBe(toHex(hex(der)));
    expect(decodeTime(parseDer(hex(der))).toISOString()).toBe(new Date(date).toISOString());
  });

  it('drops milliseconds, which neither form has', () => {
    const der = encodeTime(new Date('2030-06-15T10:20:30.999Z'));
    expect(decodeTime(parseDer(der)).toISOString()).toBe('2030-06-15T10:20:30.000Z');
  });

  it('encodes GeneralizedTime for any year 0..9999 when asked, and UTCTime only for 1950..2049', () => {
    expect(decodeTime(parseDer(encodeGeneralizedTime(new Date('2026-01-01T00:00:00Z')))).getUTCFullYear()).toBe(2026);
    expect(decodeTime(parseDer(encodeGeneralizedTime(new Date('9999-12-31T23:59:59Z')))).getUTCFullYear()).toBe(9999);
    expect(() => encodeUtcTime(new Date('2050-01-01T00:00:00Z'))).toThrow(RangeError);
    expect(() => encodeUtcTime(new Date('1949-12-31T23:59:59Z'))).toThrow(RangeError);
    expect(() => encodeGeneralizedTime(new Date('+010000-01-01T00:00:00Z'))).toThrow(RangeError);
    expect(() => encodeTime(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('X.690 §8.2, §8.6, §8.7, §8.8 and strings', () => {
  const rows: { name: string; encoded: Buffer; der: string; decoded: unknown; decode: (der: Uint8Array) => unknown }[] = [
    { name: 'X.690 §11.1 BOOLEAN TRUE is ff', encoded: encodeBoolean(true), der: '01 01 ff', decoded: true, decode: (d) => decodeBoolean(parseDer(d)) },
    { name: 'X.690 §8.2 BOOLEAN FALSE is 00', encoded: encodeBoolean(false), der: '01 01 00', decoded: false, decode: (d) => decodeBoolean(parseDer(d)) },
    { name: 'X.690 §8.8 NULL has no content', encoded: encodeNull(), der: '05 00', decoded: null, decode: (d) => decodeNull(parseDer(d)) },
    {
      name: 'X.690 §8.6.2.3 empty BIT STRING is just the 00 unused-bits octet',
      encoded: encodeBitString(new Uint8Array(0)),
      der: '03 01 00',
      decoded: { unusedBits: 0, bytes: '' },
      decode: (d) => plainBitString(d),
    },
    {
      name: 'X.690 §8.6 BIT STRING of whole octets (keys, signatures)',
      encoded: encodeBitString(hex('04 8a 4d')),
      der: '03 04 00 04 8a 4d',
      decoded: { unusedBits: 0, bytes: '048a4d' },
      decode: (d) => plainBitString(d),
    },
    {
      name: 'X.690 §8.6.4 example: 0A3B5F291CD with 4 unused bits',
      encoded: encodeBitString(hex('0a 3b 5f 29 1c d0'), 4),
      der: '03 07 04 0a 3b 5f 29 1c d0',
      decoded: { unusedBits: 4, bytes: '0a3b5f291cd0' },
      decode: (d) => plainBitString(d),
    },
    { name: 'X.690 §8.7 empty OCTET STRING', encoded: encodeOctetString(new Uint8Array(0)), der: '04 00', decoded: '', decode: (d) => toHex(decodeOctetString(parseDer(d))) },
    { name: 'X.690 §8.7 OCTET STRING', encoded: encodeOctetString(hex('de ad be ef')), der: '04 04 de ad be ef', decoded: 'deadbeef', decode: (d) => toHex(decodeOctetString(parseDer(d))) },
    { name: 'UTF8String "WebRTC" (Chromium CN)', encoded: encodeUtf8String('WebRTC'), der: '0c 06 57 65 62 52 54 43', decoded: 'WebRTC', decode: (d) => decodeString(parseDer(d)) },
    { name: 'UTF8String with 2-, 3- and 4-byte characters', encoded: encodeUtf8String('é€😀'), der: '0c 09 c3 a9 e2 82 ac f0 9f 98 80', decoded: 'é€😀', decode: (d) => decodeString(parseDer(d)) },
    { name: 'UTF8String keeps a leading BOM', encoded: encodeUtf8String('\uFEFFa'), der: '0c 04 ef bb bf 61', decoded: '\uFEFFa', decode: (d) => decodeString(parseDer(d)) },
    { name: 'X.680 §41.4 PrintableString with every punctuation mark', encoded: encodePrintableString("A z0 '()+,-./:=?"), der: '13 10 41 20 7a 30 20 27 28 29 2b 2c 2d 2e 2f 3a 3d 3f', decoded: "A z0 '()+,-./:=?", decode: (d) => decodeString(parseDer(d)) },
  ];

  it.each(rows)('$name', ({ encoded, der, decoded, decode }) => {
    expect(toHex(encoded)).toBe(toHex(hex(der)));
    expect(decode(hex(der))).toEqual(decoded);
  });

  it('refuses to encode what the type cannot hold', () => {
    expect(() => encodePrintableString('a*b')).toThrow(RangeError);
    expect(() => encodePrintableString('é')).toThrow(RangeError);
    expect(() => encodeUtf8String('\uD800')).toThrow(RangeError);
    expect(() => encodeBitString(hex('ff'), 1)).toThrow(RangeError);
    expect(() => encodeBitString(new Uint8Array(0), 1)).toThrow(RangeError);
    expect(() => encodeBitString(hex('00'), 8)).toThrow(RangeError);
  });
});

function plainBitString(der: Uint8Array): { unusedBits: number; bytes: string } {
  const { unusedBits, bytes } = decodeBitString(parseDer(der));
  return { unusedBits, bytes: toHex(bytes) };
}

describe('X.690 §8.9, §8.12, §8.14 constructed values', () => {
  it('SEQUENCE keeps its components in order', () => {
    expect(toHex(encodeSequence([encodeInteger(2n), encodeNull()]))).toBe('300502010205' + '00');
  });

  it('X.690 §11.6 SET OF sorts its components by encoding', () => {
    const set = encodeSet([encodeInteger(2n), encodeUtf8String('a'), encodeInteger(1n)]);
    expect(toHex(set)).toBe(toHex(hex('31 09   02 01 01   02 01 02   0c 01 61')));
  });

  it('X.690 §8.14.3 [0] EXPLICIT wraps the whole inner encoding in a constructed tag', () => {
    expect(toHex(encodeExplicit(0, encodeInteger(2n)))).toBe(toHex(hex('a0 03 02 01 02')));
    expect(toHex(encodeExplicit(3, encodeSequence([])))).toBe(toHex(hex('a3 02 30 00')));
  });
});

describe('X.690 §8.1.3, §10.1 length octets', () => {
  const rows: { name: string; length: number; header: string }[] = [
    { name: 'short form, zero', length: 0, header: '04 00' },
    { name: 'short form, the largest (0x7f)', length: 127, header: '04 7f' },
    { name: 'long form, the smallest (0x81 0x80)', length: 128, header: '04 81 80' },
    { name: 'long form, one octet max', length: 255, header: '04 81 ff' },
    { name: 'long form, two octets', length: 256, header: '04 82 01 00' },
    { name: 'long form, two octets max', length: 65535, header: '04 82 ff ff' },
    { name: 'long form, three octets', length: 65536, header: '04 83 01 00 00' },
  ];

  it.each(rows)('$name: $length', ({ length, header }) => {
    expect(toHex(encodeHeader(Tag.OCTET_STRING, length))).toBe(toHex(hex(header)));
    const der = encodeOctetString(new Uint8Array(length).fill(0xab));
    expect(toHex(der.subarray(0, hex(header).length))).toBe(toHex(hex(header)));
    expect(toHex(decodeOctetString(parseDer(der)))).toBe('ab'.repeat(length));
  });
});

describe('X.690 §8.1.2 identifier octets', () => {
  const rows: { name: string; tag: Asn1Tag; identifier: string }[] = [
    { name: 'universal primitive', tag: Tag.INTEGER, identifier: '02' },
    { name: 'universal constructed', tag: Tag.SEQUENCE, identifier: '30' },
    { name: 'context-specific constructed [3]', tag: contextTag(3), identifier: 'a3' },
    { name: 'context-specific primitive [1] (IMPLICIT issuerUniqueID)', tag: contextTag(1, false), identifier: '81' },
    { name: 'application class', tag: { tagClass: 'application', constructed: false, number: 5 }, identifier: '45' },
    { name: 'private class', tag: { tagClass: 'private', constructed: true, number: 30 }, identifier: 'fe' },
    { name: '§8.1.2.4 high-tag-number form, the smallest (31)', tag: contextTag(31, false), identifier: '9f 1f' },
    { name: '§8.1.2.4 high-tag-number form, two octets (200)', tag: contextTag(200, false), identifier: '9f 81 48' },
  ];

  it.each(rows)('$name', ({ tag, identifier }) => {
    const der = encodeTlv(tag, new Uint8Array(0));
    expect(toHex(der)).toBe(`${toHex(hex(identifier))}00`);
    expect(readHeader(der, 0)).toEqual({ tag, headerLength: hex(identifier).length + 1, contentLength: 0 });
  });
});
