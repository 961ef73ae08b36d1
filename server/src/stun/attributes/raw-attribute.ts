/**
 * Any attribute this package does not decode: Chromium's GOOG-* extras
 * (GOOG-NETWORK-INFO 0xC057 on every check), TURN attributes, future ones.
 * Kept byte for byte and written back unchanged.
 *
 * An unknown type below 0x8000 is comprehension-required: the message is still
 * parsed, and `unknownComprehensionRequired()` lists such types so the caller
 * can answer 420 with UNKNOWN-ATTRIBUTES (RFC 8489 §6.3.1.1).
 */
export interface RawAttribute {
  readonly kind: 'RAW';
  readonly type: number;
  readonly value: Uint8Array;
}
