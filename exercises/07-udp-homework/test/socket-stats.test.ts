import { describe, expect, it } from 'vitest';
import { SeededRandom } from '#server/common/fuzz.ts';
import { SocketStats, StatsBook, formatStats, rates, type StatsSnapshot } from '../socket-stats.ts';

/** A clock the test sets by hand. */
function manualNow(startMs = 1000): { now: () => number; set: (ms: number) => void } {
  let current = startMs;
  return { now: () => current, set: (ms) => void (current = ms) };
}

/** The cells of a formatted line: separated by two or more spaces. */
const cellsOf = (line: string): string[] => line.trim().split(/\s{2,}/);

const ZERO = { datagramsIn: 0, bytesIn: 0, datagramsOut: 0, bytesOut: 0, dropped: 0, errors: 0 };

describe('07-udp-homework: SocketStats', () => {
  it('counts datagrams and bytes in and out, drops and errors', () => {
    const stats = new SocketStats();
    stats.received(100);
    stats.received(1200);
    stats.sent(120);
    stats.dropped();
    stats.error();
    stats.error();
    expect(stats.counters).toEqual({ datagramsIn: 2, bytesIn: 1300, datagramsOut: 1, bytesOut: 120, dropped: 1, errors: 2 });
  });

  it('hands out a copy: counting more does not change counters already read', () => {
    const stats = new SocketStats();
    stats.received(10);
    const before = stats.counters;
    stats.received(10);
    expect(before.datagramsIn).toBe(1);
    expect(stats.counters.datagramsIn).toBe(2);
  });

  it('accepts sizes 0 to 65535 and refuses anything else with a RangeError', () => {
    const stats = new SocketStats();
    stats.received(0);
    stats.sent(65_535);
    for (const bad of [-1, 1.5, 65_536, Number.NaN]) {
      expect(() => stats.received(bad)).toThrow(RangeError);
      expect(() => stats.sent(bad)).toThrow(RangeError);
    }
    expect(stats.counters).toEqual({ ...ZERO, datagramsIn: 1, datagramsOut: 1, bytesOut: 65_535 });
  });
});

describe('07-udp-homework: StatsBook', () => {
  it('snapshots every socket in the order added, with totals and the time', () => {
    const clock = manualNow(5000);
    const book = new StatsBook({ now: clock.now });
    const a = book.add('127.0.0.1:5000');
    const b = book.add('127.0.0.1:5001');
    a.received(100);
    a.sent(100);
    b.received(40);
    b.dropped();
    expect(book.snapshot()).toEqual({
      atMs: 5000,
      sockets: [
        { socket: '127.0.0.1:5000', datagramsIn: 1, bytesIn: 100, datagramsOut: 1, bytesOut: 100, dropped: 0, errors: 0 },
        { socket: '127.0.0.1:5001', datagramsIn: 1, bytesIn: 40, datagramsOut: 0, bytesOut: 0, dropped: 1, errors: 0 },
      ],
      total: { datagramsIn: 2, bytesIn: 140, datagramsOut: 1, bytesOut: 100, dropped: 1, errors: 0 },
    });
  });

  it('refuses a name it already has', () => {
    const book = new StatsBook();
    book.add('127.0.0.1:5000');
    expect(() => book.add('127.0.0.1:5000')).toThrow(TypeError);
    expect(book.snapshot().sockets).toHaveLength(1);
  });

  it('keeps snapshots as they were when taken', () => {
    const book = new StatsBook({ now: manualNow().now });
    const a = book.add('a');
    a.received(1);
    const first = book.snapshot();
    a.received(1);
    book.add('b').error();
    expect(first.sockets).toEqual([{ socket: 'a', ...ZERO, datagramsIn: 1, bytesIn: 1 }]);
    expect(first.total.datagramsIn).toBe(1);
    expect(book.snapshot().total).toEqual({ ...ZERO, datagramsIn: 2, bytesIn: 2, errors: 1 });
  });

  it('totals agree with the sum of the sockets through 10,000 random events', () => {
    const book = new StatsBook();
    const random = new SeededRandom(9);
    const names = ['127.0.0.1:7000', '127.0.0.1:7001', '127.0.0.1:7002'];
    const sockets = names.map((name) => book.add(name));
    const expected = names.map(() => ({ ...ZERO }));
    for (let i = 0; i < 10_000; i++) {
      const which = random.below(3);
      const size = random.below(1500);
      const socket = sockets[which]!;
      const model = expected[which]!;
      switch (random.below(4)) {
        case 0:
          socket.received(size);
          model.datagramsIn += 1;
          model.bytesIn += size;
          break;
        case 1:
          socket.sent(size);
          model.datagramsOut += 1;
          model.bytesOut += size;
          break;
        case 2:
          socket.dropped();
          model.dropped += 1;
          break;
        default:
          socket.error();
          model.errors += 1;
      }
    }
    const snapshot = book.snapshot();
    expect(snapshot.sockets.map(({ socket, ...counters }) => [socket, counters])).toEqual(names.map((name, i) => [name, expected[i]]));
    const total = { ...ZERO };
    for (const model of expected) for (const key of Object.keys(total) as Array<keyof typeof ZERO>) total[key] += model[key];
    expect(snapshot.total).toEqual(total);
  });
});

