/**
 * Exercise 03-first-server: a line-based command server.
 *
 * Each client sends commands, one per line ("\n"-terminated), and gets one reply line per command:
 *
 *   (on connect)   HELLO <client address> <client port>     e.g. "HELLO 127.0.0.1 53122"
 *   PING           PONG
 *   ECHO <text>    <text>                                   "ECHO hi there" -> "hi there"
 *   ADD <a> <b>    the sum of two integers                  "ADD 2 40" -> "42"
 *                  ERR ADD needs two integers               when a or b is missing or not an integer
 *   CLIENTS        CLIENTS <n>: how many clients are connected right now, this one included
 *   QUIT           BYE, then the server closes the connection
 *   anything else  ERR unknown command <first word>
 *
 * Commands are case-sensitive. A client may send several commands in one write, or one
 * command over several writes: answer every complete line, in order.
 */
import type net from 'node:net';

export interface LineServerOptions {
  /** TCP port; 0 asks the kernel for a free one. */
  readonly port: number;
  readonly host?: string;
}

/** Starts the server and resolves once it is listening (read the real port from server.address()). */
export async function startLineServer(options: LineServerOptions): Promise<net.Server> {
  // TODO: create the server with net.createServer, handle each connection as described above,
  // and resolve once listen() has called back.
  throw new Error(`TODO: start a line server on ${options.host ?? '127.0.0.1'}:${options.port}`);
}
