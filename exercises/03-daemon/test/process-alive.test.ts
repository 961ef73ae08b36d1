import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { isProcessAlive, waitForProcessExit } from '../process-alive.ts';
import { eventually, procStat, reapedPid } from './proc.ts';

const children: ChildProcess[] = [];

function startNode(script: string): ChildProcess {
  const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
  children.push(child);
  return child;
}

/**
 * A zombie: `sh` starts `sleep 0.5` in the background, prints its pid and execs into `sleep 30`,
 * which never waits for the child it inherited. (With a shorter sleep the child may exit while
 * sh still runs, and sh reaps it.)
 */
async function makeZombie(): Promise<number> {
  const parent = spawn('sh', ['-c', 'sleep 0.5 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
  children.push(parent);
  const [output] = (await once(parent.stdout!, 'data')) as [Buffer];
  const pid = Number(output.toString().trim());
  await eventually(() => procStat(pid)?.state === 'Z', `pid ${pid} is a zombie`);
  return pid;
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

describe('03-daemon: isProcessAlive', () => {
  it('says a running process is alive', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
  });

  it('says a process that has exited and been reaped is not (kill(pid, 0) fails with ESRCH)', () => {
    expect(isProcessAlive(reapedPid())).toBe(false);
  });

  it('says pid 1 is alive, also when kill(1, 0) fails with EPERM because it is not ours to signal', () => {
    expect(isProcessAlive(1)).toBe(true);
  });

  it('says a zombie is not alive: it has exited, its parent just has not reaped it', async () => {
    expect(isProcessAlive(await makeZombie())).toBe(false);
  });
});

describe('03-daemon: waitForProcessExit', () => {
  it('resolves true once the process has exited, not before', async () => {
    const child = startNode('setTimeout(() => {}, 400)');
    const started = Date.now();
    expect(await waitForProcessExit(child.pid!, 10_000)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('resolves false when the process outlives the timeout', async () => {
    const child = startNode('setTimeout(() => {}, 30_000)');
    const started = Date.now();
    expect(await waitForProcessExit(child.pid!, 300)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});
