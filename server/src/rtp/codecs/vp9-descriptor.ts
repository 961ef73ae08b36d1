/**
 * The VP9 payload descriptor (RFC 9628 §4.2, formerly draft-ietf-payload-vp9).
 * An SFU reads it to find key frames and the spatial/temporal layer of each
 * packet, and rewrites PictureID / TL0PICIDX when it switches layers.
 *
 * Flexible mode (F=1):                   Non-flexible mode (F=0):
 *        0 1 2 3 4 5 6 7                        0 1 2 3 4 5 6 7
 *       +-+-+-+-+-+-+-+-+                      +-+-+-+-+-+-+-+-+
 *       |I|P|L|F|B|E|V|Z| (REQUIRED)           |I|P|L|F|B|E|V|Z| (REQUIRED)
 *       +-+-+-+-+-+-+-+-+                      +-+-+-+-+-+-+-+-+
 *  I:   |M| PICTURE ID  | (REQUIRED)      I:   |M| PICTURE ID  | (RECOMMENDED)
 *       +-+-+-+-+-+-+-+-+                      +-+-+-+-+-+-+-+-+
 *  M:   | EXTENDED PID  | (RECOMMENDED)   M:   | EXTENDED PID  | (RECOMMENDED)
 *       +-+-+-+-+-+-+-+-+                      +-+-+-+-+-+-+-+-+
 *  L:   | TID |U| SID |D| (COND.)         L:   | TID |U| SID |D| (COND.)
 *       +-+-+-+-+-+-+-+-+        -\            +-+-+-+-+-+-+-+-+
 *  P,F: | P_DIFF      |N| (COND.) - ≤3         |   TL0PICIDX   | (COND.)
 *       +-+-+-+-+-+-+-+-+        -/            +-+-+-+-+-+-+-+-+
 *  V:   | SS            |                 V:   | SS            |
 *       | ..            |                      | ..            |
 *       +-+-+-+-+-+-+-+-+                      +-+-+-+-+-+-+-+-+
 */
import { RtpParseError, requireDescriptorBytes } from '../errors.ts';
import { checkRoom, checkUint } from '../wire.ts';
import { checkPictureId, pictureIdSize, readPictureId, writePictureId } from './picture-id.ts';
import {
  parseVp9ScalabilityStructure,
  serializeVp9ScalabilityStructureInto,
  vp9ScalabilityStructureSize,
  type Vp9ScalabilityStructure,
} from './vp9-scalability-structure.ts';

const I_BIT = 0x80;
const P_BIT = 0x40;
const L_BIT = 0x20;
const F_BIT = 0x10;
const B_BIT = 0x08;
const E_BIT = 0x04;
const V_BIT = 0x02;
const Z_BIT = 0x01;
const TID_SHIFT = 5;
const U_BIT = 0x10;
const SID_SHIFT = 1;
const SID_MASK = 0x07;
const D_BIT = 0x01;
const N_BIT = 0x01;
/** RFC 9628 §4.2: "up to 3 times". */
const MAX_REFERENCES = 3;

/** The L octet: which layer this packet belongs to. */
export interface Vp9LayerIndices {
  /** TID: temporal layer. */
  temporalId: number;
  /** U: switching up point. */
  switchingUpPoint: boolean;
  /** SID: spatial layer. */
  spatialId: number;
  /** D: the frame depends on the spatial layer below. */
  interLayerDependency: boolean;
}

/** RFC 9628 §4.2. Optional fields are undefined (or empty) when their flag is clear. */
export interface Vp9Descriptor {
  /** P: the picture references earlier pictures; P=0 at a key frame. */
  interPicturePredicted: boolean;
  /** F: flexible mode (references listed as P_DIFF) rather than a fixed picture group. */
  flexibleMode: boolean;
  /** B: first packet of a layer frame. */
  startOfFrame: boolean;
  /** E: last packet of a layer frame. */
  endOfFrame: boolean;
  /** Z: not used as reference by the upper spatial layers of this picture. */
  notReferenceForUpperSpatialLayers: boolean;
  /** I: 7-bit (M=0) or 15-bit (M=1) PictureID. */
  pictureId: number | undefined;
  longPictureId: boolean;
  /** L: the layer indices. */
  layer: Vp9LayerIndices | undefined;
  /** Non-flexible mode with L: temporal level 0 picture index. */
  tl0PicIdx: number | undefined;
  /** Flexible mode with P: P_DIFF of each reference picture, 1-3 entries. */
  referenceIndexDiffs: number[];
  /** V: the scalability structure. */
  scalabilityStructure: Vp9ScalabilityStructure | undefined;
}

