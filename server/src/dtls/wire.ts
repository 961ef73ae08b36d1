/**
 * The TLS presentation language on the wire (RFC 5246 §4): big-endian integers
 * of 8/16/24/48 bits and length-prefixed vectors `opaque x<floor..ceiling>`.
 *
 * `Reader` checks every length before it reads and throws DtlsError naming the
 * message and field ("dtls: ClientHello truncated reading cookie (need 20 bytes at
 * offset 45, have 3)"). Values it returns never alias the input (Node may hand us a
 * pooled Buffer) and are always plain `Uint8Array`s.
 *
 * `Writer` grows as needed. Serializers validate values first and throw RangeError
 * naming the field: a bad value from our own code is a bug, not a peer's fault.
 */
import { DtlsError } from './errors.ts';

/** A `<floor..ceiling>` bound on a vector's byte length (RFC 5246 §4.3). */
export interface VectorBounds {
  readonly min?: number;
  readonly max?: number;
}

export class Reader {
  readonly #bytes: Uint8Array;
  readonly #context: string;
  #offset = 0;

  /** `context` names the structure in error messages, e.g. "ClientHello". */
  constructor(bytes: Uint8Array, context: string) {
    this.#bytes = bytes;
    this.#context = context;
  }

  get offset(): number {
    return this.#offset;
  }

  get remaining(): number {
    return this.#bytes.length - this.#offset;
  }

