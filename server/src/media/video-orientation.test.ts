/** 3GPP TS 26.114 §7.4.5 coordination of video orientation: `0 0 0 0 C F R1 R0`. */
import { describe, expect, it } from 'vitest';
import { parseVideoOrientation, sameVideoOrientation } from './video-orientation.ts';

describe('parseVideoOrientation', () => {
  it.each([
    { byte: 0x00, expected: { camera: false, flip: false, rotation: 0 } }, // Chromium's fake camera (clear capture)
    { byte: 0x01, expected: { camera: false, flip: false, rotation: 90 } },
    { byte: 0x02, expected: { camera: false, flip: false, rotation: 180 } },
    { byte: 0x03, expected: { camera: false, flip: false, rotation: 270 } },
    { byte: 0x04, expected: { camera: false, flip: true, rotation: 0 } },
    { byte: 0x08, expected: { camera: true, flip: false, rotation: 0 } },
    { byte: 0xff, expected: { camera: true, flip: true, rotation: 270 } }, // reserved bits ignored
  ])('0x$byte', ({ byte, expected }) => {
    expect(parseVideoOrientation(Uint8Array.of(byte))).toEqual(expected);
  });

  it('is undefined for data that is not one byte', () => {
    expect(parseVideoOrientation(new Uint8Array(0))).toBeUndefined();
    expect(parseVideoOrientation(Uint8Array.of(1, 2))).toBeUndefined();
  });

  it('compares field by field; nothing is the same as undefined', () => {
    const upright = { camera: false, flip: false, rotation: 0 } as const;
    expect(sameVideoOrientation(undefined, upright)).toBe(false);
    expect(sameVideoOrientation({ ...upright }, upright)).toBe(true);
    expect(sameVideoOrientation({ ...upright, rotation: 90 }, upright)).toBe(false);
  });
});
