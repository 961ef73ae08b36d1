/**
 * Grading: run exercise tests with vitest against one copy of the exercises
 * and turn vitest's JSON report into one verdict per exercise.
 *
 * One vitest run grades many exercises at once (vitest's start-up dominates
 * the cost of a small exercise); results are split by the test file's folder.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { TARGET_ENV, exercisesDir, repoRoot, scratchDir } from './paths.ts';

export type ExerciseStatus = 'passed' | 'failed' | 'not-started';

export interface TestFailure {
  /** The test's full name: suite names and the test name. */
  readonly test: string;
  /** The assertion message, without the stack. */
  readonly message: string;
}

export interface GradeResult {
  readonly id: string;
  readonly status: ExerciseStatus;
  readonly passedTests: number;
  readonly failedTests: number;
  /** Names of the tests that passed (the stub check reports these). */
  readonly passedNames: readonly string[];
  readonly firstFailure?: TestFailure;
}

/** Stubs throw `new Error('TODO: ...')`; a run whose every failure says TODO has not been started. */
const TODO_MARKER = /\bTODO\b/;

/** The slice of vitest's JSON report that grading reads. */
interface VitestJsonReport {
  testResults: Array<{
    name: string;
    status: string;
    message?: string;
    assertionResults: Array<{ fullName: string; status: string; failureMessages?: string[] }>;
  }>;
}

/** The message of a failure without its stack trace, trimmed to a few lines. */
export function summarizeFailure(raw: string, maxLines = 8): string {
  const lines: string[] = [];
  for (const line of raw.split('\n')) {
    if (/^\s+at /.test(line) || /^\s*❯ /.test(line)) break;
    lines.push(line.replace(/\s+$/, ''));
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const kept = lines.slice(0, maxLines);
  if (lines.length > maxLines) kept.push('…');
  return kept.join('\n');
}

function exerciseIdOf(testFile: string): string | undefined {
  const relative = path.relative(exercisesDir, testFile);
  if (relative.startsWith('..')) return undefined;
  return relative.split(path.sep)[0];
}

/** Splits a vitest JSON report into one result per requested exercise. */
export function resultsFromReport(report: VitestJsonReport, ids: readonly string[]): GradeResult[] {
  return ids.map((id) => {
    const files = report.testResults.filter((file) => exerciseIdOf(file.name) === id);
    const passedNames: string[] = [];
    const failures: TestFailure[] = [];
    for (const file of files) {
      for (const test of file.assertionResults) {
        if (test.status === 'passed') passedNames.push(test.fullName);
        else if (test.status === 'failed') {
          failures.push({ test: test.fullName, message: summarizeFailure(test.failureMessages?.[0] ?? 'failed') });
        }
      }
      // A file that fails outside any test (an import error, a crash) counts as one failure.
      if (file.status === 'failed' && file.assertionResults.every((t) => t.status !== 'failed')) {
        failures.push({ test: path.relative(repoRoot, file.name), message: summarizeFailure(file.message || 'test file failed') });
      }
    }
    if (files.length === 0) {
      failures.push({ test: `exercises/${id}/test`, message: 'no test files found for this exercise' });
    }
    const status: ExerciseStatus =
      failures.length === 0
        ? 'passed'
        : passedNames.length === 0 && failures.every((f) => TODO_MARKER.test(f.message))
          ? 'not-started'
          : 'failed';
    return {
      id,
      status,
      passedTests: passedNames.length,
      failedTests: failures.length,
      passedNames,
      ...(failures[0] ? { firstFailure: failures[0] } : {}),
    };
  });
}

/** Environment for a child vitest: the parent's, minus anything a surrounding vitest run set. */
function childEnvironment(targetDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('VITEST') && key !== 'TEST' && key !== 'NODE_ENV') env[key] = value;
  }
  env[TARGET_ENV] = targetDir;
  env['FORCE_COLOR'] = '0';
  return env;
}

export interface GradeOptions {
  /** Folder whose copy of the exercises is graded (absolute). */
  readonly targetDir: string;
  /** Give up on the whole run after this long. */
  readonly timeoutMs?: number;
}

/** Runs the tests of `ids` against `targetDir` and returns one result per id, in order. */
export async function gradeExercises(ids: readonly string[], options: GradeOptions): Promise<GradeResult[]> {
  if (ids.length === 0) return [];
  mkdirSync(scratchDir, { recursive: true });
  const reportFile = path.join(scratchDir, `report-${process.pid}-${Date.now()}.json`);
  const vitest = path.join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs');
  const filters = ids.map((id) => `exercises/${id}/test/`);
  const child = spawn(
    process.execPath,
    [vitest, 'run', '--reporter=json', `--outputFile=${reportFile}`, ...filters],
    { cwd: repoRoot, env: childEnvironment(options.targetDir), stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const timeoutMs = options.timeoutMs ?? 300_000;
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await new Promise<void>((resolve) => child.on('close', () => resolve()));
  clearTimeout(timer);
  let report: VitestJsonReport;
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8')) as VitestJsonReport;
  } catch {
    throw new Error(`grader: vitest produced no report (timeout ${timeoutMs} ms)\n${stderr.trim()}`);
  } finally {
    rmSync(reportFile, { force: true });
  }
  return resultsFromReport(report, ids);
}
