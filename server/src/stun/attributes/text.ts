/**
 * UTF-8 text values: USERNAME, REALM, NONCE, SOFTWARE and the ERROR-CODE reason.
 *
 * Decoding is strict: a value that is not UTF-8 is rejected (`BAD_UTF8`) rather
 * than patched with U+FFFD, so two different USERNAME byte strings can never
 * decode to the same credential lookup key, and parse → serialize gives back
 * the same bytes. A leading byte-order mark is kept as U+FEFF for the same reason.
 *
 * Length limits are the receiving limits of each attribute, applied both ways so
 * that anything this package sends it would also accept.
 */
import { StunParseError, requireAttributeLength } from '../errors.ts';
import type { AttributeCodec } from './codec.ts';

export interface TextAttribute<Kind extends string> {
  readonly kind: Kind;
  readonly value: string;
}

/**
 * RFC 8489 §14.9, §14.10, §14.14, §14.8: fewer than 128 characters, "which can be
 * as long as 763 bytes when decoding them".
 */
export const MAX_TEXT_BYTES = 763;

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

export function parseText(value: Uint8Array, name: string, maxBytes: number): string {
  requireAttributeLength(value.length <= maxBytes, name, value.length, `at most ${maxBytes}`);
  try {
    return decoder.decode(value);
  } catch (error) {
    throw new StunParseError('BAD_UTF8', `stun: ${name} is not UTF-8`, { cause: error });
  }
}

export function serializeText(text: string, name: string, maxBytes: number): Uint8Array {
  const bytes = encoder.encode(text);
  if (bytes.length > maxBytes) throw new RangeError(`stun: ${name} is ${bytes.length} bytes, at most ${maxBytes} allowed`);
  return bytes;
}

/** The codec of an attribute whose whole value is one text. */
export function textCodec<Kind extends string>(kind: Kind, type: number, maxBytes: number): AttributeCodec<TextAttribute<Kind>> {
  return {
    type,
    kind,
    parse: (value) => ({ kind, value: parseText(value, kind, maxBytes) }),
    serialize: (attribute) => serializeText(attribute.value, kind, maxBytes),
  };
}
