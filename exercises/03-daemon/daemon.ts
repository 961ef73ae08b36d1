/**
 * Exercise 03-daemon: the commands behind daemonctl.ts. Each one prints the lines that
 * daemonctl.ts's header comment lists (console.log) and returns daemonctl's exit code.
 *
 * Every command first looks at the pid file (readPidFile, isProcessAlive). If it names no
 * running process, the file is stale: print the "removed stale pid file (...)" line, delete the
 * file, and carry on as if there had been none. Write that once, as a helper the four share.
 */

/** What daemonctl.ts hands over from its command line. */
export interface DaemonOptions {
  /** --pid-file */
  readonly pidFile: string;
  /** --log-file; open it for appending, so that a restart keeps the earlier log */
  readonly logFile: string;
  /** What follows `--`: the program, then its own arguments. */
  readonly command: readonly string[];
  /** --stop-timeout-ms */
  readonly stopTimeoutMs: number;
}

/**
 * Starts options.command as a daemon, what daemon(3) does in C:
 * - spawn() from node:child_process (fork + exec) with `detached: true` (the child calls setsid():
 *   a new session and process group, no controlling terminal), `cwd: '/'` (it pins no directory),
 *   and `stdio: ['ignore', log, log]`: stdin from /dev/null, stdout and stderr to a descriptor
 *   from fs.openSync(logFile, 'a'). Close your copy of that descriptor afterwards.
 * - Wait for the child's 'spawn' event (the program runs) or 'error' event (it could not be
 *   executed: "failed to start: <error message>").
 * - child.unref(), or this process's event loop waits for the daemon to exit.
 * - Write the pid file, then print "started pid <n>".
 */
export async function startDaemon(options: Pick<DaemonOptions, 'pidFile' | 'logFile' | 'command'>): Promise<number> {
  // TODO: refuse if running, else spawn detached, write the pid file, print "started pid <n>".
  throw new Error(`TODO: start ${options.command.join(' ')} as a daemon`);
}

/**
 * SIGTERM, then waitForProcessExit for options.stopTimeoutMs. If the daemon is still there,
 * print the SIGKILL line, send SIGKILL (it cannot be caught or ignored) and wait again, a few
 * seconds at most. The daemon may exit on its own at any moment: a kill() that fails with
 * ESRCH is fine.
 */
export async function stopDaemon(options: Pick<DaemonOptions, 'pidFile' | 'stopTimeoutMs'>): Promise<number> {
  // TODO: find the running pid, terminate it with escalation, remove the pid file, print "stopped pid <n>".
  throw new Error(`TODO: stop the daemon named in ${options.pidFile}`);
}

/** "running pid <n>" (0) or "not running" (3). */
export function daemonStatus(options: Pick<DaemonOptions, 'pidFile'>): number {
  // TODO: find the running pid and print whether there is one.
  throw new Error(`TODO: report the status of the daemon named in ${options.pidFile}`);
}

/** stopDaemon, then startDaemon if the stop succeeded. */
export async function restartDaemon(options: DaemonOptions): Promise<number> {
  // TODO: stop, then start.
  throw new Error(`TODO: restart the daemon as ${options.command.join(' ')}`);
}
