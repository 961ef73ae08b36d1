/**
 * What one WebRTC transport counts: bytes and RTP packets each way, their
 * rates, and every datagram it dropped, by reason. Bad input never throws
 * on the media path; it ends up here, so an operator can see why a peer is
 * not getting through (transport.getStats, transport.dump).
 */
import { RateCalculator } from './rate-calculator.ts';

/**
 * - `srtp-not-ready`: SRTP/SRTCP before the DTLS handshake gave keys.
 * - `srtp-<code>`: unprotect failed (SrtpError code: AUTH_FAILED, REPLAYED, TOO_OLD, ...).
 * - `rtp-malformed`, `rtcp-malformed`: decrypted, but does not parse.
 * - `rtp-unknown`: no producer of this transport claims the SSRC, MID or RID.
 * - `padding-probe`: a padding-only bandwidth probe (RTX or unknown SSRC); its arrival still went into transport-cc feedback.
 * - `rtp-duplicate`, `rtx-*`: the producer stream refused it (ProducerDropReason).
 * - `send-not-ready`: the SFU had something to send before DTLS or after consent expired.
 */
export type TransportDropReason = string;

export interface TransportCounterSnapshot {
  readonly bytesReceived: number;
  readonly bytesSent: number;
  readonly recvBitrate: number;
  readonly sendBitrate: number;
  readonly rtpPacketsReceived: number;
  readonly rtpPacketsSent: number;
  readonly rtcpPacketsReceived: number;
  readonly rtcpPacketsSent: number;
  readonly packetsDropped: number;
  readonly dropped: Readonly<Record<TransportDropReason, number>>;
}

export class TransportCounters {
  readonly #now: () => number;
  readonly #recvRate = new RateCalculator();
  readonly #sendRate = new RateCalculator();
  readonly #dropped: Record<TransportDropReason, number> = {};
  #bytesReceived = 0;
  #bytesSent = 0;
  #rtpReceived = 0;
  #rtpSent = 0;
  #rtcpReceived = 0;
  #rtcpSent = 0;
  #packetsDropped = 0;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** A datagram of any kind arrived (before it is known to be good). */
  received(bytes: number): void {
    this.#bytesReceived += bytes;
    this.#recvRate.add(bytes, this.#now());
  }

  sent(bytes: number, kind: 'rtp' | 'rtcp' | 'other'): void {
    this.#bytesSent += bytes;
    this.#sendRate.add(bytes, this.#now());
    if (kind === 'rtp') this.#rtpSent += 1;
    else if (kind === 'rtcp') this.#rtcpSent += 1;
  }

  rtpReceived(): void {
    this.#rtpReceived += 1;
  }

  rtcpReceived(): void {
    this.#rtcpReceived += 1;
  }

  drop(reason: TransportDropReason): void {
    this.#packetsDropped += 1;
    this.#dropped[reason] = (this.#dropped[reason] ?? 0) + 1;
  }

  snapshot(): TransportCounterSnapshot {
    const now = this.#now();
    return {
      bytesReceived: this.#bytesReceived,
      bytesSent: this.#bytesSent,
      recvBitrate: this.#recvRate.rate(now),
      sendBitrate: this.#sendRate.rate(now),
      rtpPacketsReceived: this.#rtpReceived,
      rtpPacketsSent: this.#rtpSent,
      rtcpPacketsReceived: this.#rtcpReceived,
      rtcpPacketsSent: this.#rtcpSent,
      packetsDropped: this.#packetsDropped,
      dropped: { ...this.#dropped },
    };
  }
}
