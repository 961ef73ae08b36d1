/**
 * The per-SSRC table, as text with chalk colours. Plain text is padded first and coloured after,
 * so the escape codes do not upset the column widths.
 */
import chalk from 'chalk';
import { extensionName } from './extensions.ts';
import { formatName } from './media-map.ts';
import type { StreamRow } from './streams.ts';

interface Column {
  readonly title: string;
  readonly width: number;
  readonly left?: boolean;
  readonly cell: (row: StreamRow) => string;
  readonly colour?: (text: string, row: StreamRow) => string;
}

const dash = '-';
const fixed = (value: number | undefined, digits: number, unit = ''): string => (value === undefined ? dash : `${value.toFixed(digits)}${unit}`);
const percent = (fraction: number): string => `${((fraction / 256) * 100).toFixed(1)}%`;

/** Green when nothing is lost, yellow for some, red from 5 %. */
function lossColour(fraction: number | undefined): (text: string) => string {
  if (fraction === undefined || fraction === 0) return chalk.green;
  return fraction < 13 ? chalk.yellow : chalk.red;
}

const COLUMNS: readonly Column[] = [
  { title: 'SSRC', width: 10, cell: (r) => String(r.stream.ssrc), colour: (t) => chalk.bold(t) },
  { title: 'kind', width: 5, left: true, cell: (r) => r.stream.format?.kind ?? '?' },
  { title: 'mid', width: 3, left: true, cell: (r) => r.stream.mid ?? dash },
  {
    title: 'PT codec',
    width: 16,
    left: true,
    cell: (r) => (r.stream.payloadType === undefined ? '(RTCP only)' : `${r.stream.payloadType} ${formatName(r.stream.format, r.stream.payloadType)}`),
    colour: (t, r) => (r.stream.format?.apt !== undefined ? chalk.magenta(t) : chalk.cyan(t)),
  },
  { title: 'packets', width: 7, cell: (r) => String(r.stream.packets) },
  { title: 'pkt/s', width: 6, cell: (r) => fixed(r.packetRate, 1) },
  { title: 'kbit/s', width: 7, cell: (r) => fixed(r.kbps, 1) },
  { title: 'lost', width: 5, cell: (r) => (r.block === undefined ? dash : String(r.block.cumulativeLost)), colour: (t, r) => lossColour(r.block?.cumulativeLost)(t) },
  { title: 'frac', width: 6, cell: (r) => (r.block === undefined ? dash : percent(r.block.fractionLost)), colour: (t, r) => lossColour(r.block?.fractionLost)(t) },
  { title: 'jitter', width: 8, cell: (r) => fixed(r.jitterMs, 2, 'ms') },
  {
    title: 'their report (RR/SR block)',
    width: 30,
    left: true,
    cell: ({ stream: { remote } }) =>
      remote === undefined
        ? dash
        : `lost ${remote.cumulativeLost} ${percent(remote.fractionLost)} jit ${fixed(remote.jitterMs, 1, 'ms')} rtt ${fixed(remote.rttMs, 2, 'ms')}`,
    colour: (t, r) => lossColour(r.stream.remote?.fractionLost)(t),
  },
  { title: 'SR sent', width: 7, cell: (r) => (r.stream.senderReport === undefined ? dash : String(r.stream.senderReport.packets)) },
];

function pad(text: string, column: Column): string {
  return column.left ? text.padEnd(column.width) : text.padStart(column.width);
}

export function renderTable(rows: readonly StreamRow[], title: string, footer: string, extensions: ReadonlyMap<number, string>): string {
  const lines = [chalk.bold(title), chalk.dim(COLUMNS.map((column) => pad(column.title, column)).join('  '))];
  if (rows.length === 0) lines.push(chalk.dim('  (no RTP or RTCP yet)'));
  for (const row of rows) {
    lines.push(COLUMNS.map((column) => (column.colour ?? ((t: string) => t))(pad(column.cell(row), column), row)).join('  '));
    const names = [...row.stream.extensionIds].map((id) => `${id}:${extensionName(id, extensions)}`);
    if (names.length > 0) lines.push(chalk.dim(`${' '.repeat(12)}header extensions ${names.join(' ')}`));
  }
  lines.push(chalk.dim(footer));
  return lines.join('\n');
}
