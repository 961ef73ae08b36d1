/**
 * Goodput against window size and loss rate: one transfer per cell through the
 * lossy proxy, each bounded in bytes and in time. Figures are printed in MB/s
 * and as ratios to a baseline cell measured in the same run (the largest
 * window at the lowest loss), since the machine is shared and absolute
 * figures move from run to run.
 */
import { randomBytes } from 'node:crypto';
import type { RtoEstimatorOptions } from '#solutions/08-reliable-udp/rto-estimator.ts';
import { DEFAULT_MAX_PAYLOAD } from './sender.ts';
import { runTransfer } from './transfer.ts';

export interface BenchOptions {
  readonly bytes: number;
  readonly windows: readonly number[];
  /** Loss rates, 0 to 1, applied both ways (DATA and ACKs). */
  readonly losses: readonly number[];
  /** One-way delay, ms: the round trip is twice this. */
  readonly delayMs: number;
  /** A cell stops here even if its transfer is not done; goodput counts what was delivered. */
  readonly maxSecondsPerCell: number;
  readonly rto: RtoEstimatorOptions;
  readonly timestamps: boolean;
  readonly seed: number;
}

interface Cell {
  readonly window: number;
  readonly loss: number;
  readonly goodput: number;
  readonly completed: boolean;
  readonly retransmitted: number;
}

export async function runBench(options: BenchOptions): Promise<void> {
  const { bytes, windows, losses, delayMs, maxSecondsPerCell } = options;
  const data = randomBytes(bytes);
  const rttMs = 2 * delayMs;
  console.log(
    `08-reliable-udp bench: ${formatBytes(bytes)} per cell (at most ${maxSecondsPerCell} s), ${delayMs} ms each way (RTT ${rttMs} ms), loss both ways, ` +
      `RTO floor ${options.rto.minRtoMs ?? 1000} ms, timestamps ${options.timestamps ? 'on' : 'off'}, seed ${options.seed}`,
  );
  const cells: Cell[] = [];
  const started = performance.now();
  for (const window of windows) {
    for (const loss of losses) {
      const result = await runTransfer({
        data,
        forward: { loss, delayMs },
        backward: { loss, delayMs },
        seed: options.seed,
        windowSegments: window,
        rto: options.rto,
        timestamps: options.timestamps,
        deadlineMs: maxSecondsPerCell * 1000,
      });
      if (result.completed && !result.intact) throw new Error(`bench: window ${window}, loss ${loss}: the bytes arrived corrupted`);
      const { timeout, fast, partialAck } = result.sender.retransmissions;
      cells.push({ window, loss, goodput: result.goodputBytesPerSecond, completed: result.completed, retransmitted: timeout + fast + partialAck });
      process.stdout.write('.');
    }
  }
  process.stdout.write('\n');
  const baseline = cells.find((cell) => cell.window === Math.max(...windows) && cell.loss === Math.min(...losses))!;
  const lossHeader = losses.map((loss) => `${+(loss * 100).toFixed(2)}% loss`);
  const rows = (value: (cell: Cell) => string, extra?: (window: number) => string): string[][] =>
    windows.map((window) => [
      String(window),
      ...losses.map((loss) => value(cells.find((cell) => cell.window === window && cell.loss === loss)!)),
      ...(extra ? [extra(window)] : []),
    ]);
  console.log('\nGoodput, MB/s (* = cut off at the time limit; goodput of what arrived until then):\n');
  printTable(
    ['window', ...lossHeader, 'window/RTT bound'],
    rows(
      (cell) => `${(cell.goodput / 1e6).toFixed(2)}${cell.completed ? '' : '*'}`,
      (window) => (rttMs > 0 ? `${((window * DEFAULT_MAX_PAYLOAD) / (rttMs / 1000) / 1e6).toFixed(2)}` : '-'),
    ),
  );
  console.log(`\nRelative to window ${baseline.window} at ${+(baseline.loss * 100).toFixed(2)}% loss (= 1.00, ${(baseline.goodput / 1e6).toFixed(2)} MB/s in this run):\n`);
  printTable(['window', ...lossHeader], rows((cell) => (cell.goodput / baseline.goodput).toFixed(2)));
  console.log('\nSegments retransmitted:\n');
  printTable(['window', ...lossHeader], rows((cell) => String(cell.retransmitted)));
  console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s; one transfer per cell, so expect ±15 % between runs)`);
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]): string => cells.map((cell, column) => cell.padStart(widths[column]!)).join('  ');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1 << 20 && bytes % (1 << 20) === 0) return `${bytes / (1 << 20)} MiB`;
  if (bytes >= 1 << 10 && bytes % (1 << 10) === 0) return `${bytes / (1 << 10)} KiB`;
  return `${bytes.toLocaleString('en-US')} bytes`;
}
