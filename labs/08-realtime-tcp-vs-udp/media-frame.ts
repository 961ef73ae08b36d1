/**
 * A media-like frame: what an audio or video packetizer would send, reduced to
 * what this lab measures. Sent 50 times a second (one 20 ms audio frame, as
 * Opus sends by default), each with its number and the moment it was sent.
 *
 *   0..3    sequence number (unsigned, big-endian)
 *   4..11   sent at: wall-clock ms (float64, big-endian)
 *   12..    padding up to the frame size
 *
 * Sender and receiver are on the same machine (even when one runs inside a
 * network namespace), so they share the wall clock and arrival - sent is the
 * one-way delay. Across machines it would need synchronized clocks, which is
 * why RTP carries a media timestamp instead and RTCP measures round trips.
 */
import { ProtocolError } from '#server/common/protocol-error.ts';

export const MEDIA_FRAME_HEADER_SIZE = 12;

export class MediaFrameError extends ProtocolError<'TOO_SHORT'> {}

export interface MediaFrame {
  readonly sequence: number;
  readonly sentAtMs: number;
}

/** Milliseconds since the epoch with sub-millisecond resolution, comparable across processes on one machine. */
export function wallClockMs(): number {
  return performance.timeOrigin + performance.now();
}

export function encodeMediaFrame(frame: MediaFrame, size: number): Buffer {
  const bytes = Buffer.alloc(Math.max(size, MEDIA_FRAME_HEADER_SIZE));
  bytes.writeUInt32BE(frame.sequence, 0);
  bytes.writeDoubleBE(frame.sentAtMs, 4);
  return bytes;
}

export function decodeMediaFrame(bytes: Buffer): MediaFrame {
  if (bytes.length < MEDIA_FRAME_HEADER_SIZE) throw new MediaFrameError('TOO_SHORT', `media-frame: ${bytes.length} bytes is shorter than the header`);
  return { sequence: bytes.readUInt32BE(0), sentAtMs: bytes.readDoubleBE(4) };
}

/** Calls emit(0), emit(1), ... count times at `rate` per second, on an absolute schedule so delays do not add up. */
export async function paceFrames(rate: number, count: number, emit: (sequence: number) => void): Promise<void> {
  const intervalMs = 1000 / rate;
  const start = performance.now();
  for (let sequence = 0; sequence < count; sequence++) {
    const waitMs = start + sequence * intervalMs - performance.now();
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    emit(sequence);
  }
}
