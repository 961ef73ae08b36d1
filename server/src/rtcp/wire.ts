/**
 * Big-endian reads and range-checked writes shared by the RTCP codecs.
 *
 * Reads trust the caller to have checked the length first (every parser does,
 * before its first read). Writes check the value, because a silently
 * truncated SSRC or sequence number on the wire is far harder to debug than a
 * RangeError naming the field.
 */

export function readU16(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 8) | bytes[offset + 1]!;
}

export function readU24(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 16) | (bytes[offset + 1]! << 8) | bytes[offset + 2]!;
}

/** A 24-bit two's-complement field (cumulative lost, transport-cc reference time). */
export function readS24(bytes: Uint8Array, offset: number): number {
  return (readU24(bytes, offset) << 8) >> 8;
}

export function readS16(bytes: Uint8Array, offset: number): number {
  return (readU16(bytes, offset) << 16) >> 16;
}

export function readU32(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) | readU24(bytes, offset + 1)) >>> 0;
}

export function readU64(bytes: Uint8Array, offset: number): bigint {
  return (BigInt(readU32(bytes, offset)) << 32n) | BigInt(readU32(bytes, offset + 4));
}

function checkRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`rtcp: ${name} must be an integer in [${min}, ${max}], got ${value}`);
  }
}

/** Returns `value` once it is known to fit in `bits` unsigned bits (for fields packed with others). */
export function checkUint(name: string, value: number, bits: number): number {
  checkRange(name, value, 0, 2 ** bits - 1);
  return value;
}

/** Returns `value` once it is known to fit in `bits` two's-complement bits. */
export function checkInt(name: string, value: number, bits: number): number {
  checkRange(name, value, -(2 ** (bits - 1)), 2 ** (bits - 1) - 1);
  return value;
}

export function writeU8(buf: Uint8Array, offset: number, value: number, name: string): void {
  buf[offset] = checkUint(name, value, 8);
}

export function writeU16(buf: Uint8Array, offset: number, value: number, name: string): void {
  checkUint(name, value, 16);
  buf[offset] = value >>> 8;
  buf[offset + 1] = value & 0xff;
}

function putU24(buf: Uint8Array, offset: number, value: number): void {
  buf[offset] = (value >>> 16) & 0xff;
  buf[offset + 1] = (value >>> 8) & 0xff;
  buf[offset + 2] = value & 0xff;
}

export function writeU24(buf: Uint8Array, offset: number, value: number, name: string): void {
  putU24(buf, offset, checkUint(name, value, 24));
}

export function writeS24(buf: Uint8Array, offset: number, value: number, name: string): void {
  putU24(buf, offset, checkInt(name, value, 24) & 0xffffff);
}

export function writeS16(buf: Uint8Array, offset: number, value: number, name: string): void {
  const raw = checkInt(name, value, 16) & 0xffff;
  buf[offset] = raw >>> 8;
  buf[offset + 1] = raw & 0xff;
}

export function writeU32(buf: Uint8Array, offset: number, value: number, name: string): void {
  checkUint(name, value, 32);
  buf[offset] = value >>> 24;
  putU24(buf, offset + 1, value & 0xffffff);
}

export function writeU64(buf: Uint8Array, offset: number, value: bigint, name: string): void {
  if (value < 0n || value > 0xffff_ffff_ffff_ffffn) {
    throw new RangeError(`rtcp: ${name} must fit in 64 bits unsigned, got ${value}`);
  }
  writeU32(buf, offset, Number(value >> 32n), name);
  writeU32(buf, offset + 4, Number(value & 0xffff_ffffn), name);
}

/**
 * A plain Uint8Array copy of `view`. Not `view.slice()`: on a Node Buffer that
 * returns a view, and a parsed packet must not change when the datagram's
 * buffer is reused for the next one.
 */
export function copyBytes(view: Uint8Array): Uint8Array {
  return new Uint8Array(view);
}

/** Rounds `size` up to the next multiple of 4, the RTCP word (RFC 3550 §6.4.1). */
export function padTo32(size: number): number {
  return (size + 3) & ~3;
}
