/**
 * setTimeout(0) against setImmediate from the main script is a race: the timers phase comes first
 * in a turn, but a timer of 0 (really 1) ms is only due if a millisecond has passed since it was
 * armed, which depends on how long the process took to reach the loop. Inside an I/O callback
 * there is no race: check comes right after poll. Each run is a fresh `node -e` process, since the
 * race is about the very first turn of the loop.
 */
import { spawnSync } from 'node:child_process';

const FROM_MAIN = `setTimeout(() => console.log('timeout'), 0); setImmediate(() => console.log('immediate'));`;
const FROM_IO = `require('node:fs').stat('.', () => { ${FROM_MAIN} });`;

function tally(script: string, runs: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < runs; i++) {
    const { stdout, status } = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 10_000 });
    const order = status === 0 ? stdout.trim().split('\n').join(' then ') : `failed (exit ${status})`;
    counts.set(order, (counts.get(order) ?? 0) + 1);
  }
  return counts;
}

function printTally(title: string, counts: Map<string, number>): void {
  console.log(`\n${title}`);
  for (const [order, count] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`  ${String(count).padStart(4)} x  ${order}`);
}

export function runRace(runs: number): void {
  console.log(`Running each script in ${runs} fresh node processes ...`);
  printTally(`From the main script:  ${FROM_MAIN}`, tally(FROM_MAIN, runs));
  printTally('The same two lines inside an fs.stat callback (poll phase):', tally(FROM_IO, runs));
  console.log('\nThe first may come out either way (try it while the machine is busy); the second never does.');
}
