/**
 * The VP8 payload descriptor (RFC 7741 §4.2) and the key-frame bit of the VP8
 * payload header (RFC 7741 §4.3). An SFU reads them to find key frames and
 * temporal layers, and rewrites PictureID / TL0PICIDX when it switches
 * simulcast layers, hence the serializer.
 *
 *         0 1 2 3 4 5 6 7
 *        +-+-+-+-+-+-+-+-+
 *        |X|R|N|S|R| PID | (REQUIRED)
 *        +-+-+-+-+-+-+-+-+
 *   X:   |I|L|T|K| RSV   | (OPTIONAL)
 *        +-+-+-+-+-+-+-+-+
 *   I:   |M| PictureID   | (OPTIONAL)   M=1: 15-bit PictureID over two
 *        +-+-+-+-+-+-+-+-+                octets (picture-id.ts)
 *   M:   |   PictureID   |
 *        +-+-+-+-+-+-+-+-+
 *   L:   |   TL0PICIDX   | (OPTIONAL)
 *        +-+-+-+-+-+-+-+-+
 *   T/K: |TID|Y| KEYIDX  | (OPTIONAL)
 *        +-+-+-+-+-+-+-+-+
 *
 * VP8 payload header, first octet (present when S=1 and PID=0):
 *        |Size0|H| VER |P|   P: inverse key frame flag, 0 = key frame
 */
import { requireDescriptorBytes } from '../errors.ts';
import { checkRoom, checkUint } from '../wire.ts';
import { checkPictureId, pictureIdSize, readPictureId, writePictureId } from './picture-id.ts';

const X_BIT = 0x80;
const N_BIT = 0x20;
const S_BIT = 0x10;
const PID_MASK = 0x07;
const I_BIT = 0x80;
const L_BIT = 0x40;
const T_BIT = 0x20;
const K_BIT = 0x10;
const TID_SHIFT = 6;
const Y_BIT = 0x20;
const KEYIDX_MASK = 0x1f;
/** RFC 7741 §4.3: P, the inverse key frame flag, is the lowest bit of the first payload header octet. */
const INVERSE_KEY_FRAME_BIT = 0x01;

/** RFC 7741 §4.2. Optional fields are undefined when their flag is clear. */
export interface Vp8Descriptor {
  /** N: the frame can be discarded without affecting others. */
  nonReference: boolean;
  /** S: this packet starts a VP8 partition. */
  startOfPartition: boolean;
  /** PID: the partition index, 0-7. */
  partitionIndex: number;
  /** I: 7-bit (M=0) or 15-bit (M=1) PictureID. */
  pictureId: number | undefined;
  /** M: the PictureID takes 15 bits (two octets). */
  longPictureId: boolean;
  /** L: temporal level 0 picture index. */
  tl0PicIdx: number | undefined;
  /** T: temporal layer index (TID). */
  temporalLayerId: number | undefined;
  /** T: Y, the frame depends only on temporal layer 0 since the last TL0 picture. */
  layerSync: boolean | undefined;
  /** K: temporal key frame index (KEYIDX). */
  keyIndex: number | undefined;
}

/** Parses the descriptor at the start of a VP8 RTP payload; the VP8 data starts at `bytesRead`. */
export function parseVp8Descriptor(payload: Uint8Array): { value: Vp8Descriptor; bytesRead: number } {
  requireDescriptorBytes(payload.length, 1, 'vp8 payload descriptor');
  const first = payload[0]!;
  const value: Vp8Descriptor = {
    nonReference: (first & N_BIT) !== 0,
    startOfPartition: (first & S_BIT) !== 0,
    partitionIndex: first & PID_MASK,
    pictureId: undefined,
    longPictureId: false,
    tl0PicIdx: undefined,
    temporalLayerId: undefined,
    layerSync: undefined,
    keyIndex: undefined,
  };
  let offset = 1;
  if ((first & X_BIT) === 0) return { value, bytesRead: offset };
  requireDescriptorBytes(payload.length, 2, 'vp8 extension octet');
  const extension = payload[1]!;
  offset = 2;
  if (extension & I_BIT) {
    const field = readPictureId(payload, offset, 'vp8');
    value.pictureId = field.pictureId;
    value.longPictureId = field.long;
    offset += field.bytesRead;
  }
  if (extension & L_BIT) {
    requireDescriptorBytes(payload.length, offset + 1, 'vp8 TL0PICIDX');
    value.tl0PicIdx = payload[offset++]!;
  }
  if (extension & (T_BIT | K_BIT)) {
    // RFC 7741 §4.2: one octet serves T and K; the half whose flag is clear MUST be ignored.
    requireDescriptorBytes(payload.length, offset + 1, 'vp8 TID/Y/KEYIDX');
    const layer = payload[offset++]!;
    if (extension & T_BIT) {
      value.temporalLayerId = layer >> TID_SHIFT;
      value.layerSync = (layer & Y_BIT) !== 0;
    }
    if (extension & K_BIT) value.keyIndex = layer & KEYIDX_MASK;
  }
  return { value, bytesRead: offset };
}

