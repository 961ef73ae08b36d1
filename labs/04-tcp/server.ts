/**
 * The reference framed echo server (solutions/04-tcp/echo-server.ts), with a log line for each
 * connection, each broken frame and each close, so you can watch it from the outside.
 */
import type net from 'node:net';
import { startFrameEchoServer } from '#solutions/04-tcp/echo-server.ts';

export async function runServer(port: number, host: string, maxMessageSize: number): Promise<void> {
  const server = await startFrameEchoServer({
    port,
    host,
    maxMessageSize,
    onFrameError: (error, socket) => console.log(`${peerOf(socket)} broke the framing: ${error.code} (${error.message}); destroying the connection`),
  });
  server.on('connection', (socket) => {
    const peer = peerOf(socket);
    console.log(`${peer} connected`);
    socket.on('end', () => console.log(`${peer} half-closed (FIN received); we can still write: echoes, then BYE`));
    socket.on('close', () => console.log(`${peer} closed (read ${socket.bytesRead} bytes, wrote ${socket.bytesWritten})`));
  });
  const address = server.address() as net.AddressInfo;
  console.log(`framed echo server on ${address.address}:${address.port}, messages up to ${maxMessageSize} bytes (pid ${process.pid})`);
  console.log(`try:  npm run lab -- 04-tcp client --port ${address.port} one two three`);
}

function peerOf(socket: net.Socket): string {
  return `${socket.remoteAddress}:${socket.remotePort}`;
}
