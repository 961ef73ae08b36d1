/**
 * Helpers for exercise tests that run the student's program as a real process
 * (signals, daemons, fork) or talk to it over real sockets on loopback.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export interface RunningProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything written to stdout so far. */
  stdout(): string;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Resolves with the first stdout line matching `pattern` (lines already printed count). */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves when the process exits; rejects after `timeoutMs`. */
  waitForExit(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL if still running; safe to call twice. For afterEach. */
  kill(): void;
}

/** Starts `node --import tsx <file> ...args` and collects its output. */
export function runTypeScript(file: string, args: readonly string[] = [], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): RunningProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  const notify = (): void => waiters.forEach((check) => check());
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    notify();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  let exitStatus: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => {
      exitStatus = { code, signal };
      resolve(exitStatus);
      notify();
    });
  });
  const describeExit = (): string =>
    `process exited (code ${exitStatus?.code}, signal ${exitStatus?.signal})\nstdout: ${out.trim()}\nstderr: ${err.trim()}`;

  return {
    child,
    pid: child.pid ?? -1,
    stdout: () => out,
    stderr: () => err,
    waitForLine(pattern, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          for (const line of out.split('\n')) {
            const match = line.match(pattern);
            if (match) {
              done();
              resolve(match);
              return;
            }
          }
          if (exitStatus) {
            done();
            reject(new Error(`waiting for ${pattern}: ${describeExit()}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${pattern}\nstdout: ${out.trim()}\nstderr: ${err.trim()}`));
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    waitForExit(timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`process ${child.pid} still running after ${timeoutMs} ms\nstdout: ${out.trim()}\nstderr: ${err.trim()}`)), timeoutMs);
        void exited.then((status) => {
          clearTimeout(timer);
          resolve(status);
        });
      });
    },
    kill() {
      if (!exitStatus && child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** A TCP client on loopback that reads whole lines. */
export class LineClient {
  readonly socket: net.Socket;
  #buffer = '';
  #lines: string[] = [];
  #waiting: Array<() => void> = [];
  #ended = false;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.#buffer += chunk;
      let newline: number;
      while ((newline = this.#buffer.indexOf('\n')) >= 0) {
        this.#lines.push(this.#buffer.slice(0, newline).replace(/\r$/, ''));
        this.#buffer = this.#buffer.slice(newline + 1);
      }
      this.#wake();
    });
    socket.on('end', () => {
      this.#ended = true;
      this.#wake();
    });
    socket.on('close', () => {
      this.#ended = true;
      this.#wake();
    });
    socket.on('error', () => {});
  }

  static connect(port: number, host = '127.0.0.1', timeoutMs = 3000): Promise<LineClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`connect to ${host}:${port} timed out`));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve(new LineClient(socket));
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  #wake(): void {
    const waiting = this.#waiting;
    this.#waiting = [];
    waiting.forEach((wake) => wake());
  }

  send(line: string): void {
    this.socket.write(line + '\n');
  }

  /** The next line from the server; rejects on timeout or if the server closes first. */
  nextLine(timeoutMs = 3000): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no line from the server within ${timeoutMs} ms`)), timeoutMs);
      const attempt = (): void => {
        const line = this.#lines.shift();
        if (line !== undefined) {
          clearTimeout(timer);
          resolve(line);
        } else if (this.#ended) {
          clearTimeout(timer);
          reject(new Error('the server closed the connection'));
        } else this.#waiting.push(attempt);
      };
      attempt();
    });
  }

  /** Resolves when the server ends the connection; rejects on timeout. */
  closedByServer(timeoutMs = 3000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server kept the connection open for ${timeoutMs} ms`)), timeoutMs);
      const attempt = (): void => {
        if (this.#ended) {
          clearTimeout(timer);
          resolve();
        } else this.#waiting.push(attempt);
      };
      attempt();
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Asks the kernel for a free TCP port on loopback (bind to 0, read it back, close). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
