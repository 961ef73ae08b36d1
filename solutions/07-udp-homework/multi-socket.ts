/**
 * Exercise 07-udp-homework, part 2: one service on several UDP sockets (reference solution).
 * See exercises/07-udp-homework/multi-socket.ts for the contract.
 */
import dgram from 'node:dgram';
import net from 'node:net';

export const MAX_SOCKETS = 1024;

export interface BoundSocket {
  readonly socket: dgram.Socket;
  readonly port: number;
  readonly name: string;
  readonly index: number;
}

export interface SocketGroup {
  readonly sockets: readonly BoundSocket[];
  close(): Promise<void>;
}

export interface BindOptions {
  readonly ports?: readonly number[];
  readonly count?: number;
  readonly host?: string;
  readonly onMessage?: (datagram: Buffer, from: dgram.RemoteInfo, bound: BoundSocket) => void;
  readonly onError?: (error: Error, bound: BoundSocket) => void;
}

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

/** The ports to bind, one per socket, from exactly one of ports and count. */
function requestedPorts(options: BindOptions): number[] {
  const { ports, count } = options;
  if ((ports === undefined) === (count === undefined)) throw new TypeError('bindSockets: give exactly one of ports and count');
  if (count !== undefined) {
    if (!Number.isInteger(count) || count < 1 || count > MAX_SOCKETS) throw new RangeError(`bindSockets: count must be an integer from 1 to ${MAX_SOCKETS}, got ${count}`);
    return new Array<number>(count).fill(0);
  }
  if (ports!.length === 0 || ports!.length > MAX_SOCKETS) throw new RangeError(`bindSockets: give from 1 to ${MAX_SOCKETS} ports, got ${ports!.length}`);
  for (const port of ports!) {
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError(`bindSockets: a port must be an integer from 0 to 65535, got ${port}`);
  }
  return [...ports!];
}

/** Until the whole group is bound: a dgram socket without an 'error' listener throws its errors. */
const ignoreUntilServing = (): void => {};

/** Binds one socket; on failure it is closed and the promise rejects with a BindError. */
function bindOne(port: number, host: string): Promise<dgram.Socket> {
  const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
  return new Promise((resolve, reject) => {
    const onBindError = (error: NodeJS.ErrnoException): void => {
      socket.close();
      reject(new BindError(error.code ?? 'UNKNOWN', port, host, { cause: error }));
    };
    socket.once('error', onBindError);
    socket.bind(port, host, () => {
      socket.off('error', onBindError);
      socket.on('error', ignoreUntilServing);
      resolve(socket);
    });
  });
}

function closeSocket(socket: dgram.Socket): Promise<void> {
  return new Promise((resolve) => {
    try {
      socket.close(() => resolve());
    } catch {
      resolve(); // ERR_SOCKET_DGRAM_NOT_RUNNING: someone closed it already
    }
  });
}

export async function bindSockets(options: BindOptions): Promise<SocketGroup> {
  const ports = requestedPorts(options);
  const host = options.host ?? '127.0.0.1';
  // All binds at once; wait for every one to settle, so none is left half-bound behind a failure.
  const settled = await Promise.allSettled(ports.map((port) => bindOne(port, host)));
  const bound = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failure = settled.find((result) => result.status === 'rejected');
  if (failure !== undefined) {
    await Promise.all(bound.map(closeSocket));
    throw failure.reason;
  }
  const label = net.isIPv6(host) ? `[${host}]` : host;
  const sockets = bound.map((socket, index): BoundSocket => {
    const port = socket.address().port;
    return { socket, port, name: `${label}:${port}`, index };
  });
  // The group serves once every socket is bound: a datagram that reached an early one before
  // that found no 'message' listener and was dropped, as if it had come before the bind.
  for (const entry of sockets) {
    entry.socket.off('error', ignoreUntilServing);
    entry.socket.on('error', (error) => options.onError?.(error, entry));
    if (options.onMessage) entry.socket.on('message', (datagram, from) => options.onMessage!(datagram, from, entry));
  }
  let closing: Promise<void> | undefined;
  return {
    sockets,
    close: () => (closing ??= Promise.all(sockets.map(({ socket }) => closeSocket(socket))).then(() => {})),
  };
}
