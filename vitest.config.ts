/**
 * Test projects:
 * - `server`: the SFU's own tests (server/**).
 * - `course`: the course tooling and the check that every stub fails and every solution passes (labs/**).
 * - `solutions`: every exercise's tests, graded against the reference in solutions/.
 * The grader (labs/tools/grade.ts) sets COURSE_TARGET and gets a single `graded` project instead,
 * which runs the exercise tests against that folder (the student's exercises/ by default).
 */
import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { redirectExercisesTo } from './labs/tools/redirect-plugin.ts';
import { TARGET_ENV, repoRoot, solutionsDir } from './labs/tools/paths.ts';

const exerciseTests = ['exercises/*/test/**/*.test.ts'];
const gradedTarget = process.env[TARGET_ENV];

export default defineConfig({
  test: {
    testTimeout: 15_000,
    hookTimeout: 15_000,
    projects: gradedTarget
      ? [
          {
            extends: true,
            plugins: [redirectExercisesTo(path.resolve(repoRoot, gradedTarget))],
            test: { name: 'graded', include: exerciseTests, env: { [TARGET_ENV]: gradedTarget } },
          },
        ]
      : [
          { extends: true, test: { name: 'server', include: ['server/**/*.test.ts'] } },
          { extends: true, test: { name: 'course', include: ['labs/**/*.test.ts'] } },
          {
            extends: true,
            plugins: [redirectExercisesTo(solutionsDir)],
            test: { name: 'solutions', include: exerciseTests, env: { [TARGET_ENV]: 'solutions' } },
          },
        ],
  },
});
