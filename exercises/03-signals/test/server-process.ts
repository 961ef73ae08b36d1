/**
 * Test helpers for 03-signals: start the student's server.ts as a real process with a
 * config file in a temp dir, talk to it over loopback, and clean everything up afterwards.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { exerciseFile } from '#course/paths.ts';
import { LineClient, runTypeScript, type RunningProcess } from '#course/testing.ts';

/** tsx compiles on first start; a loaded 2-core machine can take seconds. */
const STARTUP_TIMEOUT_MS = 10_000;

export interface StartedServer {
  readonly process: RunningProcess;
  readonly port: number;
  /** Overwrites the server's config file (objects are written as JSON, strings as they are). */
  writeConfig(config: Record<string, unknown> | string): void;
  /** Sends a real signal to the server process. */
  signal(name: NodeJS.Signals): void;
  /** Connects and checks with a PING that the server has accepted the connection. */
  connect(): Promise<LineClient>;
  /** Resolves when stdout holds at least `count` lines matching `pattern`; returns the last of them. */
  waitForLines(pattern: RegExp, count: number, timeoutMs?: number): Promise<string>;
}

const cleanups: Array<() => void> = [];

/** For afterEach: kills every server, closes every client and removes every temp dir a test made. */
export function cleanUp(): void {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
}

export async function startServer(config: Record<string, unknown> = {}): Promise<StartedServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'course-03-signals-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const configFile = path.join(dir, 'config.json');
  const writeConfig = (next: Record<string, unknown> | string): void =>
    writeFileSync(configFile, typeof next === 'string' ? next : JSON.stringify(next));
  writeConfig(config);

  const server = runTypeScript(exerciseFile('03-signals', 'server.ts'), ['--port', '0', '--config', configFile]);
  cleanups.push(() => server.kill());
  const [, port] = await server.waitForLine(/^listening on 127\.0\.0\.1:(\d+) pid \d+$/, STARTUP_TIMEOUT_MS);

  const matchingLines = (pattern: RegExp): string[] => server.stdout().split('\n').filter((line) => pattern.test(line));
  return {
    process: server,
    port: Number(port),
    writeConfig,
    signal: (name) => process.kill(server.pid, name),
    async connect() {
      const client = await LineClient.connect(Number(port));
      cleanups.push(() => client.close());
      client.send('PING');
      const reply = await client.nextLine();
      if (reply !== 'PONG') throw new Error(`expected PONG to a first PING, got ${JSON.stringify(reply)}`);
      return client;
    },
    async waitForLines(pattern, count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (matchingLines(pattern).length < count) {
        if (Date.now() > deadline || server.child.exitCode !== null) {
          throw new Error(`wanted ${count} lines matching ${pattern}\nstdout: ${server.stdout().trim()}\nstderr: ${server.stderr().trim()}`);
        }
        await sleep(20);
      }
      return matchingLines(pattern)[count - 1]!;
    },
  };
}

/**
 * Starts a request that stays in flight for `ms` on `client`. PING and SLOW travel in one write,
 * so once PONG is back the server has read the SLOW line too: a signal sent now finds it in flight.
 */
export async function startSlowRequest(client: LineClient, ms: number): Promise<void> {
  client.socket.write(`PING\nSLOW ${ms}\n`);
  const reply = await client.nextLine();
  if (reply !== 'PONG') throw new Error(`expected PONG before the slow request, got ${JSON.stringify(reply)}`);
}

/**
 * A client that never closes its side: when the server ends the connection (FIN), it stays
 * half-open, so only the shutdown deadline can get rid of it.
 */
export async function connectStubborn(port: number): Promise<net.Socket> {
  const socket = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true });
  cleanups.push(() => socket.destroy());
  socket.on('error', () => {});
  socket.setEncoding('utf8');
  socket.write('PING\n');
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no PONG for the stubborn client')), 3000);
    socket.on('data', (chunk: string) => {
      if (chunk.includes('PONG')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return socket;
}
