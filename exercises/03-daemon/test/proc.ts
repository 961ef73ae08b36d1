/**
 * What the kernel says about a process, for the 03-daemon tests. The tests ask /proc rather
 * than the code under test: a daemon is detached and exited when the kernel says so.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

/** Fields of /proc/<pid>/stat (see proc(5)). */
export interface ProcStat {
  /** R running, S sleeping, Z zombie, ... */
  readonly state: string;
  readonly ppid: number;
  readonly processGroup: number;
  readonly session: number;
  /** The controlling terminal's device number; 0 for none. */
  readonly ttyNr: number;
}

/** /proc/<pid>/stat, or undefined when there is no such process. */
export function procStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // "pid (comm) state ppid pgrp session tty_nr ...": comm may contain spaces and ')'.
  const [state = '?', ppid, processGroup, session, ttyNr] = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state, ppid: Number(ppid), processGroup: Number(processGroup), session: Number(session), ttyNr: Number(ttyNr) };
}

/**
 * True once `pid` has exited: it has no /proc entry, or it is a zombie. A daemon's parent is
 * whatever adopted it, and a container's pid 1 may never reap it.
 */
export function hasExited(pid: number): boolean {
  const stat = procStat(pid);
  return stat === undefined || stat.state === 'Z';
}

/** The pid of a process that has exited and been reaped: kill(pid, 0) fails with ESRCH. */
export function reapedPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid;
}

/** Polls `condition` every 25 ms; rejects with `what` (a message, or a function that makes one then) after `timeoutMs`. */
export async function eventually(condition: () => boolean, what: string | (() => string), timeoutMs = 15_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !condition(); await delay(25)) {
    if (Date.now() > deadline) {
      throw new Error(`gave up after ${timeoutMs} ms waiting until ${typeof what === 'string' ? what : what()}`);
    }
  }
}
