/**
 * The load client: opens many connections to a hold server (the exercise's protocol), keeps them
 * alive with small PINGs, and measures how long each PING takes to come back.
 *
 * Bounded on purpose, since it is easy to hurt a machine with one: at most MAX_CONNECTIONS,
 * at most `connectConcurrency` connects in flight (more would overflow the server's listen
 * backlog and make the kernel drop SYNs, each then retried a second later), a deadline on every
 * ramp and on every connect, a stop on the first sign of a limit (EMFILE: our open-files limit;
 * EADDRNOTAVAIL: no ephemeral port left), at most one PING in flight per connection, and close()
 * destroys everything it opened.
 *
 * Its own bookkeeping is O(1) per connection and per message, like the server's: one array of
 * connections, a cursor that walks it for the keep-alive, and one timer for all of them.
 */
import net from 'node:net';
import { createHistogram, performance } from 'node:perf_hooks';

export const MAX_CONNECTIONS = 50_000;
/** How often the keep-alive timer runs; each run PINGs the slice of connections whose turn it is. */
const KEEPALIVE_TICK_MS = 100;
/** Past this many failed connects in one ramp, something is wrong that retrying will not fix. */
const MAX_FAILURES = 100;
/** Errors that say a limit was reached: every further connect would fail the same way. */
const LIMIT_ERRORS: Readonly<Record<string, string>> = {
  EMFILE: 'this process reached its open-files limit (ulimit -n)',
  ENFILE: 'the system reached its open-files limit (fs.file-max)',
  EADDRNOTAVAIL: 'no ephemeral port left for this source address (net.ipv4.ip_local_port_range)',
};

export interface LoadClientOptions {
  readonly port: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Local addresses to spread the connections over, in turn; empty: the kernel chooses. */
  readonly sourceAddresses?: readonly string[];
  /** Connects in flight at once; default 100. */
  readonly connectConcurrency?: number;
  /** Until the HELLO line; default 10 s. */
  readonly connectTimeoutMs?: number;
}

export interface RampResult {
  /** Connections open (greeted, not lost) when the ramp ended. */
  readonly open: number;
  readonly opened: number;
  readonly failed: number;
  readonly ms: number;
  /** Failed connects by error code. */
  readonly errors: ReadonlyMap<string, number>;
  /** Why the ramp stopped before reaching its target, if it did. */
  readonly stoppedEarly?: string;
}

export interface RoundTrips {
  readonly count: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

interface Connection {
  readonly socket: net.Socket;
  /** Where it sits in the array, so that removing it is a swap with the last one. */
  slot: number;
  /** performance.now() of the PING in flight; 0 when none is. */
  sentAt: number;
}

class ConnectError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class LoadClient {
  readonly #options: Required<LoadClientOptions>;
  readonly #connections: Connection[] = [];
  /** Sockets still connecting, so that close() can destroy them too. */
  readonly #connecting = new Set<net.Socket>();
  readonly #roundTrips = createHistogram();
  #sequence = 0;
  #cursor = 0;
  #lost = 0;
  #keepalive: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: LoadClientOptions) {
    this.#options = { host: '127.0.0.1', sourceAddresses: [], connectConcurrency: 100, connectTimeoutMs: 10_000, ...options };
  }

  /** Connections open right now. */
  get open(): number {
    return this.#connections.length;
  }

  /** Connections the server closed (idle eviction, a restart) after they were open. */
  get lost(): number {
    return this.#lost;
  }

