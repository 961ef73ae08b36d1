/**
 * Exercise 03-signals: the line protocol (listed in server.ts), one connection at a time.
 *
 * Requests on one connection are answered one after the other, in the order their lines
 * arrived, even when a SLOW request makes a later PING wait. Lines that arrive while the
 * server is draining, or after QUIT, are ignored: they start no request.
 */
import type net from 'node:net';
import type { ServerConfig } from './config.ts';
import type { ConnectionTracker } from './connections.ts';

export interface Reply {
  /** The reply line, without its newline. */
  readonly text: string;
  /** True when the server ends the connection after this reply (QUIT). */
  readonly close: boolean;
}

/** The longest SLOW request: `SLOW <ms>` with ms outside 0..MAX_SLOW_MS is an error. */
export const MAX_SLOW_MS = 60_000;

/**
 * The reply to one request line. A bad SLOW argument (missing, not a whole number, out of range)
 * is answered "ERR SLOW needs milliseconds from 0 to 60000".
 */
export async function answer(line: string, config: ServerConfig): Promise<Reply> {
  throw new Error(`TODO: answer "${line}" (PING, HELLO with "${config.greeting}", SLOW <ms>, QUIT)`);
}

/**
 * Serves one accepted connection: tracks it, splits what it sends into lines, and answers each
 * line in order. currentConfig() gives the config in force when a request runs (it changes on SIGHUP).
 */
export function serveConnection(socket: net.Socket, connections: ConnectionTracker, currentConfig: () => ServerConfig): void {
  throw new Error('TODO: connections.add(socket), read lines (node:readline), and answer them one at a time');
}
