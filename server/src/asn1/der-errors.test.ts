/**
 * Every way DER input is rejected, one row per rule, asserting the stable
 * code (X.690 §8, §10, §11; RFC 5280 §4.1.2.5 for times).
 */
import { describe, expect, it } from 'vitest';
import { Asn1ParseError, type Asn1ErrorCode } from './errors.ts';
import { decodeInteger } from './integer.ts';
import { decodeOid } from './oid.ts';
import { decodeBitString, decodeBoolean, decodeNull, decodeOctetString } from './primitives.ts';
import { MAX_DEPTH, parseDer, readNode } from './reader.ts';
import { decodeString } from './strings.ts';
import { hex, thrownCode } from './test-helpers.ts';
import { decodeTime } from './time.ts';

const ascii = (text: string) => Buffer.from(text, 'latin1').toString('hex');
const utcTime = (text: string) => `17 ${text.length.toString(16).padStart(2, '0')} ${ascii(text)}`;
const generalizedTime = (text: string) => `18 ${text.length.toString(16).padStart(2, '0')} ${ascii(text)}`;
/** `levels` SEQUENCEs, each holding the next; the innermost is empty. */
function nested(levels: number): string {
  let der = '3000';
  for (let i = 1; i < levels; i++) der = `30${(der.length / 2).toString(16).padStart(2, '0')}${der}`;
  return der;
}

const readerRows: { name: string; bytes: string; code: Asn1ErrorCode }[] = [
  { name: 'empty input', bytes: '', code: 'TRUNCATED' },
  { name: 'an identifier without a length', bytes: '30', code: 'TRUNCATED' },
  { name: 'content shorter than the length says', bytes: '04 05 01 02', code: 'TRUNCATED' },
  { name: 'long-form length octets cut off', bytes: '04 82 01', code: 'TRUNCATED' },
  { name: 'a child that runs past its parent', bytes: '30 03 02 02 01 02', code: 'TRUNCATED' },
  { name: 'a high tag number cut off', bytes: '9f 81', code: 'TRUNCATED' },
  { name: 'X.690 §8.1.3.6, §10.1 indefinite length', bytes: '30 80 05 00 00 00', code: 'INDEFINITE_LENGTH' },
  { name: 'X.690 §10.1 long form for a length under 128', bytes: `04 81 7f ${'00 '.repeat(127)}`, code: 'NON_MINIMAL_LENGTH' },
  { name: 'X.690 §10.1 long form with a leading zero octet', bytes: `04 82 00 80 ${'00 '.repeat(128)}`, code: 'NON_MINIMAL_LENGTH' },
  { name: 'X.690 §10.1 long form for length 0', bytes: '04 81 00', code: 'NON_MINIMAL_LENGTH' },
  { name: 'X.690 §8.1.3.5 c) the reserved length octet ff', bytes: '04 ff', code: 'BAD_LENGTH' },
  { name: 'a length of five octets (4 GiB and up)', bytes: '04 85 01 00 00 00 00', code: 'BAD_LENGTH' },
  { name: 'X.690 §8.1.2.4.2 c) a high tag number with a leading 80 octet', bytes: '9f 80 1f 00', code: 'BAD_TAG' },
  { name: 'X.690 §8.1.2.2 tag 30 in the high-tag-number form', bytes: '9f 1e 00', code: 'BAD_TAG' },
  { name: 'a tag number longer than four octets', bytes: '9f 81 81 81 81 01 00', code: 'BAD_TAG' },
  { name: 'bytes after the value', bytes: '05 00 00', code: 'TRAILING_BYTES' },
  { name: `more than ${MAX_DEPTH} levels below the top`, bytes: nested(MAX_DEPTH + 2), code: 'TOO_DEEP' },
];

