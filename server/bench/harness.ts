/**
 * What a bench section is, and how it measures. The machine is shared and
 * noisy (limits.md: ±15 % between runs), so a section never reports a bare
 * figure: every case runs in the same rounds as a baseline, rounds interleave
 * the cases (a burst of load then hits all of them alike), and the report is
 * each case's median relative to the baseline's median, with ns/op alongside
 * for information.
 *
 * A section file `server/bench/<name>.bench.ts` exports `name` and
 * `run(): Promise<BenchSection>`; server/bench/run.ts finds and prints them.
 */
import { performance } from 'node:perf_hooks';

export interface BenchCase {
  name: string;
  /** One operation; its result is kept so the work cannot be optimized away. */
  op: () => unknown;
}

export interface BenchResult {
  name: string;
  /** Median over the rounds. */
  nsPerOp: number;
  minNsPerOp: number;
  maxNsPerOp: number;
  rounds: number;
}

export interface BenchSection {
  title: string;
  /** The name of the case every ratio divides by; it is also in `results`. */
  baseline: string;
  /** What one operation is, for the throughput column ("packets"). */
  unit: string;
  results: BenchResult[];
  notes: string[];
}

export interface BenchModule {
  name: string;
  run(): Promise<BenchSection>;
}

export interface MeasureOptions {
  /** Interleaved rounds per case; the median of these is reported. */
  rounds?: number;
  /** Target duration of one case's batch in one round. */
  batchMs?: number;
  /** Warm-up per case before calibration (JIT, allocation pools). */
  warmupMs?: number;
  /** Hard cap for the whole measurement: rounds stop early when it is reached (at least 3 are kept). */
  budgetMs?: number;
}

let sink: unknown;

/** Runs `op` repeatedly for about `ms` and returns how many iterations that took. */
function runFor(op: () => unknown, ms: number): number {
  const end = performance.now() + ms;
  let iterations = 0;
  while (performance.now() < end) {
    for (let i = 0; i < 64; i++) sink = op();
    iterations += 64;
  }
  return iterations;
}

function timeBatch(op: () => unknown, iterations: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) sink = op();
  return Number(process.hrtime.bigint() - start) / iterations;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Measures every case in interleaved rounds; the order rotates each round so no case always runs first. */
export function measure(cases: BenchCase[], options: MeasureOptions = {}): BenchResult[] {
  const { rounds = 7, batchMs = 150, warmupMs = 100, budgetMs = 18_000 } = options;
  const started = performance.now();
  const batches = cases.map(({ op }) => Math.max(1, Math.round((runFor(op, warmupMs) / warmupMs) * batchMs)));
  const samples: number[][] = cases.map(() => []);
  for (let round = 0; round < rounds; round++) {
    if (round >= 3 && performance.now() - started > budgetMs) break;
    for (let k = 0; k < cases.length; k++) {
      const i = (k + round) % cases.length;
      samples[i]!.push(timeBatch(cases[i]!.op, batches[i]!));
    }
  }
  if (sink === Symbol.for('never')) console.log(sink);
  return cases.map(({ name }, i) => ({
    name,
    nsPerOp: median(samples[i]!),
    minNsPerOp: Math.min(...samples[i]!),
    maxNsPerOp: Math.max(...samples[i]!),
    rounds: samples[i]!.length,
  }));
}
