/**
 * The SFU's shared UDP port: ONE socket (plus optional extra ports or an IPv6
 * socket) for every WebRTC transport, as mediasoup's WebRtcServer. Each
 * datagram is classified by its first byte (RFC 7983 §7) and routed
 * (route-datagram.ts):
 *
 * - STUN, by the local ufrag at the start of its USERNAME (RFC 8445 §7.2.2:
 *   "<receiver's ufrag>:<sender's ufrag>") to the transport that registered
 *   it, from any source: checks are how a source gets validated.
 * - DTLS, RTP and RTCP, by the 5-tuple, to the transport whose ICE agent
 *   validated that tuple. Nothing else: a source that did not complete ICE
 *   cannot inject a ClientHello or a packet, whatever it knows.
 *
 * Everything else is dropped and counted (UdpMuxStats); nothing that arrives
 * can throw out of the socket's handler.
 *
 *   const mux = await UdpMux.create({ address: '0.0.0.0', port: 40000, announcedAddress: '203.0.113.5' });
 *   const registration = mux.register(transport, agent.localParameters.usernameFragment);
 *   mux.candidates();   // a=candidate lines for every transport's SDP
 *
 * See muxed-transport.ts for the transport side, ice-transport.ts for the
 * one that binds an IceLiteAgent to it.
 */
import type dgram from 'node:dgram';
import type { TransportTuple } from '../ice/index.ts';
import type { Candidate } from '../sdp/index.ts';
import { hostCandidates } from './host-candidates.ts';
import type { MuxRegistration, MuxedTransport } from './muxed-transport.ts';
import { type BoundSocket, type SocketBufferOptions, type UdpListenOptions, bindUdpSocket, checkListenOptions } from './udp-sockets.ts';
import { RoutingTable } from './routing-table.ts';
import { type RoutedKind, type UdpMuxStats, UdpMuxCounters } from './udp-mux-stats.ts';
import { routeDatagram } from './route-datagram.ts';

export interface UdpMuxOptions extends UdpListenOptions, SocketBufferOptions {
  /** More sockets: other ports, or an IPv6 address. Their candidates rank below the main one's. */
  readonly extra?: readonly UdpListenOptions[];
  /** Socket errors and handlers that threw. Default: print to stderr. */
  readonly onError?: (error: unknown) => void;
}

/** A bound socket, as candidates and tests see it. */
export interface UdpMuxAddress {
  readonly family: BoundSocket['family'];
  readonly address: string;
  readonly port: number;
  readonly announcedAddress: string;
}

const printToStderr = (error: unknown): void => {
  console.error('media: udp-mux:', error);
};

const socketKey = (address: string, port: number): string => `${address} ${port}`;

function deliver(kind: RoutedKind, transport: MuxedTransport, datagram: Uint8Array, tuple: TransportTuple): void {
  if (kind === 'stun') transport.handleStun(datagram, tuple);
  else if (kind === 'dtls') transport.handleDtls(datagram, tuple);
  else if (kind === 'rtp') transport.handleRtp(datagram, tuple);
  else transport.handleRtcp(datagram, tuple);
}

export class UdpMux {
  readonly #sockets: readonly BoundSocket[];
  readonly #socketsByKey: ReadonlyMap<string, BoundSocket>;
  readonly #onError: (error: unknown) => void;
  readonly #routes = new RoutingTable();
  readonly #counters = new UdpMuxCounters();
  #closed = false;

  /** Binds every socket; if one fails, closes the others and rejects with its error. */
  static async create(options: UdpMuxOptions): Promise<UdpMux> {
    const listen = [options, ...(options.extra ?? [])];
    listen.forEach(checkListenOptions);
    const results = await Promise.allSettled(listen.map((spec) => bindUdpSocket(spec, options)));
    const bound = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failure = results.find((result) => result.status === 'rejected');
    if (failure !== undefined) {
      bound.forEach(({ socket }) => socket.close());
      throw failure.reason;
    }
    return new UdpMux(bound, options.onError ?? printToStderr);
  }

  private constructor(sockets: readonly BoundSocket[], onError: (error: unknown) => void) {
    this.#sockets = sockets;
    this.#socketsByKey = new Map(sockets.map((bound) => [socketKey(bound.address, bound.port), bound]));
    this.#onError = onError;
    for (const bound of sockets) {
      bound.socket.on('message', (message, remote) => this.#receive(bound, message, remote));
      bound.socket.on('error', (error) => this.#onError(error));
    }
  }

  /** The bound sockets, main one first. */
  get addresses(): UdpMuxAddress[] {
    return this.#sockets.map(({ family, address, port, announcedAddress }) => ({ family, address, port, announcedAddress }));
  }

  get closed(): boolean {
    return this.#closed;
  }

  get stats(): UdpMuxStats {
    return this.#counters.snapshot(this.#routes.sizes);
  }

  /** One host candidate per socket, the same for every transport (host-candidates.ts). */
  candidates(): Candidate[] {
    return hostCandidates(this.#sockets);
  }

  /** Routes STUN naming `usernameFragment` to `transport`; see MuxRegistration for the rest. UdpMuxError after close(). */
  register(transport: MuxedTransport, usernameFragment: string): MuxRegistration {
    return this.#routes.register(transport, usernameFragment, (datagram, tuple) => this.send(datagram, tuple));
  }

  /** Sends `datagram` from the socket `tuple` names to its remote address. Counted; never throws for a send failure. */
  send(datagram: Uint8Array, tuple: TransportTuple): void {
    const bound = this.#socketsByKey.get(socketKey(tuple.localAddress, tuple.localPort));
    if (this.#closed || bound === undefined) {
      this.#counters.count('sendErrors');
      return;
    }
    this.#counters.count('sent');
    bound.socket.send(datagram, tuple.remotePort, tuple.remoteAddress, (error) => {
      if (error) {
        this.#counters.count('sendErrors');
        this.#onError(error);
      }
    });
  }

  /** Closes every socket and forgets every registration. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#routes.close();
    await Promise.all(this.#sockets.map(({ socket }) => new Promise<void>((resolve) => socket.close(() => resolve()))));
  }

  #receive(bound: BoundSocket, datagram: Buffer, remote: dgram.RemoteInfo): void {
    if (this.#closed) return;
    this.#counters.count('received');
    const tuple: TransportTuple = {
      protocol: 'udp',
      family: bound.family,
      localAddress: bound.address,
      localPort: bound.port,
      remoteAddress: remote.address,
      remotePort: remote.port,
    };
    const route = routeDatagram(datagram, tuple, this.#routes);
    if (route.kind === 'drop') {
      this.#counters.drop(route.reason);
      return;
    }
    this.#counters.routed(route.kind);
    try {
      deliver(route.kind, route.transport, datagram, tuple);
    } catch (error) {
      this.#counters.count('transportErrors');
      this.#onError(error);
    }
  }
}
