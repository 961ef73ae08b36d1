/**
 * A real browser as the client: Chromium, given the lab server as its only iceServers entry,
 * gathers a server-reflexive (srflx) candidate from the answer. Chromium and the server run in
 * a network namespace this test creates, with nothing but `lo`, so that Chromium's mDNS
 * announcements of its host candidates stay inside it (the fixtures were captured the same way).
 *
 * Needs root (for the namespace: unshare, nsenter, ip) and Chromium (/usr/bin/chromium, or
 * CHROMIUM_PATH). Without Chromium it is skipped loudly, or fails under REQUIRE_BROWSER=1 (CI),
 * like every browser test (server/test/browser/require-browser.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '#browser-test/chromium.ts';
import { chromiumForTests } from '#browser-test/require-browser.ts';
import { labsDir } from '#course/paths.ts';

const MAIN = path.join(labsDir, '10-stun', 'main.ts');
const onPath = (name: string): boolean => (process.env['PATH'] ?? '').split(path.delimiter).some((dir) => existsSync(path.join(dir, name)));
const canRun = chromiumForTests('the 10-stun Chromium test') && process.getuid?.() === 0 && ['unshare', 'nsenter', 'ip'].every(onPath);

const children: ChildProcess[] = [];
let browser: Browser | undefined;
let scratch: string | undefined;

afterAll(async () => {
  await browser?.close();
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** A process that only holds a fresh network namespace open (lo up); its pid names the namespace. */
function createNamespace(): Promise<number> {
  const holder = spawn('unshare', ['--net', 'sh', '-c', 'ip link set lo up && echo ready && exec sleep 120'], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(holder);
  return new Promise((resolve, reject) => {
    holder.stdout!.once('data', () => resolve(holder.pid!));
    holder.once('exit', (code) => reject(new Error(`unshare exited with code ${code}`)));
  });
}

/** Starts the lab server inside the namespace; resolves with its port and a view of its output. */
function startServer(namespacePid: number): Promise<{ port: number; output: () => string }> {
  const server = spawn('nsenter', ['-t', String(namespacePid), '-n', process.execPath, '--import', 'tsx', MAIN, 'server', '--port', '0', '--stats', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  children.push(server);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${output}`)), 20_000);
    server.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const port = /STUN server on 127\.0\.0\.1:(\d+)/.exec(output)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve({ port: Number(port), output: () => output });
      }
    });
  });
}

/**
 * Page script (a string: this project compiles without the DOM types): an RTCPeerConnection with
 * one data channel, so that it gathers, and the candidates it found by the first srflx one.
 */
function gatherSrflx(url: string): string {
  return `(async () => {
    const pc = new RTCPeerConnection({ iceServers: [{ urls: ${JSON.stringify(url)} }] });
    pc.createDataChannel('probe');
    const found = [];
    await new Promise(async (resolve) => {
      const timer = setTimeout(resolve, 10000);
      pc.onicecandidate = (event) => {
        if (!event.candidate) return;
        found.push(event.candidate.candidate);
        if (event.candidate.type === 'srflx') { clearTimeout(timer); resolve(); }
      };
      await pc.setLocalDescription(await pc.createOffer());
    });
    pc.close();
    return found;
  })()`;
}

describe.skipIf(!canRun)('10-stun lab: Chromium uses the server as its iceServers entry', () => {
  it('gathers a srflx candidate whose address is the one the server answered with', async () => {
    const namespacePid = await createNamespace();
    const { port, output } = await startServer(namespacePid);
    scratch = mkdtempSync(path.join(tmpdir(), '10-stun-'));
    const wrapper = path.join(scratch, 'chromium-in-namespace');
    writeFileSync(wrapper, `#!/bin/sh\nexec nsenter -t ${namespacePid} -n ${CHROMIUM_PATH} "$@"\n`);
    chmodSync(wrapper, 0o755);
    browser = await chromium.launch({
      executablePath: wrapper,
      args: [...CHROMIUM_ARGS],
    });
    const page = await browser.newPage();
    const candidates = (await page.evaluate(gatherSrflx(`stun:127.0.0.1:${port}`))) as string[];

    const srflx = candidates.map((line) => / udp \d+ (\S+) (\d+) typ srflx /.exec(line)).find((match) => match !== null);
    expect(srflx, candidates.join('\n')).toBeDefined();
    const [, address, mappedPort] = srflx!;
    expect(address).toBe('127.0.0.1');
    // Chromium's request is a bare 20-byte header: no SOFTWARE, no FINGERPRINT.
    const answered = new RegExp(`^127\\.0\\.0\\.1:${mappedPort} +Binding request, 20 bytes -> success response, XOR-MAPPED-ADDRESS 127\\.0\\.0\\.1:${mappedPort}$`, 'm');
    await expect.poll(output, { timeout: 5000 }).toMatch(answered);
  }, 60_000);
});
