import { SeededRandom } from '#server/common/fuzz.ts';
import { EXAMPLE_MASKING_KEY, FRAME_VECTORS, HANDSHAKE_EXAMPLE, patternBytes } from '#server/websocket/rfc6455-vectors.ts';
import { describe, expect, it } from 'vitest';
import { FrameError, acceptKey, decodeFrame, encodeFrame, fragmentMessage, maskPayload, type WsFrame } from '../frames.ts';

function hex(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
}

function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** The FrameError code `action` throws, or what it did instead. */
function errorCode(action: () => unknown): string {
  try {
    action();
    return 'no error';
  } catch (error) {
    return error instanceof FrameError ? error.code : `not a FrameError: ${String(error)}`;
  }
}

const text = (value: string): Uint8Array => new TextEncoder().encode(value);

describe('14-websocket: acceptKey', () => {
  it('computes the RFC 6455 §1.3 example', () => {
    expect(acceptKey(HANDSHAKE_EXAMPLE.key)).toBe(HANDSHAKE_EXAMPLE.accept);
  });

  it('depends on the whole key', () => {
    expect(acceptKey('x3JJHMbDL1EzLkh9GBhXDw==')).toBe('HSmrc0sMlYUkAGmm5OPpG2HaGWk=');
  });
});

describe('14-websocket: maskPayload', () => {
  it('masks "Hello" with the §5.7 key into the bytes of the masked example', () => {
    expect(toHex(maskPayload(text('Hello'), EXAMPLE_MASKING_KEY))).toBe('7f9f4d5158');
  });

  it('unmasks with the same key, returns a new array and leaves its input alone', () => {
    const data = patternBytes(37);
    const copy = Uint8Array.from(data);
    const masked = maskPayload(data, Uint8Array.of(1, 2, 3, 4));
    expect(data).toEqual(copy);
    expect(masked).not.toBe(data);
    expect(maskPayload(masked, Uint8Array.of(1, 2, 3, 4))).toEqual(copy);
  });

  it('refuses a key that is not 4 bytes', () => {
    expect(() => maskPayload(text('x'), Uint8Array.of(1, 2, 3))).toThrow(RangeError);
  });
});

describe('14-websocket: the RFC 6455 §5.7 examples', () => {
  for (const vector of FRAME_VECTORS) {
    it(`encodes ${vector.name}`, () => {
      const frame: WsFrame = { fin: vector.fin, opcode: vector.opcode, maskingKey: vector.maskingKey, payload: vector.payload };
      expect(toHex(encodeFrame(frame))).toBe(toHex(vector.wire));
    });

    it(`decodes ${vector.name}`, () => {
      const decoded = decodeFrame(vector.wire, { expectMasked: vector.maskingKey !== undefined });
      expect(decoded?.bytesRead).toBe(vector.wire.length);
      expect(decoded?.frame.fin).toBe(vector.fin);
      expect(decoded?.frame.opcode).toBe(vector.opcode);
      expect(decoded?.frame.maskingKey === undefined ? undefined : toHex(decoded.frame.maskingKey)).toBe(vector.maskingKey === undefined ? undefined : toHex(vector.maskingKey));
      expect(toHex(decoded!.frame.payload)).toBe(toHex(vector.payload));
    });
  }

  it('decodes the masked example without modifying the input', () => {
    const wire = Uint8Array.from(FRAME_VECTORS[1]!.wire);
    decodeFrame(wire, { expectMasked: true });
    expect(toHex(wire)).toBe(toHex(FRAME_VECTORS[1]!.wire));
  });

  it('fragments "Hello" by 3 into the two fragment frames of §5.7', () => {
    const frames = fragmentMessage(0x1, text('Hello'), 3);
    expect(frames.map((frame) => toHex(encodeFrame(frame)))).toEqual([toHex(FRAME_VECTORS[2]!.wire), toHex(FRAME_VECTORS[3]!.wire)]);
  });
});

