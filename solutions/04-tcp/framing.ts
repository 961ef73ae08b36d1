/**
 * Exercise 04-tcp: length-prefixed framing (reference solution).
 * See exercises/04-tcp/framing.ts for the contract.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                 payload length (unsigned, big-endian)         |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                 payload (length bytes) ...                    |
 */
import { ProtocolError } from '#server/common/protocol-error.ts';

export const FRAME_HEADER_SIZE = 4;
export const DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;

export type FrameErrorCode = 'FRAME_TOO_LARGE' | 'TRUNCATED_FRAME' | 'SOCKET_CLOSED';

export class FrameError extends ProtocolError<FrameErrorCode> {}

function tooLarge(size: number, limit: number): FrameError {
  return new FrameError('FRAME_TOO_LARGE', `tcp-frame: message of ${size} bytes is over the limit of ${limit}`);
}

export interface FrameLimits { readonly maxMessageSize?: number }

export function encodeFrame(payload: Uint8Array, limits: FrameLimits = {}): Buffer {
  const limit = limits.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
  if (payload.length > limit) throw tooLarge(payload.length, limit);
  const frame = Buffer.allocUnsafe(FRAME_HEADER_SIZE + payload.length);
  frame.writeUInt32BE(payload.length, 0);
  frame.set(payload, FRAME_HEADER_SIZE);
  return frame;
}

export class FrameDecoder {
  readonly #limit: number;
  /** Bytes received but not yet handed out, in arrival order. */
  #chunks: Uint8Array[] = [];
  #buffered = 0;
  /** The payload length of the frame being received, once its whole header is in. */
  #payloadLength: number | undefined;
  /** Set by the first error: after it the stream has lost sync, so every later call fails the same way. */
  #failure: FrameError | undefined;

  constructor(limits: FrameLimits = {}) {
    this.#limit = limits.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
  }

  push(chunk: Uint8Array): Buffer[] {
    if (this.#failure) throw this.#failure;
    if (chunk.length > 0) {
      this.#chunks.push(chunk);
      this.#buffered += chunk.length;
    }
    const messages: Buffer[] = [];
    for (;;) {
      if (this.#payloadLength === undefined) {
        if (this.#buffered < FRAME_HEADER_SIZE) return messages;
        const length = this.#take(FRAME_HEADER_SIZE).readUInt32BE(0);
        // Refuse on the header alone: waiting for the body would let a peer make us hold 4 GiB.
        if (length > this.#limit) this.#fail(tooLarge(length, this.#limit));
        this.#payloadLength = length;
      }
      if (this.#buffered < this.#payloadLength) return messages;
      messages.push(this.#take(this.#payloadLength));
      this.#payloadLength = undefined;
    }
  }

  end(): void {
    if (this.#failure) throw this.#failure;
    if (this.#payloadLength !== undefined) {
      this.#fail(new FrameError('TRUNCATED_FRAME', `tcp-frame: stream ended after ${this.#buffered} of ${this.#payloadLength} payload bytes`));
    }
    if (this.#buffered > 0) {
      this.#fail(new FrameError('TRUNCATED_FRAME', `tcp-frame: stream ended after ${this.#buffered} of ${FRAME_HEADER_SIZE} header bytes`));
    }
  }

  #fail(error: FrameError): never {
    this.#failure = error;
    this.#chunks = [];
    this.#buffered = 0;
    throw error;
  }

  /**
   * Removes `size` bytes from the front of the buffered chunks. It always copies, even when one
   * chunk holds them all, so a 10-byte message does not keep a whole 64 KiB read buffer alive.
   */
  #take(size: number): Buffer {
    const out = Buffer.allocUnsafe(size);
    let filled = 0;
    let usedChunks = 0;
    while (filled < size) {
      const chunk = this.#chunks[usedChunks]!;
      const count = Math.min(chunk.length, size - filled);
      out.set(chunk.subarray(0, count), filled);
      filled += count;
      if (count === chunk.length) usedChunks += 1;
      else this.#chunks[usedChunks] = chunk.subarray(count);
    }
    // One splice per message, not one shift per chunk: byte-by-byte delivery stays linear.
    this.#chunks.splice(0, usedChunks);
    this.#buffered -= size;
    return out;
  }
}
