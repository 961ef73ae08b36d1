/**
 * Sequence-number and timestamp arithmetic across wrap-around.
 *
 * RTP sequence numbers (16 bits, RFC 3550 §5.1) and timestamps (32 bits) are
 * serial numbers (RFC 1982 §3): they live on a circle, and "newer" means
 * "less than half the circle ahead". RFC 1982 leaves the exact half-way point
 * undefined; like libwebrtc, we call the numerically larger value newer there,
 * so `isNewer(a, b) === !isNewer(b, a)` for every a ≠ b.
 *
 * The unwrappers turn the 16- or 32-bit values into unbounded integers (the
 * "extended sequence number" of RFC 3550 §6.4.1 and A.1) so that ordinary
 * comparison and subtraction work. They stay exact doubles for 2^53 values:
 * centuries of 90 kHz timestamps.
 */

/** RFC 3550 §5.1: sequence numbers are 16 bits. */
export const SEQUENCE_NUMBER_MODULUS = 0x1_0000;
const TIMESTAMP_MODULUS = 0x1_0000_0000;

/**
 * Signed distance from `from` forward to `to` on a circle of `modulus`: in
 * (-modulus/2, modulus/2), or ±modulus/2 at the half-way point, signed so that
 * the numerically larger value is ahead.
 */
function serialDistance(from: number, to: number, modulus: number): number {
  const half = modulus / 2;
  const forward = (((to - from) % modulus) + modulus) % modulus;
  if (forward < half) return forward;
  if (forward > half) return forward - modulus;
  return to > from ? half : -half;
}

/** Any integer, e.g. an extended (unwrapped) sequence number or `seq + n`, back to 16 bits. */
export function wrapSequenceNumber(value: number): number {
  return ((value % SEQUENCE_NUMBER_MODULUS) + SEQUENCE_NUMBER_MODULUS) % SEQUENCE_NUMBER_MODULUS;
}

/** RFC 1982 §3.2 for 16 bits: whether sequence number `a` comes after `b`. */
export function isNewerSequenceNumber(a: number, b: number): boolean {
  return serialDistance(b, a, SEQUENCE_NUMBER_MODULUS) > 0;
}

/** How many sequence numbers `to` is ahead of `from` (negative when behind), e.g. 65535 → 2 is 3. */
export function sequenceNumberDistance(from: number, to: number): number {
  return serialDistance(from, to, SEQUENCE_NUMBER_MODULUS);
}

/** RFC 1982 §3.2 for 32 bits: whether timestamp `a` comes after `b`. */
export function isNewerTimestamp(a: number, b: number): boolean {
  return serialDistance(b, a, TIMESTAMP_MODULUS) > 0;
}

/** How many clock ticks `to` is ahead of `from` (negative when behind), across the 2^32 wrap. */
export function timestampDistance(from: number, to: number): number {
  return serialDistance(from, to, TIMESTAMP_MODULUS);
}

/**
 * Unwraps a stream of serial numbers into unbounded integers. Each value is
 * placed at the shortest distance from the previous one, so reordering works
 * as long as consecutive values are less than half the circle apart. The first
 * value is returned as is; a value older than the first one, seen before any
 * wrap, comes out negative.
 */
class SerialNumberUnwrapper {
  readonly #modulus: number;
  #last: number | undefined;

  constructor(modulus: number) {
    this.#modulus = modulus;
  }

  unwrap(value: number): number {
    if (this.#last === undefined) {
      this.#last = value;
      return value;
    }
    const lastOnCircle = ((this.#last % this.#modulus) + this.#modulus) % this.#modulus;
    this.#last += serialDistance(lastOnCircle, value, this.#modulus);
    return this.#last;
  }
}

/** 16-bit RTP sequence numbers to extended sequence numbers (RFC 3550 A.1). */
export class SequenceNumberUnwrapper extends SerialNumberUnwrapper {
  constructor() {
    super(SEQUENCE_NUMBER_MODULUS);
  }
}

/** 32-bit RTP timestamps to unbounded clock ticks. */
export class TimestampUnwrapper extends SerialNumberUnwrapper {
  constructor() {
    super(TIMESTAMP_MODULUS);
  }
}
