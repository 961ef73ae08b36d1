/**
 * The open-files limit (RLIMIT_NOFILE): every socket is a file descriptor, and a process may hold
 * at most its soft limit of them. A process may raise its soft limit up to its hard limit
 * (`ulimit -n` / `ulimit -Hn` in a shell); raising the hard limit takes root (CAP_SYS_RESOURCE).
 *
 * Node has no setrlimit() for JavaScript, but it does not need one here: the node binary raises
 * its own soft limit to the hard limit as it starts (PlatformInit in src/node.cc, "Raise the open
 * file descriptor limit"). So a login shell's soft limit of 1,024 does not bind a Node server, and
 * re-running node through `sh -c 'ulimit -S -n N && exec node ...'` would gain nothing: by the
 * time this code runs, soft is already hard. The hard limit is the one that counts, and all the
 * lab can do when it is too low is say so, and run with what fits.
 */
import { readFileSync } from 'node:fs';

export interface FdLimits {
  readonly soft: number;
  readonly hard: number;
}

/** Descriptors a process needs besides its sockets: stdio, the loop's epoll and eventfds, V8, tsx. */
export const FD_HEADROOM = 128;

const parseLimit = (text: string): number => (text === 'unlimited' ? Number.POSITIVE_INFINITY : Number(text));

/** The soft and hard values of one line of /proc/self/limits (there is no getrlimit() in Node). */
function readLimit(name: string): FdLimits {
  const line = readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((candidate) => candidate.startsWith(name));
  const [soft, hard] = line?.slice(name.length).trim().split(/\s+/) ?? [];
  if (soft === undefined || hard === undefined) throw new Error(`cannot read "${name}" from /proc/self/limits`);
  return { soft: parseLimit(soft), hard: parseLimit(hard) };
}

export function readFdLimits(): FdLimits {
  return readLimit('Max open files');
}

/** The stack a thread gets by default (`ulimit -s`), for the thread-per-connection comparison. */
export function readStackLimitBytes(): number | undefined {
  const { soft } = readLimit('Max stack size');
  return Number.isFinite(soft) ? soft : undefined;
}

export type FdLimitCheck =
  | { readonly kind: 'enough'; readonly limits: FdLimits }
  /** Fewer than `needed` descriptors; `usable` connections fit once the headroom is set aside. */
  | { readonly kind: 'too-low'; readonly limits: FdLimits; readonly usable: number };

/** Whether this process may hold `connections` sockets besides what it needs for itself. */
export function checkFdLimit(connections: number): FdLimitCheck {
  const limits = readFdLimits();
  if (limits.soft >= connections + FD_HEADROOM) return { kind: 'enough', limits };
  return { kind: 'too-low', limits, usable: Math.max(0, limits.soft - FD_HEADROOM) };
}

/** What to tell the student when the limit is too low for what they asked. */
export function tooLowMessage(connections: number, { soft, hard }: FdLimits): string {
  const needed = connections + FD_HEADROOM;
  const lines = [`${connections} connections need about ${needed} open files, and this process may have ${soft} (hard limit ${hard}).`];
  if (soft < hard) {
    // Node raises soft to hard as it starts; seeing less means something else lowered it since.
    lines.push(`Raise the soft limit in the shell first:  ulimit -S -n ${Math.min(needed, hard)}`);
  } else {
    lines.push(
      `Node already raised its soft limit to the hard limit (ulimit -Hn) as it started; only root can raise the hard one, e.g.`,
      `  sudo prlimit --nofile=${needed}:${needed} --pid $$      (this shell; then run the lab again from it)`,
      `or LimitNOFILE= in a systemd unit, or a "nofile" line in /etc/security/limits.conf (for new logins).`,
    );
  }
  return lines.join('\n');
}
