/**
 * Test helpers for 06-cluster: start the student's server.ts (a primary and its workers) as real
 * processes, talk HTTP to it on loopback, look at who holds the listening socket, and kill every
 * process a test started (the primary and every worker pid it printed) afterwards.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { exerciseFile } from '#course/paths.ts';
import { runTypeScript, type RunningProcess } from '#course/testing.ts';

/** tsx compiles the primary, then every worker; a loaded 2-core machine can take seconds. */
export const STARTUP_TIMEOUT_MS = 20_000;

export interface WorkerInfo {
  readonly id: number;
  readonly pid: number;
}

export interface StartedCluster {
  readonly process: RunningProcess;
  readonly port: number;
  /** The workers listening when the cluster said ready. */
  readonly workers: readonly WorkerInfo[];
  signal(name: NodeJS.Signals): void;
}

const cleanups: Array<() => void> = [];

/** For afterEach: kills every primary and worker the test started, destroys every agent. */
export function cleanUp(): void {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
}

const killQuietly = (pid: number): void => {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
};

const listeningLine = /^worker (\d+) pid (\d+) listening on 127\.0\.0\.1:(\d+)$/;

export function workersIn(stdout: string): WorkerInfo[] {
  return stdout
    .split('\n')
    .map((line) => line.match(listeningLine))
    .filter((match): match is RegExpMatchArray => match !== null)
    .map(([, id, pid]) => ({ id: Number(id), pid: Number(pid) }));
}

/** Runs server.ts with `args`, without waiting for anything. */
export function runServer(args: readonly string[]): RunningProcess {
  const primary = runTypeScript(exerciseFile('06-cluster', 'server.ts'), args);
  cleanups.push(() => {
    for (const { pid } of workersIn(primary.stdout())) killQuietly(pid);
    primary.kill();
  });
  return primary;
}

/** Starts server.ts and waits for its ready line; --port defaults to 0 unless `args` name one. */
export async function startCluster(args: readonly string[]): Promise<StartedCluster> {
  const primary = runServer(args.includes('--port') ? args : ['--port', '0', ...args]);
  const [, count, port] = await primary.waitForLine(/^ready: (\d+) workers on 127\.0\.0\.1:(\d+)$/, STARTUP_TIMEOUT_MS);
  const workers = workersIn(primary.stdout());
  if (workers.length !== Number(count)) throw new Error(`ready with ${count} workers, but ${workers.length} listening lines:\n${primary.stdout()}`);
  return {
    process: primary,
    port: Number(port),
    workers,
    signal: (name) => process.kill(primary.pid, name),
  };
}

export interface Reply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** A keep-alive agent that is destroyed after the test. */
export function keepAliveAgent(): http.Agent {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  cleanups.push(() => agent.destroy());
  return agent;
}

export interface StreamingRequest {
  /** The first line of the body: the response has begun. */
  readonly started: Promise<string>;
  /** The whole response; rejects if the connection dies before the end. */
  readonly finished: Promise<Reply>;
}

/** GET on 127.0.0.1; without an agent, on a connection of its own that closes afterwards. */
export function request(port: number, path: string, agent: http.Agent | false = false): StreamingRequest {
  let onStarted!: (line: string) => void;
  let onFailed!: (error: Error) => void;
  const started = new Promise<string>((resolve, reject) => {
    onStarted = resolve;
    onFailed = reject;
  });
  const finished = new Promise<Reply>((resolve, reject) => {
    const fail = (error: Error): void => {
      onFailed(error);
      reject(error);
    };
    const req = http.get({ host: '127.0.0.1', port, path, agent, timeout: 30_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
        const newline = body.indexOf('\n');
        if (newline >= 0) onStarted(body.slice(0, newline));
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('close', () => {
        if (!res.complete) fail(new Error(`the response to GET ${path} was cut off after ${JSON.stringify(body)}`));
      });
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${path}: no answer within 30 s`)));
    req.on('error', fail);
  });
  // Either may be left unobserved by a test that only wants the other.
  started.catch(() => {});
  finished.catch(() => {});
  return { started, finished };
}

export const get = (port: number, path: string, agent: http.Agent | false = false): Promise<Reply> => request(port, path, agent).finished;

/** The worker a reply came from, from its body "worker <id> pid <pid>". */
export function servedBy(reply: Reply): WorkerInfo {
  const match = reply.body.match(/^worker (\d+) pid (\d+)\n$/);
  if (!match) throw new Error(`expected "worker <id> pid <pid>", got ${reply.status} ${JSON.stringify(reply.body)}`);
  return { id: Number(match[1]), pid: Number(match[2]) };
}

/** Resolves once connecting to the port is refused; rejects after `timeoutMs`. */
export async function untilRefused(port: number, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const outcome = await new Promise<string>((resolve) => {
      const socket = net.connect({ port, host: '127.0.0.1' });
      socket.once('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    if (outcome === 'ECONNREFUSED') return;
    if (Date.now() > deadline) throw new Error(`port ${port} still accepts connections ${timeoutMs} ms into the shutdown`);
    await sleep(50);
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // A zombie has exited but not been reaped: it no longer runs.
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false; // gone between the two looks
  }
}

/** The inode of the socket listening on 127.0.0.1:<port>, from /proc/net/tcp. */
function listeningInode(port: number): string {
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields[1] === local && fields[3] === '0A') return fields[9]!;
  }
  throw new Error(`no socket listening on 127.0.0.1:${port} in /proc/net/tcp`);
}

/** Which of `pids` hold a descriptor for the socket listening on the port. */
export function holdersOfListeningSocket(port: number, pids: readonly number[]): number[] {
  const target = `socket:[${listeningInode(port)}]`;
  return pids.filter((pid) =>
    readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === target;
      } catch {
        return false; // closed while we looked
      }
    }),
  );
}
