/**
 * A Vite plugin that points an exercise's tests at the copy being graded.
 *
 * Tests import the student's code with ordinary relative paths
 * (`import { decode } from '../framing.ts'`). When grading another copy
 * (the reference in `solutions/`, or a pristine stub), this plugin rewrites
 * every import that lands in `exercises/<id>/` outside `test/` to the same
 * path under the target folder. The tests themselves never change.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { exercisesDir, isTestPath } from './paths.ts';

export function redirectExercisesTo(targetDir: string): Plugin {
  const target = path.resolve(targetDir);
  return {
    name: 'course:redirect-exercises',
    enforce: 'pre',
    resolveId(source, importer) {
      if (target === exercisesDir || !importer) return null;
      if (!source.startsWith('./') && !source.startsWith('../')) return null;
      const importerPath = importer.split('?')[0] ?? importer;
      if (!importerPath.startsWith(exercisesDir + path.sep)) return null;
      const resolved = path.resolve(path.dirname(importerPath), source);
      const insideExercises = path.relative(exercisesDir, resolved);
      if (insideExercises.startsWith('..')) return null;
      const [exerciseId, ...rest] = insideExercises.split(path.sep);
      const inExercise = rest.join(path.sep);
      if (!exerciseId || !inExercise || isTestPath(inExercise)) return null;
      const redirected = path.join(target, exerciseId, inExercise);
      if (!existsSync(redirected)) {
        this.error(`course: ${path.relative(process.cwd(), redirected)} is missing; the graded copy must mirror exercises/${exerciseId}/`);
      }
      return redirected;
    },
  };
}
