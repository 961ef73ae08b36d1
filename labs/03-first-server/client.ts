/**
 * A Node client: connect(2), write, read the reply, close.
 * With words on the command line it sends them as one line and prints the reply;
 * without, it sends every line you type (like nc).
 */
import net from 'node:net';

export function runClient(port: number, host: string, words: readonly string[]): void {
  const socket = net.connect({ port, host }, () => {
    console.log(`connected from ${socket.localAddress}:${socket.localPort} to ${socket.remoteAddress}:${socket.remotePort}`);
    if (words.length > 0) {
      socket.end(words.join(' ') + '\n');
    } else {
      process.stdin.pipe(socket);
    }
  });
  socket.on('data', (chunk) => process.stdout.write(chunk));
  socket.on('end', () => console.log('(server closed the connection)'));
  socket.on('error', (error) => {
    console.error(`client: ${error.message}`);
    process.exitCode = 1;
  });
}
