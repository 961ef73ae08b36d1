/**
 * The whole transfer over real UDP sockets on loopback, through the lossy
 * proxy: 1 MiB must arrive intact (SHA-256) at 10 % loss each way and through
 * reordering and duplication. RTO floors are low so that each run takes about
 * a second; nothing here judges speed (the bench does, as ratios).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { labsDir } from '#course/paths.ts';
import { runTypeScript, type RunningProcess } from '#course/testing.ts';
import { runTransfer } from './transfer.ts';

const MIB = randomBytes(1 << 20);
const FAST_RTO = { initialRtoMs: 200, minRtoMs: 30 };
const MAIN = path.join(labsDir, '08-reliable-udp', 'main.ts');
const processes: RunningProcess[] = [];

afterEach(() => processes.splice(0).forEach((child) => child.kill()));

async function runToEnd(args: string[], timeoutMs = 30_000): Promise<{ code: number | null; stdout: string }> {
  const child = runTypeScript(MAIN, args);
  processes.push(child);
  const { code } = await child.waitForExit(timeoutMs);
  return { code, stdout: child.stdout() };
}

describe('08-reliable-udp: 1 MiB through the lossy proxy', () => {
  it('arrives intact at 10 % loss each way', { timeout: 40_000 }, async () => {
    const result = await runTransfer({
      data: MIB,
      forward: { loss: 0.1, delayMs: 1 },
      backward: { loss: 0.1, delayMs: 1 },
      seed: 10,
      windowSegments: 64,
      rto: FAST_RTO,
      deadlineMs: 30_000,
    });
    expect(result.completed, result.error?.message).toBe(true);
    expect(result.sha256Received).toBe(result.sha256Sent);
    expect(result.bytesDelivered).toBe(MIB.length);
    // The proxy really dropped about a tenth both ways, and the sender repaired it.
    expect(result.proxy.toTarget.dropped / result.proxy.toTarget.received).toBeGreaterThan(0.05);
    expect(result.proxy.toClient.dropped).toBeGreaterThan(0);
    const { timeout, fast, partialAck } = result.sender.retransmissions;
    expect(timeout + fast + partialAck).toBeGreaterThanOrEqual(result.proxy.toTarget.dropped);
  });

  it('arrives intact and in order through reordering and duplication', { timeout: 40_000 }, async () => {
    const result = await runTransfer({
      data: MIB,
      forward: { reorder: 0.2, duplicate: 0.05, delayMs: 1, jitterMs: 1 },
      backward: { reorder: 0.1, duplicate: 0.05, delayMs: 1 },
      seed: 11,
      windowSegments: 32,
      rto: FAST_RTO,
      deadlineMs: 30_000,
    });
    expect(result.completed, result.error?.message).toBe(true);
    expect(result.sha256Received).toBe(result.sha256Sent);
    expect(result.proxy.toTarget.reordered).toBeGreaterThan(50);
    expect(result.proxy.toTarget.duplicated).toBeGreaterThan(10);
    expect(result.receiver.duplicates).toBeGreaterThan(0);
    expect(result.sender.retransmissions.fast).toBeGreaterThan(0);
  });

  it('stops at the deadline and says it did not finish', async () => {
    const result = await runTransfer({ data: MIB, forward: { loss: 1 }, rto: FAST_RTO, deadlineMs: 300 });
    expect(result.completed).toBe(false);
    expect(result.bytesDelivered).toBe(0);
    expect(result.intact).toBe(false);
  });
});

describe('08-reliable-udp: the lab as a student runs it', () => {
  it('prints usage without arguments', async () => {
    const { code, stdout } = await runToEnd([]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/usage:[\s\S]*demo[\s\S]*bench[\s\S]*receive[\s\S]*send[\s\S]*proxy/);
  });

  it('demo: a lossy transfer ends intact and prints what each part counted', async () => {
    const { code, stdout } = await runToEnd(['demo', '--bytes', '200KiB', '--loss', '5', '--delay', '1', '--min-rto', '30', '--initial-rto', '100']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/done in [\d.]+ s: 204,800 bytes intact/);
    expect(stdout).toMatch(/sender: +\d+ segments sent/);
    expect(stdout).toMatch(/proxy: +data \d+ in, \d+ dropped/);
  });

  it('bench: prints goodput, ratios to the baseline cell, and retransmissions', async () => {
    const { code, stdout } = await runToEnd(['bench', '--bytes', '64KiB', '--windows', '2,8', '--losses', '0,5', '--delay', '1', '--max-seconds', '1']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Goodput, MB\/s/);
    expect(stdout).toMatch(/Relative to window 8 at 0% loss \(= 1\.00/);
    const relative = stdout.split('Relative to')[1]!.split('Segments retransmitted')[0]!;
    expect(relative).toMatch(/^\s+8\s+1\.00\s/m);
  });

  it('refuses a bad option with the usage and exit status 2', async () => {
    const { code } = await runToEnd(['demo', '--loss', '150']);
    expect(code).toBe(2);
  });
});
