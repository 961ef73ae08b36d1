/**
 * Small byte helpers shared by the STUN codecs. Reads go through DataView
 * (network order is its default); every caller checks lengths first.
 */
import { timingSafeEqual } from 'node:crypto';

export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * A plain, owned copy. Parsed values never alias the caller's datagram (Node may
 * hand us a Buffer from a pool) and are always `Uint8Array`, never `Buffer`.
 */
export function copyBytes(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

/** Compares two MACs without leaking where they differ (a timing oracle on MESSAGE-INTEGRITY). */
export function macEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Throws a RangeError unless `value` is an integer that fits in `bits` unsigned bits. */
export function checkUint(name: string, value: number, bits: number): number {
  if (!Number.isInteger(value) || value < 0 || value >= 2 ** bits) {
    throw new RangeError(`stun: ${name} must be an integer in [0, ${2 ** bits - 1}], got ${value}`);
  }
  return value;
}
