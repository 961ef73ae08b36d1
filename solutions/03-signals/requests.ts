/**
 * Exercise 03-signals: the line protocol, one connection at a time (reference solution).
 * See exercises/03-signals/requests.ts for the contract.
 */
import type net from 'node:net';
import readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ServerConfig } from './config.ts';
import type { ConnectionTracker } from './connections.ts';

export interface Reply {
  readonly text: string;
  readonly close: boolean;
}

export const MAX_SLOW_MS = 60_000;

export async function answer(line: string, config: ServerConfig): Promise<Reply> {
  const [command = '', ...args] = line.split(' ');
  switch (command) {
    case 'PING':
      return { text: 'PONG', close: false };
    case 'HELLO':
      return { text: config.greeting, close: false };
    case 'SLOW': {
      const ms = Number(args[0]);
      if (args.length !== 1 || !Number.isInteger(ms) || ms < 0 || ms > MAX_SLOW_MS) {
        return { text: `ERR SLOW needs milliseconds from 0 to ${MAX_SLOW_MS}`, close: false };
      }
      await sleep(ms);
      return { text: `DONE ${ms}`, close: false };
    }
    case 'QUIT':
      return { text: 'BYE', close: true };
    default:
      return { text: `ERR unknown command ${command}`, close: false };
  }
}

export function serveConnection(socket: net.Socket, connections: ConnectionTracker, currentConfig: () => ServerConfig): void {
  connections.add(socket);
  // A client that vanishes (ECONNRESET) must cost us this socket, not the process.
  socket.on('error', () => socket.destroy());

  // Each request waits for the one before it, so replies leave in the order the lines came.
  let previous: Promise<void> = Promise.resolve();
  readline.createInterface({ input: socket, crlfDelay: Infinity }).on('line', (line) => {
    // Once draining (or after QUIT) no new request starts; the socket ends when the last reply is out.
    if (connections.draining || socket.writableEnded) return;
    connections.requestStarted(socket);
    previous = previous.then(async () => {
      // The config is read when the request runs, so a reload reaches connections that are already open.
      const reply = await answer(line, currentConfig());
      if (socket.writable) socket.write(reply.text + '\n');
      if (reply.close) socket.end();
      connections.requestFinished(socket);
    });
  });
}
