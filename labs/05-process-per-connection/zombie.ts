/**
 * A zombie, made on purpose: what a child becomes when its parent never calls wait().
 *
 * `sh -c 'sleep 0.2 & exec sleep <seconds>'`: the shell forks a background `sleep 0.2`, then
 * replaces itself (exec, same pid) with a plain `sleep`, a program that never calls wait(). When
 * the background sleep exits, the kernel keeps its exit status, and so its process-table entry,
 * until its parent collects it: state Z, <defunct>. Node never leaves you one of those, because
 * libuv reaps every child it started as soon as SIGCHLD says one changed.
 */
import { execFileSync, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

function showChildren(parentPid: number): void {
  try {
    console.log(execFileSync('ps', ['--ppid', String(parentPid), '-o', 'pid,ppid,stat,etime,cmd'], { encoding: 'utf8' }).trimEnd());
  } catch {
    console.log(`(ps found no children of ${parentPid}, or ps is not installed)`);
  }
}

export async function showZombie(seconds: number): Promise<void> {
  const neglectful = spawn('sh', ['-c', `sleep 0.2 & exec sleep ${seconds}`], { stdio: 'ignore' });
  const pid = neglectful.pid!;
  console.log(`pid ${pid} runs 'sleep ${seconds}' and has one child, 'sleep 0.2', that it will never wait() for.`);
  await sleep(1000);
  console.log(`\nps --ppid ${pid} -o pid,ppid,stat,etime,cmd    (STAT Z and <defunct>: exited, not reaped)`);
  showChildren(pid);
  console.log(`\nIt stays like that for ${seconds} s; run the ps line yourself. Ctrl-C ends it early.`);
  await new Promise((resolve) => neglectful.once('exit', resolve));
  console.log(`\npid ${pid} exited; libuv reaped it for us. Its zombie child was orphaned, adopted by`);
  console.log('init (pid 1, or the nearest subreaper), and init reaps what it adopts.');
}
