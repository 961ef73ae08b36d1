import { describe, expect, it } from 'vitest';
import { SeededRandom, mutate } from '#server/common/fuzz.ts';
import { SEGMENT_HEADER_SIZE, SegmentError, decodeSegment, encodeAck, encodeData } from './segment.ts';

describe('segment codec', () => {
  it('round-trips DATA and ACK segments', () => {
    const data = encodeData(0xfffffffe, 0x01020304, Buffer.from('payload'), true);
    expect(data.subarray(0, SEGMENT_HEADER_SIZE).toString('hex')).toBe('52010100fffffffe01020304');
    expect(decodeSegment(data)).toEqual({ type: 'data', sequence: 0xfffffffe, timestamp: 0x01020304, end: true, payload: Buffer.from('payload') });
    expect(decodeSegment(encodeData(7, 0, Buffer.alloc(0)))).toMatchObject({ type: 'data', sequence: 7, end: false, payload: Buffer.alloc(0) });
    const ack = encodeAck(874, 2 ** 32 - 1);
    expect(ack.toString('hex')).toBe('520200000000036affffffff');
    expect(decodeSegment(ack)).toEqual({ type: 'ack', ack: 874, timestampEcho: 2 ** 32 - 1 });
  });

  it.each([
    ['TOO_SHORT', '52010000000000'],
    ['BAD_MAGIC', '53010000000000010000000000'],
    ['UNKNOWN_TYPE', '52030000000000010000000000'],
    ['BAD_FLAGS', '52010200000000010000000000'],
    ['BAD_FLAGS', '52020100000000010000000000'.slice(0, 24)],
    ['BAD_FLAGS', '52010001000000010000000000'],
    ['TRAILING_BYTES', '52020000000000010000000000'],
  ])('rejects a broken segment with %s', (code, hex) => {
    expect(() => decodeSegment(Buffer.from(hex, 'hex'))).toThrow(expect.objectContaining({ code }));
  });

  it('refuses to encode a number that does not fit in 32 bits', () => {
    expect(() => encodeAck(2 ** 32, 0)).toThrow(RangeError);
    expect(() => encodeData(-1, 0, Buffer.alloc(0))).toThrow(RangeError);
  });

  it('fuzz: random and mutated datagrams only ever raise SegmentError', () => {
    const random = new SeededRandom(0x08_0d);
    const valid = [encodeData(3, 77, Buffer.from('hello'), true), encodeAck(4, 77)];
    const cases = Number(process.env.FUZZ_CASES ?? 20_000);
    for (let i = 0; i < cases; i++) {
      const input = Buffer.from(i % 2 === 0 ? random.bytes(random.below(40)) : mutate(random.pick(valid), random));
      try {
        decodeSegment(input);
      } catch (error) {
        if (!(error instanceof SegmentError)) throw error;
      }
    }
  });
});
