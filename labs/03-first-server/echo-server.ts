/**
 * The smallest useful TCP server: it echoes back whatever each client sends.
 *
 * net.createServer() + listen() is socket(2) + bind(2) + listen(2); every
 * 'connection' event is one accept(2) that libuv made when epoll said the
 * listening socket was readable.
 */
import net from 'node:net';

export function startEchoServer(port: number, host: string): net.Server {
  const server = net.createServer((socket) => {
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    console.log(`accepted ${peer} (the kernel finished the three-way handshake; libuv called accept)`);
    socket.on('data', (chunk) => {
      console.log(`${peer} sent ${chunk.length} bytes`);
      socket.write(chunk);
    });
    socket.on('end', () => {
      console.log(`${peer} closed its side (we got a FIN); closing ours`);
      socket.end();
    });
    socket.on('error', (error) => console.log(`${peer} error: ${error.message}`));
  });
  server.listen(port, host, () => {
    const address = server.address() as net.AddressInfo;
    console.log(`echo server listening on ${address.address}:${address.port} (pid ${process.pid})`);
    console.log(`try:  nc ${address.address} ${address.port}    or    npm run lab -- 03-first-server client --port ${address.port} hello`);
  });
  return server;
}
