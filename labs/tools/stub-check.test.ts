import { describe, expect, it } from 'vitest';
import { gradedExercises } from './catalog.ts';
import { gradeUntouchedStubs } from './stub-check.ts';

describe('the stub check', () => {
  const exercises = gradedExercises();

  it('lists at least one graded exercise', () => {
    expect(exercises.length).toBeGreaterThan(0);
  });

  it('every test of every exercise fails on the untouched stub', { timeout: 600_000 }, async () => {
    const results = await gradeUntouchedStubs(exercises.map((e) => e.id));
    const offenders = results
      .filter((r) => r.passedTests > 0 || r.failedTests === 0)
      .map((r) => `${r.id}: passes on the stub: ${r.passedNames.join('; ') || '(no tests ran)'}`);
    expect(offenders, 'a test that passes on the stub asserts nothing the student must do').toEqual([]);
    for (const result of results) expect(result.status, result.id).not.toBe('passed');
  });
});
