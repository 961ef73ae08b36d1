/**
 * The stub check: every exercise's tests must fail on the untouched stub
 * (so no exercise can be passed by doing nothing). The other half, that they
 * pass on solutions/, is the `solutions` test project.
 *
 * The untouched stub is exercises/<id>/ as it is on disk. When that copy has
 * been changed since the last commit (a student's work in progress) and passes,
 * the check grades the committed copy instead, extracted with `git archive`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { gradeExercises, type GradeResult } from './grading.ts';
import { exercisesDir, repoRoot, scratchDir } from './paths.ts';

function git(args: readonly string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

/** True when git knows exercises/<id> at HEAD and the working copy differs from it. */
function changedSinceCommit(id: string): boolean {
  const tracked = git(['ls-tree', '--name-only', 'HEAD', `exercises/${id}`]);
  if (!tracked?.trim()) return false;
  return (git(['status', '--porcelain', '--', `exercises/${id}`]) ?? '').trim() !== '';
}

/** Copies the committed exercises/<id> folders into a scratch tree; returns its exercises/ folder. */
function extractCommittedStubs(ids: readonly string[]): string {
  const root = path.join(scratchDir, 'pristine');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const archive = execFileSync('git', ['archive', 'HEAD', ...ids.map((id) => `exercises/${id}`)], { cwd: repoRoot });
  execFileSync('tar', ['-x', '-C', root], { input: archive });
  return path.join(root, 'exercises');
}

export async function gradeUntouchedStubs(ids: readonly string[]): Promise<GradeResult[]> {
  const onDisk = await gradeExercises(ids, { targetDir: exercisesDir });
  const recheck = onDisk.filter((r) => r.passedTests > 0 && changedSinceCommit(r.id)).map((r) => r.id);
  if (recheck.length === 0) return onDisk;
  const committed = await gradeExercises(recheck, { targetDir: extractCommittedStubs(recheck) });
  return onDisk.map((result) => committed.find((c) => c.id === result.id) ?? result);
}