  #need(count: number, field: string): void {
    if (count > this.remaining) {
      throw new DtlsError(
        'MESSAGE_TRUNCATED',
        `dtls: ${this.#context} truncated reading ${field} (need ${count} bytes at offset ${this.#offset}, have ${this.remaining})`,
      );
    }
  }

  u8(field: string): number {
    this.#need(1, field);
    return this.#bytes[this.#offset++]!;
  }

  u16(field: string): number {
    this.#need(2, field);
    const value = readU16(this.#bytes, this.#offset);
    this.#offset += 2;
    return value;
  }

  u24(field: string): number {
    this.#need(3, field);
    const value = readU24(this.#bytes, this.#offset);
    this.#offset += 3;
    return value;
  }

  /** A copy of the next `count` bytes. */
  bytes(count: number, field: string): Uint8Array {
    this.#need(count, field);
    const value = copyBytes(this.#bytes, this.#offset, this.#offset + count);
    this.#offset += count;
    return value;
  }

  /** `opaque field<min..max>` with a 1-, 2- or 3-byte length prefix. */
  vector(prefixBytes: 1 | 2 | 3, field: string, bounds: VectorBounds = {}): Uint8Array {
    const length = prefixBytes === 1 ? this.u8(field) : prefixBytes === 2 ? this.u16(field) : this.u24(field);
    checkBounds(this.#context, field, length, bounds);
    return this.bytes(length, field);
  }

  /** A vector of vectors, e.g. `ASN.1Cert certificate_list<0..2^24-1>` with `opaque ASN.1Cert<1..2^24-1>`. */
  vectorList(prefixBytes: 1 | 2 | 3, field: string, itemPrefixBytes: 1 | 2 | 3, itemField: string, itemBounds: VectorBounds = {}): Uint8Array[] {
    const list = new Reader(this.vector(prefixBytes, field), `${this.#context} ${field}`);
    const items: Uint8Array[] = [];
    while (list.remaining > 0) items.push(list.vector(itemPrefixBytes, itemField, itemBounds));
    return items;
  }

  /** A vector of 16-bit values (`uint16 field<min..max>`), as numbers. */
  u16List(prefixBytes: 1 | 2, field: string, bounds: VectorBounds = {}): number[] {
    const data = this.vector(prefixBytes, field, bounds);
    if (data.length % 2 !== 0) {
      throw new DtlsError('BAD_VECTOR_LENGTH', `dtls: ${this.#context} ${field} of ${data.length} bytes is not a list of uint16`);
    }
    const values: number[] = [];
    for (let i = 0; i < data.length; i += 2) values.push(readU16(data, i));
    return values;
  }

  /** A vector of 8-bit values, as numbers. */
  u8List(field: string, bounds: VectorBounds = {}): number[] {
    return Array.from(this.vector(1, field, bounds));
  }

  /** Throws TRAILING_BYTES unless everything was read. */
  end(): void {
    if (this.remaining !== 0) {
      throw new DtlsError('TRAILING_BYTES', `dtls: ${this.#context} has ${this.remaining} trailing bytes at offset ${this.#offset}`);
    }
  }
}

/** Reads all of `bytes` with `read`, then throws TRAILING_BYTES if anything is left. */
export function readAll<T>(bytes: Uint8Array, context: string, read: (reader: Reader) => T): T {
  const reader = new Reader(bytes, context);
  const value = read(reader);
  reader.end();
  return value;
}

function checkBounds(context: string, field: string, length: number, { min = 0, max = Infinity }: VectorBounds): void {
  if (length < min || length > max) {
    throw new DtlsError('BAD_VECTOR_LENGTH', `dtls: ${context} ${field} of ${length} bytes, want ${min}..${max}`);
  }
}

export class Writer {
  #buffer: Uint8Array;
  #length = 0;

  constructor(initialCapacity = 256) {
    this.#buffer = new Uint8Array(initialCapacity);
  }

  get length(): number {
    return this.#length;
  }

  #reserve(count: number): number {
    const offset = this.#length;
    if (offset + count > this.#buffer.length) {
      const grown = new Uint8Array(Math.max(this.#buffer.length * 2, offset + count));
      grown.set(this.#buffer.subarray(0, offset));
      this.#buffer = grown;
    }
    this.#length += count;
    return offset;
  }

  u8(field: string, value: number): this {
    checkUint(field, value, 8);
    const offset = this.#reserve(1);
    this.#buffer[offset] = value;
    return this;
  }

  u16(field: string, value: number): this {
    checkUint(field, value, 16);
    const offset = this.#reserve(2);
    writeU16(this.#buffer, offset, value);
    return this;
  }

  u24(field: string, value: number): this {
    checkUint(field, value, 24);
    const offset = this.#reserve(3);
    writeU24(this.#buffer, offset, value);
    return this;
  }

  bytes(value: Uint8Array): this {
    const offset = this.#reserve(value.length); // before reading #buffer, which reserving may replace
    this.#buffer.set(value, offset);
    return this;
  }

  /** `opaque field<min..max>` with a 1-, 2- or 3-byte length prefix. */
  vector(prefixBytes: 1 | 2 | 3, field: string, value: Uint8Array, { min = 0, max = 2 ** (8 * prefixBytes) - 1 }: VectorBounds = {}): this {
    if (value.length < min || value.length > max) {
      throw new RangeError(`dtls: ${field} of ${value.length} bytes, want ${min}..${max}`);
    }
    if (prefixBytes === 1) this.u8(field, value.length);
    else if (prefixBytes === 2) this.u16(field, value.length);
    else this.u24(field, value.length);
    return this.bytes(value);
  }

  /** The counterpart of `Reader.vectorList`. */
  vectorList(prefixBytes: 1 | 2 | 3, field: string, itemPrefixBytes: 1 | 2 | 3, itemField: string, items: readonly Uint8Array[], itemBounds: VectorBounds = {}): this {
    const list = new Writer();
    for (const item of items) list.vector(itemPrefixBytes, itemField, item, itemBounds);
    return this.vector(prefixBytes, field, list.finish());
  }

  u16List(prefixBytes: 1 | 2, field: string, values: readonly number[], bounds: VectorBounds = {}): this {
    const data = new Uint8Array(values.length * 2);
    values.forEach((value, i) => {
      checkUint(`${field}[${i}]`, value, 16);
      writeU16(data, i * 2, value);
    });
    return this.vector(prefixBytes, field, data, bounds);
  }

  u8List(field: string, values: readonly number[], bounds: VectorBounds = {}): this {
    values.forEach((value, i) => checkUint(`${field}[${i}]`, value, 8));
    return this.vector(1, field, Uint8Array.from(values), bounds);
  }

  /** The bytes written so far (a copy owned by the caller). */
  finish(): Uint8Array {
    return this.#buffer.slice(0, this.#length);
  }
}

/** Throws a RangeError unless `value` is an integer that fits in `bits` unsigned bits. */
export function checkUint(name: string, value: number, bits: number): void {
  if (!Number.isInteger(value) || value < 0 || value >= 2 ** bits) {
    throw new RangeError(`dtls: ${name} must be an integer in [0, ${2 ** bits - 1}], got ${value}`);
  }
}

/** Throws a RangeError unless `value` has exactly `length` bytes. */
export function checkLength(name: string, value: Uint8Array, length: number): void {
  if (value.length !== length) throw new RangeError(`dtls: ${name} must be ${length} bytes, got ${value.length}`);
}

export function readU16(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 8) | bytes[offset + 1]!;
}

export function readU24(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 16) | (bytes[offset + 1]! << 8) | bytes[offset + 2]!;
}

/** A 48-bit value (RFC 6347 sequence_number); exact, since 2^48 < 2^53. */
export function readU48(bytes: Uint8Array, offset: number): number {
  const low = ((readU16(bytes, offset + 2) << 16) | readU16(bytes, offset + 4)) >>> 0;
  return readU16(bytes, offset) * 2 ** 32 + low;
}

export function writeU16(buf: Uint8Array, offset: number, value: number): void {
  buf[offset] = value >>> 8;
  buf[offset + 1] = value;
}

export function writeU24(buf: Uint8Array, offset: number, value: number): void {
  buf[offset] = value >>> 16;
  buf[offset + 1] = value >>> 8;
  buf[offset + 2] = value;
}

export function writeU48(buf: Uint8Array, offset: number, value: number): void {
  const high = Math.floor(value / 2 ** 32);
  writeU16(buf, offset, high);
  const low = value >>> 0;
  writeU16(buf, offset + 2, low >>> 16);
  writeU16(buf, offset + 4, low & 0xffff);
}

/**
 * A plain `Uint8Array` copy of `bytes[start, end)`. Not `bytes.slice()`: on a Node
 * Buffer that returns a view sharing memory with the (possibly pooled) original.
 */
export function copyBytes(bytes: Uint8Array, start = 0, end = bytes.length): Uint8Array {
  return new Uint8Array(bytes.subarray(start, end));
}

/** Concatenates byte strings into a new plain `Uint8Array`. */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
