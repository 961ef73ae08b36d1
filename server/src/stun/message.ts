/**
 * A whole STUN message: header fields plus the typed attribute list.
 *
 * RFC 8489 §5 (header, see header.ts) followed by zero or more attributes
 * (§14, see tlv.ts). Receivers act only on the attributes before the integrity
 * and FINGERPRINT attributes close the message (§14.5–§14.7); the rest are
 * dropped by the parser.
 */
import { type StunAttribute, parseAttribute, serializeAttribute } from './attribute.ts';
import { AttributeType, isComprehensionRequired } from './attribute-type.ts';
import type { AttributeContext } from './attributes/codec.ts';
import { MESSAGE_INTEGRITY_SIZE } from './attributes/message-integrity.ts';
import { MESSAGE_INTEGRITY_SHA256_MAX, isValidSha256IntegrityLength } from './attributes/message-integrity-sha256.ts';
import { FINGERPRINT_SIZE, fingerprintCodec } from './attributes/fingerprint.ts';
import { checkUint, copyBytes } from './bytes.ts';
import { fingerprintOf } from './fingerprint.ts';
import { HEADER_SIZE, MAX_BODY_LENGTH, TRANSACTION_ID_SIZE, parseStunHeader, writeStunHeader } from './header.ts';
import { integrityHmac } from './integrity.ts';
import { type StunClass, decodeMessageType, encodeMessageType } from './message-type.ts';
import { ATTRIBUTE_HEADER_SIZE, countsAfter, paddedLength, readAttributeSlots, significantSlots, stageAfter } from './tlv.ts';

export interface StunMessage {
  /** 12 bits; see StunMethod. */
  readonly method: number;
  readonly messageClass: StunClass;
  /** 12 bytes; a response echoes its request's (RFC 8489 §6.3.1.1). */
  readonly transactionId: Uint8Array;
  /** In wire order, without the attributes a receiver must ignore. */
  readonly attributes: readonly StunAttribute[];
}

/**
 * Parses one STUN message (a whole UDP datagram). Throws StunParseError on
 * anything malformed, including a known attribute with an invalid value.
 * Unknown attributes are kept as RAW; see unknownComprehensionRequired().
 * Does not check MESSAGE-INTEGRITY or FINGERPRINT: use verifyMessageIntegrity()
 * and verifyFingerprint() on the same bytes.
 */
export function parseStunMessage(bytes: Uint8Array): StunMessage {
  const header = parseStunHeader(bytes);
  const transactionId = copyBytes(header.transactionId);
  const context = { transactionId };
  const attributes = significantSlots(readAttributeSlots(bytes)).map((slot) => parseAttribute(slot.type, slot.value, context));
  return { ...decodeMessageType(header.type), transactionId, attributes };
}

export interface SerializeOptions {
  /** Append MESSAGE-INTEGRITY (HMAC-SHA1) with this key; see shortTermKey() and longTermKey(). */
  readonly integrityKey?: Uint8Array;
  /**
   * Append MESSAGE-INTEGRITY-SHA256 with this key, after MESSAGE-INTEGRITY if both
   * are asked for. `length` truncates it (16..32 in steps of 4, default 32); only
   * do that where the STUN usage allows it (RFC 8489 §14.6).
   */
  readonly integritySha256?: { readonly key: Uint8Array; readonly length?: number };
  /** Append FINGERPRINT, last (RFC 8489 §14.7). ICE checks need it (RFC 8445 §7.2.4). */
  readonly fingerprint?: boolean;
  /**
   * The value of padding bytes. RFC 8489 §14 says zero (the default); RFC 5389
   * §15 allowed any value, and the RFC 5769 vectors pad with 0x20, so tests set
   * this to reproduce them byte for byte. Received padding is never kept: a
   * parsed message re-serializes with this value.
   */
  readonly paddingByte?: number;
}

/** An attribute appended by serializeStunMessage, whose value depends on the bytes before it. */
interface ClosingAttribute {
  readonly type: number;
  readonly size: number;
  readonly compute: (message: Uint8Array, offset: number) => Uint8Array;
}

function closingAttributes(options: SerializeOptions, context: AttributeContext): ClosingAttribute[] {
  const closing: ClosingAttribute[] = [];
  const { integrityKey, integritySha256, fingerprint } = options;
  if (integrityKey !== undefined) {
    closing.push({
      type: AttributeType.MessageIntegrity,
      size: MESSAGE_INTEGRITY_SIZE,
      compute: (message, offset) => integrityHmac('sha1', integrityKey, message, offset, MESSAGE_INTEGRITY_SIZE),
    });
  }
  if (integritySha256 !== undefined) {
    const size = integritySha256.length ?? MESSAGE_INTEGRITY_SHA256_MAX;
    if (!isValidSha256IntegrityLength(size)) {
      throw new RangeError(`stun: MESSAGE-INTEGRITY-SHA256 length must be 16..32 in steps of 4, got ${size}`);
    }
    closing.push({
      type: AttributeType.MessageIntegritySha256,
      size,
      compute: (message, offset) => integrityHmac('sha256', integritySha256.key, message, offset, size).subarray(0, size),
    });
  }
  if (fingerprint === true) {
    closing.push({
      type: AttributeType.Fingerprint,
      size: FINGERPRINT_SIZE,
      compute: (message, offset) => fingerprintCodec.serialize({ kind: 'FINGERPRINT', value: fingerprintOf(message, offset) }, context),
    });
  }
  return closing;
}

