/**
 * Runs a browser scenario script (a .ts file that starts the app and
 * Chromium, drives pages, and prints `RESULT <json>` on stdout) in a private
 * network namespace that has only loopback, when this process may create one:
 *
 *   unshare --net --pid --fork --kill-child sh -c 'ip link set lo up && exec node --import tsx <scenario>'
 *
 * Why: Chromium gathers ICE candidates on every interface it sees; in the
 * namespace there is only lo, so all media stays on 127.0.0.1 and no packet
 * leaves the machine. --pid makes the scenario PID 1 of its own PID namespace:
 * when it dies, however it dies, the kernel kills everything it started
 * (Chromium included), and --kill-child makes it die with unshare.
 * Where unshare is not allowed (no root, no user namespaces) it runs directly.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface ScenarioRun<Result> {
  readonly result: Result;
  readonly isolated: boolean;
  readonly elapsedMs: number;
  readonly log: string;
}

let namespaceUsable: boolean | undefined;

/** Whether `unshare --net --pid` works here (it needs root or unprivileged user namespaces). */
export function privateNetworkAvailable(): boolean {
  namespaceUsable ??=
    spawnSync('unshare', ['--net', '--pid', '--fork', '--kill-child', 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore', timeout: 10_000 }).status === 0;
  return namespaceUsable;
}

export async function runScenario<Result>(scenario: string, options: { timeoutMs: number; env?: Record<string, string> }): Promise<ScenarioRun<Result>> {
  const script = fileURLToPath(new URL(scenario, import.meta.url));
  const node = `exec '${process.execPath}' --import tsx '${script}'`;
  const isolated = privateNetworkAvailable();
  if (!isolated) console.warn(`\n*** browser tests: cannot create a network namespace (unshare): running ${scenario} on this host's interfaces ***\n`);
  const [command, args] = isolated
    ? ['unshare', ['--net', '--pid', '--fork', '--kill-child', 'sh', '-c', `ip link set lo up && ${node}`]]
    : ['sh', ['-c', node]];
  const started = Date.now();
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const timer = setTimeout(() => killGroup(child.pid), options.timeoutMs);
  try {
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
    });
    const line = stdout.split('\n').find((candidate) => candidate.startsWith('RESULT '));
    if (code !== 0 || line === undefined) {
      const why = signal !== null ? `was killed (${signal}; timeout ${options.timeoutMs} ms?)` : `exited ${code}`;
      throw new Error(`browser scenario ${scenario} ${why}\n--- its log ---\n${log}\n--- stdout ---\n${stdout}`);
    }
    return { result: JSON.parse(line.slice('RESULT '.length)) as Result, isolated, elapsedMs: Date.now() - started, log };
  } finally {
    clearTimeout(timer);
    killGroup(child.pid);
  }
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * The scenario run once for a describe block: the first test to ask starts
 * it, and every test gets that run (or its failure) without running it again.
 */
export function sharedScenario<Result>(scenario: string, options: { timeoutMs: number; env?: Record<string, string> }): () => Promise<ScenarioRun<Result>> {
  let run: Promise<ScenarioRun<Result>> | undefined;
  return () => (run ??= runScenario<Result>(scenario, options));
}
