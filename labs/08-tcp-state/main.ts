/**
 * npm run lab -- 08-tcp-state scenario [name]
 * npm run lab -- 08-tcp-state capture [file] [--absolute]
 * npm run lab -- 08-tcp-state watch
 */
import { parseArgs } from 'node:util';
import { loopbackCaptureFile } from '#fixtures/loopback/index.ts';
import { replayCapture } from './replay.ts';
import { SCENARIOS, runScenario } from './scenarios.ts';
import { watchKernel } from './watch.ts';

const usage = `usage:
  npm run lab -- 08-tcp-state scenario [name]
      two state machines talking, printed like RFC 9293's figures; without a name, all of them:
      ${Object.keys(SCENARIOS).join(', ')}
  npm run lab -- 08-tcp-state capture [file] [--absolute]
      replay every TCP conversation of a capture through one machine per endpoint, with the
      states after each segment (default: the shipped loopback capture of lab 08-packets);
      sequence numbers relative to each side's ISS unless --absolute
  npm run lab -- 08-tcp-state watch
      a real connection on loopback, step by step, with the kernel's states from ss`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { absolute: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
});
const [command, argument] = positionals;

// `... | head` closes the pipe early: that is the reader being done, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

try {
  if (command === 'scenario') {
    const names = argument === undefined ? Object.keys(SCENARIOS) : [argument];
    console.log(names.map((name) => runScenario(name).join('\n')).join('\n\n'));
  } else if (command === 'capture') {
    console.log(replayCapture(argument ?? loopbackCaptureFile, { absolute: values.absolute }).join('\n'));
  } else if (command === 'watch') {
    await watchKernel((line) => console.log(line));
  } else {
    console.log(usage);
    process.exitCode = command === undefined || values.help ? 0 : 2;
  }
} catch (error) {
  // An unknown scenario, a file that cannot be read or parsed: its message, not a stack trace.
  if (!(error instanceof RangeError) && typeof (error as { code?: unknown }).code !== 'string') throw error;
  console.error(`08-tcp-state: ${(error as Error).message}`);
  process.exitCode = 1;
}
