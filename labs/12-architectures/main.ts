/**
 * npm run lab -- 12-architectures table [--bitrate 1500] [--from 2] [--to 50] [--every 1]
 * npm run lab -- 12-architectures chart [--bitrate 1500] [--from 2] [--to 50] [--uplink 5000] [--out architectures.svg]
 * npm run lab -- 12-architectures fit --uplink 5000 --downlink 50000 [--bitrate 1500]
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { largestCall, MAX_PARTICIPANTS, MODELS } from '#solutions/12-architectures/models.ts';
import { renderChart } from './chart.ts';
import { DEFAULT_COSTS } from './cpu.ts';
import { formatKbps, renderTable, rows } from './table.ts';

const usage = `usage:
  npm run lab -- 12-architectures table [--bitrate 1500] [--from 2] [--to 50] [--every 1]
      for each N: uplink and downlink per participant, server in and out (kbit/s), and a
      rough CPU figure (encoder units) per participant and for the server, for mesh, MCU, SFU
  npm run lab -- 12-architectures chart [--bitrate 1500] [--from 2] [--to 50] [--uplink 5000] [--out architectures.svg]
      the same as an SVG chart (open it in a browser); --uplink draws your uplink on it
  npm run lab -- 12-architectures fit --uplink 5000 --downlink 50000 [--bitrate 1500]
      the largest call each model allows on a connection with these limits (kbit/s)
--bitrate is the kbit/s of one participant's stream (camera + microphone).`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    bitrate: { type: 'string', default: '1500' },
    from: { type: 'string', default: '2' },
    to: { type: 'string', default: '50' },
    every: { type: 'string', default: '1' },
    uplink: { type: 'string' },
    downlink: { type: 'string' },
    out: { type: 'string', default: 'architectures.svg' },
    help: { type: 'boolean', short: 'h' },
  },
});
const [command] = positionals;

/** Parses a numeric option within [min, max], or exits with a message naming it. */
function numberOption(name: string, text: string | undefined, min: number, max: number): number {
  const value = Number(text);
  if (text === undefined || text.trim() === '' || !(value >= min && value <= max)) {
    console.error(`12-architectures: --${name} must be a number from ${min} to ${max}, got "${text ?? ''}"`);
    process.exit(2);
  }
  return value;
}

function range(): { bitrate: number; from: number; to: number } {
  const bitrate = numberOption('bitrate', values.bitrate, 1, 1_000_000);
  const from = Math.floor(numberOption('from', values.from, 2, MAX_PARTICIPANTS));
  const to = Math.floor(numberOption('to', values.to, from, MAX_PARTICIPANTS));
  return { bitrate, from, to };
}

if (command === 'table') {
  const { bitrate, from, to } = range();
  const every = Math.floor(numberOption('every', values.every, 1, MAX_PARTICIPANTS));
  console.log(`${formatKbps(bitrate)}bit/s per stream; CPU in encoder units (encode ${DEFAULT_COSTS.encode}, decode ${DEFAULT_COSTS.decode}, compose ${DEFAULT_COSTS.composeInput}/input, forward ${DEFAULT_COSTS.forward}/stream)\n`);
  console.log(renderTable(rows(from, to, bitrate), (n) => n === from || n === to || (n - from) % every === 0));
} else if (command === 'chart') {
  const { bitrate, from, to } = range();
  const uplink = values.uplink === undefined ? undefined : numberOption('uplink', values.uplink, 0, 10_000_000);
  const svg = renderChart(rows(from, to, bitrate), { bitrateKbps: bitrate, ...(uplink === undefined ? {} : { uplinkLimitKbps: uplink }) });
  writeFileSync(values.out, svg);
  console.log(`wrote ${path.resolve(values.out)} (${svg.length} bytes): open it in a browser`);
} else if (command === 'fit') {
  const bitrate = numberOption('bitrate', values.bitrate, 1, 1_000_000);
  const limits = { uplinkKbps: numberOption('uplink', values.uplink, 0, 10_000_000), downlinkKbps: numberOption('downlink', values.downlink, 0, 10_000_000) };
  console.log(`links: ${formatKbps(limits.uplinkKbps)}bit/s up, ${formatKbps(limits.downlinkKbps)}bit/s down; ${formatKbps(bitrate)}bit/s per stream`);
  for (const model of MODELS) {
    const largest = largestCall(model, limits, bitrate);
    const text = largest >= MAX_PARTICIPANTS ? `${MAX_PARTICIPANTS} or more` : largest < 2 ? 'not even 2' : String(largest);
    console.log(`  ${model.padEnd(5)} ${text} participants${model === 'mcu' ? ' (if the server keeps up)' : model === 'sfu' ? ' (the downlink decides)' : ' (the uplink decides)'}`);
  }
} else {
  console.log(usage);
  process.exitCode = command === undefined || values.help ? 0 : 2;
}
