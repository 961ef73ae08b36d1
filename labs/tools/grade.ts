/**
 * npm run grade                      grade every exercise in exercises/
 * npm run grade -- <id> [<id>...]    grade some
 * npm run grade -- --watch           re-grade the exercise you are editing on every save
 * npm run grade -- --json <file>     also write the results as JSON (for a course platform)
 * npm run grade -- --target <dir>    grade another copy (e.g. solutions), for course maintainers
 *
 * Exits 0 only when everything graded passed.
 */
import { watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import chalk from 'chalk';
import { gradedExercises, type ExerciseInfo, type LabInfo } from './catalog.ts';
import { gradeExercises, type GradeResult } from './grading.ts';
import { exercisesDir, progressFile, repoRoot } from './paths.ts';
import { ProgressFile } from './progress.ts';
import { formatResult, progressBar } from './report.ts';

type Graded = LabInfo & { exercise: ExerciseInfo };

const usage = `usage: npm run grade -- [<exercise-id>...] [--watch] [--json <file>] [--target <dir>]`;

function fail(message: string): never {
  console.error(chalk.red(message));
  process.exit(2);
}

function selectExercises(all: readonly Graded[], ids: readonly string[]): Graded[] {
  if (ids.length === 0) return [...all];
  return ids.map((id) => {
    const found = all.find((exercise) => exercise.id === id);
    if (!found) fail(`grade: no exercise "${id}". Valid ids:\n  ${all.map((e) => e.id).join('\n  ')}`);
    return found;
  });
}

/** Grades and prints; only the student's own copy (exercises/) counts towards progress. */
async function gradeAndReport(exercises: readonly Graded[], targetDir: string, progress: ProgressFile): Promise<GradeResult[]> {
  const results = await gradeExercises(
    exercises.map((e) => e.id),
    { targetDir },
  );
  const saved = progress.read();
  for (const [index, result] of results.entries()) {
    const exercise = exercises[index]!;
    const hintsSeen = saved.get(result.id)?.hintsSeen ?? 0;
    console.log(formatResult(result, exercise.exercise, hintsSeen));
    if (targetDir === exercisesDir) progress.update(result.id, { state: result.status });
  }
  return results;
}

function printOverall(all: readonly Graded[], progress: ProgressFile): void {
  const saved = progress.read();
  const done = all.filter((e) => saved.get(e.id)?.state === 'passed').length;
  console.log(`\n${progressBar(done, all.length)}`);
}

function writeJson(file: string, results: readonly GradeResult[], targetDir: string): void {
  const payload = {
    gradedAt: new Date().toISOString(),
    target: path.relative(repoRoot, targetDir),
    passed: results.filter((r) => r.status === 'passed').length,
    total: results.length,
    exercises: results.map(({ passedNames: _names, ...rest }) => rest),
  };
  writeFileSync(file, JSON.stringify(payload, null, 2) + '\n');
}

/** Re-grades whichever exercise changed, after the burst of writes an editor makes on save. */
function watchExercises(all: readonly Graded[], targetDir: string, progress: ProgressFile): void {
  let pending: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  const run = async (): Promise<void> => {
    if (running || !pending) return;
    const id = pending;
    pending = undefined;
    running = true;
    const exercise = all.find((e) => e.id === id);
    if (exercise) {
      console.clear();
      console.log(chalk.dim(`${new Date().toLocaleTimeString()}  grading ${id} …\n`));
      await gradeAndReport([exercise], targetDir, progress).catch((error: unknown) => console.error(chalk.red(String(error))));
      printOverall(all, progress);
      console.log(chalk.dim('\nwatching exercises/ — save a file to re-grade it; Ctrl-C to stop'));
    }
    running = false;
    if (pending) void run();
  };
  watch(targetDir, { recursive: true }, (_event, filename) => {
    if (!filename) return;
    const id = filename.toString().split(path.sep)[0];
    if (!id || !all.some((e) => e.id === id)) return;
    pending = id;
    clearTimeout(timer);
    timer = setTimeout(() => void run(), 150);
  });
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      watch: { type: 'boolean', short: 'w' },
      json: { type: 'string' },
      target: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const all = gradedExercises();
  const selected = selectExercises(all, positionals);
  const targetDir = values.target ? path.resolve(values.target) : exercisesDir;
  const progress = new ProgressFile(progressFile);

  console.log(chalk.dim(`grading ${selected.length} exercise(s) in ${path.relative(repoRoot, targetDir)}/ …\n`));
  const results = await gradeAndReport(selected, targetDir, progress);
  printOverall(all, progress);
  if (values.json) writeJson(values.json, results, targetDir);

  if (values.watch) {
    console.log(chalk.dim('\nwatching exercises/ — save a file to re-grade it; Ctrl-C to stop'));
    watchExercises(all, targetDir, progress);
    return;
  }
  process.exitCode = results.every((r) => r.status === 'passed') ? 0 : 1;
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
