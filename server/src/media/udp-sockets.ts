/**
 * Binding the sockets of the shared port: one dgram socket per listen
 * address, IPv6 ones with ipv6Only so an IPv4 peer never shows up as an
 * IPv4-mapped address (the same peer must always make the same tuple).
 */
import dgram from 'node:dgram';
import net from 'node:net';
import type { IpFamily } from '../stun/index.ts';

export interface UdpListenOptions {
  /** The IP address to bind: '127.0.0.1', '0.0.0.0', '::1', '::' ... */
  readonly address: string;
  /** 0 (the default) for a free port the system picks. */
  readonly port?: number;
  /**
   * The address peers reach this socket at, written in the candidates
   * (`--announced-ip`): the public address behind a 1:1 NAT, say. Required
   * when `address` is a wildcard, which no peer can send to.
   */
  readonly announcedAddress?: string;
}

export interface SocketBufferOptions {
  /** SO_RCVBUF in bytes; the system default otherwise. */
  readonly receiveBufferSize?: number;
  readonly sendBufferSize?: number;
}

/** A bound socket and what the mux needs to know about it. */
export interface BoundSocket {
  readonly socket: dgram.Socket;
  readonly family: IpFamily;
  /** As bound (possibly a wildcard): the local half of every tuple on this socket. */
  readonly address: string;
  /** As bound: the actual port when 0 was asked for. */
  readonly port: number;
  readonly announcedAddress: string;
}

const WILDCARDS = new Set(['0.0.0.0', '::']);

/** TypeError for options no socket could be bound with. */
export function checkListenOptions(options: UdpListenOptions): void {
  if (net.isIP(options.address) === 0) throw new TypeError(`media: listen address must be an IP address, got ${JSON.stringify(options.address)}`);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 0xffff) throw new TypeError(`media: port must be an integer from 0 to 65535, got ${port}`);
  if (options.announcedAddress !== undefined && net.isIP(options.announcedAddress) === 0) {
    throw new TypeError(`media: announcedAddress must be an IP address, got ${JSON.stringify(options.announcedAddress)}`);
  }
  if (WILDCARDS.has(options.address) && options.announcedAddress === undefined) {
    throw new TypeError(`media: listening on ${options.address} needs an announcedAddress (--announced-ip): peers cannot send to a wildcard`);
  }
}

/** Binds one socket; rejects with the bind error (EADDRINUSE, EADDRNOTAVAIL ...). */
export async function bindUdpSocket(options: UdpListenOptions, buffers: SocketBufferOptions = {}): Promise<BoundSocket> {
  checkListenOptions(options);
  const family: IpFamily = net.isIPv6(options.address) ? 'IPv6' : 'IPv4';
  const socket = dgram.createSocket({
    type: family === 'IPv6' ? 'udp6' : 'udp4',
    ipv6Only: family === 'IPv6',
    ...(buffers.receiveBufferSize !== undefined ? { recvBufferSize: buffers.receiveBufferSize } : {}),
    ...(buffers.sendBufferSize !== undefined ? { sendBufferSize: buffers.sendBufferSize } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => {
      socket.close();
      reject(error);
    };
    socket.once('error', onError);
    socket.bind(options.port ?? 0, options.address, () => {
      socket.off('error', onError);
      resolve();
    });
  });
  const bound = socket.address();
  return { socket, family, address: bound.address, port: bound.port, announcedAddress: options.announcedAddress ?? bound.address };
}