/** Refuses to write an attribute the receiver would have to ignore (RFC 8489 §14.5–§14.7). */
function checkClosingOrder(types: readonly number[]): void {
  let stage = 0;
  for (const type of types) {
    if (!countsAfter(stage, type)) {
      throw new TypeError(
        `stun: attribute 0x${type.toString(16).padStart(4, '0')} would follow MESSAGE-INTEGRITY(-SHA256) or FINGERPRINT and be ignored (RFC 8489 §14.5-§14.7)`,
      );
    }
    stage = stageAfter(stage, type);
  }
}

function writeAttributeHeader(buf: Uint8Array, offset: number, type: number, length: number): void {
  buf[offset] = type >>> 8;
  buf[offset + 1] = type & 0xff;
  buf[offset + 2] = length >>> 8;
  buf[offset + 3] = length & 0xff;
}

/**
 * Serializes `message`: its attributes in order (MESSAGE-INTEGRITY and
 * FINGERPRINT values already in the list are written as they are), then the
 * integrity attributes and FINGERPRINT that `options` ask for, computed over
 * the bytes before them. Throws RangeError/TypeError for values that cannot be
 * encoded or an order a receiver would ignore.
 */
export function serializeStunMessage(message: StunMessage, options: SerializeOptions = {}): Uint8Array {
  if (message.transactionId.length !== TRANSACTION_ID_SIZE) {
    throw new RangeError(`stun: transaction id must be ${TRANSACTION_ID_SIZE} bytes, got ${message.transactionId.length}`);
  }
  const paddingByte = checkUint('padding byte', options.paddingByte ?? 0, 8);
  const context = { transactionId: message.transactionId };
  const encoded = message.attributes.map((attribute) => serializeAttribute(attribute, context));
  const closing = closingAttributes(options, context);
  checkClosingOrder([...encoded.map((a) => a.type), ...closing.map((a) => a.type)]);

  const sizes = [...encoded.map((a) => a.value.length), ...closing.map((a) => a.size)];
  const bodyLength = sizes.reduce((sum, size) => sum + ATTRIBUTE_HEADER_SIZE + paddedLength(size), 0);
  if (bodyLength > MAX_BODY_LENGTH || sizes.some((size) => size > 0xffff)) {
    throw new RangeError(`stun: message body of ${bodyLength} bytes does not fit the 16-bit length`);
  }
  // Every byte that is not padding is written below, so filling first pads.
  const buf = new Uint8Array(HEADER_SIZE + bodyLength).fill(paddingByte);
  writeStunHeader(buf, { type: encodeMessageType(message), length: bodyLength, transactionId: message.transactionId });
  let offset = HEADER_SIZE;
  for (const { type, value } of encoded) {
    writeAttributeHeader(buf, offset, type, value.length);
    buf.set(value, offset + ATTRIBUTE_HEADER_SIZE);
    offset += ATTRIBUTE_HEADER_SIZE + paddedLength(value.length);
  }
  for (const { type, size, compute } of closing) {
    writeAttributeHeader(buf, offset, type, size);
    buf.set(compute(buf, offset), offset + ATTRIBUTE_HEADER_SIZE);
    offset += ATTRIBUTE_HEADER_SIZE + paddedLength(size);
  }
  return buf;
}

/** The first attribute of `kind`, typed; undefined when absent. */
export function findAttribute<Kind extends StunAttribute['kind']>(
  message: StunMessage,
  kind: Kind,
): Extract<StunAttribute, { kind: Kind }> | undefined {
  return message.attributes.find((attribute): attribute is Extract<StunAttribute, { kind: Kind }> => attribute.kind === kind);
}

/**
 * The comprehension-required attribute types (below 0x8000) this package does
 * not understand, each once. RFC 8489 §6.3.1: a server MUST answer such a
 * request with 420 (Unknown Attribute) listing them in UNKNOWN-ATTRIBUTES;
 * a client MUST treat such a response as failed.
 */
export function unknownComprehensionRequired(message: StunMessage): number[] {
  const types = new Set<number>();
  for (const attribute of message.attributes) {
    if (attribute.kind === 'RAW' && isComprehensionRequired(attribute.type)) types.add(attribute.type);
  }
  return [...types];
}
