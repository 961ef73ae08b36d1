/**
 * Exercise 06-c10k, part 2: the hold server (reference solution).
 * See exercises/06-c10k/hold-server.ts for the contract.
 *
 * What each connection costs here is what 10,000 of them cost times 10,000, so a connection is
 * one small object: its socket, the unfinished line, and a flag. No readline interface (a few KiB
 * of streams and listeners each), no timer (the registry's one sweep replaces 10,000 of them).
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { IdleRegistry } from './idle-registry.ts';

export interface HoldServerOptions {
  readonly port: number;
  readonly host?: string;
  readonly idleTimeoutMs?: number;
  readonly maxConnections?: number;
  readonly maxLineBytes?: number;
  readonly sweepIntervalMs?: number;
  readonly now?: () => number;
}

export interface HoldStats {
  readonly connections: number;
  readonly peak: number;
  readonly accepted: number;
  readonly refused: number;
  readonly evicted: number;
  readonly messages: number;
}

export interface HoldServer {
  readonly server: net.Server;
  readonly port: number;
  stats(): HoldStats;
  sweep(): number;
  close(): Promise<void>;
}

interface Connection {
  readonly socket: net.Socket;
  /** Bytes after the last newline, waiting for the rest of their line. */
  pending: string;
  /** Set once the server has said BYE or ERR and ended it: later lines must not revive it. */
  closing: boolean;
}

export async function startHoldServer(options: HoldServerOptions): Promise<HoldServer> {
  const { idleTimeoutMs = 60_000, maxConnections = 20_000, maxLineBytes = 1024, sweepIntervalMs = 1_000 } = options;
  const now = options.now ?? (() => performance.now());
  const registry = new IdleRegistry<Connection>(idleTimeoutMs);
  const open = new Set<Connection>();
  /** Every accepted socket, the refused ones too, so that close() can end them all. */
  const sockets = new Set<net.Socket>();
  const counts = { peak: 0, accepted: 0, refused: 0, evicted: 0, messages: 0 };

  const finish = (connection: Connection, line: string): void => {
    connection.closing = true;
    registry.delete(connection);
    connection.socket.end(line + '\n');
  };

  const onLine = (connection: Connection, line: string): void => {
    counts.messages += 1;
    registry.touch(connection, now());
    const space = line.indexOf(' ');
    const command = space < 0 ? line : line.slice(0, space);
    if (command === 'PING') connection.socket.write(`PONG${space < 0 ? '' : line.slice(space)}\n`);
    else if (command === 'QUIT') finish(connection, 'BYE');
    else connection.socket.write(`ERR unknown command ${command}\n`);
  };

  const onData = (connection: Connection, chunk: string): void => {
    let text = connection.pending + chunk;
    let newline: number;
    while (!connection.closing && (newline = text.indexOf('\n')) >= 0) {
      onLine(connection, text.slice(0, newline).replace(/\r$/, ''));
      text = text.slice(newline + 1);
    }
    connection.pending = connection.closing ? '' : text;
    // The cap is what keeps a client that never sends a newline from growing our memory.
    if (Buffer.byteLength(connection.pending) > maxLineBytes) finish(connection, 'ERR line too long');
  };

  const server = net.createServer((socket) => {
    // A reset from a client is that client's business; without a listener it would crash us all.
    socket.on('error', () => {});
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    if (open.size >= maxConnections) {
      counts.refused += 1;
      socket.end(`BUSY ${maxConnections}\n`);
      return;
    }
    const connection: Connection = { socket, pending: '', closing: false };
    open.add(connection);
    counts.accepted += 1;
    counts.peak = Math.max(counts.peak, open.size);
    registry.touch(connection, now());
    socket.setEncoding('utf8');
    socket.write(`HELLO ${open.size}\n`);
    socket.on('data', (chunk: string) => {
      if (!connection.closing) onData(connection, chunk);
    });
    socket.on('close', () => {
      open.delete(connection);
      registry.delete(connection);
    });
  });

  const sweep = (): number => {
    const idle = registry.sweep(now());
    for (const connection of idle) finish(connection, 'BYE idle');
    counts.evicted += idle.length;
    return idle.length;
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // One timer for every connection; unref so that it alone never keeps the process alive.
  const sweeper = sweepIntervalMs > 0 ? setInterval(sweep, sweepIntervalMs).unref() : undefined;

  return {
    server,
    port: (server.address() as net.AddressInfo).port,
    stats: () => ({ connections: open.size, ...counts }),
    sweep,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(sweeper);
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
