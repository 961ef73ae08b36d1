/**
 * Exercise 03-daemon: start, stop, status and restart a daemon (reference solution).
 * See exercises/03-daemon/daemonctl.ts for the commands' output and exit codes.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, rmSync } from 'node:fs';
import { readPidFile, writePidFile } from './pid-file.ts';
import { isProcessAlive, waitForProcessExit } from './process-alive.ts';

export interface DaemonOptions {
  readonly pidFile: string;
  /** Where the daemon's stdout and stderr go (appended). */
  readonly logFile: string;
  /** The program and its arguments, e.g. [process.execPath, '/srv/app/server.js', '--port', '7003']. */
  readonly command: readonly string[];
  /** How long stop waits after SIGTERM before it sends SIGKILL. */
  readonly stopTimeoutMs: number;
}

/** Exit codes, after the LSB init-script conventions (status: 3 = not running). */
const EXIT = { ok: 0, failed: 1, notRunning: 3 } as const;

/** After SIGKILL the kernel does the rest; this only bounds the wait on a very busy machine. */
const SIGKILL_WAIT_MS = 5000;

/** The pid of the running daemon, or undefined. A stale pid file is reported and removed. */
function runningPid(pidFile: string): number | undefined {
  const pid = readPidFile(pidFile);
  if (pid !== undefined && isProcessAlive(pid)) return pid;
  if (existsSync(pidFile)) {
    console.log(`removed stale pid file (${pid === undefined ? 'no pid in it' : `pid ${pid} is not running`})`);
    rmSync(pidFile, { force: true });
  }
  return undefined;
}

/**
 * daemon(3) in Node terms. spawn() is fork + exec; `detached` makes the child call setsid(),
 * so it leads a new session and process group with no controlling terminal (no SIGHUP when
 * ours closes, no Ctrl-C from it); cwd '/' keeps it from pinning a directory; stdin is
 * /dev/null and stdout/stderr append to the log. unref() lets this process exit without it.
 */
async function spawnDetached(command: readonly string[], logFile: string): Promise<number> {
  const [program, ...args] = command;
  if (program === undefined) throw new TypeError('no program to start');
  const log = openSync(logFile, 'a');
  try {
    const child = spawn(program, args, { detached: true, cwd: '/', stdio: ['ignore', log, log] });
    // 'spawn' means exec succeeded; 'error' means it did not (ENOENT, EACCES), and there is no process.
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    child.unref();
    return child.pid!;
  } finally {
    closeSync(log); // the child holds its own copies of the descriptor
  }
}

export async function startDaemon(options: Pick<DaemonOptions, 'pidFile' | 'logFile' | 'command'>): Promise<number> {
  const running = runningPid(options.pidFile);
  if (running !== undefined) {
    console.log(`already running pid ${running}`);
    return EXIT.failed;
  }
  let pid: number;
  try {
    pid = await spawnDetached(options.command, options.logFile);
  } catch (error) {
    console.log(`failed to start: ${(error as Error).message}`);
    return EXIT.failed;
  }
  writePidFile(options.pidFile, pid);
  console.log(`started pid ${pid}`);
  return EXIT.ok;
}

/** Sends `signal` unless the process is already gone (it may exit between our check and the kill). */
function signalIfAlive(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/**
 * SIGTERM asks: the daemon may finish its work and exit in its own time. SIGKILL cannot be
 * caught or ignored, so it is the answer to a daemon that does not exit within `timeoutMs`.
 * True once the process is gone.
 */
async function terminate(pid: number, timeoutMs: number): Promise<boolean> {
  signalIfAlive(pid, 'SIGTERM');
  if (await waitForProcessExit(pid, timeoutMs)) return true;
  console.log(`pid ${pid} still running ${timeoutMs} ms after SIGTERM; sending SIGKILL`);
  signalIfAlive(pid, 'SIGKILL');
  return waitForProcessExit(pid, SIGKILL_WAIT_MS);
}

export async function stopDaemon(options: Pick<DaemonOptions, 'pidFile' | 'stopTimeoutMs'>): Promise<number> {
  const pid = runningPid(options.pidFile);
  if (pid === undefined) {
    console.log('not running');
    return EXIT.ok;
  }
  if (!(await terminate(pid, options.stopTimeoutMs))) {
    console.log(`pid ${pid} survived SIGKILL`);
    return EXIT.failed;
  }
  rmSync(options.pidFile, { force: true });
  console.log(`stopped pid ${pid}`);
  return EXIT.ok;
}

export function daemonStatus(options: Pick<DaemonOptions, 'pidFile'>): number {
  const pid = runningPid(options.pidFile);
  if (pid === undefined) {
    console.log('not running');
    return EXIT.notRunning;
  }
  console.log(`running pid ${pid}`);
  return EXIT.ok;
}

export async function restartDaemon(options: DaemonOptions): Promise<number> {
  const stopped = await stopDaemon(options);
  return stopped === EXIT.ok ? startDaemon(options) : stopped;
}
