/**
 * Whole DER values from a tag and contents, and the constructed types:
 * SEQUENCE (X.690 §8.9), SET (§8.11, §11.6) and EXPLICIT tags (§8.14).
 * Encoders return Buffers and throw RangeError for values they cannot encode.
 */
import { contextTag, encodeHeader, Tag, type Asn1Tag } from './header.ts';

/** Identifier, definite minimal length (X.690 §10.1) and `content`. */
export function encodeTlv(tag: Asn1Tag, content: Uint8Array): Buffer {
  return Buffer.concat([encodeHeader(tag, content.length), content]);
}

/** SEQUENCE / SEQUENCE OF: the components' encodings in the given order (X.690 §8.9, §8.10). */
export function encodeSequence(components: readonly Uint8Array[]): Buffer {
  return encodeTlv(Tag.SEQUENCE, Buffer.concat(components));
}

/**
 * SET OF (X.690 §8.12): DER puts the components in ascending order of their
 * encodings, as octet strings padded with trailing zeros (§11.6). Sorting by
 * bytes also gives a SET of distinct low tags their §10.3 tag order.
 */
export function encodeSet(components: readonly Uint8Array[]): Buffer {
  const sorted = [...components].sort(Buffer.compare);
  return encodeTlv(Tag.SET, Buffer.concat(sorted));
}

/** `[number] EXPLICIT`: a constructed context-specific wrapper around `inner`'s whole encoding (X.690 §8.14.3). */
export function encodeExplicit(number: number, inner: Uint8Array): Buffer {
  return encodeTlv(contextTag(number), inner);
}
