/**
 * A UDP proxy that behaves like a bad network: clients send to the proxy, it
 * forwards to the target through an ImpairedPath (loss, duplication,
 * reordering, delay), and the target's answers come back through another one.
 * Loopback itself never loses or reorders anything, so labs and tests put this
 * between two endpoints to get a network worth retransmitting over.
 *
 *   client ──► proxy.address ──[toTarget path]──► upstream socket ──► target
 *   client ◄── proxy.address ◄──[toClient path]─── upstream socket ◄── target
 *
 * Each client (source address and port) gets its own upstream socket, as a
 * NAT gives each flow its own port, so the target sees one peer per client
 * and its answers find their way back; and its own pair of paths, seeded from
 * `seed` and the client's arrival order, so a run is reproducible.
 *
 *   const proxy = await LossyUdpProxy.start({ target: { address: '127.0.0.1', port }, toTarget: { loss: 0.1 }, seed: 7 });
 *   client.send(datagram, proxy.address.port, proxy.address.address);
 *   ...
 *   console.log(proxy.stats.toTarget.dropped);
 *   await proxy.close();
 */
import dgram from 'node:dgram';
import { isIPv6 } from 'node:net';
import { SeededRandom } from '../common/fuzz.ts';
import { bindUdpSocket } from '../media/udp-sockets.ts';
import type { TimerClock } from '../timers/index.ts';
import { NetemError } from './errors.ts';
import { type Impairment, resolveImpairment } from './impairment.ts';
import { ImpairedPath, type PathCounters, sumCounters } from './impaired-path.ts';

export interface UdpEndpoint {
  readonly address: string;
  readonly port: number;
}

export type ProxyDirection = 'toTarget' | 'toClient';

export interface LossyUdpProxyOptions {
  /** Where client datagrams go. */
  readonly target: UdpEndpoint;
  /** Where clients send; default the target's loopback (127.0.0.1 or ::1), port 0 (the kernel picks). */
  readonly listen?: Partial<UdpEndpoint>;
  /** What happens on the way from clients to the target. */
  readonly toTarget?: Impairment;
  /** What happens on the way back. */
  readonly toClient?: Impairment;
  /** Seeds every random decision; default 1. */
  readonly seed?: number;
  /** More clients than this are ignored (their datagrams counted in `refused`); default 64. */
  readonly maxClients?: number;
  /** Default: the system clock. */
  readonly clock?: TimerClock;
}

export interface LossyUdpProxyStats {
  /** Summed over every client. */
  readonly toTarget: PathCounters;
  readonly toClient: PathCounters;
  readonly clients: number;
  /** Datagrams from clients over maxClients. */
  readonly refused: number;
  /** Datagrams on an upstream socket from anyone but the target. */
  readonly strays: number;
  /** send() failures (e.g. ECONNREFUSED from a target that is not listening). */
  readonly sendErrors: number;
}

/** Socket buffers big enough for a window of datagrams in flight on loopback. */
const SOCKET_BUFFER_BYTES = 1 << 20;

interface ClientFlow {
  readonly upstream: dgram.Socket;
  readonly toTarget: ImpairedPath;
  readonly toClient: ImpairedPath;
}

export class LossyUdpProxy {
  readonly #options: LossyUdpProxyOptions;
  readonly #listener: dgram.Socket;
  readonly #clients = new Map<string, ClientFlow>();
  #impairments: Record<ProxyDirection, Impairment>;
  #refused = 0;
  #strays = 0;
  #sendErrors = 0;
  #closed: Promise<void> | undefined;

