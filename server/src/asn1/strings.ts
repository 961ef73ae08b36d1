/**
 * The character strings RFC 5280 §4.1.2.4 allows in new names: UTF8String
 * (tag 12, X.680 §41.16) and PrintableString (tag 19, X.680 §41.4), both
 * primitive in DER (X.690 §10.2).
 */
import { Asn1ParseError } from './errors.ts';
import { sameTag, Tag, tagName } from './header.ts';
import type { Asn1Node } from './reader.ts';
import { encodeTlv } from './tlv.ts';

/** X.680 §41.4, Table 10: letters, digits, space and ' ( ) + , - . / : = ? */
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;
/** A surrogate without its other half has no UTF-8 encoding (Buffer would write U+FFFD instead). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** fatal: reject invalid UTF-8 rather than substitute; ignoreBOM: keep the contents exactly. */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function encodeUtf8String(text: string): Buffer {
  if (LONE_SURROGATE.test(text)) throw new RangeError('asn1: UTF8String text has a lone surrogate');
  return encodeTlv(Tag.UTF8_STRING, Buffer.from(text, 'utf8'));
}

export function encodePrintableString(text: string): Buffer {
  if (!PRINTABLE.test(text)) throw new RangeError(`asn1: "${text}" has characters outside PrintableString (X.680 §41.4)`);
  return encodeTlv(Tag.PRINTABLE_STRING, Buffer.from(text, 'latin1'));
}

/** True for the string types decodeString reads. */
export function isDecodableString(node: Asn1Node): boolean {
  return sameTag(node.tag, Tag.UTF8_STRING) || sameTag(node.tag, Tag.PRINTABLE_STRING);
}

/** The text of a UTF8String or PrintableString. */
export function decodeString(node: Asn1Node): string {
  const bad = (reason: string) => new Asn1ParseError('BAD_STRING', `asn1: string at offset ${node.offset} ${reason}`);
  if (sameTag(node.tag, Tag.UTF8_STRING)) {
    try {
      return utf8.decode(node.content);
    } catch {
      throw bad('is not valid UTF-8');
    }
  }
  if (sameTag(node.tag, Tag.PRINTABLE_STRING)) {
    const text = Buffer.from(node.content.buffer, node.content.byteOffset, node.content.length).toString('latin1');
    if (!PRINTABLE.test(text)) throw bad('has characters outside PrintableString (X.680 §41.4)');
    return text;
  }
  throw new Asn1ParseError(
    'UNEXPECTED_TAG',
    `asn1: string at offset ${node.offset}: expected UTF8String or PrintableString, got ${tagName(node.tag)}`,
  );
}
