/**
 * The call view's numbers, from real getStats() entries of Chromium 156 (the
 * `stats/call.json` fixture: A sent audio and 640x480 video to B over loopback)
 * and from hand-made samples where a case needs exact arithmetic.
 */
import { readFixtureText } from '#fixtures/index.ts';
import { describe, expect, it } from 'vitest';
import {
  bitrateKbps,
  NO_COUNTERS,
  ratePerSecond,
  RollingSeries,
  sampleConnection,
  sparklinePoints,
  tileStats,
  type ConnectionSample,
  type StatsEntry,
} from './index.ts';

const call = JSON.parse(readFixtureText('stats/call.json')) as { statsA: StatsEntry[]; statsB: StatsEntry[] };

describe('sampleConnection on Chromium 156 reports', () => {
  it("reads the receiver's inbound counters, resolution and selected pair (B)", () => {
    const sample = sampleConnection(call.statsB);
    expect(sample.inbound.video).toEqual({ bytes: 902973, headerBytes: 25515, packets: 952, packetsLost: 0, frames: 298, streams: 1 });
    expect(sample.inbound.audio).toMatchObject({ bytes: 43899, headerBytes: 21000, packets: 750, frames: 0, streams: 1 });
    expect(sample.outbound.video).toEqual(NO_COUNTERS);
    expect(sample.inboundResolution).toBe('640x480');
    expect(sample.rttMs).toBe(0); // loopback: the selected pair's currentRoundTripTime is 0
    expect(sample.timestamp).toBe(1795511966810.679);
  });

  it("reads the sender's outbound counters (A), which match what B received", () => {
    const sender = sampleConnection(call.statsA);
    const receiver = sampleConnection(call.statsB);
    expect(sender.outbound.video).toMatchObject({ bytes: 902973, headerBytes: 25515, packets: 952, frames: 298 });
    expect(sender.outbound.audio.bytes).toBe(receiver.inbound.audio.bytes);
    expect(sender.inbound.video.streams).toBe(0);
  });

  it('falls back to the RTCP round trip when no candidate pair has one', () => {
    const withoutPairRtt = call.statsA.map((entry) => (entry.type === 'candidate-pair' ? { ...entry, currentRoundTripTime: undefined } : entry));
    // remote-inbound-rtp: audio 1.572 ms, video 1 ms; the larger one is shown.
    expect(sampleConnection(withoutPairRtt).rttMs).toBeCloseTo(1.572, 6);
    expect(sampleConnection(withoutPairRtt.filter((entry) => entry.type !== 'remote-inbound-rtp')).rttMs).toBeUndefined();
  });

  it('uses the pair the transport selected, not any nominated one', () => {
    const pair = call.statsB.find((entry) => entry.type === 'candidate-pair')!;
    const other = { ...pair, id: 'CPother', currentRoundTripTime: 0.25 };
    const selected = { ...pair, currentRoundTripTime: 0.012 };
    const entries = [other, ...call.statsB.map((entry) => (entry === pair ? selected : entry))];
    expect(sampleConnection(entries).rttMs).toBeCloseTo(12, 9);
  });

  it('ignores entries of other kinds and fields that are not numbers', () => {
    const sample = sampleConnection([
      { id: 'x', type: 'inbound-rtp', timestamp: 5, kind: 'video', bytesReceived: '100', packetsReceived: 3 },
      { id: 'y', type: 'inbound-rtp', timestamp: 6, kind: 'data', bytesReceived: 100 },
    ]);
    expect(sample.inbound.video).toEqual({ ...NO_COUNTERS, packets: 3, streams: 1 });
    expect(sample.timestamp).toBe(6);
  });
});

describe('rates', () => {
  it.each([
    { before: [0, 0], after: [125_000, 1000], kbps: 1000 },
    { before: [1000, 500], after: [1000, 1500], kbps: 0 },
    { before: [10_000, 0], after: [2500, 2000], kbps: 10 }, // the counter started over: 2500 bytes in 2 s
  ])('bitrateKbps $before → $after = $kbps kbit/s', ({ before, after, kbps }) => {
    expect(bitrateKbps(before[0]!, before[1]!, after[0]!, after[1]!)).toBeCloseTo(kbps, 9);
  });

  it('refuses samples that do not move forward in time', () => {
    expect(() => ratePerSecond(0, 1000, 10, 1000)).toThrow(RangeError);
    expect(() => ratePerSecond(0, 1000, 10, 900)).toThrow(RangeError);
  });

  function sample(timestamp: number, video: Partial<ConnectionSample['inbound']['video']>, audioBytes = 0): ConnectionSample {
    return {
      timestamp,
      inbound: { video: { ...NO_COUNTERS, streams: 1, ...video }, audio: { ...NO_COUNTERS, streams: 1, bytes: audioBytes } },
      outbound: { video: NO_COUNTERS, audio: NO_COUNTERS },
      rttMs: 3,
      inboundResolution: '320x240',
    };
  }

  it('tileStats: payload plus headers per kind, fps, cumulative losses', () => {
    const first = sample(10_000, { bytes: 100_000, headerBytes: 5_000, frames: 100, packetsLost: 2 }, 10_000);
    const second = sample(12_000, { bytes: 350_000, headerBytes: 5_000 + 12_500, frames: 160, packetsLost: 5 }, 18_000);
    const stats = tileStats(first, second);
    expect(stats.videoKbps).toBeCloseTo(1050, 9); // (250000 + 12500) B * 8 / 2000 ms
    expect(stats.audioKbps).toBeCloseTo(32, 9);
    expect(stats.kbps).toBeCloseTo(1082, 9);
    expect(stats.fps).toBeCloseTo(30, 9);
    expect(stats.packetsLost).toBe(5);
    expect(stats.framesDecoded).toBe(160);
    expect(stats).toMatchObject({ rttMs: 3, resolution: '320x240' });
  });

  it('tileStats shows zero rates on the first sample and on a repeated one', () => {
    const only = sample(1000, { bytes: 5000, frames: 10 });
    expect(tileStats(undefined, only)).toMatchObject({ kbps: 0, fps: 0, framesDecoded: 10 });
    expect(tileStats(only, only)).toMatchObject({ kbps: 0, fps: 0 });
  });
});

describe('sparkline', () => {
  it('keeps the last `capacity` values, non-finite ones as 0', () => {
    const series = new RollingSeries(3);
    for (const value of [1, 2, Number.NaN, 4]) series.push(value);
    expect(series.values()).toEqual([2, 0, 4]);
    expect(() => new RollingSeries(1)).toThrow(RangeError);
  });

  it('puts the newest value at the right edge and the largest at the top', () => {
    expect(sparklinePoints([0, 50, 100], 100, 20)).toBe('0,20 50,10 100,0');
    // Two values in a series of capacity 5: steps of 25, ending at x = 100.
    expect(sparklinePoints([100, 0], 100, 20, 5)).toBe('75,0 100,20');
    expect(sparklinePoints([5, 500], 100, 20, 2, 100)).toBe('0,19 100,0'); // clipped at max
    expect(sparklinePoints([0, 0], 10, 20)).toBe('0,20 10,20'); // all zero: flat at the bottom
    expect(sparklinePoints([], 10, 20)).toBe('');
  });
});
