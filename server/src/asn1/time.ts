/**
 * UTCTime (X.690 §11.8) and GeneralizedTime (§11.7), in the only forms
 * RFC 5280 allows in certificates:
 *
 *   UTCTime          YYMMDDHHMMSSZ     §4.1.2.5.1: Zulu, with seconds; YY >= 50 is 19YY, else 20YY
 *   GeneralizedTime  YYYYMMDDHHMMSSZ   §4.1.2.5.2: Zulu, with seconds, no fractional seconds
 *
 * RFC 5280 §4.1.2.5: "CAs conforming to this profile MUST always encode
 * certificate validity dates through the year 2049 as UTCTime; certificate
 * validity dates in 2050 or later MUST be encoded as GeneralizedTime.
 * Conforming applications MUST be able to process validity dates that are
 * encoded in either UTCTime or GeneralizedTime."
 *
 * Encoders drop milliseconds (the forms have none), so a Date round-trips to
 * its whole second.
 */
import { Asn1ParseError } from './errors.ts';
import { sameTag, Tag, tagName } from './header.ts';
import type { Asn1Node } from './reader.ts';
import { encodeTlv } from './tlv.ts';

const UTC_TIME = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;
const GENERALIZED_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;
/** RFC 5280 §4.1.2.5.1: two-digit years 50..99 are 1950..1999, 00..49 are 2000..2049. */
const UTC_TIME_FIRST_YEAR = 1950;
const UTC_TIME_LAST_YEAR = 2049;
const LAST_FOUR_DIGIT_YEAR = 9999;

export function encodeUtcTime(date: Date): Buffer {
  const year = yearOf(date);
  if (year < UTC_TIME_FIRST_YEAR || year > UTC_TIME_LAST_YEAR) {
    throw new RangeError(`asn1: UTCTime holds ${UTC_TIME_FIRST_YEAR}..${UTC_TIME_LAST_YEAR}, got ${year}`);
  }
  return encodeTlv(Tag.UTC_TIME, Buffer.from(`${digits(year % 100, 2)}${monthToSecond(date)}Z`, 'latin1'));
}

export function encodeGeneralizedTime(date: Date): Buffer {
  const year = yearOf(date);
  if (year < 0 || year > LAST_FOUR_DIGIT_YEAR) throw new RangeError(`asn1: GeneralizedTime holds 0..9999, got ${year}`);
  return encodeTlv(Tag.GENERALIZED_TIME, Buffer.from(`${digits(year, 4)}${monthToSecond(date)}Z`, 'latin1'));
}

/** RFC 5280 §4.1.2.5's choice: UTCTime through 2049, GeneralizedTime from 2050 (and before 1950, which UTCTime cannot hold). */
export function encodeTime(date: Date): Buffer {
  const year = yearOf(date);
  return year >= UTC_TIME_FIRST_YEAR && year <= UTC_TIME_LAST_YEAR ? encodeUtcTime(date) : encodeGeneralizedTime(date);
}

function yearOf(date: Date): number {
  if (Number.isNaN(date.getTime())) throw new RangeError('asn1: cannot encode an invalid Date');
  return date.getUTCFullYear();
}

function digits(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function monthToSecond(date: Date): string {
  return [date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()]
    .map((field) => digits(field, 2))
    .join('');
}

type SixFields = [number, number, number, number, number, number];

/** A UTCTime or GeneralizedTime (the Time CHOICE of RFC 5280 §4.1). */
export function decodeTime(node: Asn1Node): Date {
  const isUtc = sameTag(node.tag, Tag.UTC_TIME);
  if (!isUtc && !sameTag(node.tag, Tag.GENERALIZED_TIME)) {
    throw new Asn1ParseError(
      'UNEXPECTED_TAG',
      `asn1: time at offset ${node.offset}: expected UTC TIME or GENERALIZED TIME, got ${tagName(node.tag)}`,
    );
  }
  const text = Buffer.from(node.content.buffer, node.content.byteOffset, node.content.length).toString('latin1');
  const match = (isUtc ? UTC_TIME : GENERALIZED_TIME).exec(text);
  const bad = (reason: string) =>
    new Asn1ParseError('BAD_TIME', `asn1: ${isUtc ? 'UTCTime' : 'GeneralizedTime'} at offset ${node.offset} ${reason}`);
  if (match === null) throw bad(`is not ${isUtc ? 'YYMMDDHHMMSSZ' : 'YYYYMMDDHHMMSSZ'} (RFC 5280 §4.1.2.5)`);
  const [written, month, day, hour, minute, second] = match.slice(1).map(Number) as SixFields;
  const year = isUtc ? (written >= UTC_TIME_FIRST_YEAR % 100 ? 1900 : 2000) + written : written;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  // Date rolls 31 April over to 1 May and 24:00 to the next day; a real time survives unchanged.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    throw bad(`is not a real date and time: "${text}"`);
  }
  return date;
}
