/**
 * What `GET /api/stats` answers in SFU mode: every room with its counts,
 * and every media worker with its routers, CPU and memory. Counts come from
 * the control plane's objects, so the answer is immediate (no media-plane
 * round trip) and cheap enough to poll.
 */

export interface SfuRoomStats {
  id: string;
  peers: number;
  /** Tracks the SFU receives in this room. */
  producers: number;
  /** Tracks the SFU sends in this room (one per subscriber per producer). */
  consumers: number;
}

export interface SfuWorkerStats {
  pid: number;
  /** Open routers: one per room. */
  routers: number;
  cpu: {
    /** CPU time since the process started, in seconds (process.cpuUsage). */
    userSeconds: number;
    systemSeconds: number;
    /** User + system CPU over the wall time since the previous stats (or since the service started), in % of one core. */
    percent: number;
  };
  memory: {
    rssBytes: number;
    heapUsedBytes: number;
  };
}

export interface SfuStats {
  mode: 'sfu';
  rooms: SfuRoomStats[];
  workers: SfuWorkerStats[];
}

interface CpuSample {
  wallMicros: number;
  cpuMicros: number;
}

/**
 * The CPU and memory of the process the media worker runs in (this one:
 * the worker is in-process until it moves behind IPC). Remembers the last
 * sample, so each call reports the load since the one before.
 */
export class ProcessLoad {
  readonly #now: () => number;
  #last: CpuSample;

  /** `now` in milliseconds (performance.now by default). */
  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
    this.#last = this.#sample();
  }

  measure(routers: number): SfuWorkerStats {
    const { user, system } = process.cpuUsage();
    const sample = this.#sample();
    const wall = sample.wallMicros - this.#last.wallMicros;
    const percent = wall > 0 ? (100 * (sample.cpuMicros - this.#last.cpuMicros)) / wall : 0;
    this.#last = sample;
    const memory = process.memoryUsage();
    return {
      pid: process.pid,
      routers,
      cpu: { userSeconds: user / 1e6, systemSeconds: system / 1e6, percent: Math.round(percent * 10) / 10 },
      memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed },
    };
  }

  #sample(): CpuSample {
    const { user, system } = process.cpuUsage();
    return { wallMicros: this.#now() * 1000, cpuMicros: user + system };
  }
}
