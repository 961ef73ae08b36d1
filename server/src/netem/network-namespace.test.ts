/**
 * The namespace plumbing, for real: needs root and iproute2, skipped otherwise.
 * netem itself is checked only where the kernel has it (checkNetem()).
 */
import { execFileSync, spawn } from 'node:child_process';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type ImpairedNamespace, checkNetem, createImpairedNamespace, liveNamespaces, netemArguments } from './network-namespace.ts';
import { resolveImpairment } from './impairment.ts';

function hasIp(): boolean {
  try {
    execFileSync('ip', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const canCreate = process.getuid?.() === 0 && hasIp();
const namespaces: ImpairedNamespace[] = [];

afterEach(async () => {
  await Promise.all(namespaces.splice(0).map((ns) => ns.close()));
});

function namespaceNames(): string[] {
  return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter(Boolean);
}

/** Runs a Node one-liner inside the namespace; resolves with its stdout. */
function runInside(ns: ImpairedNamespace, script: string): Promise<string> {
  const [file, args] = ns.command([process.execPath, '-e', script]);
  const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('inside: timed out'));
    }, 10_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`inside: exit ${code}`));
    });
  });
}

describe('netemArguments', () => {
  it('turns an impairment into tc netem arguments', () => {
    expect(netemArguments(resolveImpairment({}))).toEqual([]);
    expect(netemArguments(resolveImpairment({ loss: 0.02, delayMs: 20 }))).toEqual(['netem', 'delay', '20ms', 'loss', '2%']);
    expect(netemArguments(resolveImpairment({ delayMs: 20, jitterMs: 5, duplicate: 0.01 }))).toEqual(['netem', 'delay', '20ms', '5ms', 'duplicate', '1%']);
    // netem reorders only packets it would otherwise delay.
    expect(netemArguments(resolveImpairment({ reorder: 0.25 }))).toEqual(['netem', 'delay', '1ms', 'reorder', '25%']);
  });
});

describe.skipIf(!canCreate)('createImpairedNamespace (root)', () => {
  it('joins a new namespace to this one: TCP from inside reaches a server here, and close() removes it all', async () => {
    const ns = await createImpairedNamespace();
    namespaces.push(ns);
    expect(namespaceNames()).toContain(ns.name);
    expect(liveNamespaces()).toContain(ns.name);
    const server = net.createServer((socket) => socket.end(`hello ${socket.remoteAddress}`));
    await new Promise<void>((resolve) => server.listen(0, ns.hostAddress, resolve));
    try {
      const { port } = server.address() as net.AddressInfo;
      const script = `require('net').connect(${port}, '${ns.hostAddress}').on('data', (d) => process.stdout.write(d))`;
      expect(await runInside(ns, script)).toBe(`hello ${ns.namespaceAddress}`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    await ns.close();
    expect(namespaceNames()).not.toContain(ns.name);
    expect(liveNamespaces()).not.toContain(ns.name);
    expect(execFileSync('ip', ['-o', 'link'], { encoding: 'utf8' })).not.toContain(ns.hostInterface);
  });

  it('reports whether this kernel has netem, and applies it where it does', async () => {
    const check = await checkNetem();
    expect(namespaceNames().some((name) => name.startsWith(`netem-probe-${process.pid}-`))).toBe(false);
    if (!check.available) {
      expect(check.code).toBe('NETEM_UNAVAILABLE');
      await expect(createImpairedNamespace({ toHost: { delayMs: 10 } })).rejects.toMatchObject({ code: 'COMMAND_FAILED' });
      expect(liveNamespaces()).toEqual([]);
      return;
    }
    const ns = await createImpairedNamespace({ toHost: { delayMs: 10 }, toNamespace: { delayMs: 10 } });
    namespaces.push(ns);
    const qdisc = execFileSync('tc', ['qdisc', 'show', 'dev', ns.hostInterface], { encoding: 'utf8' });
    expect(qdisc).toMatch(/netem .*delay 10/);
  });
});
