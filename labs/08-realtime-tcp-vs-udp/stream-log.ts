/**
 * What each side of the comparison records: how many frames were sent, and
 * every arrival with its time. The report (report.ts) turns the two logs into
 * percentiles and late counts with the graded statistics.
 */
import type { Arrival } from '#solutions/08-realtime-tcp-vs-udp/latency-stats.ts';
import type { Impairment } from '#server/netem/index.ts';
import { MediaFrameError, decodeMediaFrame, wallClockMs } from './media-frame.ts';

export interface StreamLog {
  readonly label: string;
  sent: number;
  readonly arrivals: Arrival[];
  /** Datagrams or messages that were not a media frame. */
  malformed: number;
  /** Lines for the report: what the transport did (retransmissions, ...). */
  readonly notes: string[];
}

export interface RunOptions {
  /** Frames per second. */
  readonly rate: number;
  readonly count: number;
  /** Bytes per frame. */
  readonly size: number;
  /** Applied to the media on its way to the receiver. */
  readonly forward: Impairment;
  /** Applied to what comes back (TCP's ACKs). */
  readonly backward: Impairment;
  readonly seed: number;
}

/** The two logs of one run; the caller makes them, so it can watch them fill. */
export interface StreamLogs {
  readonly udp: StreamLog;
  readonly tcp: StreamLog;
}

export function newStreamLog(label: string): StreamLog {
  return { label, sent: 0, arrivals: [], malformed: 0, notes: [] };
}

/** Logs one received frame, stamped now; anything that is not a frame is counted and dropped. */
export function recordArrival(log: StreamLog, bytes: Buffer): void {
  try {
    const { sequence, sentAtMs } = decodeMediaFrame(bytes);
    log.arrivals.push({ sequence, sentAtMs, arrivedAtMs: wallClockMs() });
  } catch (error) {
    if (!(error instanceof MediaFrameError)) throw error;
    log.malformed += 1;
  }
}

/** Resolves when `done()` is true, checking every 20 ms, or after `timeoutMs`. */
export async function waitUntil(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}
