/**
 * `npm run bench [-- filter]`: runs every server/bench/*.bench.ts section whose
 * file name contains `filter` (all of them without one) and prints a table per
 * section. Benchmarks are never part of `npm test`, and the figures are ratios
 * to a baseline measured in the same run, since the machine is shared.
 */
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchModule, BenchResult, BenchSection } from './harness.ts';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const SUFFIX = '.bench.ts';

function isBenchModule(value: unknown): value is BenchModule {
  const candidate = value as Partial<BenchModule> | undefined;
  return typeof candidate?.name === 'string' && typeof candidate.run === 'function';
}

function formatNs(ns: number): string {
  return ns >= 10_000 ? `${(ns / 1000).toFixed(1)} µs` : `${Math.round(ns).toLocaleString('en-US')} ns`;
}

function formatRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M`;
  return `${(perSecond / 1e3).toFixed(0)} k`;
}

function printSection(section: BenchSection): void {
  const baseline = section.results.find((result) => result.name === section.baseline);
  if (baseline === undefined) throw new Error(`bench: section "${section.title}" has no result for its baseline "${section.baseline}"`);
  const rows = section.results.map((result: BenchResult) => [
    result.name === section.baseline ? `${result.name} (baseline)` : result.name,
    `${(baseline.nsPerOp / result.nsPerOp).toFixed(2)}×`,
    `${formatRate(1e9 / result.nsPerOp)}`,
    formatNs(result.nsPerOp),
    `${formatNs(result.minNsPerOp)} – ${formatNs(result.maxNsPerOp)}`,
  ]);
  const header = ['case', 'throughput vs baseline', `${section.unit}/s`, 'median per op', `min – max (${baseline.rounds} rounds)`];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]): string =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  console.log(`\n## ${section.title}\n`);
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
  for (const note of section.notes) console.log(`\n- ${note}`);
}

async function main(): Promise<void> {
  const filter = process.argv[2] ?? '';
  const files = readdirSync(benchDir)
    .filter((file) => file.endsWith(SUFFIX) && file.includes(filter))
    .sort();
  if (files.length === 0) {
    console.error(`bench: no server/bench/*${SUFFIX} matches "${filter}"`);
    process.exitCode = 1;
    return;
  }
  console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} x${os.cpus().length}, load ${os.loadavg().map((load) => load.toFixed(2)).join(' ')}`);
  for (const file of files) {
    const loaded: unknown = await import(pathToFileURL(path.join(benchDir, file)).href);
    if (!isBenchModule(loaded)) throw new Error(`bench: ${file} must export name and run()`);
    const started = Date.now();
    const section = await loaded.run();
    printSection(section);
    console.log(`\n(${loaded.name}: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
}

await main();
