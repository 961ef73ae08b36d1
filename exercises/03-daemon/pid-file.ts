/**
 * Exercise 03-daemon: pid files.
 *
 * `daemonctl start` writes the daemon's process id to a pid file so that later commands
 * (stop, status, restart), run as separate processes, can find the daemon. The file holds
 * the pid in decimal and a newline: "4242\n".
 *
 * A pid file says what was true when it was written. The daemon may since have crashed, the
 * machine rebooted, or the kernel given the number to another process; daemon.ts checks the
 * pid with isProcessAlive() before it trusts it.
 */

/**
 * The pid `pidFile` holds, or undefined when the file does not exist or does not hold a
 * positive integer. Whitespace around the number is fine (" 4242\n" is 4242); "", "abc", "0",
 * "-1", "1.5" and "12abc" are not pids. Never take 0 or a negative number on trust:
 * kill(0, sig) signals your own process group and kill(-1, sig) every process you may signal.
 * Errors other than a missing file (EACCES, EISDIR, ...) are thrown.
 */
export function readPidFile(pidFile: string): number | undefined {
  // TODO: readFileSync; ENOENT means undefined; accept only digits, as a number > 0.
  throw new Error(`TODO: read the pid in ${pidFile}`);
}

/**
 * Writes "<pid>\n" to `pidFile`, replacing the file if it exists. A reader must never see a
 * half-written or empty file (it would take it for a stale one): write a temporary file next
 * to it, then rename it over `pidFile` (rename(2) replaces a file atomically). Leave no
 * temporary file behind.
 */
export function writePidFile(pidFile: string, pid: number): void {
  // TODO: writeFileSync a temporary file in the same folder, then renameSync it to pidFile.
  throw new Error(`TODO: write pid ${pid} to ${pidFile}`);
}