const decoderRows: { name: string; bytes: string; decode: (bytes: Uint8Array) => unknown; code: Asn1ErrorCode }[] = [
  { name: 'INTEGER decoder given an OCTET STRING', bytes: '04 01 00', decode: (b) => decodeInteger(parseDer(b)), code: 'UNEXPECTED_TAG' },
  { name: 'X.690 §10.2 a constructed INTEGER', bytes: '22 03 02 01 00', decode: (b) => decodeInteger(parseDer(b)), code: 'UNEXPECTED_TAG' },
  { name: 'X.690 §8.3.1 INTEGER with no content', bytes: '02 00', decode: (b) => decodeInteger(parseDer(b)), code: 'BAD_INTEGER' },
  { name: 'X.690 §8.3.2 a) INTEGER with nine leading zero bits', bytes: '02 02 00 7f', decode: (b) => decodeInteger(parseDer(b)), code: 'NON_MINIMAL_INTEGER' },
  { name: 'X.690 §8.3.2 b) INTEGER with nine leading one bits', bytes: '02 02 ff 80', decode: (b) => decodeInteger(parseDer(b)), code: 'NON_MINIMAL_INTEGER' },
  { name: 'X.690 §11.1 BOOLEAN TRUE as 01', bytes: '01 01 01', decode: (b) => decodeBoolean(parseDer(b)), code: 'BAD_BOOLEAN' },
  { name: 'X.690 §8.2.1 BOOLEAN with no content', bytes: '01 00', decode: (b) => decodeBoolean(parseDer(b)), code: 'BAD_BOOLEAN' },
  { name: 'X.690 §8.2.1 BOOLEAN with two octets', bytes: '01 02 ff ff', decode: (b) => decodeBoolean(parseDer(b)), code: 'BAD_BOOLEAN' },
  { name: 'X.690 §8.8.2 NULL with content', bytes: '05 01 00', decode: (b) => decodeNull(parseDer(b)), code: 'BAD_NULL' },
  { name: 'X.690 §8.6.2 BIT STRING without the unused-bits octet', bytes: '03 00', decode: (b) => decodeBitString(parseDer(b)), code: 'BAD_BIT_STRING' },
  { name: 'X.690 §8.6.2.2 BIT STRING claiming 8 unused bits', bytes: '03 02 08 00', decode: (b) => decodeBitString(parseDer(b)), code: 'BAD_BIT_STRING' },
  { name: 'X.690 §8.6.2.3 empty BIT STRING claiming unused bits', bytes: '03 01 01', decode: (b) => decodeBitString(parseDer(b)), code: 'BAD_BIT_STRING' },
  { name: 'X.690 §11.2.1 BIT STRING with a set unused bit', bytes: '03 02 01 01', decode: (b) => decodeBitString(parseDer(b)), code: 'BAD_BIT_STRING' },
  { name: 'X.690 §10.2 a constructed OCTET STRING', bytes: '24 03 04 01 00', decode: (b) => decodeOctetString(parseDer(b)), code: 'UNEXPECTED_TAG' },
  { name: 'X.690 §8.19 empty OBJECT IDENTIFIER', bytes: '06 00', decode: (b) => decodeOid(parseDer(b)), code: 'BAD_OID' },
  { name: 'X.690 §8.19.2 OID ending inside a subidentifier', bytes: '06 02 2a 86', decode: (b) => decodeOid(parseDer(b)), code: 'BAD_OID' },
  { name: 'X.690 §8.19.2 OID subidentifier with a leading 80 octet', bytes: '06 03 2a 80 01', decode: (b) => decodeOid(parseDer(b)), code: 'BAD_OID' },
  { name: 'X.690 §8.19.2 OID first subidentifier with a leading 80 octet', bytes: '06 02 80 01', decode: (b) => decodeOid(parseDer(b)), code: 'BAD_OID' },
  { name: 'UTF8String with an invalid sequence', bytes: '0c 02 c3 28', decode: (b) => decodeString(parseDer(b)), code: 'BAD_STRING' },
  { name: 'UTF8String with an overlong encoding', bytes: '0c 02 c0 af', decode: (b) => decodeString(parseDer(b)), code: 'BAD_STRING' },
  { name: 'X.680 §41.4 PrintableString with "*"', bytes: '13 01 2a', decode: (b) => decodeString(parseDer(b)), code: 'BAD_STRING' },
  { name: 'a string type we do not decode (BMPString)', bytes: '1e 02 00 41', decode: (b) => decodeString(parseDer(b)), code: 'UNEXPECTED_TAG' },
  { name: 'time decoder given an INTEGER', bytes: '02 01 00', decode: (b) => decodeTime(parseDer(b)), code: 'UNEXPECTED_TAG' },
  { name: 'RFC 5280 §4.1.2.5.1 UTCTime without seconds', bytes: utcTime('4912312359Z'), decode: (b) => decodeTime(parseDer(b)), code: 'BAD_TIME' },
  { name: 'RFC 5280 §4.1.2.5.1 UTCTime with an offset instead of Z', bytes: utcTime('491231235959+0100'), decode: (b) => decodeTime(parseDer(b)), code: 'BAD_TIME' },
  { name: 'RFC 5280 §4.1.2.5.2 GeneralizedTime with fractional seconds', bytes: generalizedTime('20500101000000.5Z'), decode: (b) => decodeTime(parseDer(b)), code: 'BAD_TIME' },
  { name: 'RFC 5280 §4.1.2.5.2 GeneralizedTime without Z', bytes: generalizedTime('20500101000000'), decode: (b) => decodeTime(parseDer(b)), code: 'BAD_TIME' },
  { name: 'UTCTime month 13', bytes: utcTime('491301000000Z'), decode: (b) => decodeTime(parseDer(b)), code: 'BAD_TIME' },
  { name: 'UTCTime month 00', bytes: utcTime('490001000000Z'), decode: (b) => decodeTime(parseDer(b)), code: 'BAD_TIME' },
  { name: 'UTCTime 30 February', bytes: utcTime('490230000000Z'), decode: (b) => decodeTime(parseDer(b)), code: 'BAD_TIME' },
  { name: 'UTCTime 29 February in a common year', bytes: utcTime('490229000000Z'), decode: (b) => decodeTime(parseDer(b)), code: 'BAD_TIME' },
  { name: 'UTCTime day 00', bytes: utcTime('490100000000Z'), decode: (b) => decodeTime(parseDer(b)), code: 'BAD_TIME' },
  { name: 'UTCTime hour 24', bytes: utcTime('491231240000Z'), decode: (b) => decodeTime(parseDer(b)), code: 'BAD_TIME' },
  { name: 'UTCTime minute 60', bytes: utcTime('491231236000Z'), decode: (b) => decodeTime(parseDer(b)), code: 'BAD_TIME' },
  { name: 'UTCTime leap second 60', bytes: utcTime('491231235960Z'), decode: (b) => decodeTime(parseDer(b)), code: 'BAD_TIME' },
  { name: 'UTCTime with a non-digit', bytes: utcTime('49123123595AZ'), decode: (b) => decodeTime(parseDer(b)), code: 'BAD_TIME' },
];

describe('DER reader errors', () => {
  it.each(readerRows)('$name -> $code', ({ bytes, code }) => {
    expect(thrownCode(Asn1ParseError, () => parseDer(hex(bytes)))).toBe(code);
  });

  it(`accepts exactly ${MAX_DEPTH} levels below the top`, () => {
    expect(thrownCode(Asn1ParseError, () => parseDer(hex(nested(MAX_DEPTH + 1))))).toBe('nothing thrown');
  });

  it('readNode allows bytes after the value but still bounds it by the input', () => {
    expect(readNode(hex('05 00 ff ff'), 0).bytesRead).toBe(2);
    expect(thrownCode(Asn1ParseError, () => readNode(hex('ff ff 04 03 00'), 2))).toBe('TRUNCATED');
  });

  it('messages name the protocol and the offset', () => {
    expect(() => parseDer(hex('30 03 02 02 01 02'))).toThrow(/^asn1: .*offset 2/);
  });
});

describe('typed decoder errors', () => {
  it.each(decoderRows)('$name -> $code', ({ bytes, decode, code }) => {
    expect(thrownCode(Asn1ParseError, () => decode(hex(bytes)))).toBe(code);
  });
});
