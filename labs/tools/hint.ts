/**
 * npm run hint -- <id>   show the next of an exercise's graduated hints (questions first, answers last)
 * npm run hint           the same for the first exercise not yet passed
 */
import chalk from 'chalk';
import { gradedExercises } from './catalog.ts';
import { progressFile } from './paths.ts';
import { ProgressFile } from './progress.ts';

const all = gradedExercises();
const progress = new ProgressFile(progressFile);
const saved = progress.read();
const requested = process.argv[2];
const exercise = requested
  ? all.find((e) => e.id === requested)
  : (all.find((e) => saved.get(e.id)?.state !== 'passed') ?? all[all.length - 1]);

if (!exercise) {
  console.error(chalk.red(`hint: no exercise "${requested}". Valid ids:\n  ${all.map((e) => e.id).join('\n  ')}`));
  process.exit(2);
}

const { hints } = exercise.exercise;
const seen = saved.get(exercise.id)?.hintsSeen ?? 0;
const index = Math.min(seen, hints.length - 1);
progress.update(exercise.id, { hintsSeen: index + 1 });

console.log(chalk.bold(`${exercise.id}: ${exercise.title}`) + chalk.dim(`  (hint ${index + 1} of ${hints.length})`));
console.log(`\n${chalk.cyan(hints[index])}\n`);
if (index + 1 < hints.length) console.log(chalk.dim(`Stuck still? npm run hint -- ${exercise.id}`));
else console.log(chalk.dim(`That was the last hint. The reference answer is in solutions/${exercise.id}/.`));
