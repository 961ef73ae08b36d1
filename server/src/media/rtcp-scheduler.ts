/**
 * When a transport sends its regular RTCP: RRs about what publishers send the
 * SFU, SRs about what the SFU sends subscribers (RFC 3550 §6.2, §6.3).
 *
 * RFC 3550 §6.2 sizes the interval so RTCP stays at 5 % of the session
 * bandwidth shared among all members; an SFU is one member of each
 * transport's two-party session and its media rates are known, so like
 * mediasoup it uses fixed caps instead: 1 s while the transport carries
 * video, 5 s for audio only (the §6.2 minimum). Each interval is multiplied
 * by a random factor in [0.5, 1.5] (§6.3.1) so that reports of many
 * transports do not fire in step. The 1 s for video is below §6.2's
 * recommended 5 s minimum, which §6.2 lets scale down with bandwidth (360 /
 * session kbit/s: 1 s at 360 kbit/s). The first report comes after half an
 * interval (§6.2 allows half the minimum before the initial packet): the
 * first RR is what makes Chromium stop sending MID/RID on every packet, and
 * the first SR what lets a subscriber synchronise audio and video.
 */
import type { TimerHandle, TimerQueue } from '../timers/index.ts';

export interface RtcpSchedulerOptions {
  readonly timers: TimerQueue;
  /** Builds and sends the transport's reports (SRs for its consumers, RRs for its producers). */
  readonly onReport: () => void;
  /** Default 1000 ms. */
  readonly videoIntervalMs?: number;
  /** Default 5000 ms. */
  readonly audioIntervalMs?: number;
  /** [0, 1); default Math.random. */
  readonly random?: () => number;
}

export class RtcpScheduler {
  readonly #options: RtcpSchedulerOptions;
  readonly #random: () => number;
  #hasVideo = false;
  #timer: TimerHandle | undefined;
  #reports = 0;

  constructor(options: RtcpSchedulerOptions) {
    this.#options = options;
    this.#random = options.random ?? Math.random;
  }

  get running(): boolean {
    return this.#timer !== undefined;
  }

  get reportsSent(): number {
    return this.#reports;
  }

  /** The deterministic part of the interval, before the random factor. */
  get intervalMs(): number {
    return this.#hasVideo ? (this.#options.videoIntervalMs ?? 1000) : (this.#options.audioIntervalMs ?? 5000);
  }

  /** Whether any stream of the transport is video; takes effect from the next interval. */
  setHasVideo(hasVideo: boolean): void {
    this.#hasVideo = hasVideo;
  }

  /** Starts reporting (the first after half an interval); no-op when running. */
  start(): void {
    if (this.#timer !== undefined) return;
    this.#timer = this.#options.timers.arm(this.#nextDelay() / 2, this.#fire);
  }

  stop(): void {
    if (this.#timer !== undefined) this.#options.timers.cancel(this.#timer);
    this.#timer = undefined;
  }

  /** RFC 3550 §6.3.1: the interval times a factor uniformly distributed in [0.5, 1.5]. */
  #nextDelay(): number {
    return this.intervalMs * (0.5 + this.#random());
  }

  readonly #fire = (): void => {
    // Re-arm first: a report that throws must not end reporting (TimerQueue reports the error).
    this.#timer = this.#options.timers.arm(this.#nextDelay(), this.#fire);
    this.#reports += 1;
    this.#options.onReport();
  };
}
