/**
 * Rates from two samples of growing counters: what a tile shows each second.
 * getStats() counters are totals since the stream started; a rate is the
 * difference over the time between the two reports' timestamps, never over
 * wall-clock time between the calls (a busy page calls late).
 */
import type { ConnectionSample, StreamCounters } from './sample.ts';

/**
 * Per second, between two readings of a counter taken at two times (ms). A
 * counter that went down started over (a new stream): it counts from 0.
 * Throws RangeError unless time moves forward.
 */
export function ratePerSecond(countBefore: number, msBefore: number, countAfter: number, msAfter: number): number {
  const elapsedMs = msAfter - msBefore;
  if (!(elapsedMs > 0)) throw new RangeError(`call-stats: samples at ${msBefore} and ${msAfter} ms do not move forward`);
  const count = countAfter >= countBefore ? countAfter - countBefore : countAfter;
  return (count * 1000) / elapsedMs;
}

/** kbit/s between two readings of a byte counter: bytes/s × 8 / 1000. */
export function bitrateKbps(bytesBefore: number, msBefore: number, bytesAfter: number, msAfter: number): number {
  return (ratePerSecond(bytesBefore, msBefore, bytesAfter, msAfter) * 8) / 1000;
}

/** RTP payload plus RTP headers: the bytes a stream put on the network, SRTP/UDP/IP aside. */
export function wireBytes(counters: StreamCounters): number {
  return counters.bytes + counters.headerBytes;
}

export interface TileStats {
  /** Received audio + video, payload and RTP headers, kbit/s; 0 for the first sample. */
  readonly kbps: number;
  readonly videoKbps: number;
  readonly audioKbps: number;
  /** Cumulative packets lost, audio and video. */
  readonly packetsLost: number;
  readonly rttMs: number | undefined;
  /** Cumulative inbound video frames decoded. */
  readonly framesDecoded: number;
  /** Frames decoded per second over the interval; 0 for the first sample. */
  readonly fps: number;
  readonly resolution: string | undefined;
}

/** What a remote peer's tile shows, from the previous sample (undefined on the first) and the latest. */
export function tileStats(previous: ConnectionSample | undefined, latest: ConnectionSample): TileStats {
  const { audio, video } = latest.inbound;
  const comparable = previous !== undefined && latest.timestamp > previous.timestamp;
  const rate = (counter: (sample: ConnectionSample) => number): number =>
    comparable ? ratePerSecond(counter(previous), previous.timestamp, counter(latest), latest.timestamp) : 0;
  const videoKbps = (rate((sample) => wireBytes(sample.inbound.video)) * 8) / 1000;
  const audioKbps = (rate((sample) => wireBytes(sample.inbound.audio)) * 8) / 1000;
  return {
    kbps: videoKbps + audioKbps,
    videoKbps,
    audioKbps,
    packetsLost: audio.packetsLost + video.packetsLost,
    rttMs: latest.rttMs,
    framesDecoded: video.frames,
    fps: rate((sample) => sample.inbound.video.frames),
    resolution: latest.inboundResolution,
  };
}
