/**
 * The per-hop header extensions a sending transport writes into every RTP
 * packet it sends a subscriber (the forwarded packet's own were left out by
 * the rewrite, media-parameters.ts PER_HOP_EXTENSIONS):
 *
 * - transport-wide sequence number (draft-holmer-rmcat-transport-wide-cc-
 *   extensions-01 §2): one counter per transport, over every SSRC it sends,
 *   so the subscriber's transport-cc feedback describes this hop;
 * - abs-send-time (webrtc.org abs-send-time): when the packet left the SFU,
 *   24 bits of 6.18 fixed-point seconds, which REMB receivers read.
 */
import { setHeaderExtension, type RtpHeader } from '../rtp/index.ts';

export interface StampIds {
  /** The subscriber's a=extmap id of transport-wide-cc; undefined: not negotiated. */
  readonly transportCcId: number | undefined;
  readonly absSendTimeId: number | undefined;
}

/** abs-send-time: seconds in 6.18 fixed point, modulo 64 s (24 bits). */
export function absSendTime(nowMs: number): Uint8Array {
  const value = Math.floor((nowMs * (1 << 18)) / 1000) & 0xffffff;
  return Uint8Array.of(value >>> 16, (value >>> 8) & 0xff, value & 0xff);
}

export class OutboundExtensions {
  #nextTransportSequenceNumber = 1;

  /** The next transport-wide sequence number this transport would stamp. */
  get nextTransportSequenceNumber(): number {
    return this.#nextTransportSequenceNumber;
  }

  /** Writes the extensions `ids` names into `packet` (a packet the caller owns). */
  stamp(packet: Pick<RtpHeader, 'extension'>, ids: StampIds, nowMs: number): void {
    if (ids.transportCcId !== undefined) {
      const sequenceNumber = this.#nextTransportSequenceNumber;
      this.#nextTransportSequenceNumber = (sequenceNumber + 1) & 0xffff;
      setHeaderExtension(packet, ids.transportCcId, Uint8Array.of(sequenceNumber >>> 8, sequenceNumber & 0xff));
    }
    if (ids.absSendTimeId !== undefined) setHeaderExtension(packet, ids.absSendTimeId, absSendTime(nowMs));
  }
}
