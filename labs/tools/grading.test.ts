import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { resultsFromReport, summarizeFailure } from './grading.ts';
import { exercisesDir } from './paths.ts';
import { parseProgress, serializeProgress } from './progress.ts';
import { progressBar } from './report.ts';

const file = (id: string) => path.join(exercisesDir, id, 'test', 'x.test.ts');

describe('summarizeFailure', () => {
  it('keeps the assertion and drops the stack', () => {
    const raw = 'AssertionError: expected 1 to be 2\n\n- Expected\n+ Received\n    at /x/y.ts:3:4\n    at more';
    expect(summarizeFailure(raw)).toBe('AssertionError: expected 1 to be 2\n\n- Expected\n+ Received');
  });
  it('cuts long messages', () => {
    expect(summarizeFailure('a\nb\nc\nd', 2)).toBe('a\nb\n…');
  });
});

describe('resultsFromReport', () => {
  it('passes an exercise whose tests all passed, and keeps exercises apart', () => {
    const report = {
      testResults: [
        { name: file('a'), status: 'passed', assertionResults: [{ fullName: 'a1', status: 'passed' }] },
        { name: file('b'), status: 'failed', assertionResults: [{ fullName: 'b1', status: 'failed', failureMessages: ['Error: expected x\n    at y'] }] },
      ],
    };
    const [a, b] = resultsFromReport(report, ['a', 'b']);
    expect(a).toMatchObject({ status: 'passed', passedTests: 1, failedTests: 0 });
    expect(b).toMatchObject({ status: 'failed', failedTests: 1, firstFailure: { test: 'b1', message: 'Error: expected x' } });
  });

  it('calls an exercise not started when every failure is a TODO', () => {
    const report = {
      testResults: [
        {
          name: file('a'),
          status: 'failed',
          assertionResults: [
            { fullName: 'a1', status: 'failed', failureMessages: ['Error: TODO: parse the header'] },
            { fullName: 'a2', status: 'failed', failureMessages: ['Error: child exited: Error: TODO: listen'] },
          ],
        },
      ],
    };
    expect(resultsFromReport(report, ['a'])[0]?.status).toBe('not-started');
  });

  it('fails an exercise with no tests, and counts a crashed file as a failure', () => {
    const report = { testResults: [{ name: file('a'), status: 'failed', message: 'SyntaxError: nope', assertionResults: [] }] };
    const [a, missing] = resultsFromReport(report, ['a', 'zz']);
    expect(a).toMatchObject({ status: 'failed', failedTests: 1, firstFailure: { message: 'SyntaxError: nope' } });
    expect(missing).toMatchObject({ status: 'failed', firstFailure: { message: /no test files/ } });
  });
});

describe('the progress file', () => {
  it('round-trips and ignores lines it cannot read', () => {
    const progress = parseProgress('# comment\n04-tcp failed 2\nnonsense\n03-signals passed\n05-x bogus 1\n');
    expect([...progress]).toEqual([
      ['04-tcp', { state: 'failed', hintsSeen: 2 }],
      ['03-signals', { state: 'passed', hintsSeen: 0 }],
    ]);
    expect(parseProgress(serializeProgress(progress))).toEqual(progress);
  });
});

describe('progressBar', () => {
  it('fills in proportion', () => {
    expect(progressBar(0, 4, 8)).toBe('Progress: [>-------] 0/4');
    expect(progressBar(2, 4, 8)).toBe('Progress: [####>---] 2/4');
    expect(progressBar(4, 4, 8)).toBe('Progress: [########] 4/4');
  });
});
