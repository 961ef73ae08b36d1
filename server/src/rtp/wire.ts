/**
 * Network-order (big-endian) reads and writes for the RTP codecs.
 *
 * Reads trust the caller to have checked the length (every parser does before
 * its first read). Writes do not check: serializers validate the whole value
 * with `checkUint` first, so a bad field becomes a RangeError naming it rather
 * than a silently masked number on the wire.
 */

export function readU16(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 8) | bytes[offset + 1]!;
}

export function readU32(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>> 0;
}

export function writeU16(buf: Uint8Array, offset: number, value: number): void {
  buf[offset] = value >>> 8;
  buf[offset + 1] = value;
}

export function writeU32(buf: Uint8Array, offset: number, value: number): void {
  buf[offset] = value >>> 24;
  buf[offset + 1] = value >>> 16;
  buf[offset + 2] = value >>> 8;
  buf[offset + 3] = value;
}

/** Throws a RangeError unless `value` is an integer that fits in `bits` unsigned bits. */
export function checkUint(name: string, value: number, bits: number): void {
  if (!Number.isInteger(value) || value < 0 || value >= 2 ** bits) {
    throw new RangeError(`rtp: ${name} must be an integer in [0, ${2 ** bits - 1}], got ${value}`);
  }
}

/** Throws a RangeError unless `buf` has `needed` bytes from `offset`. */
export function checkRoom(buf: Uint8Array, offset: number, needed: number): void {
  if (!Number.isInteger(offset) || offset < 0 || offset + needed > buf.length) {
    throw new RangeError(`rtp: buffer too small (${buf.length} bytes, need ${needed} at offset ${offset})`);
  }
}
