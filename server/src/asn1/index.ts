/**
 * A small DER (ITU-T X.690 §10, §11) encoder and decoder: just what X.509
 * certificates need (RFC 5280 §4.1), strict on input.
 *
 * - Header: identifier and length octets (header.ts, X.690 §8.1.2, §8.1.3). DER only: definite,
 *   minimal lengths; indefinite (0x80) and non-minimal lengths are rejected.
 * - Reader: parseDer walks a buffer into a tree of Asn1Node, each with its tag and exact
 *   byte range (`raw`, `content`: views, not copies), and SequenceReader takes a SEQUENCE's
 *   components in order (reader.ts).
 * - Types, as encodeX / decodeX pairs: INTEGER (integer.ts, §8.3), BOOLEAN, NULL, BIT STRING
 *   and OCTET STRING (primitives.ts), OBJECT IDENTIFIER as dotted strings (oid.ts, §8.19),
 *   UTF8String and PrintableString (strings.ts), UTCTime and GeneralizedTime with the
 *   RFC 5280 §4.1.2.5 choice between them (time.ts), SEQUENCE, SET OF and EXPLICIT tags (tlv.ts).
 *
 * Decoders throw `Asn1ParseError` with a stable `code`; encoders throw RangeError
 * for values they cannot encode and return Buffers.
 *
 *   import { encodeOid, encodeSequence, encodeNull, parseDer, SequenceReader, decodeOid, Tag } from '#server/asn1/index.ts';
 *
 *   const der = encodeSequence([encodeOid('1.2.840.113549.1.1.11'), encodeNull()]);
 *   const fields = new SequenceReader(parseDer(der), 'AlgorithmIdentifier');
 *   const algorithm = decodeOid(fields.next(Tag.OBJECT_IDENTIFIER, 'algorithm')); // '1.2.840.113549.1.1.11'
 */
export { Asn1ParseError, type Asn1ErrorCode } from './errors.ts';
export {
  Tag,
  contextTag,
  encodeHeader,
  readHeader,
  sameTag,
  tagName,
  type Asn1Header,
  type Asn1Tag,
  type TagClass,
} from './header.ts';
export { MAX_DEPTH, SequenceReader, expectTag, parseDer, readNode, type Asn1Node } from './reader.ts';
export { encodeExplicit, encodeSequence, encodeSet, encodeTlv } from './tlv.ts';
export { decodeInteger, encodeInteger } from './integer.ts';
export {
  decodeBitString,
  decodeBoolean,
  decodeNull,
  decodeOctetString,
  encodeBitString,
  encodeBoolean,
  encodeNull,
  encodeOctetString,
  type BitString,
} from './primitives.ts';
export { decodeOid, encodeOid } from './oid.ts';
export { decodeString, encodePrintableString, encodeUtf8String, isDecodableString } from './strings.ts';
export { decodeTime, encodeGeneralizedTime, encodeTime, encodeUtcTime } from './time.ts';
