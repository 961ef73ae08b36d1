/**
 * Exercise 03-signals: the open connections and their requests in flight (reference solution).
 * See exercises/03-signals/connections.ts for the contract.
 */
import type net from 'node:net';

export class ConnectionTracker {
  /** Every open socket, with how many of its requests have been read but not yet answered. */
  readonly #requestsInFlight = new Map<net.Socket, number>();
  #served = 0;
  #draining = false;

  add(socket: net.Socket): void {
    this.#requestsInFlight.set(socket, 0);
    socket.once('close', () => this.#requestsInFlight.delete(socket));
  }

  requestStarted(socket: net.Socket): void {
    const inFlight = this.#requestsInFlight.get(socket);
    if (inFlight !== undefined) this.#requestsInFlight.set(socket, inFlight + 1);
  }

  requestFinished(socket: net.Socket): void {
    const inFlight = this.#requestsInFlight.get(socket);
    // The socket closed while its request was running (the client left): nothing was served.
    if (inFlight === undefined) return;
    this.#served += 1;
    this.#requestsInFlight.set(socket, inFlight - 1);
    if (this.#draining && inFlight - 1 === 0) socket.end();
  }

  get open(): number {
    return this.#requestsInFlight.size;
  }

  get inFlight(): number {
    let total = 0;
    for (const count of this.#requestsInFlight.values()) total += count;
    return total;
  }

  get served(): number {
    return this.#served;
  }

  get draining(): boolean {
    return this.#draining;
  }

  drain(): void {
    this.#draining = true;
    // end() sends a FIN after any reply still queued; the socket closes once the client answers with its own.
    for (const [socket, inFlight] of this.#requestsInFlight) {
      if (inFlight === 0) socket.end();
    }
  }

  destroyAll(): number {
    const count = this.#requestsInFlight.size;
    for (const socket of this.#requestsInFlight.keys()) socket.destroy();
    return count;
  }
}
