/**
 * Key-frame requests to a publisher, on behalf of its subscribers: PLI
 * (RFC 4585 §6.3.1) or, when the publisher negotiated only `ccm fir`, FIR
 * (RFC 5104 §4.3.1).
 *
 * Every subscriber that joins, resumes, or loses a frame wants a key frame,
 * and a key frame costs the publisher several times a delta frame's bits. So
 * requests are coalesced: at most one per `minIntervalMs` (1 s, mediasoup's
 * rule). A request inside the interval is not lost: one is sent when the
 * interval ends, unless a key frame came first (it serves everyone). Requests
 * can be lost on the wire too, so while no key frame arrives the request is
 * repeated every interval, up to `maxAttempts` times.
 *
 * FIR carries a sequence number per media sender (RFC 5104 §4.3.1.1): +1 for
 * each new request, the same number when repeating one, so the sender does
 * not make two key frames for one request.
 */
import type { FullIntraRequest, PictureLossIndication } from '../rtcp/index.ts';
import type { TimerHandle, TimerQueue } from '../timers/index.ts';

export interface KeyframeRequesterOptions {
  /** The publisher's stream (a ProducerStream): its SSRC, once known, is the media SSRC asked. */
  readonly stream: { readonly ssrc: number | undefined };
  /** The SSRC the SFU's RTCP to this publisher comes from. */
  readonly senderSsrc: number;
  /** 'pli' when the publisher negotiated `nack pli`, 'fir' for `ccm fir` only. Default 'pli'. */
  readonly method?: 'pli' | 'fir';
  /** Default 1000 ms. */
  readonly minIntervalMs?: number;
  /** Sends of one request before giving up while no key frame arrives. Default 5. */
  readonly maxAttempts?: number;
  readonly timers: TimerQueue;
  /** The timer queue's clock, in ms. */
  readonly now: () => number;
  readonly send: (packet: PictureLossIndication | FullIntraRequest) => void;
}

export interface KeyframeRequesterStats {
  readonly requested: number;
  readonly sent: number;
  readonly coalesced: number;
  readonly keyframesReceived: number;
}

export class KeyframeRequester {
  readonly #options: KeyframeRequesterOptions;
  readonly #minIntervalMs: number;
  readonly #maxAttempts: number;
  #lastSentAt = -Infinity;
  #timer: TimerHandle | undefined;
  /** A request is outstanding: asked for, no key frame since. */
  #awaiting = false;
  /** Sends of the outstanding request so far. */
  #attempts = 0;
  /** RFC 5104 §4.3.1.1: the FIR sequence number of the outstanding request. */
  #firSequenceNumber = -1;
  #requested = 0;
  #sent = 0;
  #coalesced = 0;
  #keyframes = 0;

  constructor(options: KeyframeRequesterOptions) {
    this.#options = options;
    this.#minIntervalMs = options.minIntervalMs ?? 1000;
    this.#maxAttempts = options.maxAttempts ?? 5;
    if (!(this.#minIntervalMs >= 0)) throw new RangeError(`media: key-frame request interval must be >= 0 ms, got ${this.#minIntervalMs}`);
  }

  get stats(): KeyframeRequesterStats {
    return { requested: this.#requested, sent: this.#sent, coalesced: this.#coalesced, keyframesReceived: this.#keyframes };
  }

  /** A subscriber needs a key frame. */
  request(): void {
    this.#requested += 1;
    if (!this.#awaiting) {
      this.#awaiting = true;
      this.#attempts = 0;
      this.#firSequenceNumber = (this.#firSequenceNumber + 1) & 0xff;
    }
    const wait = this.#lastSentAt + this.#minIntervalMs - this.#options.now();
    if (wait <= 0 && this.#attempts === 0) {
      this.#sendNow();
      return;
    }
    this.#coalesced += 1;
    if (this.#timer === undefined) this.#timer = this.#options.timers.arm(Math.max(0, wait), this.#onTimer);
  }

  /** The publisher sent a key frame (ProducerStream said so): every waiting subscriber is served. */
  keyframeReceived(): void {
    this.#keyframes += 1;
    this.#awaiting = false;
    this.#attempts = 0;
    this.#cancelTimer();
  }

  close(): void {
    this.#awaiting = false;
    this.#cancelTimer();
  }

  readonly #onTimer = (): void => {
    this.#timer = undefined;
    if (!this.#awaiting) return;
    if (this.#attempts >= this.#maxAttempts) {
      this.#awaiting = false;
      return;
    }
    this.#sendNow();
  };

  #sendNow(): void {
    const mediaSsrc = this.#options.stream.ssrc;
    // Nothing received yet, so nothing to ask: the stream's first frame is a key frame anyway.
    if (mediaSsrc === undefined) {
      this.#awaiting = false;
      return;
    }
    this.#lastSentAt = this.#options.now();
    this.#attempts += 1;
    this.#sent += 1;
    const senderSsrc = this.#options.senderSsrc;
    if (this.#options.method === 'fir') {
      this.#options.send({
        kind: 'full-intra-request',
        senderSsrc,
        // RFC 5104 §4.3.1.2: the media source SSRC field is 0; the FCI names the sender.
        mediaSsrc: 0,
        entries: [{ ssrc: mediaSsrc, sequenceNumber: this.#firSequenceNumber }],
      });
    } else {
      this.#options.send({ kind: 'picture-loss-indication', senderSsrc, mediaSsrc });
    }
    this.#cancelTimer();
    this.#timer = this.#options.timers.arm(this.#minIntervalMs, this.#onTimer);
  }

  #cancelTimer(): void {
    if (this.#timer !== undefined) this.#options.timers.cancel(this.#timer);
    this.#timer = undefined;
  }
}
