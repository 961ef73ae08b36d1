/**
 * npm run lab -- 10-ice checks [--ta 50] [--rto 100] [--transmissions 3] [--timeout 5000] [--both-controlling] [--all-reachable]
 * npm run lab -- 10-ice priorities
 */
import { parseArgs } from 'node:util';
import { runChecks } from './checks.ts';
import { printPriorities } from './priorities.ts';

const usage = `usage:
  npm run lab -- 10-ice checks [--ta 50] [--rto 100] [--transmissions 3] [--timeout 5000] [--both-controlling] [--all-reachable]
      two ICE agents on 127.0.0.x run STUN connectivity checks until a pair is nominated;
      every pair state change is printed. R's best interface drops what it receives, unless --all-reachable;
      --both-controlling starts R controlling too, to see a role conflict (487) repaired
  npm run lab -- 10-ice priorities
      candidate and pair priorities worked out, with the values Chromium sent`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    ta: { type: 'string', default: '50' },
    rto: { type: 'string', default: '100' },
    transmissions: { type: 'string', default: '3' },
    timeout: { type: 'string', default: '5000' },
    'both-controlling': { type: 'boolean', default: false },
    'all-reachable': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});
const [command] = positionals;

/** Parses an integer option within [min, max], or exits with a message naming it. */
function integerOption(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    console.error(`10-ice: --${name} must be an integer from ${min} to ${max}, got "${text}"`);
    process.exit(2);
  }
  return value;
}

/** The agents bind 127.0.0.2 and 127.0.0.3: Linux routes all of 127.0.0.0/8 to lo, macOS does not. */
function explainBindFailure(error: unknown): never {
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== 'EADDRNOTAVAIL') throw error;
  console.error('10-ice: cannot bind a 127.0.0.x address (EADDRNOTAVAIL). On macOS: sudo ifconfig lo0 alias 127.0.0.2; sudo ifconfig lo0 alias 127.0.0.3');
  process.exit(1);
}

if (command === 'checks') {
  const nominated = await runChecks({
    taMs: integerOption('ta', values.ta, 5, 1000),
    rtoMs: integerOption('rto', values.rto, 10, 2000),
    maxTransmissions: integerOption('transmissions', values.transmissions, 1, 7),
    timeoutMs: integerOption('timeout', values.timeout, 100, 60_000),
    bothControlling: values['both-controlling'],
    allReachable: values['all-reachable'],
  }).catch(explainBindFailure);
  process.exitCode = nominated ? 0 : 1;
} else if (command === 'priorities') {
  printPriorities();
} else {
  console.log(usage);
  process.exitCode = command === undefined || values.help ? 0 : 2;
}
