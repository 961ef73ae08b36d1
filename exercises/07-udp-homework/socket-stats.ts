/**
 * Exercise 07-udp-homework, part 1: per-socket statistics for a service on many UDP sockets.
 *
 * A service bound to several ports wants to know, per socket, what came in, what went out and
 * what went wrong, and to print it as a table now and then (and on SIGUSR2). Counting is on the
 * hot path (once per datagram), so it is plain arithmetic on numbers; a snapshot copies them.
 *
 * SocketStats: one socket's counters.
 *   received(bytes)   a datagram of `bytes` bytes arrived: datagramsIn += 1, bytesIn += bytes
 *   sent(bytes)       a datagram of `bytes` bytes went out: datagramsOut += 1, bytesOut += bytes
 *                     RangeError for both unless bytes is an integer from 0 to 65535
 *   dropped()         a datagram was received but not answered (malformed, or nothing to answer)
 *   error()           a send or socket error
 *   counters          a copy of the six counters; it does not change when the socket counts more
 *
 * StatsBook: the counters of every socket of the service.
 *   new StatsBook({ now })   now() gives the time in ms for snapshots; default performance.now
 *   add(name)                a new SocketStats, all zero, listed under `name` (e.g.
 *                            "127.0.0.1:5000"). TypeError if the book already has that name.
 *   snapshot()               { atMs: now(), sockets: [{ socket: name, ...counters }] in the order
 *                            added, total: the sum of each counter over the sockets }. Later
 *                            counting never changes a snapshot already taken.
 *
 * rates(previous, current): what each socket of `current` did per second since `previous`:
 *   [{ socket, datagramsInPerSecond, bytesInPerSecond, datagramsOutPerSecond, bytesOutPerSecond }]
 *   in current's order. A socket missing from previous counts from zero. RangeError unless
 *   current.atMs > previous.atMs.
 *
 * formatStats(snapshot, previous?): the table as lines of text, for a terminal:
 *   - the header: socket, in, in bytes, out, out bytes, dropped, errors; with `previous`, also
 *     in/s and out/s (datagrams per second, from rates(), rounded to whole numbers)
 *   - one line per socket, in order, then one line whose socket is "total" (its in/s and out/s
 *     are the sums of the sockets' rates, rounded)
 *   - numbers as plain integers (no thousands separators)
 *   - cells separated by at least two spaces, every line the same length (pad the socket column
 *     on the right, the numbers on the left) so the columns line up
 *
 *   const book = new StatsBook();
 *   const a = book.add('127.0.0.1:5000');
 *   a.received(100); a.sent(120);
 *   formatStats(book.snapshot()).join('\n') ->
 *     socket          in  in bytes  out  out bytes  dropped  errors
 *     127.0.0.1:5000   1       100    1        120        0       0
 *     total            1       100    1        120        0       0
 */

export interface SocketCounters {
  readonly datagramsIn: number;
  readonly bytesIn: number;
  readonly datagramsOut: number;
  readonly bytesOut: number;
  /** Received and not answered. */
  readonly dropped: number;
  /** Send and socket errors. */
  readonly errors: number;
}

export interface SocketStatsRow extends SocketCounters {
  readonly socket: string;
}

export interface StatsSnapshot {
  /** now() when the snapshot was taken, ms. */
  readonly atMs: number;
  readonly sockets: readonly SocketStatsRow[];
  readonly total: SocketCounters;
}

export interface SocketRates {
  readonly socket: string;
  readonly datagramsInPerSecond: number;
  readonly bytesInPerSecond: number;
  readonly datagramsOutPerSecond: number;
  readonly bytesOutPerSecond: number;
}

export interface StatsBookOptions {
  /** The clock for snapshots, in ms. Default performance.now(). */
  readonly now?: () => number;
}

export class SocketStats {
  received(bytes: number): void {
    throw new Error(`TODO: count a received datagram of ${bytes} bytes`);
  }

  sent(bytes: number): void {
    throw new Error(`TODO: count a sent datagram of ${bytes} bytes`);
  }

  dropped(): void {
    throw new Error('TODO: count a dropped datagram');
  }

  error(): void {
    throw new Error('TODO: count an error');
  }

  get counters(): SocketCounters {
    throw new Error('TODO: a copy of the six counters');
  }
}

export class StatsBook {
  constructor(options: StatsBookOptions = {}) {
    // TODO: keep the clock and the sockets' SocketStats in the order they are added.
    throw new Error(`TODO: create a stats book${options.now ? ' with the given clock' : ''}`);
  }

  add(name: string): SocketStats {
    throw new Error(`TODO: add socket ${name}`);
  }

  snapshot(): StatsSnapshot {
    throw new Error('TODO: copy every socket’s counters and sum them');
  }
}

export function rates(previous: StatsSnapshot, current: StatsSnapshot): SocketRates[] {
  throw new Error(`TODO: per-second rates over ${current.atMs - previous.atMs} ms`);
}

export function formatStats(snapshot: StatsSnapshot, previous?: StatsSnapshot): string[] {
  throw new Error(`TODO: format ${snapshot.sockets.length} sockets${previous ? ' with rates' : ''}`);
}
