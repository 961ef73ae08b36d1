/**
 * How late do timers fire? Arms timers at a steady rate (10,000 a second by default) with random
 * delays, cancels a share of them shortly after (an ACK beating the retransmission), and measures
 * each firing against performance.now(): once with Node's setTimeout per timer, once with the
 * reference TimerQueue (one host timer), and once with yours from exercises/07-event-loop/ if it
 * is written. Each contender runs alone, one after the other, under the same load.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { exercisesDir } from '#course/paths.ts';
import { SeededRandom } from '#server/common/fuzz.ts';
import { systemClock, type TimerClock } from '#server/timers/clock.ts';
import { TimerQueue } from '#solutions/07-event-loop/timer-queue.ts';

export interface LatenessOptions {
  /** Timers armed per second. */
  readonly rate: number;
  readonly seconds: number;
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  /** Share of timers cancelled ~1 ms after being armed. */
  readonly cancelShare: number;
  /** Busy-wait this long every 10 ms: a loop that also has packets to process. */
  readonly blockMs: number;
}

/** A way to arm timers: arm() returns the timer's cancel function. */
interface Contender {
  readonly name: string;
  arm(delayMs: number, callback: () => void): () => boolean;
  /** How many host timers (setTimeout calls) it has used. */
  hostTimersSet(): number;
  close(): void;
}

/** The shape of a TimerQueue, the reference's or the student's. */
interface QueueLike {
  arm(delayMs: number, callback: (lateMs: number) => void): unknown;
  cancel(handle: never): boolean;
  close(): void;
}
type QueueConstructor = new (options: { clock: TimerClock }) => QueueLike;

function setTimeoutPerTimer(): Contender {
  let set = 0;
  return {
    name: 'setTimeout per timer',
    arm(delayMs, callback) {
      set += 1;
      let done = false;
      const timeout = setTimeout(() => {
        done = true;
        callback();
      }, delayMs);
      return () => {
        if (done) return false;
        done = true;
        clearTimeout(timeout);
        return true;
      };
    },
    hostTimersSet: () => set,
    close: () => {},
  };
}

function queueContender(name: string, Queue: QueueConstructor): Contender {
  let set = 0;
  // The system clock, counting setTimer calls: one host timer per wake-up, not per timer.
  const clock: TimerClock = {
    now: () => systemClock.now(),
    setTimer: (callback, delayMs) => {
      set += 1;
      return systemClock.setTimer(callback, delayMs);
    },
    clearTimer: (timer) => systemClock.clearTimer(timer),
  };
  const queue = new Queue({ clock });
  return {
    name,
    arm(delayMs, callback) {
      const handle = queue.arm(delayMs, callback);
      return () => queue.cancel(handle as never);
    },
    hostTimersSet: () => set,
    close: () => queue.close(),
  };
}

/** The student's TimerQueue, or why it cannot run yet. */
async function yourQueue(): Promise<Contender | string> {
  const file = path.join(exercisesDir, '07-event-loop', 'timer-queue.ts');
  try {
    const module = (await import(pathToFileURL(file).href)) as { TimerQueue: QueueConstructor };
    // A dry run first: construct, arm, cancel, close. run() gets a fresh queue.
    const probe = queueContender('your TimerQueue', module.TimerQueue);
    probe.arm(1000, () => {})();
    probe.close();
    return queueContender('your TimerQueue', module.TimerQueue);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function busyWait(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

interface RunResult {
  readonly name: string;
  readonly armed: number;
  readonly cancelled: number;
  /** ms after the deadline, negative when early; sorted. */
  readonly lateness: number[];
  readonly hostTimersSet: number;
  readonly cpuMs: number;
}

async function run(contender: Contender, options: LatenessOptions): Promise<RunResult> {
  const random = new SeededRandom(7);
  const lateness: number[] = [];
  let armed = 0;
  let cancelled = 0;
  let ticks = 0;
  const toCancel: Array<() => boolean> = [];
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  await new Promise<void>((resolve, reject) => {
    const driver = setInterval(() => {
      try {
        drive();
      } catch (error) {
        clearInterval(driver);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    }, 1);
    const drive = (): void => {
      ticks += 1;
      for (const cancel of toCancel.splice(0)) if (cancel()) cancelled += 1;
      const elapsed = performance.now() - start;
      if (elapsed >= options.seconds * 1000) {
        clearInterval(driver);
        resolve();
        return;
      }
      // Catch up to the rate: a tick may come late, a timer per tick would be too slow.
      for (const due = Math.floor((elapsed * options.rate) / 1000); armed < due; armed++) {
        const delayMs = options.minDelayMs + random.next() * (options.maxDelayMs - options.minDelayMs);
        const deadline = performance.now() + delayMs;
        const cancel = contender.arm(delayMs, () => void lateness.push(performance.now() - deadline));
        if (random.next() < options.cancelShare) toCancel.push(cancel);
      }
      if (options.blockMs > 0 && ticks % 10 === 0) busyWait(options.blockMs);
    };
  }).catch((error: Error) => {
    try {
      contender.close();
    } catch {
      // A queue that failed to arm may fail to close as well; the error that matters is the first.
    }
    throw error;
  });
  await sleep(options.maxDelayMs + 100);
  const cpu = process.cpuUsage(cpuBefore);
  contender.close();
  return {
    name: contender.name,
    armed,
    cancelled,
    lateness: lateness.sort((a, b) => a - b),
    hostTimersSet: contender.hostTimersSet(),
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function printResults(results: readonly RunResult[]): void {
  const header = ['', 'armed', 'cancelled', 'fired', 'early', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'host timers', 'CPU ms'];
  const rows = results.map((r) => [
    r.name,
    String(r.armed),
    String(r.cancelled),
    String(r.lateness.length),
    String(r.lateness.filter((late) => late < 0).length),
    ...[50, 90, 99, 100].map((p) => percentile(r.lateness, p).toFixed(2)),
    String(r.hostTimersSet),
    r.cpuMs.toFixed(0),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]): string => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  console.log(`\n${line(header)}`);
  for (const row of rows) console.log(line(row));
  const early = results.find((r) => r.name.startsWith('setTimeout'))?.lateness.filter((late) => late < 0).length ?? 0;
  console.log('\nlateness = performance.now() when the callback started minus the deadline; "early" = fired before it.');
  if (early > 0) console.log(`setTimeout fired ${early} timers early: Node counts timer time in whole ms.`);
}

export async function runLateness(options: LatenessOptions): Promise<void> {
  console.log(
    `Arming ${options.rate} timers/s for ${options.seconds} s, delays ${options.minDelayMs}-${options.maxDelayMs} ms, ` +
      `${Math.round(options.cancelShare * 100)} % cancelled 1 ms later${options.blockMs > 0 ? `, the loop blocked ${options.blockMs} ms every 10 ms` : ''}.`,
  );
  const contenders: Contender[] = [setTimeoutPerTimer(), queueContender('reference TimerQueue', TimerQueue)];
  const yours = await yourQueue();
  if (typeof yours === 'string') console.log(`(your TimerQueue is left out: ${yours})`);
  else contenders.push(yours);
  const results: RunResult[] = [];
  for (const contender of contenders) {
    process.stdout.write(`  running ${contender.name} ...\n`);
    try {
      results.push(await run(contender, options));
    } catch (error) {
      console.log(`  ${contender.name} failed: ${(error as Error).message}`);
    }
  }
  printResults(results);
}
