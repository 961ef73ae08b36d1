import { readFileSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { exerciseFile } from '#course/paths.ts';
import { LineClient, runTypeScript, type RunningProcess } from '#course/testing.ts';

/** Every child is a fresh node that loads tsx: on a busy 2-core machine that can take seconds. */
const SLOW_MS = 10_000;

/** A process's state letter (R, S, Z...) and parent pid from /proc/<pid>/stat; undefined once it is gone. */
function procStat(pid: number): { state: string; ppid: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name in parentheses may hold spaces; the fields after the last ')' do not.
  const [state = '?', ppid = '0'] = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state, ppid: Number(ppid) };
}

function childPidsOf(parentPid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => procStat(pid)?.ppid === parentPid);
}

function isChildFile(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('child.ts');
  } catch {
    return false;
  }
}

/** Polls (bounded) until `condition` holds; for states no output line announces. */
async function eventually(condition: () => boolean, what: string, timeoutMs = SLOW_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let parent: RunningProcess | undefined;
const clients: LineClient[] = [];

async function startParent(maxChildren: number): Promise<{ parent: RunningProcess; port: number }> {
  parent = runTypeScript(exerciseFile('05-process-per-connection', 'parent.ts'), ['--port', '0', '--max-children', String(maxChildren)]);
  const [, port, pid] = await parent.waitForLine(/^listening on 127\.0\.0\.1:(\d+) pid (\d+)$/, SLOW_MS);
  expect(Number(pid)).toBe(parent.pid);
  return { parent, port: Number(port) };
}

async function connect(port: number): Promise<LineClient> {
  const client = await LineClient.connect(port);
  clients.push(client);
  return client;
}

/** Connects and reads the greeting; returns the client and the pid of the child serving it. */
async function connectToChild(port: number): Promise<{ client: LineClient; childPid: number }> {
  const client = await connect(port);
  const greeting = await client.nextLine(SLOW_MS);
  const match = /^HELLO from pid (\d+)$/.exec(greeting);
  expect(match, `greeting "${greeting}"`).not.toBeNull();
  return { client, childPid: Number(match![1]) };
}

afterEach(async () => {
  clients.splice(0).forEach((client) => client.close());
  if (!parent) return;
  // Children first, while the parent can still reap them; then the parent itself.
  const announced = [...parent.stdout().matchAll(/^forked pid (\d+)/gm)].map((match) => Number(match[1]));
  const parentPid = parent.pid;
  for (const pid of new Set([...announced, ...childPidsOf(parentPid)])) {
    const stat = procStat(pid);
    if (stat && stat.state !== 'Z' && (stat.ppid === parentPid || isChildFile(pid))) process.kill(pid, 'SIGKILL');
  }
  parent.kill();
  await parent.waitForExit(SLOW_MS);
  parent = undefined;
});

describe('05-process-per-connection: fork server', { timeout: 40_000 }, () => {
  it('prints where it listens and hands a client to a child process that greets with its own pid', async () => {
    const { parent, port } = await startParent(4);
    const { client, childPid } = await connectToChild(port);
    expect(childPid).not.toBe(parent.pid);
    expect(procStat(childPid)?.ppid, 'the greeting pid is a child of the parent').toBe(parent.pid);
    await parent.waitForLine(new RegExp(`^forked pid ${childPid} for 127\\.0\\.0\\.1:${client.socket.localPort}$`), SLOW_MS);
  });

  it('serves two concurrent clients from two different children, each echoing its own lines', async () => {
    const { parent, port } = await startParent(4);
    const [first, second] = await Promise.all([connectToChild(port), connectToChild(port)]);
    expect(first.childPid).not.toBe(second.childPid);
    expect([first.childPid, second.childPid]).not.toContain(parent.pid);
    first.client.send('one');
    second.client.send('two');
    expect(await first.client.nextLine()).toBe('one');
    expect(await second.client.nextLine()).toBe('two');
    first.client.socket.write('three\nfo');
    first.client.socket.write('ur\n');
    expect([await first.client.nextLine(), await first.client.nextLine()]).toEqual(['three', 'four']);
  });

  it('reaps a child once its client disconnects, leaving no zombie', async () => {
    const { parent, port } = await startParent(4);
    const { client, childPid } = await connectToChild(port);
    client.close();
    await parent.waitForLine(new RegExp(`^reaped pid ${childPid} code 0$`), SLOW_MS);
    // Reaped means waitpid() collected it: no /proc entry at all, not even a 'Z' one.
    expect(procStat(childPid)).toBeUndefined();
    expect(childPidsOf(parent.pid)).not.toContain(childPid);
  });

  it('refuses a client over --max-children with BUSY, and serves again once a child is reaped', async () => {
    const { parent, port } = await startParent(2);
    const [first] = await Promise.all([connectToChild(port), connectToChild(port)]);
    const refused = await connect(port);
    expect(await refused.nextLine(SLOW_MS)).toBe('BUSY 2 children');
    await refused.closedByServer(SLOW_MS);
    await parent.waitForLine(new RegExp(`^refused 127\\.0\\.0\\.1:${refused.socket.localPort}$`), SLOW_MS);
    expect(parent.stdout().match(/^forked pid/gm)).toHaveLength(2);

    first.client.close();
    await parent.waitForLine(new RegExp(`^reaped pid ${first.childPid} code 0$`), SLOW_MS);
    const next = await connectToChild(port);
    expect([first.childPid, parent.pid]).not.toContain(next.childPid);
  });

  it('keeps serving when a child crashes', async () => {
    const { parent, port } = await startParent(4);
    const [crashing, surviving] = await Promise.all([connectToChild(port), connectToChild(port)]);
    crashing.client.send('CRASH');
    await crashing.client.closedByServer(SLOW_MS);
    await parent.waitForLine(new RegExp(`^reaped pid ${crashing.childPid} signal SIGKILL$`), SLOW_MS);
    surviving.client.send('still here');
    expect(await surviving.client.nextLine()).toBe('still here');
    const next = await connectToChild(port);
    next.client.send('hello again');
    expect(await next.client.nextLine()).toBe('hello again');
  });

  it('on SIGTERM, stops its children, reaps them and exits with code 0', async () => {
    const { parent, port } = await startParent(4);
    const served = await Promise.all([connectToChild(port), connectToChild(port)]);
    process.kill(parent.pid, 'SIGTERM');
    expect(await parent.waitForExit(SLOW_MS)).toEqual({ code: 0, signal: null });
    for (const { client, childPid } of served) {
      expect(parent.stdout()).toMatch(new RegExp(`^reaped pid ${childPid} `, 'm'));
      expect(procStat(childPid), `child ${childPid} was reaped before the parent exited`).toBeUndefined();
      await client.closedByServer(SLOW_MS);
    }
  });

  it('leaves no child behind when the parent is killed outright', async () => {
    const { parent, port } = await startParent(4);
    const served = await Promise.all([connectToChild(port), connectToChild(port)]);
    parent.kill();
    await parent.waitForExit(SLOW_MS);
    for (const { client, childPid } of served) {
      // Orphans belong to init now, which reaps them in its own time: a zombie counts as exited.
      await eventually(() => (procStat(childPid)?.state ?? 'Z') === 'Z', `child ${childPid} has exited`);
      await client.closedByServer(SLOW_MS);
    }
  });
});
