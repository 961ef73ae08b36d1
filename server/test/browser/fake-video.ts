/**
 * A camera that gives the encoder something to spend bits on. Chromium's
 * built-in fake camera draws a flat background and a small moving shape:
 * VP8 codes that at about 300 kbit/s at 640x480 whatever the bandwidth
 * estimate allows (measured in Chromium 150, peer to peer on loopback, with a
 * 1.7 Mbit/s target), so it cannot show whether a publisher's bitrate ramps
 * up. This writes a Y4M file of diagonal stripes moving under a layer of
 * noise, which Chromium loops as the camera (--use-file-for-fake-video-capture):
 * every frame is new detail, and the encoder sends what the bandwidth
 * estimate lets it. Pure full-range noise is too much: VP8's quality scaler
 * then drops to 320x240, whose bitrate cap is 600 kbit/s.
 */
import { writeFileSync } from 'node:fs';
import { SeededRandom } from '#server/common/fuzz.ts';

export interface NoiseVideo {
  readonly width: number;
  readonly height: number;
  readonly frameRate: number;
  /** Frames in the file; Chromium loops it. */
  readonly frames: number;
  /** How far the noise moves luma up or down, 0 to 64 (default 16). */
  readonly amplitude?: number;
}

/** Writes the video to `file` (YUV 4:2:0, YUV4MPEG2). About width × height × 1.5 bytes per frame. */
export function writeNoiseY4m(file: string, video: NoiseVideo, seed = 1): void {
  const { width, height, frameRate, frames } = video;
  if (width % 2 !== 0 || height % 2 !== 0) throw new RangeError('fake-video: width and height must be even (4:2:0)');
  const random = new SeededRandom(seed);
  const lumaSize = width * height;
  const chromaSize = lumaSize / 4;
  const amplitude = video.amplitude ?? 16;
  if (!(amplitude >= 0 && amplitude <= 64)) throw new RangeError('fake-video: amplitude must be from 0 to 64');
  // One noise field longer than a frame; each frame starts further into it, so the noise moves too.
  const noise = new Int8Array(lumaSize + frames * width * 7);
  for (let index = 0; index < noise.length; index += 1) noise[index] = Math.round((random.next() * 2 - 1) * amplitude);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${frameRate}:1 Ip A1:1 C420jpeg\n`);
  const frameMarker = Buffer.from('FRAME\n');
  // A blue-green tint, so that it reads as a picture and not as a test card.
  const chroma = Buffer.concat([Buffer.alloc(chromaSize, 150), Buffer.alloc(chromaSize, 110)]);
  const parts: Buffer[] = [header];
  for (let frame = 0; frame < frames; frame += 1) {
    const luma = Buffer.alloc(lumaSize);
    const noiseOffset = frame * width * 7 + frame * 3;
    for (let y = 0; y < height; y += 1) {
      for (let x = 0; x < width; x += 1) {
        const stripe = Math.floor((x + y + frame * 4) / 48) % 2 === 0 ? 80 : 170;
        const value = stripe + noise[noiseOffset + y * width + x]!;
        luma[y * width + x] = Math.min(235, Math.max(16, value));
      }
    }
    parts.push(frameMarker, luma, chroma);
  }
  writeFileSync(file, Buffer.concat(parts));
}
