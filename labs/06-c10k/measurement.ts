/**
 * What the demo measures inside the server process, and how.
 *
 * Event-loop delay: perf_hooks.monitorEventLoopDelay() arms a libuv timer every `resolution` ms and
 * records, in a histogram, how long it really took to fire. A loop that is never busy fires it on
 * time; a loop busy with 10,000 sockets' callbacks fires it late by however long those took. That
 * lateness is what every client of the process feels as added latency, which makes it the health
 * figure of an event-loop server. The histogram records the whole interval, so the resolution is
 * subtracted to get the delay.
 *
 * Memory: process.memoryUsage() after a full garbage collection (the server runs with
 * --expose-gc): rss is every page the process has resident, heapUsed the JavaScript objects alive.
 * The kernel's own memory for the sockets (struct sock, buffers) is in neither: see the README.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import v8 from 'node:v8';

/** Node's default; 10 ms of interval subtracted from every sample. */
export const LOOP_DELAY_RESOLUTION_MS = 10;

export interface LoopDelay {
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface MemoryFigures {
  /** NaN when it could not be read (out of file descriptors). */
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
}

export interface ServerMeasurement {
  readonly connections: number;
  /** Lines the server received per second during the window. */
  readonly messagesPerSecond: number;
  readonly memory: MemoryFigures;
  readonly loopDelay: LoopDelay;
}

export function startLoopDelayMonitor(): IntervalHistogram {
  const histogram = monitorEventLoopDelay({ resolution: LOOP_DELAY_RESOLUTION_MS });
  histogram.enable();
  return histogram;
}

const lateness = (nanoseconds: number): number => Math.max(0, nanoseconds / 1e6 - LOOP_DELAY_RESOLUTION_MS);

export function readLoopDelay(histogram: IntervalHistogram): LoopDelay {
  if (histogram.count === 0) return { samples: 0, p50Ms: 0, p99Ms: 0, maxMs: 0 };
  return {
    samples: histogram.count,
    p50Ms: lateness(histogram.percentile(50)),
    p99Ms: lateness(histogram.percentile(99)),
    maxMs: lateness(histogram.max),
  };
}

/** Memory after a full collection when gc() is exposed (otherwise as it is, garbage included). */
export async function readMemory(): Promise<MemoryFigures> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    // Twice: the first pass runs finalizers whose objects only the second frees.
    gc();
    gc();
    await sleep(50);
  }
  const { used_heap_size: heapUsedBytes } = v8.getHeapStatistics();
  try {
    return { rssBytes: process.memoryUsage.rss(), heapUsedBytes };
  } catch {
    // libuv reads /proc/self/stat for the RSS, and opening it takes a descriptor: out of them
    // (EMFILE), a process cannot even look at its own memory.
    return { rssBytes: Number.NaN, heapUsedBytes };
  }
}

/**
 * Memory first (the collection itself stalls the loop, so it must not fall inside the window),
 * then the loop delay over `windowMs` of whatever the clients are doing.
 */
export async function measureServer(
  histogram: IntervalHistogram,
  windowMs: number,
  stats: () => { readonly connections: number; readonly messages: number },
): Promise<ServerMeasurement> {
  const memory = await readMemory();
  const messagesBefore = stats().messages;
  histogram.reset();
  await sleep(windowMs);
  const loopDelay = readLoopDelay(histogram);
  const { connections, messages } = stats();
  return { connections, messagesPerSecond: ((messages - messagesBefore) * 1000) / windowMs, memory, loopDelay };
}
