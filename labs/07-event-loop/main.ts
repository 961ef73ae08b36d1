/**
 * npm run lab -- 07-event-loop ordering
 * npm run lab -- 07-event-loop race [--runs 20]
 * npm run lab -- 07-event-loop timers [--rate 10000] [--seconds 3] [--min-delay 5] [--max-delay 200]
 *                                     [--cancel 0.5] [--block 0]
 */
import { parseArgs } from 'node:util';
import { runLateness } from './lateness.ts';
import { runOrdering } from './ordering.ts';
import { runRace } from './race.ts';

const usage = `usage:
  npm run lab -- 07-event-loop ordering
      the order nextTick, promises, setImmediate, setTimeout, I/O and close callbacks run in,
      from a timer callback, from an I/O callback, and when they queue each other
  npm run lab -- 07-event-loop race [--runs 20]
      setTimeout 0 against setImmediate in fresh processes: from the main script, then from I/O
  npm run lab -- 07-event-loop timers [--rate 10000] [--seconds 3] [--min-delay 5] [--max-delay 200]
                                      [--cancel 0.5] [--block 0]
      arm timers at a steady rate and print how late they fire: setTimeout per timer, the
      reference TimerQueue, and yours (exercises/07-event-loop) once it is written`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '20' },
    rate: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '3' },
    'min-delay': { type: 'string', default: '5' },
    'max-delay': { type: 'string', default: '200' },
    cancel: { type: 'string', default: '0.5' },
    block: { type: 'string', default: '0' },
    help: { type: 'boolean', short: 'h' },
  },
});
const [command] = positionals;

/** Parses a numeric option within [min, max], or exits with a message naming it. */
function numberOption(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (text.trim() === '' || !(value >= min && value <= max)) {
    console.error(`07-event-loop: --${name} must be a number from ${min} to ${max}, got "${text}"`);
    process.exit(2);
  }
  return value;
}

if (command === 'ordering') {
  await runOrdering();
} else if (command === 'race') {
  runRace(Math.floor(numberOption('runs', values.runs, 1, 200)));
} else if (command === 'timers') {
  const minDelayMs = numberOption('min-delay', values['min-delay'], 0, 10_000);
  await runLateness({
    rate: numberOption('rate', values.rate, 1, 100_000),
    seconds: numberOption('seconds', values.seconds, 0.1, 60),
    minDelayMs,
    maxDelayMs: numberOption('max-delay', values['max-delay'], minDelayMs, 10_000),
    cancelShare: numberOption('cancel', values.cancel, 0, 1),
    blockMs: numberOption('block', values.block, 0, 9),
  });
} else {
  console.log(usage);
  process.exitCode = command === undefined || values.help ? 0 : 2;
}
