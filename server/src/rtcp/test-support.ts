import { expect, it } from 'vitest';
import { RtcpParseError, type RtcpErrorCode } from './errors.ts';
import type { PacketCodec } from './header.ts';

/**
 * Test helpers for the RTCP tables. Packets are written as commented hex, one
 * field per line, so a row reads like the RFC diagram it was built from:
 *
 *   hex`
 *     80 c9 00 01   // V=2 P=0 RC=0, PT=RR, length=1
 *     00 00 00 01   // ssrc=1
 *   `
 *
 * and each packet type runs the same three tables (itParsesAndWrites,
 * itRejects, itRefusesToSerialize).
 */
export function hex(strings: TemplateStringsArray, ...values: unknown[]): Uint8Array {
  const text = String.raw({ raw: strings }, ...values)
    .replace(/\/\/[^\n]*/g, '')
    .replace(/\s+/g, '');
  if (!/^(?:[0-9a-f]{2})*$/i.test(text)) throw new Error(`test-support: not whole hex bytes: ${text}`);
  return new Uint8Array(Buffer.from(text, 'hex'));
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

export interface CodecRow<P> {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly want: P;
}

/**
 * One test per row: `bytes` parses to `want`, and `want` serializes back to
 * exactly `bytes` through serializedSize + serializeInto at an offset, the way
 * the compound writer uses them.
 */
export function itParsesAndWrites<P>(codec: PacketCodec<P>, rows: readonly CodecRow<P>[]): void {
  it.each(rows)('$name', ({ bytes, want }) => {
    expect(codec.parse(bytes)).toEqual(want);
    const size = codec.serializedSize(want);
    const buf = new Uint8Array(size + 3);
    expect(codec.serializeInto(want, buf, 3)).toBe(size);
    expect(toHex(buf.subarray(3))).toBe(toHex(bytes));
  });
}

/** One test per row: parsing `bytes` throws RtcpParseError with `code`. */
export function itRejects(parse: (bytes: Uint8Array) => unknown, rows: readonly { name: string; bytes: Uint8Array; code: RtcpErrorCode }[]): void {
  it.each(rows)('rejects $name with $code', ({ bytes, code }) => {
    expect(() => parse(bytes)).toThrow(RtcpParseError);
    expect(() => parse(bytes)).toThrow(expect.objectContaining({ code }));
  });
}

/** One test per row: serializing `packet` throws RangeError instead of writing a wrong packet. */
export function itRefusesToSerialize<P>(serialize: (packet: P) => Uint8Array, rows: readonly { name: string; packet: P }[]): void {
  it.each(rows)('refuses to serialize $name', ({ packet }) => {
    expect(() => serialize(packet)).toThrow(RangeError);
  });
}
