/**
 * npm run lab -- 03-daemon start|stop|status|restart [--port 7003] [--pid-file f] [--log-file f]
 *                            [--stop-timeout-ms 5000] [--ignore-sigterm]
 *
 * Runs greeting-server.ts as a daemon with the reference daemonctl pieces in solutions/03-daemon.
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { daemonStatus, restartDaemon, startDaemon, stopDaemon, type DaemonOptions } from '#solutions/03-daemon/daemon.ts';
import { readPidFile } from '#solutions/03-daemon/pid-file.ts';

const USAGE = `usage:
  npm run lab -- 03-daemon start    [--port 7003] [--ignore-sigterm]   run greeting-server.ts as a daemon
  npm run lab -- 03-daemon status                                      is it running?
  npm run lab -- 03-daemon stop     [--stop-timeout-ms 5000]           SIGTERM, then SIGKILL after the timeout
  npm run lab -- 03-daemon restart  [--port 7003] [--ignore-sigterm]   stop, then start
every command also takes --pid-file <file> and --log-file <file>
(defaults: ${path.join(os.tmpdir(), 'course-03-daemon.pid')} and .log)`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: '7003' },
    'pid-file': { type: 'string', default: path.join(os.tmpdir(), 'course-03-daemon.pid') },
    'log-file': { type: 'string', default: path.join(os.tmpdir(), 'course-03-daemon.log') },
    'stop-timeout-ms': { type: 'string', default: '5000' },
    'ignore-sigterm': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});

const stopTimeoutMs = Number(values['stop-timeout-ms']);
if (!Number.isSafeInteger(stopTimeoutMs) || stopTimeoutMs < 0) {
  console.error('--stop-timeout-ms must be a whole number of milliseconds');
  process.exit(2);
}

const serverFile = fileURLToPath(new URL('./greeting-server.ts', import.meta.url));
// The daemon starts in /, where `--import tsx` would not resolve, so name the loader by its full path.
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const options: DaemonOptions = {
  pidFile: values['pid-file'],
  logFile: values['log-file'],
  command: [process.execPath, '--import', tsxLoader, serverFile, '--port', values.port, ...(values['ignore-sigterm'] ? ['--ignore-sigterm'] : [])],
  stopTimeoutMs,
};

/** What to try once the daemon runs. */
function printNextSteps(): void {
  const pid = readPidFile(options.pidFile);
  if (pid === undefined) return;
  console.log(`
  look:  ps -o pid,ppid,pgid,sid,tty,cmd -p ${pid}     (its own session, no tty, parent 1 or a subreaper)
  log:   tail -f ${options.logFile}
  talk:  npm run lab -- 03-first-server client --port ${values.port}`);
}

const [command] = positionals;
switch (command) {
  case 'start':
  case 'restart': {
    process.exitCode = await (command === 'start' ? startDaemon(options) : restartDaemon(options));
    if (process.exitCode === 0) printNextSteps();
    break;
  }
  case 'stop':
    process.exitCode = await stopDaemon(options);
    break;
  case 'status':
    process.exitCode = daemonStatus(options);
    if (process.exitCode === 0) printNextSteps();
    break;
  default:
    console.log(USAGE);
    process.exitCode = command === undefined || values.help ? 0 : 2;
}
