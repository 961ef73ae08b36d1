/**
 * Exercise 07-udp-homework, part 2: one service on several UDP sockets.
 *
 * In libuv every UDP socket is a handle of its own (uv_udp_t) that the one loop polls with all
 * the others: serving five ports takes five sockets and five 'message' listeners, not five
 * threads. bindSockets() binds them all, or none: a service that came up on two of its three
 * ports is worse than one that says clearly which port it could not have.
 *
 * bindSockets(options) -> Promise<SocketGroup>
 *   options.ports   the port of each socket, in order (0: let the kernel choose one), or
 *   options.count   how many sockets to bind on ports the kernel chooses.
 *                   Exactly one of the two: TypeError otherwise. RangeError for an empty list, a
 *                   port that is not an integer from 0 to 65535, or a count that is not an
 *                   integer from 1 to MAX_SOCKETS.
 *   options.host    the address to bind, default '127.0.0.1'; an IPv6 address gets 'udp6' sockets
 *   options.onMessage(datagram, from, bound)   every datagram, with the socket it arrived on
 *   options.onError(error, bound)              an error a socket reports after binding; without
 *                   it, such errors are ignored. Either way the process must not crash: a dgram
 *                   socket with no 'error' listener throws its errors.
 *
 * On success: { sockets, close }. sockets[i] is { socket, port, name, index }: the bound
 * dgram.Socket, its port number (the kernel's choice for port 0), its name "host:port"
 * ("[::1]:5000" for IPv6) and i; with options.ports, sockets[i] is bound to ports[i].
 * close() closes every socket and resolves once all are closed; calling it again is harmless.
 *
 * If any bind fails (EADDRINUSE: someone has the port, or the list has it twice; EACCES;
 * EADDRNOTAVAIL for a host that is not ours), close every socket already bound, and reject with
 * a BindError naming the errno code, the port asked for and the host. Nothing may stay bound.
 *
 *   const group = await bindSockets({ ports: [5000, 5001], onMessage: (d, from, bound) =>
 *     bound.socket.send(d, from.port, from.address) });        // an echo on two ports
 *   group.sockets.map((s) => s.name)   // ['127.0.0.1:5000', '127.0.0.1:5001']
 *   await group.close();
 */
import type dgram from 'node:dgram';

/** The most sockets one call binds. */
export const MAX_SOCKETS = 1024;

export interface BoundSocket {
  readonly socket: dgram.Socket;
  readonly port: number;
  /** "host:port", "[v6 host]:port" for IPv6. */
  readonly name: string;
  readonly index: number;
}

export interface SocketGroup {
  readonly sockets: readonly BoundSocket[];
  /** Closes every socket; resolves when all are closed. Safe to call twice. */
  close(): Promise<void>;
}

export interface BindOptions {
  readonly ports?: readonly number[];
  readonly count?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  readonly onMessage?: (datagram: Buffer, from: dgram.RemoteInfo, bound: BoundSocket) => void;
  readonly onError?: (error: Error, bound: BoundSocket) => void;
}

/** A socket could not be bound; `code` is the errno code (EADDRINUSE, EACCES, ...). */
export class BindError extends Error {
  readonly code: string;
  readonly port: number;
  readonly host: string;

  constructor(code: string, port: number, host: string, options?: { cause?: unknown }) {
    super(`cannot bind UDP ${host}:${port}: ${code}`, options);
    this.name = 'BindError';
    this.code = code;
    this.port = port;
    this.host = host;
  }
}

export async function bindSockets(options: BindOptions): Promise<SocketGroup> {
  // TODO: check the options; create and bind one dgram socket per port (or count of them on
  // port 0); on any failure close the ones bound and reject with a BindError; else wire
  // 'message' and 'error' to the callbacks and return the group.
  throw new Error(`TODO: bind ${options.ports ? `ports ${options.ports.join(', ')}` : `${options.count} sockets`} on ${options.host ?? '127.0.0.1'}`);
}
