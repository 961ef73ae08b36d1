/**
 * The inspector's model: one entry per SSRC. RTP packets feed the SFU's own receiver statistics
 * (server/src/rtcp/receiver-statistics.ts: RFC 3550 A.1, A.3, A.8), so loss and jitter here are
 * exactly what the SFU would put in its report blocks. RTCP adds what the other side says: the
 * sender's SR counters, and the report blocks a receiver sends about each SSRC, with the round
 * trip time they give (LSR/DLSR).
 */
import {
  ReceiverStatistics,
  compactNtpFromUnixMs,
  roundTripTimeMs,
  unixMsFromNtp,
  type ReportBlock,
  type SenderReport,
} from '#server/rtcp/index.ts';
import type { RtpPacket } from '#server/rtp/index.ts';
import { elementsOf } from './extensions.ts';
import type { MediaMap, PayloadFormat } from './media-map.ts';

/** An SR whose NTP time is further than this from our clock was not sent on our clock: no RTT. */
const SAME_CLOCK_TOLERANCE_MS = 1000;
/** libwebrtc's choice for an unknown payload type; the column says "?" anyway. */
const FALLBACK_CLOCK_RATE = 90000;

export interface RemoteReport {
  readonly cumulativeLost: number;
  readonly fractionLost: number;
  readonly jitterMs: number | undefined;
  readonly rttMs: number | undefined;
}

export interface Stream {
  readonly ssrc: number;
  payloadType: number | undefined;
  format: PayloadFormat | undefined;
  statistics: ReceiverStatistics | undefined;
  packets: number;
  bytes: number;
  firstMs: number;
  lastMs: number;
  /** Counters at the previous snapshot, for the rates of the interval since. */
  mark: { packets: number; bytes: number; atMs: number };
  /** Extension IDs seen on this SSRC, in first-seen order. */
  extensionIds: Set<number>;
  mid: string | undefined;
  /** Our clock minus the NTP time of this SSRC's last SR. */
  srClockOffsetMs: number | undefined;
  senderReport: { packets: number; octets: number } | undefined;
  remote: RemoteReport | undefined;
}

export class StreamBook {
  readonly media: MediaMap;
  readonly #streams = new Map<number, Stream>();
  readonly #midId: number | undefined;
  /** The offset of the latest SR from any SSRC: for an SSRC that sends none itself (RTX). */
  #latestSrClockOffsetMs: number | undefined;

  constructor(media: MediaMap) {
    this.media = media;
    this.#midId = [...media.extensions].find(([, uri]) => uri === 'urn:ietf:params:rtp-hdrext:sdes:mid')?.[0];
  }

  get streams(): Stream[] {
    return [...this.#streams.values()];
  }

  get(ssrc: number): Stream | undefined {
    return this.#streams.get(ssrc);
  }

  #entry(ssrc: number, timeMs: number): Stream {
    let stream = this.#streams.get(ssrc);
    if (stream === undefined) {
      stream = {
        ssrc, payloadType: undefined, format: undefined, statistics: undefined, packets: 0, bytes: 0,
        firstMs: timeMs, lastMs: timeMs, mark: { packets: 0, bytes: 0, atMs: timeMs }, extensionIds: new Set(),
        mid: undefined, srClockOffsetMs: undefined, senderReport: undefined, remote: undefined,
      };
      this.#streams.set(ssrc, stream);
    }
    return stream;
  }

