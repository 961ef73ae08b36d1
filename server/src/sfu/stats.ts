/**
 * Scores and statistics the media plane reports (mediasoup's shapes, cut to
 * what this SFU measures). The media plane computes them from RFC 3550
 * receive statistics (producer side) and from subscribers' receiver reports
 * (consumer side); these are only the types that cross the channel.
 */
import type { MediaKind } from './rtp-parameters.ts';
import type { DtlsState, IceState, TransportTuple } from './webrtc-transport-parameters.ts';

/**
 * The quality of one received stream, 0 (lost) to 10 (perfect), from its
 * loss, jitter and retransmission needs.
 */
export interface ProducerScore {
  /** Index of the encoding in the producer's rtpParameters. */
  encodingIdx: number;
  ssrc: number;
  rid?: string;
  score: number;
}

export interface ConsumerScore {
  /** What the subscriber receives (from its receiver reports), 0-10. */
  score: number;
  /** The score of the producer stream currently forwarded. */
  producerScore: number;
  /** Every producer encoding's score. */
  producerScores: number[];
}

/** RTP stream statistics common to both directions (RFC 3550 §6.4, A.3, A.8). */
export interface RtpStreamStats {
  /** Milliseconds since the epoch when the stats were taken. */
  timestamp: number;
  ssrc: number;
  rtxSsrc?: number;
  rid?: string;
  kind: MediaKind;
  mimeType: string;
  packetCount: number;
  byteCount: number;
  /** Bits per second over the last second. */
  bitrate: number;
  /** RFC 3550 A.3: cumulative number of packets lost. */
  packetsLost: number;
  /** RFC 3550 §6.4.1: fraction lost since the last report, 0-255. */
  fractionLost: number;
  /** RFC 3550 A.8: interarrival jitter, in RTP timestamp units. */
  jitter: number;
  packetsRetransmitted: number;
  nackCount: number;
  pliCount: number;
  firCount: number;
  score: number;
  /** Milliseconds, from RR/SR round trips (RFC 3550 §6.4.1 DLSR/LSR). */
  roundTripTime?: number;
}

/** A producer stream as received by the SFU. */
export interface ProducerStat extends RtpStreamStats {
  type: 'inbound-rtp';
  /** Sequence numbers the SFU asked the publisher to resend (generic NACK, RFC 4585 §6.2.1), retries included. */
  nackPacketCount?: number;
  /** Packets that could not be routed (bad payload type, too old, duplicate). */
  packetsDiscarded: number;
}

/** A consumer stream as sent by the SFU. */
export interface ConsumerStat extends RtpStreamStats {
  type: 'outbound-rtp';
}

export interface WebRtcTransportStat {
  type: 'webrtc-transport';
  transportId: string;
  timestamp: number;
  iceRole: 'controlled';
  iceState: IceState;
  iceSelectedTuple?: TransportTuple;
  dtlsState: DtlsState;
  bytesReceived: number;
  bytesSent: number;
  recvBitrate: number;
  sendBitrate: number;
  rtpPacketsReceived: number;
  rtpPacketsSent: number;
  /** Datagrams dropped before routing (unknown SSRC, SRTP auth failure, malformed). */
  packetsDropped: number;
}

/** mediasoup 3GPP video-orientation (TS 26.114 §7.4.5) as carried by the header extension. */
export interface ProducerVideoOrientation {
  camera: boolean;
  flip: boolean;
  rotation: 0 | 90 | 180 | 270;
}
