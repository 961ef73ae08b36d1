/**
 * The coordination-of-video-orientation extension (3GPP TS 26.114 §7.4.5,
 * a=extmap urn:3gpp:video-orientation): one byte, `0 0 0 0 C F R1 R0`.
 * C: the back-facing camera; F: flipped horizontally; R1R0: clockwise
 * rotation in quarter turns. Chromium sends it on the last packet of key
 * frames (fixtures README); the producer reports changes to the control plane.
 */
import type { ProducerVideoOrientation } from '../sfu/stats.ts';

const ROTATIONS = [0, 90, 180, 270] as const;

/** Undefined for data that is not one byte. */
export function parseVideoOrientation(data: Uint8Array): ProducerVideoOrientation | undefined {
  if (data.length !== 1) return undefined;
  const byte = data[0]!;
  return { camera: (byte & 0x08) !== 0, flip: (byte & 0x04) !== 0, rotation: ROTATIONS[byte & 0x03]! };
}

export function sameVideoOrientation(a: ProducerVideoOrientation | undefined, b: ProducerVideoOrientation): boolean {
  return a !== undefined && a.camera === b.camera && a.flip === b.flip && a.rotation === b.rotation;
}
