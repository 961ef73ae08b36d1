/** How the grader prints verdicts: one line per exercise, details for failures, a progress bar. */
import chalk from 'chalk';
import type { ExerciseInfo } from './catalog.ts';
import type { GradeResult } from './grading.ts';

const ID_WIDTH = 28;

export function progressBar(done: number, total: number, width = 30): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const bar = '#'.repeat(filled) + (filled < width ? '>' + '-'.repeat(width - filled - 1) : '');
  return `Progress: [${bar}] ${done}/${total}`;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

/** The verdict line, plus (for a failure) the first failing assertion and the hint to read next. */
export function formatResult(result: GradeResult, exercise: ExerciseInfo, hintsSeen: number): string {
  const id = result.id.padEnd(ID_WIDTH);
  const total = result.passedTests + result.failedTests;
  if (result.status === 'passed') {
    return `${chalk.green('✓')} ${chalk.bold(id)} ${chalk.green('passed')}       ${chalk.dim(`${result.passedTests}/${total} tests`)}`;
  }
  const label = result.status === 'not-started' ? chalk.yellow('not started') : chalk.red('failed');
  const lines = [`${chalk.red('✗')} ${chalk.bold(id)} ${label}  ${chalk.dim(`${result.passedTests}/${total} tests`)}`];
  if (result.status === 'not-started') lines.push(indent(chalk.dim(`task: ${exercise.task}`), '    '));
  if (result.firstFailure) {
    lines.push(indent(`${chalk.dim('first failure:')} ${result.firstFailure.test}`, '    '));
    lines.push(indent(chalk.red(result.firstFailure.message), '      '));
  }
  const hintIndex = Math.min(Math.max(hintsSeen - 1, 0), exercise.hints.length - 1);
  const hint = exercise.hints[hintIndex] ?? '';
  lines.push(indent(`${chalk.cyan('hint:')} ${hint}`, '    '));
  lines.push(indent(chalk.dim(`(hint ${hintIndex + 1} of ${exercise.hints.length}; next one: npm run hint -- ${result.id})`), '    '));
  return lines.join('\n');
}
