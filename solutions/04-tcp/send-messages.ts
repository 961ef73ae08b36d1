/**
 * Exercise 04-tcp: a sender that respects backpressure (reference solution).
 * See exercises/04-tcp/send-messages.ts for the contract.
 */
import type { Writable } from 'node:stream';
import { FrameError, encodeFrame, type FrameLimits } from './framing.ts';

export interface SendStats {
  readonly messages: number;
  readonly bytes: number;
  readonly drainWaits: number;
}

function socketClosed(cause?: Error): FrameError {
  const reason = cause ? `: ${cause.message}` : '';
  return new FrameError('SOCKET_CLOSED', `tcp-frame: the socket closed before every message was written${reason}`, { cause });
}

/** Resolves on 'drain'; rejects if the socket closes or fails first, and leaves no listener behind. */
function drained(socket: Writable): Promise<void> {
  // 'close' has already been emitted for a destroyed socket: waiting for it would hang.
  if (socket.destroyed) return Promise.reject(socketClosed());
  return new Promise((resolve, reject) => {
    const settle = (error?: Error): void => {
      socket.off('drain', onDrain);
      socket.off('close', onClose);
      socket.off('error', onError);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = (): void => settle();
    const onClose = (): void => settle(socketClosed());
    const onError = (error: Error): void => settle(socketClosed(error));
    socket.on('drain', onDrain);
    socket.on('close', onClose);
    socket.on('error', onError);
  });
}

export async function sendMessages(
  socket: Writable,
  messages: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  limits: FrameLimits = {},
): Promise<SendStats> {
  let sent = 0;
  let bytes = 0;
  let drainWaits = 0;
  for await (const message of messages) {
    if (socket.destroyed || socket.writableEnded) throw socketClosed();
    const frame = encodeFrame(message, limits);
    sent += 1;
    bytes += frame.length;
    // false means Node's buffer is past its highWaterMark: the kernel's send buffer is full and
    // the peer is not reading. Writing on would only grow our own memory.
    if (!socket.write(frame)) {
      drainWaits += 1;
      await drained(socket);
    }
  }
  return { messages: sent, bytes, drainWaits };
}
