/**
 * The lab as a student runs it, and its report arithmetic. No timing of the
 * real network is judged: only counts that hold however the run goes (every
 * frame sent is arrived or lost; TCP loses nothing), and the table's shape.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { labsDir } from '#course/paths.ts';
import { runTypeScript, type RunningProcess } from '#course/testing.ts';
import { SeededRandom } from '#server/common/fuzz.ts';
import { checkNetem } from '#server/netem/index.ts';
import { MediaFrameError, decodeMediaFrame, encodeMediaFrame } from './media-frame.ts';
import { summarize } from './report.ts';
import { newStreamLog } from './stream-log.ts';

const MAIN = path.join(labsDir, '08-realtime-tcp-vs-udp', 'main.ts');
const processes: RunningProcess[] = [];

afterEach(() => processes.splice(0).forEach((child) => child.kill()));

async function runToEnd(args: string[], timeoutMs = 40_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = runTypeScript(MAIN, args);
  processes.push(child);
  const { code } = await child.waitForExit(timeoutMs);
  return { code, stdout: child.stdout(), stderr: child.stderr() };
}

/** The numbers of one row of the report table. */
function row(stdout: string, label: string): { sent: number; arrived: number; lost: number; late: number; played: number; concealed: number } {
  const line = stdout.split('\n').find((text) => text.startsWith(label));
  if (line === undefined) throw new Error(`no row "${label}" in:\n${stdout}`);
  const cells = line.slice(label.length).trim().split(/\s+/);
  const [sent, arrived, lost, late] = cells.slice(0, 4).map(Number) as [number, number, number, number];
  return { sent, arrived, lost, late, played: Number(cells[8]), concealed: Number(cells[9]) };
}

function namespaces(): string[] {
  try {
    return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

const isRoot = process.getuid?.() === 0;

describe('08-realtime-tcp-vs-udp: media frames', () => {
  it('carry their number and send time, padded to the frame size', () => {
    const bytes = encodeMediaFrame({ sequence: 77, sentAtMs: 1_700_000_000_123.25 }, 1000);
    expect(bytes.length).toBe(1000);
    expect(decodeMediaFrame(bytes)).toEqual({ sequence: 77, sentAtMs: 1_700_000_000_123.25 });
    expect(() => decodeMediaFrame(Buffer.alloc(11))).toThrow(MediaFrameError);
  });

  it('fuzz: random bytes only ever raise MediaFrameError', () => {
    const random = new SeededRandom(0x50);
    for (let i = 0; i < 5000; i++) {
      try {
        decodeMediaFrame(Buffer.from(random.bytes(random.below(40))));
      } catch (error) {
        if (!(error instanceof MediaFrameError)) throw error;
      }
    }
  });
});

describe('08-realtime-tcp-vs-udp: the report', () => {
  it('replays the arrivals through the jitter buffer: played + concealed = sent, concealed = lost + late', () => {
    const log = newStreamLog('TCP');
    log.sent = 10;
    // Frames every 20 ms, 20 ms latency, except 3 and 4, held 300 ms behind a retransmission; 9 never comes.
    for (let sequence = 0; sequence < 9; sequence++) {
      const sentAtMs = sequence * 20;
      log.arrivals.push({ sequence, sentAtMs, arrivedAtMs: sequence === 3 || sequence === 4 ? 380 : sentAtMs + 20 });
    }
    const { delivery, playout } = summarize(log, 150);
    expect(delivery).toMatchObject({ sent: 10, received: 9, lost: 1, late: 2 });
    expect(playout).toMatchObject({ played: 7, concealed: 3, tooLate: 2 });
  });
});

describe('08-realtime-tcp-vs-udp: the lab as a student runs it', () => {
  it('prints usage without arguments', async () => {
    const { code, stdout } = await runToEnd([]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/usage:[\s\S]*run[\s\S]*--path auto\|netns\|model[\s\S]*--deadline/);
  });

  it('model: the same stream over UDP and TCP through the lossy proxy, side by side', async () => {
    const { code, stdout } = await runToEnd(['run', '--path', 'model', '--seconds', '1', '--loss', '10', '--delay', '5', '--quiet']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/p50 ms\s+p95 ms\s+p99 ms/);
    const udp = row(stdout, 'UDP ');
    const tcp = row(stdout, 'TCP (model)');
    expect(udp.sent).toBe(50);
    expect(udp.arrived + udp.lost).toBe(50);
    expect(tcp).toMatchObject({ sent: 50, arrived: 50, lost: 0 });
    for (const stream of [udp, tcp]) expect(stream.played + stream.concealed).toBe(50);
    expect(stdout).toMatch(/TCP \(model\): retransmitted \d+ frames/);
  });

  it('refuses a bad option with the usage and exit status 2', async () => {
    const { code, stderr } = await runToEnd(['run', '--path', 'carrier-pigeon']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--path must be auto, netns or model/);
  });

  it.skipIf(!isRoot)('netns: kernel TCP and UDP from a namespace it creates and always deletes (root)', async () => {
    const check = await checkNetem();
    // Where the kernel has no netem, the plumbing still runs without impairment.
    const impairment = check.available ? ['--loss', '2', '--delay', '5'] : ['--loss', '0', '--delay', '0'];
    const { code, stdout } = await runToEnd(['run', '--path', 'netns', '--seconds', '1', ...impairment, '--quiet']);
    expect(code, stdout).toBe(0);
    const name = /sender in network namespace (netem-\d+-\d+)/.exec(stdout)?.[1];
    expect(name).toBeDefined();
    expect(row(stdout, 'TCP (kernel)')).toMatchObject({ sent: 50, arrived: 50, lost: 0 });
    expect(row(stdout, 'UDP ').sent).toBe(50);
    expect(namespaces().map((line) => line.split(' ')[0])).not.toContain(name);
  });

  it.skipIf(!isRoot)('netns with an impairment says plainly when this kernel has no netem (root)', async () => {
    const check = await checkNetem();
    if (check.available) return;
    const { code, stderr } = await runToEnd(['run', '--path', 'netns', '--seconds', '1']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/kernel TCP through netem is not possible here: this kernel has no netem qdisc/);
  });
});
