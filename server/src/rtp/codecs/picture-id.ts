/**
 * The PictureID field that VP8 (RFC 7741 §4.2) and VP9 (RFC 9628 §4.2) share:
 * the M bit selects 7 bits in one octet or 15 bits over two.
 *
 *   |M| PictureID   |      M=1: |1| PictureID (high) | PictureID (low) |
 */
import { requireDescriptorBytes } from '../errors.ts';
import { checkUint } from '../wire.ts';

const M_BIT = 0x80;
const LOW_7_BITS = 0x7f;

export interface PictureIdField {
  pictureId: number;
  /** M: 15 bits rather than 7. */
  long: boolean;
  bytesRead: 1 | 2;
}

export function readPictureId(payload: Uint8Array, offset: number, codec: 'vp8' | 'vp9'): PictureIdField {
  requireDescriptorBytes(payload.length, offset + 1, `${codec} PictureID`);
  const first = payload[offset]!;
  if ((first & M_BIT) === 0) return { pictureId: first & LOW_7_BITS, long: false, bytesRead: 1 };
  requireDescriptorBytes(payload.length, offset + 2, `${codec} 15-bit PictureID`);
  return { pictureId: ((first & LOW_7_BITS) << 8) | payload[offset + 1]!, long: true, bytesRead: 2 };
}

export function pictureIdSize(pictureId: number | undefined, long: boolean): number {
  if (pictureId === undefined) return 0;
  return long ? 2 : 1;
}

export function checkPictureId(codec: 'vp8' | 'vp9', pictureId: number | undefined, long: boolean): void {
  if (pictureId !== undefined) checkUint(`${codec} pictureId`, pictureId, long ? 15 : 7);
}

/** Writes a checked PictureID at `offset`; returns the bytes written. */
export function writePictureId(buf: Uint8Array, offset: number, pictureId: number, long: boolean): number {
  if (!long) {
    buf[offset] = pictureId;
    return 1;
  }
  buf[offset] = M_BIT | (pictureId >> 8);
  buf[offset + 1] = pictureId;
  return 2;
}
