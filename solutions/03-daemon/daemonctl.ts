/**
 * Exercise 03-daemon: the daemonctl command line (reference solution).
 * See exercises/03-daemon/daemonctl.ts for the contract.
 */
import { parseArgs } from 'node:util';
import { daemonStatus, restartDaemon, startDaemon, stopDaemon, type DaemonOptions } from './daemon.ts';

const USAGE =
  'usage: daemonctl.ts <start|stop|status|restart> --pid-file <file> [--log-file <file>] [--stop-timeout-ms <ms>] [-- <program> [args...]]';
const USAGE_EXIT = 2;

const COMMANDS: Record<string, (options: DaemonOptions) => number | Promise<number>> = {
  start: startDaemon,
  stop: stopDaemon,
  status: daemonStatus,
  restart: restartDaemon,
};

/** A command line daemonctl cannot run; main() prints it with the usage and exits 2. */
class UsageError extends Error {}

function parseCommandLine(argv: readonly string[]): { command: string; options: DaemonOptions } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        'pid-file': { type: 'string' },
        'log-file': { type: 'string', default: '/dev/null' },
        'stop-timeout-ms': { type: 'string', default: '5000' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  // Everything after `--` is a positional too: the program to run and its own arguments.
  const [command = '', ...program] = positionals;
  if (!Object.hasOwn(COMMANDS, command)) throw new UsageError(command ? `unknown command "${command}"` : 'no command');
  if (values['pid-file'] === undefined) throw new UsageError('--pid-file is required');
  if ((command === 'start' || command === 'restart') && program.length === 0) throw new UsageError(`${command} needs a program after --`);
  const stopTimeoutMs = Number(values['stop-timeout-ms']);
  if (!Number.isSafeInteger(stopTimeoutMs) || stopTimeoutMs < 0) throw new UsageError('--stop-timeout-ms must be a whole number of milliseconds');
  return { command, options: { pidFile: values['pid-file'], logFile: values['log-file'], command: program, stopTimeoutMs } };
}

async function main(argv: readonly string[]): Promise<number> {
  let request;
  try {
    request = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`daemonctl: ${error.message}\n${USAGE}`);
    return USAGE_EXIT;
  }
  return COMMANDS[request.command]!(request.options);
}

process.exitCode = await main(process.argv.slice(2));
