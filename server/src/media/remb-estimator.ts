/**
 * A deliberately simple receiver-side estimate for REMB
 * (draft-alvestrand-rmcat-remb-03), for publishers that negotiated goog-remb
 * but not transport-cc. With transport-cc (every Chromium), send the
 * feedback of transport-cc-feedback.ts instead and no REMB: Chromium then
 * estimates at the sender and takes a REMB only as a cap, so a low one here
 * would hold it back.
 *
 * No delay-gradient detection (that is what transport-cc hands to the
 * sender): the estimate follows loss, as a loss-based controller does:
 * - under 2 % loss: grow to 1.5 × the incoming rate, or 8 % over the last
 *   estimate, whichever is more, so a sender that uses what it is given
 *   doubles in about two seconds;
 * - over 10 % loss: 85 % of what actually arrives;
 * - in between: hold.
 */
import type { ReceiverEstimatedMaximumBitrate } from '../rtcp/index.ts';
import { RateCalculator } from './rate-calculator.ts';

export interface RembEstimatorOptions {
  /** Default 300 kbit/s, libwebrtc's start rate. */
  readonly initialBitrate?: number;
  /** Default 30 kbit/s. */
  readonly minBitrate?: number;
  /** Default 10 Mbit/s. */
  readonly maxBitrate?: number;
}

const LOW_LOSS = 0.02;
const HIGH_LOSS = 0.1;

export class RembEstimator {
  readonly #rate = new RateCalculator();
  readonly #ssrcs = new Set<number>();
  readonly #min: number;
  readonly #max: number;
  #estimate: number;

  constructor(options: RembEstimatorOptions = {}) {
    this.#min = options.minBitrate ?? 30_000;
    this.#max = options.maxBitrate ?? 10_000_000;
    this.#estimate = options.initialBitrate ?? 300_000;
  }

  get estimate(): number {
    return this.#estimate;
  }

  /** One RTP packet of `bytes` (the whole packet) on the publisher's transport. */
  receivePacket(ssrc: number, bytes: number, nowMs: number): void {
    this.#ssrcs.add(ssrc);
    this.#rate.add(bytes, nowMs);
  }

  /** Once per report interval, with the loss the SFU's RR reports (0-1); returns the new estimate. */
  update(fractionLost: number, nowMs: number): number {
    const incoming = this.#rate.rate(nowMs);
    let next = this.#estimate;
    if (fractionLost < LOW_LOSS) next = Math.max(incoming * 1.5, this.#estimate * 1.08);
    else if (fractionLost > HIGH_LOSS) next = incoming * 0.85;
    this.#estimate = Math.min(this.#max, Math.max(this.#min, Math.round(next)));
    return this.#estimate;
  }

  /** The REMB for the media SSRCs seen so far (draft §2.2: media source SSRC 0, the SSRCs in the FCI). */
  createRemb(senderSsrc: number): ReceiverEstimatedMaximumBitrate {
    return { kind: 'receiver-estimated-maximum-bitrate', senderSsrc, mediaSsrc: 0, bitrate: this.#estimate, ssrcs: [...this.#ssrcs] };
  }
}