  /** Opens connections until `target` are open, the deadline passes or a limit is hit. */
  async rampTo(target: number, deadlineMs: number): Promise<RampResult> {
    if (!Number.isInteger(target) || target < 0 || target > MAX_CONNECTIONS) {
      throw new RangeError(`the load client opens 0 to ${MAX_CONNECTIONS} connections, not ${target}`);
    }
    const started = performance.now();
    const deadline = started + deadlineMs;
    const errors = new Map<string, number>();
    let opened = 0;
    let failed = 0;
    let inFlight = 0;
    let stoppedEarly: string | undefined;

    const openOne = async (): Promise<void> => {
      try {
        this.#add(await this.#connect(Math.max(1, Math.min(this.#options.connectTimeoutMs, deadline - performance.now()))));
        opened += 1;
      } catch (error) {
        const code = error instanceof ConnectError ? error.code : ((error as NodeJS.ErrnoException).code ?? 'ERROR');
        errors.set(code, (errors.get(code) ?? 0) + 1);
        failed += 1;
        if (LIMIT_ERRORS[code]) stoppedEarly ??= `${code}: ${LIMIT_ERRORS[code]}`;
        else if (failed >= MAX_FAILURES) stoppedEarly ??= `${failed} connects failed`;
      }
    };
    const connector = async (): Promise<void> => {
      while (!stoppedEarly && !this.#closed && this.open + inFlight < target) {
        if (performance.now() >= deadline) {
          stoppedEarly ??= `the ${deadlineMs} ms deadline passed`;
          break;
        }
        inFlight += 1;
        await openOne();
        inFlight -= 1;
      }
    };
    await Promise.all(Array.from({ length: this.#options.connectConcurrency }, connector));
    return { open: this.open, opened, failed, ms: performance.now() - started, errors, ...(stoppedEarly ? { stoppedEarly } : {}) };
  }

  /** Every open connection sends one PING per `intervalMs`, spread evenly over the interval. */
  startKeepalive(intervalMs: number): void {
    clearInterval(this.#keepalive);
    let owed = 0;
    this.#keepalive = setInterval(() => {
      // Fractions carry over, so 10,000 connections every 5 s is 200 per 100 ms tick, exactly.
      owed += (this.#connections.length * KEEPALIVE_TICK_MS) / intervalMs;
      for (; owed >= 1 && this.#connections.length > 0; owed -= 1) this.#ping(this.#nextInTurn());
      if (this.#connections.length === 0) owed = 0;
    }, KEEPALIVE_TICK_MS);
  }

  /** PING round trips since the last call, then starts counting afresh. */
  takeRoundTrips(): RoundTrips {
    const h = this.#roundTrips;
    const figures = { count: h.count, p50Ms: h.count ? h.percentile(50) / 1000 : 0, p99Ms: h.count ? h.percentile(99) / 1000 : 0, maxMs: h.count ? h.max / 1000 : 0 };
    h.reset();
    return figures;
  }

  /** Stops the keep-alive and destroys every socket, open or still connecting. */
  close(): void {
    this.#closed = true;
    clearInterval(this.#keepalive);
    for (const socket of this.#connecting) socket.destroy();
    for (const { socket } of this.#connections.splice(0)) socket.destroy();
  }

  #nextInTurn(): Connection {
    if (this.#cursor >= this.#connections.length) this.#cursor = 0;
    return this.#connections[this.#cursor++]!;
  }

  #ping(connection: Connection): void {
    // One PING in flight per connection: a stalled server cannot make us queue without bound.
    if (connection.sentAt !== 0) return;
    connection.sentAt = performance.now();
    connection.socket.write('PING\n');
  }

  #add(connection: Connection): void {
    connection.slot = this.#connections.length;
    this.#connections.push(connection);
    connection.socket.once('close', () => {
      if (this.#closed) return;
      this.#lost += 1;
      const last = this.#connections.pop()!;
      if (last !== connection) {
        last.slot = connection.slot;
        this.#connections[connection.slot] = last;
      }
    });
  }

  /** Resolves once the server has said HELLO; rejects on BUSY, an error or the timeout. */
  #connect(timeoutMs: number): Promise<Connection> {
    const sources = this.#options.sourceAddresses;
    const localAddress = sources.length > 0 ? sources[this.#sequence++ % sources.length] : undefined;
    const socket = net.connect({ port: this.#options.port, host: this.#options.host, ...(localAddress ? { localAddress } : {}) });
    socket.setNoDelay(true);
    socket.setEncoding('latin1');
    this.#connecting.add(socket);
    const connection: Connection = { socket, slot: -1, sentAt: 0 };

    return new Promise<Connection>((resolve, reject) => {
      let greeting = '';
      const fail = (error: Error): void => {
        clearTimeout(timer);
        this.#connecting.delete(socket);
        socket.destroy();
        reject(error);
      };
      const timer = setTimeout(() => fail(new ConnectError('ETIMEDOUT', `no HELLO within ${Math.round(timeoutMs)} ms`)), timeoutMs);
      socket.on('error', (error) => {
        if (this.#connecting.has(socket)) fail(error);
      });
      // What a server out of descriptors does: libuv accepts the connection and closes it at once.
      socket.on('close', () => {
        if (this.#connecting.has(socket)) fail(new ConnectError('EOF', 'the server closed the connection before HELLO'));
      });
      const onData = (chunk: string): void => {
        greeting += chunk;
        const newline = greeting.indexOf('\n');
        if (newline < 0) return;
        const line = greeting.slice(0, newline);
        if (!line.startsWith('HELLO ')) {
          fail(new ConnectError(line.startsWith('BUSY') ? 'BUSY' : 'EPROTO', `the server said "${line}"`));
          return;
        }
        clearTimeout(timer);
        this.#connecting.delete(socket);
        socket.off('data', onData);
        socket.on('data', (more: string) => this.#onReplies(connection, more));
        resolve(connection);
      };
      socket.on('data', onData);
    });
  }

  #onReplies(connection: Connection, chunk: string): void {
    // Only PONG lines come after HELLO; counting newlines is enough, however the reads split them.
    for (let at = chunk.indexOf('\n'); at >= 0; at = chunk.indexOf('\n', at + 1)) {
      if (connection.sentAt === 0) continue;
      const microseconds = (performance.now() - connection.sentAt) * 1000;
      this.#roundTrips.record(Math.max(1, Math.round(microseconds)));
      connection.sentAt = 0;
    }
  }
}
