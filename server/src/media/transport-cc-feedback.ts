/**
 * Transport-wide congestion control feedback from the SFU to a publisher
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01): every RTP packet on
 * the transport carries a transport-wide sequence number (§2); the SFU notes
 * when each arrived and reports batches of arrivals as RTPFB FMT 15 (§3.1),
 * built by server/src/rtcp's buildTransportCc.
 *
 * Why a publisher needs this to send more than a trickle: with transport-cc
 * negotiated, Chromium estimates the bandwidth at the SENDER (GoogCC), and all
 * it knows of the path is what this feedback tells it.
 * - Delay-based control: GoogCC compares the send-time gaps of packet groups
 *   with their arrival-time gaps from the feedback; a trend of growing
 *   delays means a queue is filling. Flat delays (loopback, an idle link)
 *   let it raise its target multiplicatively, ~8 % a second.
 * - Probing: at call start, and whenever it wants to know more, Chromium
 *   sends probe clusters well above its current rate (the RTX padding-only
 *   packets in the fixtures, before any NACK). The arrival times of a
 *   cluster give a received rate, and the estimate jumps to it at once. This
 *   is how a 640×480 camera reaches 1+ Mbit/s within seconds instead of
 *   crawling up from 300 kbit/s. So probes must be recorded here even though
 *   the RtpListener drops them as media.
 * - Loss-based control and the acknowledged bitrate: both come from the same
 *   reports. Without any feedback, GoogCC has no acknowledged rate and stays
 *   near its start rate (the fixtures: ≈120 kbit/s towards a peer that sent
 *   no feedback).
 *
 * Feedback goes out every `intervalMs` (50 ms, about what Chromium itself
 * sends: a median gap of 62 ms in the fixtures) while packets arrive, and at
 * once when `maxPacketsPerFeedback` accumulated, so one report never grows
 * large. An idle transport arms no timer.
 */
import { buildTransportCc, type ReceivedPacket, type TransportLayerCc } from '../rtcp/index.ts';
import { getHeaderExtension, type RtpHeader } from '../rtp/index.ts';
import type { TimerHandle, TimerQueue } from '../timers/index.ts';

export interface TransportCcFeedbackOptions {
  /** The transport-wide-cc a=extmap id the publisher uses. */
  readonly extensionId: number;
  /** The SSRC the SFU's RTCP to this publisher comes from. */
  readonly senderSsrc: number;
  readonly timers: TimerQueue;
  /** Monotonic ms: the timer queue's clock. Arrival times are taken from it. */
  readonly now: () => number;
  /** Default 50 ms. */
  readonly intervalMs?: number;
  /** Default 100. */
  readonly maxPacketsPerFeedback?: number;
  readonly send: (feedback: TransportLayerCc[]) => void;
}

export interface TransportCcFeedbackStats {
  readonly packetsRecorded: number;
  readonly packetsWithoutSequenceNumber: number;
  readonly feedbackSent: number;
}

/** §2: the extension's data is the 16-bit sequence number. */
const SEQUENCE_NUMBER_SIZE = 2;

export class TransportCcFeedback {
  readonly #options: TransportCcFeedbackOptions;
  readonly #intervalMs: number;
  readonly #maxPackets: number;
  #pending: ReceivedPacket[] = [];
  #mediaSsrc = 0;
  /** The first sequence number of the next feedback: the one after the last reported. */
  #nextBase: number | undefined;
  #feedbackPacketCount = 0;
  #timer: TimerHandle | undefined;
  #recorded = 0;
  #missing = 0;
  #sent = 0;

  constructor(options: TransportCcFeedbackOptions) {
    this.#options = options;
    this.#intervalMs = options.intervalMs ?? 50;
    this.#maxPackets = options.maxPacketsPerFeedback ?? 100;
    if (!(this.#intervalMs > 0)) throw new RangeError(`media: transport-cc interval must be > 0 ms, got ${this.#intervalMs}`);
  }

  get stats(): TransportCcFeedbackStats {
    return { packetsRecorded: this.#recorded, packetsWithoutSequenceNumber: this.#missing, feedbackSent: this.#sent };
  }

  /** Records one packet's arrival (now). Call for EVERY RTP packet of the transport, probes included, before routing. */
  receivePacket(header: Pick<RtpHeader, 'extension' | 'ssrc'>): void {
    const data = getHeaderExtension(header, this.#options.extensionId);
    if (data === undefined || data.length < SEQUENCE_NUMBER_SIZE) {
      this.#missing += 1;
      return;
    }
    this.#recorded += 1;
    // The feedback names a media SSRC (RFC 4585 §6.1); like libwebrtc, the latest one seen.
    this.#mediaSsrc = header.ssrc;
    this.#pending.push({ sequenceNumber: (data[0]! << 8) | data[1]!, arrivalTimeUs: this.#options.now() * 1000 });
    if (this.#pending.length >= this.#maxPackets) this.flush();
    else this.#timer ??= this.#options.timers.arm(this.#intervalMs, this.#onTimer);
  }

  /** Sends feedback for everything recorded so far (nothing when nothing was). */
  flush(): void {
    if (this.#timer !== undefined) this.#options.timers.cancel(this.#timer);
    this.#timer = undefined;
    if (this.#pending.length === 0) return;
    const feedback = buildTransportCc({
      senderSsrc: this.#options.senderSsrc,
      mediaSsrc: this.#mediaSsrc,
      feedbackPacketCount: this.#feedbackPacketCount,
      packets: this.#pending,
      ...(this.#nextBase === undefined ? {} : { baseSequenceNumber: this.#nextBase }),
    });
    this.#pending = [];
    // Packets that arrived after their sequence numbers were reported (late reordering) build nothing.
    const last = feedback.at(-1);
    if (last === undefined) return;
    this.#nextBase = (last.baseSequenceNumber + last.packetStatusCount) & 0xffff;
    this.#feedbackPacketCount = (this.#feedbackPacketCount + feedback.length) & 0xff;
    this.#sent += feedback.length;
    this.#options.send(feedback);
  }

  close(): void {
    if (this.#timer !== undefined) this.#options.timers.cancel(this.#timer);
    this.#timer = undefined;
    this.#pending = [];
  }

  readonly #onTimer = (): void => {
    this.#timer = undefined;
    this.flush();
  };
}
