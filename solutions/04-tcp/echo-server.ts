/**
 * Exercise 04-tcp: a framed echo server with backpressure and half-close (reference solution).
 * See exercises/04-tcp/echo-server.ts for the protocol.
 */
import net from 'node:net';
import { FrameDecoder, FrameError, encodeFrame, type FrameLimits } from './framing.ts';

export interface FrameEchoServerOptions extends FrameLimits {
  /** TCP port; 0 asks the kernel for a free one. */
  readonly port: number;
  readonly host?: string;
  readonly onFrameError?: (error: FrameError, socket: net.Socket) => void;
}

function serveConnection(socket: net.Socket, options: FrameEchoServerOptions): void {
  const decoder = new FrameDecoder(options);
  let messages = 0;
  let payloadBytes = 0;

  const breakConnection = (error: unknown): void => {
    if (error instanceof FrameError) options.onFrameError?.(error, socket);
    socket.destroy();
  };
  socket.on('error', () => socket.destroy());

  socket.on('data', (chunk: Buffer) => {
    let received: Buffer[];
    try {
      received = decoder.push(chunk);
    } catch (error) {
      breakConnection(error);
      return;
    }
    for (const message of received) {
      messages += 1;
      payloadBytes += message.length;
      // The client is not reading our echoes as fast as it sends: stop reading its bytes until
      // ours drain. Its writes then fill the kernel buffers and return false on its side too.
      if (!socket.write(encodeFrame(message, options))) socket.pause();
    }
  });
  socket.on('drain', () => socket.resume());

  // The client's FIN. allowHalfOpen keeps our side open, so the summary could even be sent later,
  // after an await; without it Node would end our side on the next tick.
  socket.on('end', () => {
    try {
      decoder.end();
    } catch (error) {
      breakConnection(error);
      return;
    }
    socket.end(encodeFrame(Buffer.from(`BYE ${messages} ${payloadBytes}`)));
  });
}

export function startFrameEchoServer(options: FrameEchoServerOptions): Promise<net.Server> {
  const server = net.createServer({ allowHalfOpen: true }, (socket) => serveConnection(socket, options));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve(server));
  });
}
