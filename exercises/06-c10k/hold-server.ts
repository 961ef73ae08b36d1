/**
 * Exercise 06-c10k, part 2: the hold server, a TCP server built to hold 10,000 mostly idle
 * connections in one process. `npm run lab -- 06-c10k demo` runs the reference with 10,000.
 *
 * The protocol, one line per message ("\n"-terminated, a trailing "\r" dropped; lines may arrive
 * in pieces or several in one read):
 *   on connect     HELLO <open connections, this one included>
 *   PING [token]   PONG [token]            (the rest of the line after PING, echoed as it came)
 *   QUIT           BYE, then the server ends the connection
 *   other          ERR unknown command <the first word>
 * Every line, even a wrong one, counts as activity for the idle timeout.
 *
 * Limits, each the answer to "what if 10,000 clients do this at once?":
 *   - maxConnections (default 20,000): a connection arriving when that many are open gets
 *     BUSY <maxConnections> and is ended; it is not counted in `connections`, only in `refused`.
 *   - idleTimeoutMs (default 60,000): a connection with no line for that long gets BYE idle and is
 *     ended. Keep an IdleRegistry (idle-registry.ts) of the open connections; sweep() evicts
 *     whatever it returns, and a timer calls sweep() every sweepIntervalMs (default 1,000; 0 means
 *     no timer). The timer must not keep the process alive on its own.
 *   - maxLineBytes (default 1,024): when the unfinished part of a line grows past it, answer
 *     ERR line too long and end the connection: one client must not make us buffer without bound.
 * A connection the server has ended (BYE, BYE idle, ERR line too long) is not served again: later
 * lines from it are ignored, and it is never evicted twice.
 * A client that resets its connection (ECONNRESET) must not crash the server.
 *
 * `now` (default performance.now) is the clock for the registry; tests pass a fake one and call
 * sweep() themselves.
 *
 * stats(): connections = open sockets that were let in (not yet closed); peak = the most at
 * once; accepted / refused = let in / turned away with BUSY; evicted = ended by sweep();
 * messages = lines received.
 * close(): stops the sweep timer, destroys every socket (refused ones too), and resolves once
 * the listening socket is closed.
 */
import type net from 'node:net';

export interface HoldServerOptions {
  /** TCP port; 0 asks the kernel for a free one. */
  readonly port: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  readonly idleTimeoutMs?: number;
  readonly maxConnections?: number;
  readonly maxLineBytes?: number;
  readonly sweepIntervalMs?: number;
  /** Milliseconds on a monotonic clock; default performance.now. */
  readonly now?: () => number;
}

export interface HoldStats {
  readonly connections: number;
  readonly peak: number;
  readonly accepted: number;
  readonly refused: number;
  readonly evicted: number;
  readonly messages: number;
}

export interface HoldServer {
  readonly server: net.Server;
  /** The port it listens on (the real one when options.port was 0). */
  readonly port: number;
  stats(): HoldStats;
  /** Ends every connection idle for idleTimeoutMs with BYE idle; returns how many. */
  sweep(): number;
  close(): Promise<void>;
}

/** Starts the server and resolves once it is listening. */
export async function startHoldServer(options: HoldServerOptions): Promise<HoldServer> {
  // TODO: net.createServer; per connection one small object (socket, unfinished line, a flag),
  // an IdleRegistry touched on every line, the BUSY / line-too-long limits, and a sweep timer.
  throw new Error(`TODO: start the hold server on ${options.host ?? '127.0.0.1'}:${options.port}`);
}
