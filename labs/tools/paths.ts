/**
 * Where things live in the course, and which copy of an exercise is being graded.
 *
 * An exercise's tests live in `exercises/<id>/test/`. Everything else in
 * `exercises/<id>/` is the student's code, mirrored file for file by the
 * reference in `solutions/<id>/`. The grading target names the folder whose
 * copy the tests exercise: `exercises` (the student's work, the default),
 * `solutions` (the reference, graded by `npm test`) or a folder holding an
 * untouched stub (the stub check).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const labsDir = path.join(repoRoot, 'labs');
export const exercisesDir = path.join(repoRoot, 'exercises');
export const solutionsDir = path.join(repoRoot, 'solutions');
/** The student's progress; COURSE_PROGRESS_FILE moves it (the tooling's own tests do). */
export const progressFile = process.env['COURSE_PROGRESS_FILE'] ?? path.join(repoRoot, '.progress');
/** Scratch space for the grader (JSON reports, pristine stub copies); git-ignored. */
export const scratchDir = path.join(repoRoot, '.course');

/** Environment variable naming the folder whose copy of the exercises is graded. */
export const TARGET_ENV = 'COURSE_TARGET';

/** The folder whose exercise code the tests run against (absolute). */
export function gradingTargetDir(): string {
  const target = process.env[TARGET_ENV];
  if (!target) return exercisesDir;
  return path.isAbsolute(target) ? target : path.join(repoRoot, target);
}

/** The name of the folder being graded, for messages: `exercises`, `solutions`, ... */
export function gradingTargetName(): string {
  return path.relative(repoRoot, gradingTargetDir()) || '.';
}

/**
 * Absolute path of one of an exercise's own files in the graded copy.
 * Tests that spawn the student's program (rather than import it) use this:
 *   spawn(process.execPath, ['--import', 'tsx', exerciseFile('03-signals', 'server.ts')])
 */
export function exerciseFile(exerciseId: string, relativePath: string): string {
  const file = path.join(gradingTargetDir(), exerciseId, relativePath);
  if (!existsSync(file)) {
    throw new Error(`course: ${path.relative(repoRoot, file)} does not exist (grading ${gradingTargetName()})`);
  }
  return file;
}

/** True for files that belong to an exercise's tests rather than to the student's code. */
export function isTestPath(pathInsideExercise: string): boolean {
  const first = pathInsideExercise.split(/[\\/]/)[0];
  return first === 'test';
}