/**
 * RFC 7741 §4.3: a packet starts a key frame when it starts partition 0
 * (S=1, PID=0) and the payload header's P bit is 0.
 */
export function isVp8Keyframe(payload: Uint8Array): boolean {
  const { value, bytesRead } = parseVp8Descriptor(payload);
  if (!value.startOfPartition || value.partitionIndex !== 0) return false;
  requireDescriptorBytes(payload.length, bytesRead + 1, 'vp8 payload header');
  return (payload[bytesRead]! & INVERSE_KEY_FRAME_BIT) === 0;
}

function hasExtension(d: Vp8Descriptor): boolean {
  return (
    d.pictureId !== undefined || d.tl0PicIdx !== undefined || d.temporalLayerId !== undefined || d.keyIndex !== undefined
  );
}

/** Bytes `serializeVp8DescriptorInto` writes. */
export function vp8DescriptorSize(d: Vp8Descriptor): number {
  if (!hasExtension(d)) return 1;
  const layerSize = d.temporalLayerId !== undefined || d.keyIndex !== undefined ? 1 : 0;
  return 2 + pictureIdSize(d.pictureId, d.longPictureId) + (d.tl0PicIdx === undefined ? 0 : 1) + layerSize;
}

/** Writes the descriptor at `offset` and returns the bytes written; the R bits are written as 0. */
export function serializeVp8DescriptorInto(d: Vp8Descriptor, buf: Uint8Array, offset: number): number {
  checkUint('vp8 partitionIndex', d.partitionIndex, 3);
  checkPictureId('vp8', d.pictureId, d.longPictureId);
  if (d.tl0PicIdx !== undefined) checkUint('vp8 tl0PicIdx', d.tl0PicIdx, 8);
  if (d.temporalLayerId !== undefined) checkUint('vp8 temporalLayerId', d.temporalLayerId, 2);
  if (d.keyIndex !== undefined) checkUint('vp8 keyIndex', d.keyIndex, 5);
  const size = vp8DescriptorSize(d);
  checkRoom(buf, offset, size);
  const extended = size > 1;
  buf[offset] =
    (extended ? X_BIT : 0) | (d.nonReference ? N_BIT : 0) | (d.startOfPartition ? S_BIT : 0) | d.partitionIndex;
  if (!extended) return size;
  const hasT = d.temporalLayerId !== undefined;
  const hasK = d.keyIndex !== undefined;
  buf[offset + 1] =
    (d.pictureId === undefined ? 0 : I_BIT) |
    (d.tl0PicIdx === undefined ? 0 : L_BIT) |
    (hasT ? T_BIT : 0) |
    (hasK ? K_BIT : 0);
  let i = offset + 2;
  if (d.pictureId !== undefined) i += writePictureId(buf, i, d.pictureId, d.longPictureId);
  if (d.tl0PicIdx !== undefined) buf[i++] = d.tl0PicIdx;
  if (hasT || hasK) {
    buf[i++] =
      ((d.temporalLayerId ?? 0) << TID_SHIFT) | (hasT && d.layerSync === true ? Y_BIT : 0) | (d.keyIndex ?? 0);
  }
  return size;
}
