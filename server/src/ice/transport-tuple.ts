/**
 * A 5-tuple: where a datagram came from and which of our sockets it reached.
 * ICE validates tuples (RFC 8445 §7.3: a check that authenticates makes the
 * pair usable); the shared UDP port routes everything but STUN by them. Field
 * names of mediasoup's `TransportTuple`.
 */
import type { IpFamily } from '../stun/index.ts';

export interface TransportTuple {
  readonly protocol: 'udp';
  readonly family: IpFamily;
  /** The address our socket is bound to (a wildcard when bound to one). */
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
}

/**
 * A string that is equal for equal tuples: the key of the maps that route by
 * tuple. Addresses are as dgram reports them, so one peer has one key.
 */
export function tupleKey(tuple: TransportTuple): string {
  return `${tuple.localAddress} ${tuple.localPort} ${tuple.remoteAddress} ${tuple.remotePort}`;
}

export function sameTuple(a: TransportTuple | undefined, b: TransportTuple | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.localPort === b.localPort && a.remotePort === b.remotePort && a.remoteAddress === b.remoteAddress && a.localAddress === b.localAddress;
}

/** 'udp 127.0.0.1:50000 <- 127.0.0.1:35403', for logs and test names. */
export function formatTuple(tuple: TransportTuple): string {
  const wrap = (address: string) => (tuple.family === 'IPv6' ? `[${address}]` : address);
  return `udp ${wrap(tuple.localAddress)}:${tuple.localPort} <- ${wrap(tuple.remoteAddress)}:${tuple.remotePort}`;
}