  /** Counts one RTP packet of `size` bytes; returns its stream and whether it is the SSRC's first. */
  onRtp(packet: RtpPacket, size: number, timeMs: number): { stream: Stream; first: boolean } {
    const stream = this.#entry(packet.ssrc, timeMs);
    const first = stream.statistics === undefined;
    if (stream.statistics === undefined) {
      stream.payloadType = packet.payloadType;
      stream.format = this.media.formats.get(packet.payloadType);
      stream.firstMs = timeMs;
      stream.mark = { packets: 0, bytes: 0, atMs: timeMs };
      const clockRate = stream.format?.clockRate ?? FALLBACK_CLOCK_RATE;
      stream.statistics = new ReceiverStatistics({ ssrc: packet.ssrc, clockRate });
    }
    stream.statistics.receivePacket({ sequenceNumber: packet.sequenceNumber, rtpTimestamp: packet.timestamp, arrivalTimeMs: timeMs });
    stream.packets += 1;
    stream.bytes += size;
    stream.lastMs = timeMs;
    for (const { id, data } of elementsOf(packet)) {
      stream.extensionIds.add(id);
      if (id === this.#midId) stream.mid = Buffer.from(data).toString('latin1');
    }
    return { stream, first };
  }

  /** Remembers an SR's counters, and whether it was sent on our clock (then its LSR gives an RTT). */
  onSenderReport(report: SenderReport, timeMs: number): void {
    const stream = this.#entry(report.ssrc, timeMs);
    stream.senderReport = { packets: report.packetCount, octets: report.octetCount };
    stream.srClockOffsetMs = timeMs - unixMsFromNtp(report.ntpTimestamp);
    this.#latestSrClockOffsetMs = stream.srClockOffsetMs;
  }

  /**
   * RFC 3550 §6.4.1: RTT = arrival - LSR - DLSR, all in compact NTP. The arrival must be on the
   * clock of the SR the LSR echoes, so only when that SR came from this host (a capture or a live
   * call on this machine, not a replay of an old capture).
   */
  roundTripMs(block: ReportBlock, timeMs: number): number | undefined {
    const offset = this.#streams.get(block.ssrc)?.srClockOffsetMs ?? this.#latestSrClockOffsetMs;
    if (offset === undefined || Math.abs(offset) > SAME_CLOCK_TOLERANCE_MS) return undefined;
    return roundTripTimeMs(block, compactNtpFromUnixMs(timeMs));
  }

  /** A receiver's report block about one of the SSRCs. */
  onReportBlock(block: ReportBlock, timeMs: number): void {
    const stream = this.#entry(block.ssrc, timeMs);
    const clockRate = stream.format?.clockRate;
    stream.remote = {
      cumulativeLost: block.cumulativeLost,
      fractionLost: block.fractionLost,
      jitterMs: clockRate === undefined ? undefined : (block.jitter / clockRate) * 1000,
      rttMs: this.roundTripMs(block, timeMs),
    };
  }
}

/** One line of the table. Undefined numbers are shown as "-". */
export interface StreamRow {
  readonly stream: Stream;
  readonly packetRate: number | undefined;
  readonly kbps: number | undefined;
  /** Our own report block for this SSRC now (undefined while A.1 probation lasts). */
  readonly block: ReportBlock | undefined;
  readonly jitterMs: number | undefined;
}

/**
 * The table's rows at `nowMs`. `whole`: rates averaged over each stream's life (the final table),
 * else over the interval since the previous snapshot. Like sending a report, this starts a new
 * interval for the fraction lost.
 */
export function snapshot(book: StreamBook, nowMs: number, whole: boolean): StreamRow[] {
  return book.streams.map((stream) => {
    const block = stream.statistics?.createReportBlock(nowMs);
    const [packets, bytes, seconds] = whole
      ? // n packets span n - 1 gaps: stretch the span by one mean gap so 501 packets in 10 s read 50/s.
        [stream.packets, stream.bytes, ((stream.lastMs - stream.firstMs) / 1000) * (stream.packets / Math.max(1, stream.packets - 1))]
      : [stream.packets - stream.mark.packets, stream.bytes - stream.mark.bytes, (nowMs - stream.mark.atMs) / 1000];
    stream.mark = { packets: stream.packets, bytes: stream.bytes, atMs: nowMs };
    const rated = seconds > 0 && stream.packets > 1;
    const clockRate = stream.format?.clockRate;
    // An RTX stream's timestamps are those of the packets it repairs, or 0 for probes: no jitter.
    const jitterMs = block === undefined || clockRate === undefined || stream.format?.apt !== undefined ? undefined : (block.jitter / clockRate) * 1000;
    return {
      stream,
      packetRate: rated ? packets / seconds : undefined,
      kbps: rated ? (bytes * 8) / seconds / 1000 : undefined,
      block,
      jitterMs,
    };
  });
}