  private constructor(options: LossyUdpProxyOptions, listener: dgram.Socket) {
    this.#options = options;
    this.#listener = listener;
    this.#impairments = { toTarget: options.toTarget ?? {}, toClient: options.toClient ?? {} };
    listener.on('message', (datagram, from) => this.#fromClient(datagram, from));
    listener.on('error', () => {
      this.#sendErrors += 1;
    });
  }

  static async start(options: LossyUdpProxyOptions): Promise<LossyUdpProxy> {
    resolveImpairment(options.toTarget);
    resolveImpairment(options.toClient);
    const { maxClients = 64 } = options;
    if (!Number.isInteger(maxClients) || maxClients < 1) throw new RangeError(`netem: maxClients must be a positive integer, got ${maxClients}`);
    const address = options.listen?.address ?? loopbackFor(options.target.address);
    const { socket: listener } = await bindUdpSocket(
      { address, port: options.listen?.port ?? 0 },
      { receiveBufferSize: SOCKET_BUFFER_BYTES, sendBufferSize: SOCKET_BUFFER_BYTES },
    );
    return new LossyUdpProxy(options, listener);
  }

  /** Where clients send. */
  get address(): UdpEndpoint {
    const { address, port } = this.#listener.address();
    return { address, port };
  }

  get stats(): LossyUdpProxyStats {
    const flows = [...this.#clients.values()];
    return {
      toTarget: sumCounters(flows.map((flow) => flow.toTarget.counters)),
      toClient: sumCounters(flows.map((flow) => flow.toClient.counters)),
      clients: flows.length,
      refused: this.#refused,
      strays: this.#strays,
      sendErrors: this.#sendErrors,
    };
  }

  /** Changes one direction's impairment for every client, from the next datagram on. */
  setImpairment(direction: ProxyDirection, impairment: Impairment): void {
    if (this.#closed) throw new NetemError('CLOSED', 'netem: setImpairment() on a closed proxy');
    resolveImpairment(impairment);
    this.#impairments[direction] = impairment;
    for (const flow of this.#clients.values()) flow.toTarget.impairment = this.#impairments.toTarget;
    for (const flow of this.#clients.values()) flow.toClient.impairment = this.#impairments.toClient;
  }

  /** Closes every socket and drops whatever is still in flight. Safe to call twice. */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      const sockets = [this.#listener, ...[...this.#clients.values()].map((flow) => flow.upstream)];
      for (const flow of this.#clients.values()) {
        flow.toTarget.close();
        flow.toClient.close();
      }
      // close() runs once (memoized above), so each socket is closed exactly once.
      await Promise.all(sockets.map((socket) => new Promise<void>((resolve) => socket.close(() => resolve()))));
    })();
    return this.#closed;
  }

  #fromClient(datagram: Buffer, from: dgram.RemoteInfo): void {
    if (this.#closed) return;
    const key = `${from.address}|${from.port}`;
    let flow = this.#clients.get(key);
    if (flow === undefined) {
      if (this.#clients.size >= (this.#options.maxClients ?? 64)) {
        this.#refused += 1;
        return;
      }
      flow = this.#openFlow(from);
      this.#clients.set(key, flow);
    }
    flow.toTarget.push(datagram);
  }

  #openFlow(client: dgram.RemoteInfo): ClientFlow {
    const { target, clock, seed = 1 } = this.#options;
    const index = this.#clients.size;
    const upstream = dgram.createSocket({ type: isIPv6(target.address) ? 'udp6' : 'udp4', recvBufferSize: SOCKET_BUFFER_BYTES });
    // Sends before the bind completes are queued by dgram; errors are counted, never thrown.
    if (isLoopback(target.address)) upstream.bind(0, loopbackFor(target.address));
    else upstream.bind(0);
    upstream.on('error', () => {
      this.#sendErrors += 1;
    });
    const onSent = (error: Error | null): void => {
      if (error) this.#sendErrors += 1;
    };
    const toTarget = new ImpairedPath({
      impairment: this.#impairments.toTarget,
      random: randomStream(seed, 2 * index),
      deliver: (datagram) => {
        if (!this.#closed) upstream.send(datagram, target.port, target.address, onSent);
      },
      ...(clock ? { clock } : {}),
    });
    const toClient = new ImpairedPath({
      impairment: this.#impairments.toClient,
      random: randomStream(seed, 2 * index + 1),
      deliver: (datagram) => {
        if (!this.#closed) this.#listener.send(datagram, client.port, client.address, onSent);
      },
      ...(clock ? { clock } : {}),
    });
    upstream.on('message', (datagram, from) => {
      if (this.#closed) return;
      if (from.port !== target.port || from.address !== target.address) {
        this.#strays += 1;
        return;
      }
      toClient.push(datagram);
    });
    return { upstream, toTarget, toClient };
  }
}

function randomStream(seed: number, stream: number): () => number {
  const random = new SeededRandom((Math.imul(seed, 0x9e3779b1) + Math.imul(stream, 0x85ebca6b)) >>> 0);
  return () => random.next();
}

function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.');
}

function loopbackFor(address: string): string {
  return isIPv6(address) ? '::1' : '127.0.0.1';
}
