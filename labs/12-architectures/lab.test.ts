/** The calculator's table, CPU model and chart, and the lab as a process. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { labsDir } from '#course/paths.ts';
import { runTypeScript, type RunningProcess } from '#course/testing.ts';
import { mcuLoad, sfuLoad } from '#solutions/12-architectures/models.ts';
import { niceCeiling, renderChart } from './chart.ts';
import { cpuOf } from './cpu.ts';
import { formatKbps, renderTable, rows } from './table.ts';

const MAIN = path.join(labsDir, '12-architectures', 'main.ts');
const processes: RunningProcess[] = [];
afterEach(() => processes.splice(0).forEach((child) => child.kill()));

function lab(...args: string[]): RunningProcess {
  const child = runTypeScript(MAIN, args);
  processes.push(child);
  return child;
}

describe('12-architectures: table and CPU model', () => {
  it('formats kbit/s the way the table prints them', () => {
    expect([0, 800, 1500, 73_500, 3_675_000].map(formatKbps)).toEqual(['0', '800k', '1.5M', '73.5M', '3.67G']);
  });

  it('has one row per model and N, and the CPU figures of the model', () => {
    const list = rows(2, 4, 1000);
    expect(list.map((row) => `${row.participants} ${row.model}`)).toEqual(['2 mesh', '2 mcu', '2 sfu', '3 mesh', '3 mcu', '3 sfu', '4 mesh', '4 mcu', '4 sfu']);
    // An MCU of 4: 4 decodes (0.2), 4 encodes (1), 4 composites of 3 inputs (0.02 each).
    expect(cpuOf(mcuLoad(4, 1000), 4).server).toBeCloseTo(0.8 + 4 + 0.24, 9);
    // An SFU of 4: 12 forwarded streams at 0.005; each browser encodes 1 and decodes 3.
    const sfu = cpuOf(sfuLoad(4, 1000), 4);
    expect(sfu.participant).toBeCloseTo(1.6, 9);
    expect(sfu.server).toBeCloseTo(0.06, 9);
    const table = renderTable(list, (n) => n !== 3);
    expect(table).toMatch(/^4 +sfu +1M +3M +4M +12M +1\.6 +0\.1$/m);
    expect(table).not.toMatch(/^3 /m);
  });
});

describe('12-architectures: chart', () => {
  it('draws six panels with a line per model, and the uplink limit when given', () => {
    const svg = renderChart(rows(2, 50, 1500), { bitrateKbps: 1500, uplinkLimitKbps: 10_000 });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<polyline /g)).toHaveLength(18);
    expect(svg).toContain('your uplink 10M');
    expect(svg).toContain('N = 2…50 participants, 1.5Mbit/s per stream');
  });

  it('rounds axis tops to 1, 2 or 5 times a power of ten', () => {
    expect([1, 7, 73_500, 3_675_000, 0.4].map(niceCeiling)).toEqual([1, 10, 100_000, 5_000_000, 0.5]);
  });
});

describe('12-architectures: the lab', () => {
  it('prints usage with no arguments, and the largest call per model with fit', async () => {
    const usage = lab();
    expect((await usage.waitForExit(15_000)).code).toBe(0);
    expect(usage.stdout()).toContain('npm run lab -- 12-architectures table');
    const fit = lab('fit', '--uplink', '5000', '--downlink', '50000', '--bitrate', '1000');
    expect((await fit.waitForExit(15_000)).code).toBe(0);
    expect(fit.stdout()).toMatch(/mesh +6 participants[\s\S]*mcu +1000 or more[\s\S]*sfu +51 participants/);
  });

  it('writes the chart to --out', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'architectures-'));
    try {
      const out = path.join(dir, 'chart.svg');
      const chart = lab('chart', '--to', '10', '--out', out);
      expect((await chart.waitForExit(15_000)).code).toBe(0);
      expect(readFileSync(out, 'utf8')).toContain('N = 2…10 participants');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
