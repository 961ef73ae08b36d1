/**
 * What every attribute module provides: its type number, the `kind` that tags
 * its parsed value, and a parse/serialize pair over the value bytes (without
 * the 4-byte attribute header and without padding; see tlv.ts).
 */

/** What some values are encoded against: XOR-MAPPED-ADDRESS mixes in the transaction id (RFC 8489 §14.2). */
export interface AttributeContext {
  readonly transactionId: Uint8Array;
}

export interface AttributeCodec<A extends { readonly kind: string }> {
  readonly type: number;
  readonly kind: A['kind'];
  /** Throws StunParseError for a value the attribute's definition forbids. */
  parse(value: Uint8Array, context: AttributeContext): A;
  /** Throws RangeError for a field that cannot be encoded. */
  serialize(attribute: A, context: AttributeContext): Uint8Array;
}