/** Parses the descriptor at the start of a VP9 RTP payload; the VP9 data starts at `bytesRead`. */
export function parseVp9Descriptor(payload: Uint8Array): { value: Vp9Descriptor; bytesRead: number } {
  requireDescriptorBytes(payload.length, 1, 'vp9 payload descriptor');
  const first = payload[0]!;
  const value: Vp9Descriptor = {
    interPicturePredicted: (first & P_BIT) !== 0,
    flexibleMode: (first & F_BIT) !== 0,
    startOfFrame: (first & B_BIT) !== 0,
    endOfFrame: (first & E_BIT) !== 0,
    notReferenceForUpperSpatialLayers: (first & Z_BIT) !== 0,
    pictureId: undefined,
    longPictureId: false,
    layer: undefined,
    tl0PicIdx: undefined,
    referenceIndexDiffs: [],
    scalabilityStructure: undefined,
  };
  let offset = 1;
  if (first & I_BIT) {
    const field = readPictureId(payload, offset, 'vp9');
    value.pictureId = field.pictureId;
    value.longPictureId = field.long;
    offset += field.bytesRead;
  }
  if (first & L_BIT) {
    requireDescriptorBytes(payload.length, offset + 1, 'vp9 layer indices');
    const layer = payload[offset++]!;
    value.layer = {
      temporalId: layer >> TID_SHIFT,
      switchingUpPoint: (layer & U_BIT) !== 0,
      spatialId: (layer >> SID_SHIFT) & SID_MASK,
      interLayerDependency: (layer & D_BIT) !== 0,
    };
    if (!value.flexibleMode) {
      requireDescriptorBytes(payload.length, offset + 1, 'vp9 TL0PICIDX');
      value.tl0PicIdx = payload[offset++]!;
    }
  }
  if (value.flexibleMode && value.interPicturePredicted) {
    let more = true;
    while (more) {
      if (value.referenceIndexDiffs.length === MAX_REFERENCES) {
        throw new RtpParseError('BAD_DESCRIPTOR', `rtp: vp9 N bit asks for more than ${MAX_REFERENCES} P_DIFF`);
      }
      requireDescriptorBytes(payload.length, offset + 1, 'vp9 P_DIFF');
      const reference = payload[offset++]!;
      value.referenceIndexDiffs.push(reference >> 1);
      more = (reference & N_BIT) !== 0;
    }
  }
  if (first & V_BIT) {
    const parsed = parseVp9ScalabilityStructure(payload, offset);
    value.scalabilityStructure = parsed.value;
    offset += parsed.bytesRead;
  }
  return { value, bytesRead: offset };
}

/**
 * A packet starts a key frame when its picture is not inter-predicted (P=0),
 * it begins a frame (B=1), and that frame is the base spatial layer (SID=0,
 * also when L is absent): upper layers of a key picture depend on the base.
 */
export function isVp9Keyframe(payload: Uint8Array): boolean {
  const { value } = parseVp9Descriptor(payload);
  return !value.interPicturePredicted && value.startOfFrame && (value.layer?.spatialId ?? 0) === 0;
}

function checkDescriptor(d: Vp9Descriptor): void {
  checkPictureId('vp9', d.pictureId, d.longPictureId);
  if (d.layer !== undefined) {
    checkUint('vp9 temporalId', d.layer.temporalId, 3);
    checkUint('vp9 spatialId', d.layer.spatialId, 3);
  }
  // RFC 9628 §4.2: TL0PICIDX exists exactly in non-flexible mode with L.
  const wantsTl0 = !d.flexibleMode && d.layer !== undefined;
  if (wantsTl0 !== (d.tl0PicIdx !== undefined)) {
    throw new RangeError(`rtp: vp9 tl0PicIdx must be ${wantsTl0 ? 'set' : 'undefined'} for this mode and layer`);
  }
  if (d.tl0PicIdx !== undefined) checkUint('vp9 tl0PicIdx', d.tl0PicIdx, 8);
  const references = d.flexibleMode && d.interPicturePredicted ? [1, MAX_REFERENCES] : [0, 0];
  if (d.referenceIndexDiffs.length < references[0]! || d.referenceIndexDiffs.length > references[1]!) {
    throw new RangeError(`rtp: vp9 needs ${references.join('-')} referenceIndexDiffs, got ${d.referenceIndexDiffs.length}`);
  }
  for (const diff of d.referenceIndexDiffs) checkUint('vp9 P_DIFF', diff, 7);
}

/** Bytes `serializeVp9DescriptorInto` writes. */
export function vp9DescriptorSize(d: Vp9Descriptor): number {
  const layerSize = (d.layer === undefined ? 0 : 1) + (d.tl0PicIdx === undefined ? 0 : 1);
  const ssSize = d.scalabilityStructure === undefined ? 0 : vp9ScalabilityStructureSize(d.scalabilityStructure);
  return 1 + pictureIdSize(d.pictureId, d.longPictureId) + layerSize + d.referenceIndexDiffs.length + ssSize;
}

/** Writes the descriptor at `offset` and returns the bytes written. */
export function serializeVp9DescriptorInto(d: Vp9Descriptor, buf: Uint8Array, offset: number): number {
  checkDescriptor(d);
  const size = vp9DescriptorSize(d);
  checkRoom(buf, offset, size);
  buf[offset] =
    (d.pictureId === undefined ? 0 : I_BIT) |
    (d.interPicturePredicted ? P_BIT : 0) |
    (d.layer === undefined ? 0 : L_BIT) |
    (d.flexibleMode ? F_BIT : 0) |
    (d.startOfFrame ? B_BIT : 0) |
    (d.endOfFrame ? E_BIT : 0) |
    (d.scalabilityStructure === undefined ? 0 : V_BIT) |
    (d.notReferenceForUpperSpatialLayers ? Z_BIT : 0);
  let i = offset + 1;
  if (d.pictureId !== undefined) i += writePictureId(buf, i, d.pictureId, d.longPictureId);
  if (d.layer !== undefined) {
    const { temporalId, switchingUpPoint, spatialId, interLayerDependency } = d.layer;
    buf[i++] =
      (temporalId << TID_SHIFT) |
      (switchingUpPoint ? U_BIT : 0) |
      (spatialId << SID_SHIFT) |
      (interLayerDependency ? D_BIT : 0);
  }
  if (d.tl0PicIdx !== undefined) buf[i++] = d.tl0PicIdx;
  d.referenceIndexDiffs.forEach((diff, index) => {
    buf[i++] = (diff << 1) | (index < d.referenceIndexDiffs.length - 1 ? N_BIT : 0);
  });
  if (d.scalabilityStructure !== undefined) serializeVp9ScalabilityStructureInto(d.scalabilityStructure, buf, i);
  return size;
}
