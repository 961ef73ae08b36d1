/**
 * Exercise 04-tcp, part 3: a framed echo server, with backpressure and half-close.
 *
 * Clients send frames (framing.ts). For each connection the server:
 *
 *   - sends back every message it receives, as a frame, in order. A message may arrive a byte
 *     at a time, or many messages in one 'data' event;
 *   - stops reading from a client that is not reading its echoes: when socket.write() returns
 *     false, pause() the socket, and resume() it on 'drain'. Otherwise a client that sends
 *     without reading makes the server hold every echo in memory;
 *   - when the client half-closes (socket.end(): a FIN, "I have nothing more to send"), replies
 *     with one last frame, the text
 *         BYE <messages received> <payload bytes received>        e.g. "BYE 3 15"
 *     after all the echoes, then ends its own side. Create the server with allowHalfOpen: true:
 *     without it Node ends our side on the tick after the FIN, and a reply written any later
 *     (after an await, a timer, a 'drain') is lost;
 *   - when the client breaks the framing, calls options.onFrameError(error, socket) with the
 *     FrameError and destroys the connection at once (no BYE):
 *       'FRAME_TOO_LARGE'  as soon as a header announces more than maxMessageSize bytes (do not
 *                          wait for the body; it may never come);
 *       'TRUNCATED_FRAME'  when the FIN arrives in the middle of a frame.
 *   - destroys the connection on a socket 'error', and never lets one crash the process.
 *
 * startFrameEchoServer resolves with the listening server (read the port from server.address()).
 */
import type net from 'node:net';
import type { FrameError, FrameLimits } from './framing.ts';

export interface FrameEchoServerOptions extends FrameLimits {
  /** TCP port; 0 asks the kernel for a free one. */
  readonly port: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Told about every client that broke the framing, just before its connection is destroyed. */
  readonly onFrameError?: (error: FrameError, socket: net.Socket) => void;
}

export async function startFrameEchoServer(options: FrameEchoServerOptions): Promise<net.Server> {
  // TODO: net.createServer({ allowHalfOpen: true }, ...) with one FrameDecoder per connection;
  // resolve once listen() has called back.
  throw new Error(`TODO: start a framed echo server on ${options.host ?? '127.0.0.1'}:${options.port}`);
}
