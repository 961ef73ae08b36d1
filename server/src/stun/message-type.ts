/**
 * The STUN message type: a 12-bit method and a 2-bit class, interleaved.
 *
 * RFC 8489 §5, Figure 3 (the 14 bits after the two leading zeros):
 *
 *        0                 1
 *        2  3  4 5 6 7 8 9 0 1 2 3 4 5
 *       +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
 *       |M |M |M|M|M|C|M|M|M|C|M|M|M|M|
 *       |11|10|9|8|7|1|6|5|4|0|3|2|1|0|
 *       +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The split exists so that the class bits stay out of the method number while
 * the wire value of a Binding request is still 0x0001, as in RFC 3489.
 */
import { checkUint } from './bytes.ts';

/** RFC 8489 §5: the four classes, by their two bits C1C0. */
export type StunClass = 'request' | 'indication' | 'success-response' | 'error-response';

const CLASS_BY_BITS: readonly StunClass[] = ['request', 'indication', 'success-response', 'error-response'];

/** Methods from the IANA registry (RFC 8489 §18.2, RFC 8656 §17). Any 12-bit value parses. */
export const StunMethod = {
  Binding: 0x001,
  Allocate: 0x003,
  Refresh: 0x004,
  Send: 0x006,
  Data: 0x007,
  CreatePermission: 0x008,
  ChannelBind: 0x009,
} as const;

export interface StunMessageType {
  /** 12 bits. */
  readonly method: number;
  readonly messageClass: StunClass;
}

const METHOD_LOW = 0x000f; // M0–M3 stay in place
const METHOD_MID = 0x0070; // M4–M6 move up one bit, past C0
const METHOD_HIGH = 0x0f80; // M7–M11 move up two bits, past C0 and C1
const C0_BIT = 0x0010;
const C1_BIT = 0x0100;

/** The 14-bit type field for `method` and `messageClass` (RFC 8489 §5). */
export function encodeMessageType({ method, messageClass }: StunMessageType): number {
  checkUint('method', method, 12);
  const classBits = CLASS_BY_BITS.indexOf(messageClass);
  if (classBits < 0) throw new RangeError(`stun: unknown message class ${String(messageClass)}`);
  return (
    (method & METHOD_LOW) |
    ((method & METHOD_MID) << 1) |
    ((method & METHOD_HIGH) << 2) |
    ((classBits & 1) !== 0 ? C0_BIT : 0) |
    ((classBits & 2) !== 0 ? C1_BIT : 0)
  );
}

/** Splits a 14-bit type field into method and class; every value decodes. */
export function decodeMessageType(type: number): StunMessageType {
  const method = (type & METHOD_LOW) | ((type >> 1) & METHOD_MID) | ((type >> 2) & METHOD_HIGH);
  const classBits = ((type & C0_BIT) !== 0 ? 1 : 0) | ((type & C1_BIT) !== 0 ? 2 : 0);
  return { method, messageClass: CLASS_BY_BITS[classBits]! };
}
