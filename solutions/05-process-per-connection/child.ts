/**
 * Exercise 05-process-per-connection: the child that serves one connection (reference solution).
 * See exercises/05-process-per-connection/child.ts for what it must do.
 */
import type net from 'node:net';
import readline from 'node:readline';

function serve(socket: net.Socket): void {
  socket.write(`HELLO from pid ${process.pid}\n`);
  // readline cuts the byte stream into lines, however the reads split it.
  const lines = readline.createInterface({ input: socket, crlfDelay: Infinity });
  lines.on('line', (line) => {
    // SIGKILL cannot be caught: no 'exit' handlers, no flushing, exactly like a segfault would be.
    if (line === 'CRASH') process.kill(process.pid, 'SIGKILL');
    else socket.write(line + '\n');
  });
  // 'close' follows both a clean FIN and a reset ('error'), so one handler covers every way out.
  socket.on('error', () => {});
  socket.on('close', () => process.exit(0));
}

export function serveHandedOverSocket(): void {
  process.once('message', (message, handle) => {
    if (message === 'socket' && handle) serve(handle as net.Socket);
    else process.exit(1);
  });
  // The IPC channel closes when the parent dies; a child left behind would hold its client forever.
  process.once('disconnect', () => process.exit(0));
}

serveHandedOverSocket();