describe('14-websocket: decodeFrame on a stream', () => {
  it('answers undefined for every prefix of a frame, then the frame', () => {
    for (const vector of FRAME_VECTORS.slice(0, 7)) {
      for (let cut = 0; cut < vector.wire.length; cut++) {
        expect(decodeFrame(vector.wire.subarray(0, cut), { expectMasked: vector.maskingKey !== undefined })).toBeUndefined();
      }
    }
  });

  it('reads one frame from the front and says how far it went', () => {
    const two = new Uint8Array([...FRAME_VECTORS[2]!.wire, ...FRAME_VECTORS[3]!.wire]);
    const first = decodeFrame(two, { expectMasked: false });
    expect(first?.bytesRead).toBe(5);
    const second = decodeFrame(two.subarray(first!.bytesRead), { expectMasked: false });
    expect(new TextDecoder().decode(second!.frame.payload)).toBe('lo');
    expect(second?.frame.opcode).toBe(0);
  });

  it('accepts a longer length encoding than needed (the shortest is asked of senders only)', () => {
    expect(new TextDecoder().decode(decodeFrame(hex('81 7e 0005 48656c6c6f'), { expectMasked: false })!.frame.payload)).toBe('Hello');
  });
});

describe('14-websocket: decodeFrame refuses what RFC 6455 forbids', () => {
  it.each([
    ['RSV1', 'c1 85', true, 'RESERVED_BITS'],
    ['RSV3', '91 85', true, 'RESERVED_BITS'],
    ['opcode 0x3', '83 80', true, 'UNKNOWN_OPCODE'],
    ['opcode 0xB', '8b 80', true, 'UNKNOWN_OPCODE'],
    ['a Ping without FIN', '09 80', true, 'FRAGMENTED_CONTROL_FRAME'],
    ['a Close with a 126 length', '88 fe', true, 'CONTROL_FRAME_TOO_LONG'],
    ['an unmasked frame on a server', '81 05', true, 'UNMASKED_FRAME'],
    ['a masked frame on a client', '81 85', false, 'MASKED_FRAME'],
    ['a 64-bit length with the top bit set', '82 7f 80 00 00 00 00 00 00 05', false, 'BAD_PAYLOAD_LENGTH'],
    ['a 64-bit length of 2^53', '82 7f 00 20 00 00 00 00 00 00', false, 'BAD_PAYLOAD_LENGTH'],
  ])('%s, as soon as the header shows it', (_name, bytes, expectMasked, code) => {
    expect(errorCode(() => decodeFrame(hex(bytes), { expectMasked }))).toBe(code);
  });

  it('checks in the documented order: reserved bits before the opcode, the opcode before the mask', () => {
    expect(errorCode(() => decodeFrame(hex('c3 05'), { expectMasked: true }))).toBe('RESERVED_BITS');
    expect(errorCode(() => decodeFrame(hex('83 05'), { expectMasked: true }))).toBe('UNKNOWN_OPCODE');
    expect(errorCode(() => decodeFrame(hex('09 05'), { expectMasked: true }))).toBe('FRAGMENTED_CONTROL_FRAME');
  });
});

