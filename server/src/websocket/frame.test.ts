/**
 * The frame codec against RFC 6455 §5.7's examples, and every header rule of
 * §5.1, §5.2 and §5.5 that fails a connection, each with its error code.
 */
import { describe, expect, it } from 'vitest';
import { WebSocketError, type WebSocketErrorCode } from './errors.ts';
import { Opcode, frameHeaderSize, parseFrame, parseFrameHeader, serializeFrame } from './frame.ts';
import { FRAME_VECTORS } from './rfc6455-vectors.ts';

function hex(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
}

describe('RFC 6455 §5.7 examples', () => {
  for (const vector of FRAME_VECTORS) {
    it(`parses ${vector.name}`, () => {
      const parsed = parseFrame(vector.wire, { expectMasked: vector.maskingKey !== undefined });
      expect(parsed?.bytesRead).toBe(vector.wire.length);
      expect(parsed?.value.fin).toBe(vector.fin);
      expect(parsed?.value.opcode).toBe(vector.opcode);
      expect(parsed?.value.maskingKey).toEqual(vector.maskingKey);
      expect(Buffer.from(parsed!.value.payload).equals(Buffer.from(vector.payload))).toBe(true);
    });

    it(`serializes ${vector.name}`, () => {
      const wire = serializeFrame({ fin: vector.fin, opcode: vector.opcode as Opcode, maskingKey: vector.maskingKey, payload: vector.payload });
      expect(Buffer.from(wire).equals(Buffer.from(vector.wire))).toBe(true);
    });
  }

  it('does not modify the input when unmasking', () => {
    const masked = FRAME_VECTORS[1]!.wire;
    const copy = Uint8Array.from(masked);
    parseFrame(masked, { expectMasked: true });
    expect(masked).toEqual(copy);
  });

  it('answers undefined until every byte of header and payload is in', () => {
    for (const vector of FRAME_VECTORS.slice(0, 7)) {
      for (let cut = 0; cut < vector.wire.length; cut++) {
        expect(parseFrame(vector.wire.subarray(0, cut), { expectMasked: vector.maskingKey !== undefined })).toBeUndefined();
      }
    }
  });
});

describe('length encodings (RFC 6455 §5.2)', () => {
  it.each([
    [0, 2],
    [125, 2],
    [126, 4],
    [65535, 4],
    [65536, 10],
  ])('a %i-byte payload has a %i-byte unmasked header', (length, size) => {
    expect(frameHeaderSize(length, false)).toBe(size);
    expect(frameHeaderSize(length, true)).toBe(size + 4);
    const wire = serializeFrame({ fin: true, opcode: Opcode.Binary, maskingKey: undefined, payload: new Uint8Array(length) });
    expect(wire.length).toBe(size + length);
    expect(parseFrameHeader(wire, { expectMasked: false })?.value.payloadLength).toBe(length);
  });

  it('accepts a non-minimal length encoding, which the RFC asks only of senders', () => {
    const parsed = parseFrame(hex('81 7e 0005 48656c6c6f'), { expectMasked: false });
    expect(new TextDecoder().decode(parsed!.value.payload)).toBe('Hello');
  });

  it('refuses a frame over maxPayloadLength from its header alone', () => {
    expect(() => parseFrameHeader(hex('82 7f 0000000000100000'), { expectMasked: false, maxPayloadLength: (1 << 20) - 1 })).toThrow(
      expect.objectContaining({ code: 'FRAME_TOO_BIG', closeCode: 1009 }),
    );
  });
});

describe('malformed frames fail the connection with the RFC status code', () => {
  const cases: [string, string, boolean, WebSocketErrorCode, number][] = [
    ['RSV1 set (no extension negotiated, §5.2)', 'c1 80 00000000', true, 'RESERVED_BITS', 1002],
    ['RSV2 set', 'a1 80 00000000', true, 'RESERVED_BITS', 1002],
    ['RSV3 set', '91 80 00000000', true, 'RESERVED_BITS', 1002],
    ['reserved data opcode 0x3 (§5.2)', '83 80 00000000', true, 'UNKNOWN_OPCODE', 1002],
    ['reserved data opcode 0x7', '87 80 00000000', true, 'UNKNOWN_OPCODE', 1002],
    ['reserved control opcode 0xB', '8b 80 00000000', true, 'UNKNOWN_OPCODE', 1002],
    ['reserved control opcode 0xF', '8f 80 00000000', true, 'UNKNOWN_OPCODE', 1002],
    ['fragmented Ping (§5.5)', '09 80 00000000', true, 'FRAGMENTED_CONTROL_FRAME', 1002],
    ['fragmented Close', '08 80 00000000', true, 'FRAGMENTED_CONTROL_FRAME', 1002],
    ['Ping with 126 bytes (§5.5)', '89 fe 007e', true, 'CONTROL_FRAME_TOO_LONG', 1002],
    ['Pong with a 64-bit length', '8a ff 0000000000000001', true, 'CONTROL_FRAME_TOO_LONG', 1002],
    ['unmasked frame from a client (§5.1)', '81 05 48656c6c6f', true, 'UNMASKED_FRAME', 1002],
    ['masked frame from a server (§5.1)', '81 85 37fa213d 7f9f4d5158', false, 'MASKED_FRAME', 1002],
    ['64-bit length with the top bit set (§5.2)', '82 ff 8000000000000000', true, 'BAD_PAYLOAD_LENGTH', 1002],
    ['64-bit length of 2^53 bytes', '82 ff 0020000000000000', true, 'FRAME_TOO_BIG', 1009],
  ];
  it.each(cases)('%s', (_name, wire, expectMasked, code, closeCode) => {
    let caught: unknown;
    try {
      parseFrameHeader(hex(wire), { expectMasked });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(WebSocketError);
    expect(caught).toMatchObject({ code, closeCode });
  });

  it('fails on the first two bytes, before the length or key has arrived', () => {
    expect(() => parseFrameHeader(hex('c1 fe'), { expectMasked: true })).toThrow(expect.objectContaining({ code: 'RESERVED_BITS' }));
    expect(() => parseFrameHeader(hex('81 7f'), { expectMasked: true })).toThrow(expect.objectContaining({ code: 'UNMASKED_FRAME' }));
  });
});

describe('serializeFrame refuses what may not be sent', () => {
  it.each([
    ['a reserved opcode', { fin: true, opcode: 0x3 as Opcode, maskingKey: undefined, payload: new Uint8Array(0) }],
    ['a fragmented control frame', { fin: false, opcode: Opcode.Ping, maskingKey: undefined, payload: new Uint8Array(0) }],
    ['a control frame over 125 bytes', { fin: true, opcode: Opcode.Close, maskingKey: undefined, payload: new Uint8Array(126) }],
    ['a 3-byte masking key', { fin: true, opcode: Opcode.Text, maskingKey: new Uint8Array(3), payload: new Uint8Array(1) }],
  ])('%s', (_name, frame) => {
    expect(() => serializeFrame(frame)).toThrow(RangeError);
  });
});
