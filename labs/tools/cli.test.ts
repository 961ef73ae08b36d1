/** The course commands as a student runs them: real processes, real output, real exit codes. */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gradedExercises, readyLabs } from './catalog.ts';
import { exercisesDir, labsDir, repoRoot, scratchDir, solutionsDir } from './paths.ts';
import { runTypeScript, type RunningProcess } from './testing.ts';

const tool = (name: string): string => path.join(labsDir, 'tools', name);
const running: RunningProcess[] = [];
const temporary: string[] = [];

function run(name: string, args: string[], env: NodeJS.ProcessEnv = {}): RunningProcess {
  const child = runTypeScript(tool(name), args, { cwd: repoRoot, env });
  running.push(child);
  return child;
}

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'course-cli-'));
  temporary.push(dir);
  return dir;
}

afterEach(() => {
  running.splice(0).forEach((child) => child.kill());
  temporary.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

describe('npm run lab', () => {
  it('lists every ready lab with its title', async () => {
    const lab = run('lab.ts', []);
    expect((await lab.waitForExit()).code).toBe(0);
    for (const info of readyLabs()) {
      expect(lab.stdout()).toContain(info.id);
      expect(lab.stdout()).toContain(info.title);
    }
  });

  it('refuses an unknown lab and lists the valid ids', async () => {
    const lab = run('lab.ts', ['99-nope']);
    expect((await lab.waitForExit()).code).toBe(2);
    expect(lab.stderr()).toContain('no lab "99-nope"');
    expect(lab.stderr()).toContain('03-first-server');
  });

  it('passes the remaining arguments to the lab and returns its exit status', async () => {
    const usage = run('lab.ts', ['03-first-server']);
    expect((await usage.waitForExit()).code).toBe(0);
    expect(usage.stdout()).toContain('usage:');
    const wrong = run('lab.ts', ['03-first-server', 'no-such-command']);
    expect((await wrong.waitForExit()).code).toBe(2);
  });
});

describe('npm run grade', { timeout: 180_000 }, () => {
  it('fails the untouched stub with its first failing assertion and a hint, and exits non-zero', async () => {
    const dir = tempDir();
    const progress = path.join(dir, 'progress');
    const json = path.join(dir, 'results.json');
    const grade = run('grade.ts', ['03-first-server', '--json', json], { COURSE_PROGRESS_FILE: progress });
    expect((await grade.waitForExit(120_000)).code).toBe(1);
    expect(grade.stdout()).toMatch(/✗ 03-first-server\s+not started/);
    expect(grade.stdout()).toContain('first failure:');
    expect(grade.stdout()).toContain('hint:');
    expect(grade.stdout()).toMatch(/Progress: \[.*\] 0\/\d+/);
    expect(readFileSync(progress, 'utf8')).toMatch(/03-first-server\s+not-started\s+0/);
    const results = JSON.parse(readFileSync(json, 'utf8')) as { exercises: Array<{ id: string; status: string }> };
    expect(results.exercises).toEqual([expect.objectContaining({ id: '03-first-server', status: 'not-started' })]);
  });

  it('passes the reference solution and exits 0', async () => {
    const grade = run('grade.ts', ['--target', 'solutions', '03-first-server'], { COURSE_PROGRESS_FILE: path.join(tempDir(), 'p') });
    expect((await grade.waitForExit(120_000)).code).toBe(0);
    expect(grade.stdout()).toMatch(/✓ 03-first-server\s+passed/);
  });

  it('refuses an unknown exercise and lists the valid ids', async () => {
    const grade = run('grade.ts', ['nope']);
    expect((await grade.waitForExit()).code).toBe(2);
    expect(grade.stderr()).toContain('no exercise "nope"');
    for (const exercise of gradedExercises()) expect(grade.stderr()).toContain(exercise.id);
  });

  it('re-grades an exercise when a file of it is saved (--watch)', async () => {
    const copy = path.join(scratchDir, `watch-${process.pid}`);
    temporary.push(copy);
    mkdirSync(path.join(copy, '03-first-server'), { recursive: true });
    const file = path.join(copy, '03-first-server', 'line-server.ts');
    copyFileSync(path.join(solutionsDir, '03-first-server', 'line-server.ts'), file);
    const grade = run('grade.ts', ['--watch', '--target', copy, '03-first-server'], { COURSE_PROGRESS_FILE: path.join(tempDir(), 'p') });
    await grade.waitForLine(/watching exercises/, 120_000);
    expect(grade.stdout()).toMatch(/✓ 03-first-server\s+passed/);
    writeFileSync(file, readFileSync(path.join(exercisesDir, '03-first-server', 'line-server.ts')));
    await grade.waitForLine(/✗ 03-first-server\s+not started/, 120_000);
  });
});

describe('npm run hint', () => {
  it('shows the hints one at a time, remembers where the student is, and stops at the last', async () => {
    const progress = path.join(tempDir(), 'progress');
    const hints = gradedExercises().find((e) => e.id === '03-first-server')!.exercise.hints;
    for (let i = 0; i < hints.length + 1; i++) {
      const hint = run('hint.ts', ['03-first-server'], { COURSE_PROGRESS_FILE: progress });
      expect((await hint.waitForExit()).code).toBe(0);
      const shown = Math.min(i, hints.length - 1);
      expect(hint.stdout()).toContain(`hint ${shown + 1} of ${hints.length}`);
      expect(hint.stdout()).toContain(hints[shown]!.slice(0, 40));
    }
    expect(readFileSync(progress, 'utf8')).toMatch(new RegExp(`03-first-server\\s+not-started\\s+${hints.length}`));
  });
});
