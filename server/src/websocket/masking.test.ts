/** RFC 6455 §5.3: the word-at-a-time XOR must equal the byte-at-a-time definition at every alignment. */
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../common/fuzz.ts';
import { applyMask, newMaskingKey } from './masking.ts';
import { EXAMPLE_MASKING_KEY } from './rfc6455-vectors.ts';

function maskByBytes(data: Uint8Array, key: Uint8Array): Uint8Array {
  return data.map((byte, i) => byte ^ key[i % 4]!);
}

describe('applyMask', () => {
  it('masks "Hello" as in RFC 6455 §5.7', () => {
    const data = new TextEncoder().encode('Hello');
    applyMask(data, EXAMPLE_MASKING_KEY);
    expect(Buffer.from(data).toString('hex')).toBe('7f9f4d5158');
  });

  it('matches the definition for every length 0..100 at every buffer offset 0..3, and unmasks', () => {
    const random = new SeededRandom(6455);
    for (let offset = 0; offset < 4; offset++) {
      for (let length = 0; length <= 100; length++) {
        const key = random.bytes(4);
        const backing = random.bytes(offset + length);
        const data = backing.subarray(offset);
        const original = Uint8Array.from(data);
        applyMask(data, key);
        expect(data).toEqual(maskByBytes(original, key));
        applyMask(data, key);
        expect(data).toEqual(original);
      }
    }
  });

  it('refuses a key that is not 4 bytes', () => {
    expect(() => applyMask(new Uint8Array(8), new Uint8Array(5))).toThrow(RangeError);
  });
});

describe('newMaskingKey', () => {
  it('gives 4-byte keys that differ from call to call', () => {
    const keys = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const key = newMaskingKey();
      expect(key.length).toBe(4);
      keys.add(Buffer.from(key).toString('hex'));
    }
    // 2000 draws from 2^32 values: a collision is possible but very unlikely (p ≈ 5e-4).
    expect(keys.size).toBeGreaterThan(1995);
  });
});
