/**
 * A stand-in for a browser in the shared-port tests: a UDP socket on
 * loopback that sends datagrams and queues what it receives. Test code only.
 */
import dgram from 'node:dgram';
import type { UdpMuxAddress } from './udp-mux.ts';

export class TestPeer {
  readonly #socket: dgram.Socket;
  readonly #received: Uint8Array[] = [];
  readonly #waiting: ((datagram: Uint8Array) => void)[] = [];

  private constructor(socket: dgram.Socket) {
    this.#socket = socket;
    socket.on('message', (message) => {
      const datagram = new Uint8Array(message);
      const waiter = this.#waiting.shift();
      if (waiter) waiter(datagram);
      else this.#received.push(datagram);
    });
  }

  static async open(address = '127.0.0.1'): Promise<TestPeer> {
    const socket = dgram.createSocket({ type: address.includes(':') ? 'udp6' : 'udp4', ipv6Only: address.includes(':') });
    await new Promise<void>((resolve) => socket.bind(0, address, resolve));
    return new TestPeer(socket);
  }

  get port(): number {
    return this.#socket.address().port;
  }

  send(datagram: Uint8Array, to: Pick<UdpMuxAddress, 'address' | 'port'>): void {
    this.#socket.send(datagram, to.port, to.address);
  }

  /** The next datagram received; rejects after `timeoutMs`. */
  next(timeoutMs = 2000): Promise<Uint8Array> {
    const queued = this.#received.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
        reject(new Error(`no datagram within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = (datagram: Uint8Array) => {
        clearTimeout(timer);
        resolve(datagram);
      };
      this.#waiting.push(waiter);
    });
  }

  /** How many datagrams arrived and were not taken by next(). */
  get queued(): number {
    return this.#received.length;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#socket.close(() => resolve()));
  }
}

/** Resolves once `condition` holds, polling every millisecond; rejects after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
