/**
 * npm run lab                          list the labs
 * npm run lab -- <id> [args...]        run lab <id>, passing it the remaining arguments
 *
 * The lab runs as a child process (node --import tsx labs/<id>/<entry>). Ctrl-C in
 * the terminal reaches the child directly (same process group); signals sent to this
 * runner alone are passed on, so `kill -HUP <runner pid>` works like on the lab itself.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import chalk from 'chalk';
import { loadCatalog, readyLabs, type LabInfo } from './catalog.ts';
import { labsDir, repoRoot } from './paths.ts';

const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGUSR1', 'SIGUSR2', 'SIGQUIT'];

function listLabs(labs: readonly LabInfo[], plannedCount: number): void {
  const width = Math.max(...labs.map((lab) => lab.id.length));
  console.log(chalk.bold('Labs') + chalk.dim('  (npm run lab -- <id> [args...])\n'));
  for (const lab of labs) {
    const graded = lab.exercise ? chalk.cyan(' [exercise]') : '';
    console.log(`  ${chalk.bold(lab.id.padEnd(width))}  ${lab.title}${graded}\n  ${' '.repeat(width)}  ${chalk.dim(lab.summary)}`);
  }
  if (plannedCount > 0) console.log(chalk.dim(`\n  ${plannedCount} more labs are planned; README.md lists them.`));
}

function runLab(lab: LabInfo, args: readonly string[]): void {
  const entry = path.join(labsDir, lab.id, lab.entry ?? 'main.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: repoRoot, stdio: 'inherit' });
  // The terminal already delivers Ctrl-C to the child; the runner just waits for it to finish.
  process.on('SIGINT', () => {});
  for (const signal of FORWARDED_SIGNALS) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
      return;
    }
    process.exit(code ?? 1);
  });
}

const catalog = loadCatalog();
const labs = readyLabs(catalog);
const [id, ...args] = process.argv.slice(2);

if (!id || id === '--help' || id === '-h' || id === 'list') {
  listLabs(labs, catalog.length - labs.length);
} else {
  const lab = labs.find((candidate) => candidate.id === id);
  if (!lab) {
    const planned = catalog.some((candidate) => candidate.id === id);
    console.error(chalk.red(planned ? `lab "${id}" is planned but not written yet.` : `no lab "${id}".`));
    console.error(`Valid ids:\n  ${labs.map((candidate) => candidate.id).join('\n  ')}`);
    process.exit(2);
  }
  runLab(lab, args);
}
