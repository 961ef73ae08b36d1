/**
 * The calculator's chart: six small panels (per participant: uplink, downlink,
 * CPU; server: in, out, CPU) with one line per model, as a standalone SVG file
 * any browser opens. Linear axes, so the shapes show: flat, linear, quadratic.
 */
import { MODELS, type Model } from '#solutions/12-architectures/models.ts';
import { formatKbps, type Row } from './table.ts';

const COLORS: Readonly<Record<Model, string>> = { mesh: '#d62728', mcu: '#2ca02c', sfu: '#1f77b4' };
/** Widest first, so that where two models have the same line both stay visible. */
const WIDTHS: Readonly<Record<Model, number>> = { mesh: 6, mcu: 3.5, sfu: 1.5 };
const PANEL = { width: 300, height: 200, left: 56, top: 34, right: 14, bottom: 34 };
const COLUMNS = 3;

interface Panel {
  readonly title: string;
  readonly value: (row: Row) => number;
  readonly format: (value: number) => string;
  /** A horizontal dashed line, e.g. the uplink a home connection has. */
  readonly limit?: { value: number; label: string };
}

export interface ChartOptions {
  readonly bitrateKbps: number;
  readonly uplinkLimitKbps?: number;
}

export function renderChart(rows: readonly Row[], options: ChartOptions): string {
  const cpu = (value: number) => value.toFixed(value < 10 ? 1 : 0);
  const panels: Panel[] = [
    {
      title: 'uplink per participant (kbit/s)',
      value: (row) => row.uplink,
      format: formatKbps,
      ...(options.uplinkLimitKbps === undefined ? {} : { limit: { value: options.uplinkLimitKbps, label: `your uplink ${formatKbps(options.uplinkLimitKbps)}` } }),
    },
    { title: 'downlink per participant (kbit/s)', value: (row) => row.downlink, format: formatKbps },
    { title: 'CPU per participant (encoder units)', value: (row) => row.participantCpu, format: cpu },
    { title: 'server in (kbit/s)', value: (row) => row.serverIn, format: formatKbps },
    { title: 'server out (kbit/s)', value: (row) => row.serverOut, format: formatKbps },
    { title: 'server CPU (encoder units)', value: (row) => row.serverCpu, format: cpu },
  ];
  const width = COLUMNS * PANEL.width;
  const height = Math.ceil(panels.length / COLUMNS) * PANEL.height + 60;
  const participants = [...new Set(rows.map((row) => row.participants))];
  const from = Math.min(...participants);
  const to = Math.max(...participants);
  const body = panels.map((panel, index) => renderPanel(panel, rows, from, to, (index % COLUMNS) * PANEL.width, 40 + Math.floor(index / COLUMNS) * PANEL.height));
  const legend = MODELS.map(
    (model, index) =>
      `<g transform="translate(${width - 260 + index * 85},14)"><line x1="0" y1="0" x2="22" y2="0" stroke="${COLORS[model]}" stroke-width="${WIDTHS[model]}"/><text x="28" y="4">${model}</text></g>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="12" y="20" font-size="14" font-weight="bold">Mesh, MCU, SFU: N = ${from}…${to} participants, ${formatKbps(options.bitrateKbps)}bit/s per stream</text>`,
    ...legend,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

function renderPanel(panel: Panel, rows: readonly Row[], from: number, to: number, x0: number, y0: number): string {
  const plotWidth = PANEL.width - PANEL.left - PANEL.right;
  const plotHeight = PANEL.height - PANEL.top - PANEL.bottom;
  const top = niceCeiling(Math.max(...rows.map(panel.value), panel.limit?.value ?? 0, 1));
  const x = (n: number) => x0 + PANEL.left + ((n - from) / Math.max(to - from, 1)) * plotWidth;
  const y = (value: number) => y0 + PANEL.top + plotHeight - (value / top) * plotHeight;
  const out = [`<text x="${x0 + PANEL.left}" y="${y0 + 20}" font-weight="bold">${escapeXml(panel.title)}</text>`];
  for (let tick = 0; tick <= 4; tick++) {
    const value = (top * tick) / 4;
    out.push(`<line x1="${x(from)}" y1="${y(value)}" x2="${x(to)}" y2="${y(value)}" stroke="#ddd"/>`);
    out.push(`<text x="${x(from) - 6}" y="${y(value) + 4}" text-anchor="end">${panel.format(value)}</text>`);
  }
  for (const n of xTicks(from, to)) out.push(`<text x="${x(n)}" y="${y(0) + 16}" text-anchor="middle">${n}</text>`);
  out.push(`<text x="${x(to)}" y="${y(0) + 28}" text-anchor="end" fill="#666">N</text>`);
  for (const model of MODELS) {
    const points = rows.filter((row) => row.model === model).map((row) => `${x(row.participants).toFixed(1)},${y(panel.value(row)).toFixed(1)}`);
    out.push(`<polyline fill="none" stroke="${COLORS[model]}" stroke-width="${WIDTHS[model]}" stroke-opacity="0.85" points="${points.join(' ')}"/>`);
  }
  if (panel.limit !== undefined) {
    out.push(`<line x1="${x(from)}" y1="${y(panel.limit.value)}" x2="${x(to)}" y2="${y(panel.limit.value)}" stroke="#000" stroke-dasharray="4 3"/>`);
    out.push(`<text x="${x(to)}" y="${y(panel.limit.value) - 4}" text-anchor="end">${escapeXml(panel.limit.label)}</text>`);
  }
  return out.join('\n');
}

/** 1, 2 or 5 times a power of ten, at least `value`: axis tops a person can read. */
export function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= value) ?? 10 * power;
}

function xTicks(from: number, to: number): number[] {
  const step = to - from <= 10 ? 1 : to - from <= 30 ? 5 : 10;
  const ticks = [from];
  for (let n = Math.ceil((from + 1) / step) * step; n < to; n += step) ticks.push(n);
  if (to !== from) ticks.push(to);
  return ticks;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
