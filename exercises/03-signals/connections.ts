/**
 * Exercise 03-signals: the open connections and their requests in flight.
 *
 * A graceful shutdown needs to know, for every open socket, whether a request on it is
 * still being answered: an idle socket can be ended at once, a busy one only after its
 * reply is out. The tracker also counts what the SIGUSR2 stats line reports.
 *
 * A request is "in flight" from the moment its line has been read (requestStarted) until
 * its reply has been written (requestFinished). Once drain() has been called the tracker is
 * "draining": it ends each socket as soon as it has nothing in flight.
 */
import type net from 'node:net';

export class ConnectionTracker {
  /** Tracks `socket` until it emits 'close'. */
  add(socket: net.Socket): void {
    throw new Error('TODO: remember the socket (with 0 requests in flight) and forget it on close');
  }

  /** A request line was read on `socket`. */
  requestStarted(socket: net.Socket): void {
    throw new Error('TODO: count one more request in flight on this socket');
  }

  /** The reply to a request on `socket` was written; while draining, ends the socket if it is now idle. */
  requestFinished(socket: net.Socket): void {
    throw new Error('TODO: count one fewer in flight and one more served; end the socket if draining and idle');
  }

  /** How many sockets are open now. */
  get open(): number {
    throw new Error('TODO: the number of tracked sockets');
  }

  /** How many requests have been read and not yet answered, over all sockets. */
  get inFlight(): number {
    throw new Error('TODO: the sum of the requests in flight');
  }

  /** How many requests have been answered since the server started. */
  get served(): number {
    throw new Error('TODO: the number of requests finished');
  }

  /** True once drain() has been called: no new request may start. */
  get draining(): boolean {
    throw new Error('TODO: whether drain() has been called');
  }

  /** Starts draining: ends idle sockets now (socket.end()), busy ones when their last request finishes. */
  drain(): void {
    throw new Error('TODO: remember that we are draining and end every idle socket');
  }

  /** Destroys every socket still open (the shutdown deadline has passed); returns how many. */
  destroyAll(): number {
    throw new Error('TODO: socket.destroy() every tracked socket and say how many there were');
  }
}
