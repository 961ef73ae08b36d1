/**
 * Exercise 03-daemon: pid files (reference solution).
 * See exercises/03-daemon/pid-file.ts for the contract.
 *
 * A pid file records a belief, "the daemon is pid 4242", not a fact: the daemon may have
 * crashed, the machine rebooted, or the kernel handed 4242 to another process since.
 * Callers check the pid with isProcessAlive() before they trust it.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

/** The pid `pidFile` holds, or undefined when there is no such file or it holds no usable pid. */
export function readPidFile(pidFile: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(pidFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  // Accept digits only: a pid of 0 or -1 taken on trust would make kill() signal our own
  // process group, or every process we are allowed to signal.
  const digits = text.trim();
  if (!/^\d+$/.test(digits)) return undefined;
  const pid = Number(digits);
  return pid > 0 && Number.isSafeInteger(pid) ? pid : undefined;
}

/**
 * Writes `pid` as "<pid>\n". The text goes to a temporary file that is then renamed over the
 * pid file: rename(2) is atomic, so a concurrent reader sees the old file or the new one,
 * never an empty file it would mistake for a stale one.
 */
export function writePidFile(pidFile: string, pid: number): void {
  const temporary = `${pidFile}.${process.pid}.tmp`;
  writeFileSync(temporary, `${pid}\n`);
  renameSync(temporary, pidFile);
}
