/**
 * Exercise 07-udp-homework, part 1: per-socket statistics (reference solution).
 * See exercises/07-udp-homework/socket-stats.ts for the contract.
 */

export interface SocketCounters {
  readonly datagramsIn: number;
  readonly bytesIn: number;
  readonly datagramsOut: number;
  readonly bytesOut: number;
  readonly dropped: number;
  readonly errors: number;
}

export interface SocketStatsRow extends SocketCounters {
  readonly socket: string;
}

export interface StatsSnapshot {
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
  readonly now?: () => number;
}

const COUNTER_NAMES = ['datagramsIn', 'bytesIn', 'datagramsOut', 'bytesOut', 'dropped', 'errors'] as const;

/** The largest UDP payload over IPv6 jumbograms aside: what a length field of 16 bits allows. */
const MAX_DATAGRAM_BYTES = 65_535;

function checkSize(bytes: number): void {
  if (!Number.isInteger(bytes) || bytes < 0 || bytes > MAX_DATAGRAM_BYTES) {
    throw new RangeError(`socket stats: a datagram size must be an integer from 0 to ${MAX_DATAGRAM_BYTES}, got ${bytes}`);
  }
}

export class SocketStats {
  // Plain number fields: counting happens once per datagram, on the hot path.
  #datagramsIn = 0;
  #bytesIn = 0;
  #datagramsOut = 0;
  #bytesOut = 0;
  #dropped = 0;
  #errors = 0;

  received(bytes: number): void {
    checkSize(bytes);
    this.#datagramsIn += 1;
    this.#bytesIn += bytes;
  }

  sent(bytes: number): void {
    checkSize(bytes);
    this.#datagramsOut += 1;
    this.#bytesOut += bytes;
  }

  dropped(): void {
    this.#dropped += 1;
  }

  error(): void {
    this.#errors += 1;
  }

  get counters(): SocketCounters {
    return {
      datagramsIn: this.#datagramsIn,
      bytesIn: this.#bytesIn,
      datagramsOut: this.#datagramsOut,
      bytesOut: this.#bytesOut,
      dropped: this.#dropped,
      errors: this.#errors,
    };
  }
}

function sum(rows: readonly SocketCounters[]): SocketCounters {
  const total = { datagramsIn: 0, bytesIn: 0, datagramsOut: 0, bytesOut: 0, dropped: 0, errors: 0 };
  for (const row of rows) for (const name of COUNTER_NAMES) total[name] += row[name];
  return total;
}

export class StatsBook {
  readonly #now: () => number;
  readonly #sockets = new Map<string, SocketStats>();

  constructor(options: StatsBookOptions = {}) {
    this.#now = options.now ?? (() => performance.now());
  }

  add(name: string): SocketStats {
    if (this.#sockets.has(name)) throw new TypeError(`socket stats: "${name}" is already in the book`);
    const stats = new SocketStats();
    this.#sockets.set(name, stats);
    return stats;
  }

  snapshot(): StatsSnapshot {
    const sockets = [...this.#sockets].map(([socket, stats]) => ({ socket, ...stats.counters }));
    return { atMs: this.#now(), sockets, total: sum(sockets) };
  }
}

export function rates(previous: StatsSnapshot, current: StatsSnapshot): SocketRates[] {
  const seconds = (current.atMs - previous.atMs) / 1000;
  if (!(seconds > 0)) throw new RangeError(`socket stats: the current snapshot must be later than the previous one (${previous.atMs} -> ${current.atMs} ms)`);
  const before = new Map(previous.sockets.map((row) => [row.socket, row]));
  return current.sockets.map((row) => {
    const old = before.get(row.socket);
    const perSecond = (name: 'datagramsIn' | 'bytesIn' | 'datagramsOut' | 'bytesOut'): number => (row[name] - (old?.[name] ?? 0)) / seconds;
    return {
      socket: row.socket,
      datagramsInPerSecond: perSecond('datagramsIn'),
      bytesInPerSecond: perSecond('bytesIn'),
      datagramsOutPerSecond: perSecond('datagramsOut'),
      bytesOutPerSecond: perSecond('bytesOut'),
    };
  });
}

export function formatStats(snapshot: StatsSnapshot, previous?: StatsSnapshot): string[] {
  const header = ['socket', 'in', 'in bytes', 'out', 'out bytes', 'dropped', 'errors'];
  const cells = (row: SocketCounters): string[] => COUNTER_NAMES.map((name) => String(row[name]));
  const rows = [...snapshot.sockets.map((row) => [row.socket, ...cells(row)]), ['total', ...cells(snapshot.total)]];
  if (previous !== undefined) {
    header.push('in/s', 'out/s');
    const perSocket = rates(previous, snapshot);
    const inTotal = perSocket.reduce((total, r) => total + r.datagramsInPerSecond, 0);
    const outTotal = perSocket.reduce((total, r) => total + r.datagramsOutPerSecond, 0);
    [...perSocket.map((r) => [r.datagramsInPerSecond, r.datagramsOutPerSecond]), [inTotal, outTotal]].forEach(([inRate, outRate], i) =>
      rows[i]!.push(String(Math.round(inRate!)), String(Math.round(outRate!))),
    );
  }
  const table = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  return table.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '));
}