describe('14-websocket: encodeFrame', () => {
  it.each([
    [0, '8200'],
    [125, '827d'],
    [126, '827e007e'],
    [65535, '827effff'],
    [65536, '827f0000000000010000'],
  ])('writes a %i-byte payload with the shortest length: header %s', (length, header) => {
    const wire = encodeFrame({ fin: true, opcode: 0x2, maskingKey: undefined, payload: new Uint8Array(length) });
    expect(wire.length).toBe(header.length / 2 + length);
    expect(toHex(wire.subarray(0, header.length / 2))).toBe(header);
  });

  it('writes FIN = 0 for a fragment and leaves the payload unmodified when masking', () => {
    const payload = text('abcdef');
    const wire = encodeFrame({ fin: false, opcode: 0x1, maskingKey: Uint8Array.of(9, 8, 7, 6), payload });
    expect(toHex(wire.subarray(0, 6))).toBe('018609080706');
    expect(new TextDecoder().decode(payload)).toBe('abcdef');
  });

  it.each([
    ['a reserved opcode', { fin: true, opcode: 0x3, maskingKey: undefined, payload: new Uint8Array(0) }],
    ['a Ping without FIN', { fin: false, opcode: 0x9, maskingKey: undefined, payload: new Uint8Array(0) }],
    ['a Pong of 126 bytes', { fin: true, opcode: 0xa, maskingKey: undefined, payload: new Uint8Array(126) }],
    ['a 2-byte masking key', { fin: true, opcode: 0x1, maskingKey: Uint8Array.of(1, 2), payload: new Uint8Array(1) }],
  ])('refuses %s with a RangeError', (_name, frame) => {
    expect(() => encodeFrame(frame)).toThrow(RangeError);
  });

  it('round-trips random frames through decodeFrame, masked and not', () => {
    const random = new SeededRandom(14);
    for (let i = 0; i < 300; i++) {
      const masked = random.below(2) === 0;
      const opcode = random.pick([0x0, 0x1, 0x2, 0x8, 0x9, 0xa]);
      const control = opcode >= 0x8;
      const length = control ? random.below(126) : random.pick([random.below(126), 126 + random.below(1000), 65536 + random.below(1000)]);
      const frame: WsFrame = { fin: control || random.below(2) === 0, opcode, maskingKey: masked ? random.bytes(4) : undefined, payload: random.bytes(length) };
      const decoded = decodeFrame(encodeFrame(frame), { expectMasked: masked });
      expect(decoded?.frame.fin).toBe(frame.fin);
      expect(decoded?.frame.opcode).toBe(opcode);
      expect(toHex(decoded!.frame.payload)).toBe(toHex(frame.payload));
    }
  });
});

describe('14-websocket: fragmentMessage', () => {
  it('splits into fragments of at most fragmentSize, continuation after the first, FIN on the last', () => {
    const frames = fragmentMessage(0x2, patternBytes(10), 4);
    expect(frames.map((frame) => [frame.fin, frame.opcode, frame.payload.length])).toEqual([
      [false, 0x2, 4],
      [false, 0x0, 4],
      [true, 0x0, 2],
    ]);
    expect(frames.flatMap((frame) => [...frame.payload])).toEqual([...patternBytes(10)]);
  });

  it('sends an empty or small message as one frame', () => {
    expect(fragmentMessage(0x1, new Uint8Array(0), 4).map((frame) => [frame.fin, frame.opcode, frame.payload.length])).toEqual([[true, 0x1, 0]]);
    expect(fragmentMessage(0x1, text('hi'), 4)).toHaveLength(1);
  });

  it('masks frame i with maskingKeys[i], and the masked fragments read back as the message', () => {
    const keys = [Uint8Array.of(1, 1, 1, 1), Uint8Array.of(2, 2, 2, 2)];
    const frames = fragmentMessage(0x1, text('Hello'), 3, keys);
    const wire = frames.map(encodeFrame);
    expect(toHex(wire[0]!)).toBe('0183010101014964' + '6d');
    const decoded = wire.map((bytes) => decodeFrame(bytes, { expectMasked: true })!.frame);
    expect(decoded.map((frame) => toHex(frame.maskingKey!))).toEqual(['01010101', '02020202']);
    expect(new TextDecoder().decode(new Uint8Array(decoded.flatMap((frame) => [...frame.payload])))).toBe('Hello');
  });

  it('refuses control opcodes and sizes below 1', () => {
    expect(() => fragmentMessage(0x9, text('x'), 1)).toThrow(RangeError);
    expect(() => fragmentMessage(0x1, text('x'), 0)).toThrow(RangeError);
  });
});