describe('07-udp-homework: rates between two snapshots', () => {
  const row = (socket: string, datagramsIn: number, bytesIn: number, datagramsOut: number, bytesOut: number) => ({ socket, datagramsIn, bytesIn, datagramsOut, bytesOut, dropped: 0, errors: 0 });
  const snapshot = (atMs: number, rows: ReturnType<typeof row>[]): StatsSnapshot => ({ atMs, sockets: rows, total: ZERO });

  it('divides what each socket did by the seconds between the snapshots', () => {
    const before = snapshot(10_000, [row('a', 100, 10_000, 50, 5000), row('b', 0, 0, 0, 0)]);
    const after = snapshot(12_000, [row('a', 300, 30_000, 250, 25_000), row('b', 1, 1200, 1, 1300)]);
    expect(rates(before, after)).toEqual([
      { socket: 'a', datagramsInPerSecond: 100, bytesInPerSecond: 10_000, datagramsOutPerSecond: 100, bytesOutPerSecond: 10_000 },
      { socket: 'b', datagramsInPerSecond: 0.5, bytesInPerSecond: 600, datagramsOutPerSecond: 0.5, bytesOutPerSecond: 650 },
    ]);
  });

  it('counts a socket added since the previous snapshot from zero', () => {
    const before = snapshot(0, [row('a', 10, 10, 10, 10)]);
    const after = snapshot(500, [row('a', 10, 10, 10, 10), row('new', 5, 50, 4, 40)]);
    expect(rates(before, after)).toEqual([
      { socket: 'a', datagramsInPerSecond: 0, bytesInPerSecond: 0, datagramsOutPerSecond: 0, bytesOutPerSecond: 0 },
      { socket: 'new', datagramsInPerSecond: 10, bytesInPerSecond: 100, datagramsOutPerSecond: 8, bytesOutPerSecond: 80 },
    ]);
  });

  it('refuses snapshots that are not in time order', () => {
    const one = snapshot(1000, [row('a', 1, 1, 1, 1)]);
    expect(rates(one, snapshot(1001, []))).toEqual([]);
    expect(() => rates(one, one)).toThrow(RangeError);
    expect(() => rates(one, snapshot(999, []))).toThrow(RangeError);
  });
});

describe('07-udp-homework: formatStats', () => {
  it('prints the example table from the specification', () => {
    const book = new StatsBook();
    const a = book.add('127.0.0.1:5000');
    a.received(100);
    a.sent(120);
    expect(formatStats(book.snapshot())).toEqual([
      'socket          in  in bytes  out  out bytes  dropped  errors',
      '127.0.0.1:5000   1       100    1        120        0       0',
      'total            1       100    1        120        0       0',
    ]);
  });

  it('lines up every column, with plain integers, one line per socket and a total', () => {
    const book = new StatsBook();
    const names = ['127.0.0.1:5000', '[::1]:40001', 'x'];
    const sockets = names.map((name) => book.add(name));
    for (let i = 0; i < 1234; i++) sockets[0]!.received(1200);
    sockets[1]!.sent(7);
    sockets[2]!.error();
    const lines = formatStats(book.snapshot());
    expect(lines).toHaveLength(5);
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
    expect(lines.map(cellsOf)).toEqual([
      ['socket', 'in', 'in bytes', 'out', 'out bytes', 'dropped', 'errors'],
      ['127.0.0.1:5000', '1234', '1480800', '0', '0', '0', '0'],
      ['[::1]:40001', '0', '0', '1', '7', '0', '0'],
      ['x', '0', '0', '0', '0', '0', '1'],
      ['total', '1234', '1480800', '1', '7', '0', '1'],
    ]);
    // Right-aligned numbers: each column ends where its header does.
    const end = (line: string, cell: string): number => line.indexOf(cell, 16) + cell.length;
    expect(end(lines[1]!, '1480800')).toBe(end(lines[0]!, 'in bytes'));
  });

  it('adds datagrams per second in and out when given the previous snapshot', () => {
    const clock = manualNow(0);
    const book = new StatsBook({ now: clock.now });
    const a = book.add('a');
    const b = book.add('b');
    const previous = book.snapshot();
    for (let i = 0; i < 30; i++) a.received(10);
    for (let i = 0; i < 6; i++) b.received(10);
    for (let i = 0; i < 7; i++) b.sent(10);
    clock.set(4000);
    const lines = formatStats(book.snapshot(), previous);
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
    // in/s: a 7.5 -> 8, b 1.5 -> 2, total 9 -> 9 (the sum of the rates, rounded once).
    expect(lines.map(cellsOf)).toEqual([
      ['socket', 'in', 'in bytes', 'out', 'out bytes', 'dropped', 'errors', 'in/s', 'out/s'],
      ['a', '30', '300', '0', '0', '0', '0', '8', '0'],
      ['b', '6', '60', '7', '70', '0', '0', '2', '2'],
      ['total', '36', '360', '7', '70', '0', '0', '9', '2'],
    ]);
  });
});
