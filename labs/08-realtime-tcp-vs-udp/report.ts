/**
 * The side-by-side table: the graded statistics (deliveryReport) for each
 * stream, and the same arrivals replayed through the graded jitter buffer
 * (PlayoutBuffer) with the deadline as its playout delay: what a player
 * would actually have played and concealed.
 */
import { type DeliveryReport, deliveryReport } from '#solutions/08-realtime-tcp-vs-udp/latency-stats.ts';
import { PlayoutBuffer, type PlayoutStats } from '#solutions/08-realtime-tcp-vs-udp/playout-buffer.ts';
import type { StreamLog } from './stream-log.ts';

export interface StreamSummary {
  readonly label: string;
  readonly delivery: DeliveryReport;
  readonly playout: PlayoutStats;
}

export function summarize(log: StreamLog, deadlineMs: number): StreamSummary {
  const delivery = deliveryReport(log.sent, log.arrivals, deadlineMs);
  const buffer = new PlayoutBuffer({ playoutDelayMs: deadlineMs });
  for (const { sequence, sentAtMs, arrivedAtMs } of [...log.arrivals].sort((a, b) => a.arrivedAtMs - b.arrivedAtMs)) {
    buffer.playUntil(arrivedAtMs);
    buffer.insert(sequence, sentAtMs, arrivedAtMs);
  }
  buffer.playUntil(Number.POSITIVE_INFINITY);
  const playout = buffer.stats;
  // Frames missing after the last one played were never given a slot: they are concealed too.
  return { label: log.label, delivery, playout: { ...playout, concealed: log.sent - playout.played } };
}

export function printReport(summaries: readonly StreamSummary[], deadlineMs: number): void {
  const ms = (value: number | undefined): string => (value === undefined ? '-' : value.toFixed(1));
  const header = ['', 'sent', 'arrived', 'lost', `late >${deadlineMs} ms`, 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'played', 'concealed'];
  const rows = summaries.map(({ label, delivery: d, playout: p }) => [
    label,
    String(d.sent),
    String(d.received),
    String(d.lost),
    String(d.late),
    ms(d.p50Ms),
    ms(d.p95Ms),
    ms(d.p99Ms),
    ms(d.maxMs),
    String(p.played),
    `${p.concealed} (${((100 * p.concealed) / Math.max(1, d.sent)).toFixed(1)}%)`,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]): string => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
  console.log(`\nlatency = arrival - send time, per frame; "played" and "concealed": a jitter buffer playing each frame ${deadlineMs} ms after it was sent.`);
}
