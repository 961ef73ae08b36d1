/**
 * Exercise 03-daemon: is a process still there?
 *
 * `stop` and `status` run long after `start` has exited, so the daemon is not their child:
 * they cannot wait(2) for it or get an 'exit' event. All they have is its pid, and kill(2).
 */

/**
 * True while process `pid` exists and has not exited.
 *
 * - process.kill(pid, 0) sends no signal but makes every check kill(2) makes. It throws an
 *   error whose `code` is 'ESRCH' when there is no such process (not alive), or 'EPERM' when
 *   the process exists but you may not signal it (alive: it belongs to another user).
 * - A zombie has exited; only its exit status is left, until its parent reaps it with wait(2).
 *   kill(pid, 0) still succeeds on it. A daemon's parent is whatever adopted it, and in a
 *   container pid 1 is often a program that never reaps, so a stopped daemon can stay a zombie
 *   for good. Count a zombie as not alive: /proc/<pid>/stat reads "pid (name) Z ..." for one
 *   (the name may contain spaces and ')': the state is the character after the last ") ").
 *   Where there is no /proc (macOS), skip this check.
 */
export function isProcessAlive(pid: number): boolean {
  // TODO: process.kill(pid, 0), then the zombie check.
  throw new Error(`TODO: tell whether pid ${pid} is alive`);
}

/**
 * Checks isProcessAlive(pid) every `pollMs` until the process has exited. Resolves true as soon
 * as it has, false if it is still alive `timeoutMs` after the call.
 */
export async function waitForProcessExit(pid: number, timeoutMs: number, pollMs = 50): Promise<boolean> {
  // TODO: loop: check, give up after the deadline, else sleep pollMs (setTimeout from node:timers/promises).
  throw new Error(`TODO: wait up to ${timeoutMs} ms (polling every ${pollMs} ms) for pid ${pid} to exit`);
}
