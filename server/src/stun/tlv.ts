/**
 * The attribute framing: type, length, value, padding.
 *
 * RFC 8489 §14, Figure 4:
 *
 *        0                   1                   2                   3
 *        0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       |         Type                  |            Length             |
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       |                         Value (variable)                ....
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Length is the value's size before padding; each value is padded to a
 * multiple of 4 bytes, and the padding is ignored on receipt (RFC 8489 §14).
 */
import { AttributeType } from './attribute-type.ts';
import { viewOf } from './bytes.ts';
import { StunParseError } from './errors.ts';
import { HEADER_SIZE } from './header.ts';

export const ATTRIBUTE_HEADER_SIZE = 4;

/** One attribute as found in the raw message. */
export interface AttributeSlot {
  readonly type: number;
  /** Where the attribute's 4-byte header starts in the message. */
  readonly offset: number;
  /** The value, without padding (a view into the message). */
  readonly value: Uint8Array;
}

export function paddedLength(length: number): number {
  return (length + 3) & ~3;
}

/**
 * Walks every attribute of a message whose header was already checked (so the
 * body is a whole number of words and ends exactly at `message.length`).
 */
export function readAttributeSlots(message: Uint8Array): AttributeSlot[] {
  const view = viewOf(message);
  const slots: AttributeSlot[] = [];
  let offset = HEADER_SIZE;
  while (offset < message.length) {
    // The body is whole words, so a started attribute always has its 4-byte header.
    const type = view.getUint16(offset);
    const length = view.getUint16(offset + 2);
    const valueStart = offset + ATTRIBUTE_HEADER_SIZE;
    const next = valueStart + paddedLength(length);
    if (next > message.length) {
      throw new StunParseError(
        'ATTRIBUTE_TRUNCATED',
        `stun: attribute 0x${type.toString(16).padStart(4, '0')} at offset ${offset} needs ${next - offset} bytes, ${message.length - offset} left`,
      );
    }
    slots.push({ type, offset, value: message.subarray(valueStart, valueStart + length) });
    offset = next;
  }
  return slots;
}

/**
 * The integrity attributes close the message in a fixed order: MESSAGE-INTEGRITY,
 * then MESSAGE-INTEGRITY-SHA256, then FINGERPRINT. Each has a rank; once one is
 * seen, only attributes of a higher rank still count.
 */
function closingRank(type: number): number {
  switch (type) {
    case AttributeType.MessageIntegrity:
      return 1;
    case AttributeType.MessageIntegritySha256:
      return 2;
    case AttributeType.Fingerprint:
      return 3;
    default:
      return 0;
  }
}

/**
 * Whether an attribute of `type` counts after the attributes whose highest
 * closing rank is `stage` (0 before any integrity attribute or FINGERPRINT):
 * - RFC 8489 §14.5: after MESSAGE-INTEGRITY, all but MESSAGE-INTEGRITY-SHA256 and FINGERPRINT MUST be ignored;
 * - RFC 8489 §14.6: after MESSAGE-INTEGRITY-SHA256, all but FINGERPRINT MUST be ignored;
 * - RFC 8489 §14.7: FINGERPRINT MUST be last, so nothing after it counts either.
 */
export function countsAfter(stage: number, type: number): boolean {
  return stage === 0 || closingRank(type) > stage;
}

/** The stage reached after an attribute of `type` (see countsAfter). */
export function stageAfter(stage: number, type: number): number {
  return Math.max(stage, closingRank(type));
}

/** The slots a receiver acts on: those the ordering rules above do not make it ignore. */
export function significantSlots(slots: readonly AttributeSlot[]): AttributeSlot[] {
  const kept: AttributeSlot[] = [];
  let stage = 0;
  for (const slot of slots) {
    if (!countsAfter(stage, slot.type)) continue;
    kept.push(slot);
    stage = stageAfter(stage, slot.type);
  }
  return kept;
}
