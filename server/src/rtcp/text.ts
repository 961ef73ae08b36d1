/**
 * UTF-8 text fields (SDES items, BYE reason). RFC 3550 §6.5 makes the text
 * UTF-8; decoding is fatal so that a parsed string always re-encodes to the
 * bytes it came from (a replacement character would triple a byte and could
 * push an item past its 255-byte limit).
 */
import { RtcpParseError } from './errors.ts';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/** The longest text an 8-bit length field can announce. */
export const MAX_TEXT_LENGTH = 255;

export function decodeText(bytes: Uint8Array, what: string): string {
  try {
    return decoder.decode(bytes);
  } catch (error) {
    throw new RtcpParseError('BAD_TEXT', `rtcp: ${what} is not UTF-8`, { cause: error });
  }
}

/** UTF-8 byte length of `text`, checked against the 8-bit length field. */
export function textLength(text: string, what: string): number {
  const length = Buffer.byteLength(text, 'utf8');
  if (length > MAX_TEXT_LENGTH) throw new RangeError(`rtcp: ${what} is ${length} bytes of UTF-8 > ${MAX_TEXT_LENGTH}`);
  return length;
}

/** Writes the length octet then the UTF-8 bytes; returns the bytes written. */
export function writeLengthPrefixedText(buf: Uint8Array, offset: number, text: string, what: string): number {
  const length = textLength(text, what);
  buf[offset] = length;
  encoder.encodeInto(text, buf.subarray(offset + 1, offset + 1 + length));
  return 1 + length;
}
