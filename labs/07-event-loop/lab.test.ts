/**
 * The lab as a student runs it: the ordering demo's guaranteed orders, and the timers demo's
 * table (no timing is judged: only that the reference queue never fires early).
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { labsDir } from '#course/paths.ts';
import { runTypeScript, type RunningProcess } from '#course/testing.ts';

const MAIN = path.join(labsDir, '07-event-loop', 'main.ts');
const processes: RunningProcess[] = [];

afterEach(() => processes.splice(0).forEach((child) => child.kill()));

async function runToEnd(args: string[], timeoutMs = 20_000): Promise<string> {
  const child = runTypeScript(MAIN, args);
  processes.push(child);
  expect(await child.waitForExit(timeoutMs)).toEqual({ code: 0, signal: null });
  return child.stdout();
}

/** The step lines of one numbered scenario of the ordering output, without their numbers. */
function scenario(output: string, number: number): string[] {
  const block = output.split(/\n(?=\d\. )/).find((part) => part.startsWith(`${number}. `)) ?? '';
  return [...block.matchAll(/^\s+\d+\. (.+?)\s{3}/gm)].map((match) => match[1]!.trim());
}

describe('07-event-loop: the lab', () => {
  it('prints usage without arguments', async () => {
    expect(await runToEnd([])).toMatch(/usage:[\s\S]*ordering[\s\S]*race[\s\S]*timers/);
  });

  it('ordering: nextTick before promises, and setImmediate before setTimeout 0 from an I/O callback', async () => {
    const output = await runToEnd(['ordering']);
    const io = scenario(output, 2);
    const at = (what: string): number => io.findIndex((step) => step.startsWith(what));
    expect(at("socket 'connect' callback")).toBe(0);
    expect(at('process.nextTick')).toBe(1);
    expect(at('promise.then')).toBe(2);
    expect(at('setImmediate')).toBeLessThan(at("socket 'close'"));
    expect(at("socket 'close'")).toBeLessThan(at('setTimeout 0'));
    expect(scenario(output, 3).slice(0, 4)).toEqual(['setImmediate callback', 'tick 1', 'tick queued by tick 1', 'promise 1']);
  });

  it('timers: prints a row per contender; the reference queue never fires early', async () => {
    const output = await runToEnd(['timers', '--seconds', '0.3', '--rate', '2000', '--max-delay', '20']);
    const row = (name: string): string[] => output.split('\n').find((line) => line.startsWith(name))?.split(/\s{2,}/) ?? [];
    const reference = row('reference TimerQueue');
    expect(row('setTimeout per timer')).toHaveLength(11);
    expect(reference).toHaveLength(11);
    expect(Number(reference[3])).toBeGreaterThan(0); // fired
    expect(reference[4]).toBe('0'); // early
  });
});
