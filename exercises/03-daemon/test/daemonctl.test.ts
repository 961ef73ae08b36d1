/**
 * Runs daemonctl.ts as a real process, the way an operator would, to manage
 * fixtures/managed-program.ts, and asks /proc whether the daemon is detached, alive or gone.
 */
import { existsSync, mkdtempSync, readFileSync, readlinkSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exerciseFile } from '#course/paths.ts';
import { runTypeScript, type RunningProcess } from '#course/testing.ts';
import { eventually, hasExited, procStat, reapedPid } from './proc.ts';

const MANAGED_PROGRAM = fileURLToPath(new URL('./fixtures/managed-program.ts', import.meta.url));
// The daemon runs in /, where a bare `--import tsx` would not resolve: name the loader by its path.
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const CLI_TIMEOUT_MS = 20_000;

let dir: string;
let pidFile: string;
let logFile: string;
const cliRuns: RunningProcess[] = [];
const daemonPids = new Set<number>();

interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The command line and everything it printed, for assertion messages. */
  readonly transcript: string;
  readonly elapsedMs: number;
}

/** Runs `daemonctl.ts <command> --pid-file <pidFile> --log-file <logFile> ...extra` to completion. */
async function daemonctl(command: string, ...extra: string[]): Promise<CliResult> {
  const args = [command, '--pid-file', pidFile, '--log-file', logFile, ...extra];
  const started = Date.now();
  const run = runTypeScript(exerciseFile('03-daemon', 'daemonctl.ts'), args);
  cliRuns.push(run);
  const { code } = await run.waitForExit(CLI_TIMEOUT_MS);
  for (const match of run.stdout().matchAll(/^started pid (\d+)$/gm)) daemonPids.add(Number(match[1]));
  return {
    code,
    stdout: run.stdout(),
    stderr: run.stderr(),
    transcript: `daemonctl ${args.join(' ')}\nexit code: ${code}\nstdout: ${run.stdout()}\nstderr: ${run.stderr()}`,
    elapsedMs: Date.now() - started,
  };
}

/** Checks the exit code, and that stdout has each line (a string) or a line matching each pattern. */
function expectResult(result: CliResult, code: number, ...lines: Array<string | RegExp>): void {
  const printed = result.stdout.split('\n');
  for (const line of lines) {
    if (typeof line === 'string') expect(printed, result.transcript).toContain(line);
    else expect(result.stdout, result.transcript).toMatch(line);
  }
  expect(result.code, result.transcript).toBe(code);
}

/** The arguments that make daemonctl run the managed program: `-- node --import tsx program.ts ...options`. */
function managedProgram(...options: string[]): string[] {
  return ['--', process.execPath, '--import', TSX_LOADER, MANAGED_PROGRAM, ...options];
}

function pidInFile(): number {
  return Number(readFileSync(pidFile, 'utf8').trim());
}

function log(): string {
  return existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
}

/** `daemonctl start` the managed program and wait until it has logged that it is ready; its pid. */
async function startDaemon(...options: string[]): Promise<number> {
  const result = await daemonctl('start', ...managedProgram(...options));
  expectResult(result, 0, /^started pid \d+$/m);
  const pid = pidInFile();
  expect(result.stdout, result.transcript).toContain(`started pid ${pid}`);
  await eventually(() => log().includes(`ready pid ${pid}`), () => `the daemon logs "ready pid ${pid}"\nlog: ${log()}`);
  return pid;
}

/** SIGKILL for a daemon a test started. Only a process running the managed program: a pid file may name a reused pid. */
function killDaemon(pid: number): void {
  let commandLine = '';
  try {
    commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return;
  }
  if (!commandLine.includes(MANAGED_PROGRAM)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone already
  }
}

beforeEach(() => {
  dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'course-03-daemon-')));
  pidFile = path.join(dir, 'daemon.pid');
  logFile = path.join(dir, 'daemon.log');
});

afterEach(() => {
  for (const run of cliRuns.splice(0)) run.kill();
  if (existsSync(pidFile)) daemonPids.add(pidInFile());
  for (const pid of daemonPids) killDaemon(pid);
  daemonPids.clear();
  rmSync(dir, { recursive: true, force: true });
});

