/**
 * Exercise 04-tcp, part 2: sending many messages without drowning in your own buffers.
 *
 * socket.write() never blocks. When the peer reads slowly, the kernel's send buffer fills, Node
 * queues what you write in memory, and write() returns false once that queue passes the
 * socket's writableHighWaterMark (16 KiB). 'drain' fires when the queue has emptied. A sender
 * that ignores false keeps all the rest of its data in memory; this one waits instead.
 *
 * sendMessages(socket, messages, { maxMessageSize })
 *   - Writes each message, in order, as one frame (encodeFrame from framing.ts).
 *   - `messages` may be an array, any iterable or an async iterable (e.g. an async generator);
 *     take the next message only when you are ready to write it.
 *   - Whenever write() returns false, waits for 'drain' before writing anything more.
 *     Never call write() while socket.writableNeedDrain is true.
 *   - Resolves, once every frame has been handed to socket.write(), with
 *       { messages: frames written, bytes: frame bytes written (headers included),
 *         drainWaits: how many times it waited for 'drain' }
 *     It does not end the socket: the caller may send more, or call socket.end().
 *   - If the socket is destroyed, closes or emits 'error' before then (while waiting for
 *     'drain' too), rejects with FrameError 'SOCKET_CLOSED' (the socket's error as `cause`).
 *   - A message over maxMessageSize rejects with FrameError 'FRAME_TOO_LARGE' before any of
 *     its bytes are written.
 *   - Leaves no listener of its own on the socket once it has settled.
 */
import type { Writable } from 'node:stream';
import type { FrameLimits } from './framing.ts';

export interface SendStats {
  /** Frames written. */
  readonly messages: number;
  /** Bytes written, headers included. */
  readonly bytes: number;
  /** How many times write() returned false and the sender waited for 'drain'. */
  readonly drainWaits: number;
}

export async function sendMessages(
  socket: Writable,
  messages: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  limits: FrameLimits = {},
): Promise<SendStats> {
  // TODO: for await each message; write its frame; when write() returns false, wait for 'drain'
  // (or for 'close' / 'error', which mean giving up with FrameError 'SOCKET_CLOSED').
  throw new Error(`TODO: write the messages as frames (limit ${limits.maxMessageSize ?? 'default'}), waiting for 'drain' when write() returns false`);
}
