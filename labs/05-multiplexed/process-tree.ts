/**
 * A process and everything it started, as the kernel sees it in /proc/<pid>/status:
 * `PPid:` links each process to its parent, `VmRSS:` is the memory it has in RAM right now.
 */
import { readFileSync, readdirSync } from 'node:fs';

interface ProcessStatus {
  readonly ppid: number;
  readonly rssKiB: number;
}

function readStatus(pid: number): ProcessStatus | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined; // exited between listing /proc and reading it
  }
  const field = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
  // A zombie has no memory left, and no VmRSS line: it counts as 0.
  return { ppid: field('PPid'), rssKiB: field('VmRSS') };
}

/** `rootPid` and all its descendants that are alive now, root first. */
export function processTree(rootPid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const status = readStatus(Number(name));
    if (status) parentOf.set(Number(name), status.ppid);
  }
  const tree = parentOf.has(rootPid) ? [rootPid] : [];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, ppid] of parentOf) if (ppid === tree[i]) tree.push(pid);
  }
  return tree;
}

/** Resident memory of the whole tree, in KiB. */
export function treeRssKiB(rootPid: number): number {
  return processTree(rootPid).reduce((sum, pid) => sum + (readStatus(pid)?.rssKiB ?? 0), 0);
}
