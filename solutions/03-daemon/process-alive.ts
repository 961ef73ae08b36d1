/**
 * Exercise 03-daemon: is a process still there? (reference solution)
 * See exercises/03-daemon/process-alive.ts for the contract.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

/** kill(pid, 0) runs every check kill(2) makes (does the pid exist, may we signal it) and sends nothing. */
function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ESRCH') return false; // no such process
    if (code === 'EPERM') return true; // it exists, it just is not ours to signal
    throw error;
  }
}

/**
 * The one-letter state from /proc/<pid>/stat (R, S, D, Z, ...), or undefined where there is no
 * /proc. The line reads "pid (comm) state ..." and comm may hold spaces and ')', so the state
 * is found after the last ')'.
 */
function processState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.charAt(stat.lastIndexOf(')') + 2);
  } catch {
    return undefined;
  }
}

/**
 * True while `pid` runs. A zombie does not count: it has exited and only its exit status waits
 * for its parent to wait(2) for it. A daemon's parent is whatever adopted it, and a container's
 * pid 1 often never reaps, so a stopped daemon may stay a zombie (and pass kill(pid, 0)) forever.
 */
export function isProcessAlive(pid: number): boolean {
  return pidExists(pid) && processState(pid) !== 'Z';
}

/**
 * Polls until `pid` has exited; true if it did within `timeoutMs`. Polling, because wait(2)
 * only works for our own children, and a daemon is no longer ours.
 */
export async function waitForProcessExit(pid: number, timeoutMs: number, pollMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await delay(pollMs);
  }
  return true;
}
