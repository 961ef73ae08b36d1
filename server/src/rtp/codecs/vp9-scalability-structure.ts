/**
 * The VP9 scalability structure (SS, RFC 9628 §4.2.1): sent with V=1, usually
 * on the first packet of a key frame, it describes the spatial layers'
 * resolutions and the picture group (the temporal pattern of references).
 *
 *        +-+-+-+-+-+-+-+-+
 *   V:   | N_S |Y|G|-|-|-|
 *        +-+-+-+-+-+-+-+-+              -\
 *   Y:   |     WIDTH     | (OPTIONAL)    .
 *        +               +               .
 *        |               | (OPTIONAL)    .
 *        +-+-+-+-+-+-+-+-+               . - N_S + 1 times
 *        |     HEIGHT    | (OPTIONAL)    .
 *        +               +               .
 *        |               | (OPTIONAL)    .
 *        +-+-+-+-+-+-+-+-+              -/
 *   G:   |      N_G      | (OPTIONAL)
 *        +-+-+-+-+-+-+-+-+                           -\
 *   N_G: | TID |U| R |-|-| (OPTIONAL)                 .
 *        +-+-+-+-+-+-+-+-+              -\            . - N_G times
 *        |    P_DIFF     | (OPTIONAL)    . - R times  .
 *        +-+-+-+-+-+-+-+-+              -/            -/
 */
import { requireDescriptorBytes } from '../errors.ts';
import { checkRoom, checkUint, readU16, writeU16 } from '../wire.ts';

const N_S_SHIFT = 5;
const Y_BIT = 0x10;
const G_BIT = 0x08;
const TID_SHIFT = 5;
const U_BIT = 0x10;
const R_SHIFT = 2;
const R_MASK = 0x03;
const MAX_SPATIAL_LAYERS = 8;
const MAX_PICTURE_GROUP = 255;
const MAX_REFERENCES = 3;

/** One frame of the picture group (RFC 9628 §4.2.1). */
export interface Vp9PictureGroupFrame {
  /** TID: temporal layer of this frame. */
  temporalId: number;
  /** U: switching up point. */
  switchingUpPoint: boolean;
  /** P_DIFF of each reference (R of them, at most 3). */
  referenceIndexDiffs: number[];
}

export interface Vp9ScalabilityStructure {
  /** N_S + 1: spatial layers, 1-8. */
  spatialLayers: number;
  /** Y: one width/height per spatial layer, lowest first. */
  resolutions: { width: number; height: number }[] | undefined;
  /** G: the picture group description (N_G frames). */
  pictureGroup: Vp9PictureGroupFrame[] | undefined;
}

/** Parses the SS at `offset` of a VP9 payload. */
export function parseVp9ScalabilityStructure(
  payload: Uint8Array,
  offset: number,
): { value: Vp9ScalabilityStructure; bytesRead: number } {
  requireDescriptorBytes(payload.length, offset + 1, 'vp9 scalability structure');
  const first = payload[offset]!;
  const value: Vp9ScalabilityStructure = {
    spatialLayers: (first >> N_S_SHIFT) + 1,
    resolutions: undefined,
    pictureGroup: undefined,
  };
  let i = offset + 1;
  if (first & Y_BIT) {
    requireDescriptorBytes(payload.length, i + value.spatialLayers * 4, 'vp9 SS resolutions');
    value.resolutions = [];
    for (let layer = 0; layer < value.spatialLayers; layer++, i += 4) {
      value.resolutions.push({ width: readU16(payload, i), height: readU16(payload, i + 2) });
    }
  }
  if (first & G_BIT) {
    requireDescriptorBytes(payload.length, i + 1, 'vp9 SS N_G');
    const frames = payload[i++]!;
    value.pictureGroup = [];
    for (let frame = 0; frame < frames; frame++) {
      requireDescriptorBytes(payload.length, i + 1, 'vp9 SS picture group');
      const description = payload[i++]!;
      const references = (description >> R_SHIFT) & R_MASK;
      requireDescriptorBytes(payload.length, i + references, 'vp9 SS P_DIFF');
      value.pictureGroup.push({
        temporalId: description >> TID_SHIFT,
        switchingUpPoint: (description & U_BIT) !== 0,
        referenceIndexDiffs: Array.from(payload.subarray(i, i + references)),
      });
      i += references;
    }
  }
  return { value, bytesRead: i - offset };
}

/** Bytes `serializeVp9ScalabilityStructureInto` writes. */
export function vp9ScalabilityStructureSize(ss: Vp9ScalabilityStructure): number {
  let size = 1 + (ss.resolutions === undefined ? 0 : ss.resolutions.length * 4);
  if (ss.pictureGroup !== undefined) {
    size += 1;
    for (const frame of ss.pictureGroup) size += 1 + frame.referenceIndexDiffs.length;
  }
  return size;
}

function checkScalabilityStructure(ss: Vp9ScalabilityStructure): void {
  if (!Number.isInteger(ss.spatialLayers) || ss.spatialLayers < 1 || ss.spatialLayers > MAX_SPATIAL_LAYERS) {
    throw new RangeError(`rtp: vp9 SS spatialLayers must be in [1, ${MAX_SPATIAL_LAYERS}], got ${ss.spatialLayers}`);
  }
  if (ss.resolutions !== undefined && ss.resolutions.length !== ss.spatialLayers) {
    throw new RangeError(`rtp: vp9 SS needs ${ss.spatialLayers} resolutions, got ${ss.resolutions.length}`);
  }
  for (const { width, height } of ss.resolutions ?? []) {
    checkUint('vp9 SS width', width, 16);
    checkUint('vp9 SS height', height, 16);
  }
  if (ss.pictureGroup !== undefined && ss.pictureGroup.length > MAX_PICTURE_GROUP) {
    throw new RangeError(`rtp: vp9 SS picture group holds at most ${MAX_PICTURE_GROUP} frames`);
  }
  for (const frame of ss.pictureGroup ?? []) {
    checkUint('vp9 SS temporalId', frame.temporalId, 3);
    if (frame.referenceIndexDiffs.length > MAX_REFERENCES) {
      throw new RangeError(`rtp: vp9 SS frame has at most ${MAX_REFERENCES} references`);
    }
    for (const diff of frame.referenceIndexDiffs) checkUint('vp9 SS P_DIFF', diff, 8);
  }
}

/** Writes the SS at `offset`; returns the bytes written. */
export function serializeVp9ScalabilityStructureInto(ss: Vp9ScalabilityStructure, buf: Uint8Array, offset: number): number {
  checkScalabilityStructure(ss);
  const size = vp9ScalabilityStructureSize(ss);
  checkRoom(buf, offset, size);
  buf[offset] =
    ((ss.spatialLayers - 1) << N_S_SHIFT) |
    (ss.resolutions === undefined ? 0 : Y_BIT) |
    (ss.pictureGroup === undefined ? 0 : G_BIT);
  let i = offset + 1;
  for (const { width, height } of ss.resolutions ?? []) {
    writeU16(buf, i, width);
    writeU16(buf, i + 2, height);
    i += 4;
  }
  if (ss.pictureGroup !== undefined) {
    buf[i++] = ss.pictureGroup.length;
    for (const frame of ss.pictureGroup) {
      buf[i++] =
        (frame.temporalId << TID_SHIFT) |
        (frame.switchingUpPoint ? U_BIT : 0) |
        (frame.referenceIndexDiffs.length << R_SHIFT);
      buf.set(frame.referenceIndexDiffs, i);
      i += frame.referenceIndexDiffs.length;
    }
  }
  return size;
}
