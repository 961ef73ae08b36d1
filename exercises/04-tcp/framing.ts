/**
 * Exercise 04-tcp, part 1: length-prefixed framing on a TCP byte stream.
 *
 * TCP delivers bytes, not messages: one write() may arrive as three 'data' events, and three
 * writes may arrive as one. A frame puts the boundaries back:
 *
 *   +--------------------------------+---------------------------+
 *   | payload length: 4 bytes,       | payload: that many bytes  |
 *   | unsigned big-endian (uint32)   | (0 is allowed)            |
 *   +--------------------------------+---------------------------+
 *
 *   encodeFrame(Buffer.from('hi'))  ->  <00 00 00 02 68 69>
 *
 * encodeFrame(payload, { maxMessageSize })
 *   Returns header + payload as one Buffer. A payload longer than maxMessageSize
 *   (default DEFAULT_MAX_MESSAGE_SIZE) throws FrameError 'FRAME_TOO_LARGE'.
 *
 * new FrameDecoder({ maxMessageSize })
 *   push(chunk)  Takes the next bytes exactly as they arrived and returns every message they
 *                complete, in order (often none, sometimes many). Bytes of an unfinished frame
 *                are kept for the next push.
 *                As soon as a header announces more than maxMessageSize bytes, push throws
 *                FrameError 'FRAME_TOO_LARGE', without waiting for (or buffering) the body.
 *   end()        The stream is over (the peer sent FIN). Throws FrameError 'TRUNCATED_FRAME' if
 *                any bytes of an unfinished frame (header or payload) are buffered.
 *   After either error the stream has lost sync: every later push() or end() throws that
 *   same error again (close the connection; there is no recovering).
 *
 * FrameError is given below; tests check error.code, never the message, but write messages that
 * help a human: "tcp-frame: message of 2000000 bytes is over the limit of 1048576".
 * ('SOCKET_CLOSED' is for part 2, send-messages.ts.)
 */
import { ProtocolError } from '#server/common/protocol-error.ts';

/** Bytes of the length prefix. */
export const FRAME_HEADER_SIZE = 4;
/** 1 MiB: the largest payload accepted unless the caller says otherwise. */
export const DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;

export type FrameErrorCode = 'FRAME_TOO_LARGE' | 'TRUNCATED_FRAME' | 'SOCKET_CLOSED';

/** Throw as: new FrameError('TRUNCATED_FRAME', 'tcp-frame: stream ended after 3 of 10 payload bytes') */
export class FrameError extends ProtocolError<FrameErrorCode> {}

export interface FrameLimits {
  /** The largest payload, in bytes, a frame may carry; default DEFAULT_MAX_MESSAGE_SIZE. */
  readonly maxMessageSize?: number;
}

export function encodeFrame(payload: Uint8Array, limits: FrameLimits = {}): Buffer {
  // TODO: check the size, then write the length with writeUInt32BE and copy the payload after it.
  throw new Error(`TODO: encode a ${payload.length}-byte payload as a frame (limit ${limits.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE})`);
}

export class FrameDecoder {
  constructor(limits: FrameLimits = {}) {
    // TODO: remember limits.maxMessageSize, and set up somewhere to keep bytes between pushes.
  }

  push(chunk: Uint8Array): Buffer[] {
    // TODO: add chunk to what is buffered, then cut off every complete frame.
    throw new Error(`TODO: decode the frames completed by ${chunk.length} more bytes`);
  }

  end(): void {
    // TODO: throw FrameError 'TRUNCATED_FRAME' if an unfinished frame is buffered.
    throw new Error('TODO: check that the stream ended on a frame boundary');
  }
}
