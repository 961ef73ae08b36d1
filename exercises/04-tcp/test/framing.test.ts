import { describe, expect, it } from 'vitest';
import { FrameDecoder, FrameError, encodeFrame } from '../framing.ts';
import { frame, header, randomBytes, seededRandom } from './wire.ts';

/** The FrameError code `action` throws, or a description of what it did instead. */
function frameErrorCode(action: () => unknown): string {
  try {
    action();
    return 'no error';
  } catch (error) {
    return error instanceof FrameError ? error.code : `not a FrameError: ${String(error)}`;
  }
}

/** Pushes the chunks one by one and returns every message, as text. */
function decodeAll(decoder: FrameDecoder, chunks: readonly Uint8Array[]): string[] {
  return chunks.flatMap((chunk) => decoder.push(chunk).map((message) => message.toString('latin1')));
}

describe('04-tcp: encodeFrame', () => {
  it('writes a 4-byte big-endian length, then the payload', () => {
    expect([...encodeFrame(Buffer.from('hi'))]).toEqual([0x00, 0x00, 0x00, 0x02, 0x68, 0x69]);
    expect([...encodeFrame(Buffer.alloc(300)).subarray(0, 4)]).toEqual([0x00, 0x00, 0x01, 0x2c]);
    expect([...encodeFrame(Buffer.alloc(0x01_02_03)).subarray(0, 4)]).toEqual([0x00, 0x01, 0x02, 0x03]);
  });

  it('encodes an empty payload as a bare header', () => {
    expect([...encodeFrame(new Uint8Array(0))]).toEqual([0, 0, 0, 0]);
  });

  it('refuses a payload over the limit with FRAME_TOO_LARGE, and accepts one exactly at it', () => {
    expect(frameErrorCode(() => encodeFrame(Buffer.alloc(11), { maxMessageSize: 10 }))).toBe('FRAME_TOO_LARGE');
    expect(frameErrorCode(() => encodeFrame(Buffer.alloc(1024 * 1024 + 1)))).toBe('FRAME_TOO_LARGE');
    expect(encodeFrame(Buffer.alloc(10), { maxMessageSize: 10 }).length).toBe(14);
  });
});

describe('04-tcp: FrameDecoder', () => {
  const stream = Buffer.concat([frame('first'), frame(''), frame('the third message')]);
  const expected = ['first', '', 'the third message'];

  it('decodes a frame pushed whole', () => {
    expect(decodeAll(new FrameDecoder(), [frame('hello')])).toEqual(['hello']);
  });

  it('decodes a stream delivered one byte at a time', () => {
    const decoder = new FrameDecoder();
    const bytes = [...stream].map((byte) => Uint8Array.of(byte));
    expect(decodeAll(decoder, bytes)).toEqual(expected);
  });

  it('returns every message of a chunk that holds many frames (coalesced writes)', () => {
    const messages = Array.from({ length: 100 }, (_, i) => `message ${i}`);
    const decoder = new FrameDecoder();
    expect(decoder.push(Buffer.concat(messages.map((m) => frame(m)))).map(String)).toEqual(messages);
  });

  it('reassembles the stream split into two chunks at every possible offset', () => {
    for (let offset = 0; offset <= stream.length; offset += 1) {
      const decoder = new FrameDecoder();
      const decoded = decodeAll(decoder, [stream.subarray(0, offset), stream.subarray(offset)]);
      expect(decoded, `split at byte ${offset}`).toEqual(expected);
    }
  });

  it('returns nothing until a frame is complete, then exactly that frame', () => {
    const decoder = new FrameDecoder();
    const whole = frame('abcdef');
    expect(decoder.push(whole.subarray(0, 2))).toEqual([]);
    expect(decoder.push(whole.subarray(2, 7))).toEqual([]);
    expect(decoder.push(whole.subarray(7)).map(String)).toEqual(['abcdef']);
  });

  it('delivers zero-length messages as empty buffers', () => {
    const decoded = new FrameDecoder().push(Buffer.concat([frame(''), frame(''), frame('')]));
    expect(decoded.map((message) => message.length)).toEqual([0, 0, 0]);
  });

  it('decodes a long seeded-random stream cut at random points', () => {
    const random = seededRandom(0x04_7c_9);
    const messages = Array.from({ length: 200 }, () => randomBytes(random, Math.floor(random() * 3000)));
    const wire = Buffer.concat(messages.map((m) => frame(m)));
    const chunks: Buffer[] = [];
    for (let offset = 0; offset < wire.length; ) {
      const size = 1 + Math.floor(random() * 5000);
      chunks.push(wire.subarray(offset, offset + size));
      offset += size;
    }
    const decoder = new FrameDecoder();
    const decoded = chunks.flatMap((chunk) => decoder.push(chunk));
    expect(decoded.length).toBe(messages.length);
    decoded.forEach((message, i) => expect(message.equals(messages[i]!), `message ${i}`).toBe(true));
  });

  it('rejects an oversized length as soon as the header is in, without waiting for the body', () => {
    const decoder = new FrameDecoder({ maxMessageSize: 1000 });
    expect(decoder.push(header(1001).subarray(0, 2))).toEqual([]);
    expect(frameErrorCode(() => decoder.push(header(1001).subarray(2)))).toBe('FRAME_TOO_LARGE');
    expect(frameErrorCode(() => new FrameDecoder().push(header(0xffff_ffff)))).toBe('FRAME_TOO_LARGE');
  });

  it('accepts a message of exactly maxMessageSize', () => {
    const decoder = new FrameDecoder({ maxMessageSize: 1000 });
    expect(decoder.push(frame(Buffer.alloc(1000, 7))).map((m) => m.length)).toEqual([1000]);
  });

  it('keeps failing after FRAME_TOO_LARGE: the stream has lost sync', () => {
    const decoder = new FrameDecoder({ maxMessageSize: 8 });
    expect(frameErrorCode(() => decoder.push(header(9)))).toBe('FRAME_TOO_LARGE');
    expect(frameErrorCode(() => decoder.push(frame('ok')))).toBe('FRAME_TOO_LARGE');
    expect(frameErrorCode(() => decoder.end())).toBe('FRAME_TOO_LARGE');
  });

  it('end() accepts a stream that stops on a frame boundary', () => {
    const decoder = new FrameDecoder();
    expect(decoder.push(Buffer.concat([frame('x'), frame('')])).length).toBe(2);
    expect(frameErrorCode(() => decoder.end())).toBe('no error');
    expect(frameErrorCode(() => new FrameDecoder().end())).toBe('no error');
  });

  const truncations: Array<{ name: string; bytes: Buffer }> = [
    { name: 'inside a header', bytes: header(5).subarray(0, 3) },
    { name: 'right after a header announcing a payload', bytes: header(5) },
    { name: 'inside a payload', bytes: frame('hello').subarray(0, 7) },
    { name: 'inside the second frame', bytes: Buffer.concat([frame('one'), frame('two').subarray(0, 5)]) },
  ];
  for (const { name, bytes } of truncations) {
    it(`end() reports TRUNCATED_FRAME when the stream stops ${name}`, () => {
      const decoder = new FrameDecoder();
      decoder.push(bytes);
      expect(frameErrorCode(() => decoder.end())).toBe('TRUNCATED_FRAME');
    });
  }
});
