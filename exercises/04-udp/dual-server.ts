/**
 * Exercise 04-udp, part 2: one port number, answered over TCP and over UDP.
 *
 * TCP and UDP have separate port spaces: TCP port 7005 and UDP port 7005 are two different
 * sockets, bound separately, that happen to share a number (DNS does this on port 53).
 * startDualServer({ port, host }) binds both on the same host and port number and answers:
 *
 *   request    reply
 *   PING       PONG tcp   (over TCP)   or   PONG udp   (over UDP)
 *   anything   ERR unknown command <first word of the request>      e.g. "ERR unknown command DANCE"
 *
 * Over TCP, a request is one line ("\n"-terminated; a "\r" before it is ignored) and so is each
 * reply; a client may send many requests on one connection, in one write or a byte at a time.
 * Over UDP, a request is one datagram (surrounding whitespace, like a trailing "\n", is
 * ignored) and the reply is one datagram, sent back to the address and port it came from.
 *
 * Ports:
 *   - port > 0: use exactly that number for both. If either protocol's port is taken, reject with
 *     the bind error (its code is 'EADDRINUSE') and leave nothing bound or listening.
 *   - port 0: let the kernel choose the TCP port, then bind UDP to the same number. That number
 *     may be taken in UDP's port space: then close the TCP listener and try again with a new
 *     kernel-chosen port (a few times at most).
 *   - host defaults to '127.0.0.1'; use 'udp6' sockets for an IPv6 host.
 *
 * Resolves with { port, tcp, udp, close }: the port number, the listening net.Server, the bound
 * dgram.Socket, and close(), which drops any open TCP connections, closes both sockets and
 * resolves when they are closed. close() may be called twice.
 */
import type dgram from 'node:dgram';
import type net from 'node:net';

export interface DualServerOptions {
  /** The port number for both protocols; 0 lets the kernel choose one. */
  readonly port: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
}

export interface DualServer {
  /** The port number both protocols are bound to. */
  readonly port: number;
  readonly tcp: net.Server;
  readonly udp: dgram.Socket;
  /** Closes both (dropping open TCP connections); safe to call twice. */
  close(): Promise<void>;
}

export async function startDualServer(options: DualServerOptions): Promise<DualServer> {
  // TODO: listen with net.createServer, then bind dgram.createSocket('udp4') to the same port
  // number; answer PING over both; clean up whichever succeeded if the other fails.
  throw new Error(`TODO: serve TCP and UDP on ${options.host ?? '127.0.0.1'}:${options.port}`);
}