describe('03-daemon: daemonctl', { timeout: 60_000 }, () => {
  it('start runs the program in the background, writes its pid file and exits 0', async () => {
    const pid = await startDaemon();
    expect(readFileSync(pidFile, 'utf8')).toBe(`${pid}\n`);
    expect(hasExited(pid), 'the daemon outlives daemonctl').toBe(false);
  });

  it('start detaches the daemon: a new session and process group, no controlling terminal', async () => {
    const pid = await startDaemon();
    const daemon = procStat(pid)!;
    expect(daemon.session, 'setsid(): the daemon leads a session of its own').toBe(pid);
    expect(daemon.processGroup, 'and a process group of its own').toBe(pid);
    expect(daemon.session, 'not the session of whoever ran daemonctl').not.toBe(procStat(process.pid)!.session);
    expect(daemon.ttyNr, 'no controlling terminal').toBe(0);
  });

  it('start points stdin at /dev/null, stdout and stderr at the log file, and the working directory at /', async () => {
    const pid = await startDaemon();
    expect(readlinkSync(`/proc/${pid}/fd/0`), 'stdin').toBe('/dev/null');
    expect(readlinkSync(`/proc/${pid}/fd/1`), 'stdout').toBe(logFile);
    expect(readlinkSync(`/proc/${pid}/fd/2`), 'stderr').toBe(logFile);
    expect(readlinkSync(`/proc/${pid}/cwd`), 'working directory').toBe('/');
  });

  it("appends the daemon's stdout and stderr to the log file, keeping what was there", async () => {
    writeFileSync(logFile, 'an earlier run\n');
    const pid = await startDaemon();
    await eventually(() => log().includes(`stderr works pid ${pid}`), () => `the daemon's stderr reaches the log\nlog: ${log()}`);
    expect(log()).toMatch(/^an earlier run\n/);
  });

  it('start refuses to start a second daemon: "already running pid <n>", exit 1', async () => {
    const pid = await startDaemon();
    const second = await daemonctl('start', ...managedProgram());
    expectResult(second, 1, `already running pid ${pid}`);
    expect(second.stdout).not.toMatch(/started/);
    expect(pidInFile()).toBe(pid);
  });

  it('status: "running pid <n>" and exit 0 while the daemon runs, "not running" and exit 3 without one', async () => {
    expectResult(await daemonctl('status'), 3, 'not running');
    const pid = await startDaemon();
    expectResult(await daemonctl('status'), 0, `running pid ${pid}`);
  });

  it('start replaces a stale pid file whose process is gone', async () => {
    const deadPid = reapedPid();
    writeFileSync(pidFile, `${deadPid}\n`);
    const result = await daemonctl('start', ...managedProgram());
    expectResult(result, 0, `removed stale pid file (pid ${deadPid} is not running)`, /^started pid \d+$/m);
    const pid = pidInFile();
    expect(pid).not.toBe(deadPid);
    expect(hasExited(pid), 'the new daemon runs').toBe(false);
  });

  it('status and stop report a stale pid file, remove it and say "not running"', async () => {
    const deadPid = reapedPid();
    writeFileSync(pidFile, `${deadPid}\n`);
    expectResult(await daemonctl('status'), 3, `removed stale pid file (pid ${deadPid} is not running)`, 'not running');
    expect(existsSync(pidFile), 'status removed the stale pid file').toBe(false);

    writeFileSync(pidFile, `${deadPid}\n`);
    expectResult(await daemonctl('stop'), 0, `removed stale pid file (pid ${deadPid} is not running)`, 'not running');
    expect(existsSync(pidFile), 'stop removed the stale pid file').toBe(false);
  });

  it('stop sends SIGTERM and waits until the daemon has exited before it says "stopped pid <n>"', async () => {
    const pid = await startDaemon('--linger-ms', '1500');
    const result = await daemonctl('stop');
    expectResult(result, 0, `stopped pid ${pid}`);
    expect(hasExited(pid), 'the daemon is gone when stop returns').toBe(true);
    expect(log(), 'the daemon got SIGTERM').toContain('SIGTERM: exiting in 1500 ms');
    expect(result.stdout, 'no need for SIGKILL').not.toMatch(/SIGKILL/);
    expect(existsSync(pidFile), 'stop removed the pid file').toBe(false);
  });

  it('stop escalates to SIGKILL when the daemon is still running --stop-timeout-ms after SIGTERM', async () => {
    const pid = await startDaemon('--ignore-sigterm');
    const result = await daemonctl('stop', '--stop-timeout-ms', '1500');
    expectResult(result, 0, `pid ${pid} still running 1500 ms after SIGTERM; sending SIGKILL`, `stopped pid ${pid}`);
    expect(hasExited(pid), 'the daemon is gone when stop returns').toBe(true);
    expect(log(), 'SIGTERM came first').toContain('SIGTERM: ignored');
    expect(result.elapsedMs, 'stop gave SIGTERM its time').toBeGreaterThanOrEqual(1500);
    expect(existsSync(pidFile), 'stop removed the pid file').toBe(false);
  });

  it('stop without a daemon says "not running" and exits 0', async () => {
    expectResult(await daemonctl('stop'), 0, 'not running');
  });

  it('restart stops the running daemon and starts a new one with a new pid', async () => {
    const oldPid = await startDaemon();
    const result = await daemonctl('restart', ...managedProgram());
    expectResult(result, 0, `stopped pid ${oldPid}`, /^started pid \d+$/m);
    const newPid = pidInFile();
    expect(newPid).not.toBe(oldPid);
    expect(hasExited(oldPid), 'the old daemon is gone').toBe(true);
    expect(hasExited(newPid), 'the new daemon runs').toBe(false);
  });

  it('start reports a program it cannot run ("failed to start: ...", exit 1) and leaves no pid file', async () => {
    const result = await daemonctl('start', '--', path.join(dir, 'no-such-program'));
    expectResult(result, 1, /^failed to start: .*ENOENT/m);
    expect(existsSync(pidFile)).toBe(false);
  });

  it('exits 2 with the usage on stderr for an unknown command or a start without a program', async () => {
    for (const command of ['explode', 'start']) {
      const result = await daemonctl(command);
      expect(result.code, result.transcript).toBe(2);
      expect(result.stderr, result.transcript).toMatch(/usage/);
    }
  });
});
