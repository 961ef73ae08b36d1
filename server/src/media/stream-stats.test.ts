/** The small pieces behind the stream stats: bitrate windows, scores, REMB, RR packets, key-frame detection. */
import { describe, expect, it } from 'vitest';
import { MAX_REPORT_BLOCKS, parseRtcp, serializeRtcp, type ReportBlock } from '../rtcp/index.ts';
import { detectsKeyframes, keyframeDetectorFor } from './keyframe-detector.ts';
import { RateCalculator } from './rate-calculator.ts';
import { buildReceiverReferenceTime, buildReceiverReports } from './receiver-reports.ts';
import { RembEstimator } from './remb-estimator.ts';
import { StreamScore, intervalScore } from './stream-score.ts';
import { clearFixture, vp8Payload } from './test-packets.ts';

describe('RateCalculator', () => {
  it('counts the last second in 100 ms buckets', () => {
    const rate = new RateCalculator();
    rate.add(1000, 0);
    rate.add(1000, 950);
    expect(rate.rate(999)).toBe(16_000);
    expect(rate.rate(1000)).toBe(8000); // the bucket of t=0 left the window
    expect(rate.rate(5000)).toBe(0);
  });

  it('refuses a window that is not whole buckets', () => {
    expect(() => new RateCalculator({ windowMs: 150, bucketMs: 100 })).toThrow(RangeError);
  });
});

describe('StreamScore (mediasoup: delivered ratio to the 4th power, weighted history)', () => {
  it.each([
    [100, 0, 10],
    [100, 2, 9],
    [100, 10, 7],
    [100, 25, 3],
    [100, 100, 0],
    [0, 0, 10],
  ])('%i expected, %i lost → %i', (expected, lost, score) => {
    expect(intervalScore(expected, lost)).toBe(score);
  });

  it('weighs recent intervals most, and recovers', () => {
    const score = new StreamScore();
    expect(score.score).toBe(10);
    expect(score.update(100, 100)).toBe(0);
    expect(score.update(100, 0)).toBe(7); // (0×1 + 10×2) / 3
    for (let i = 0; i < 8; i++) score.update(100, 0);
    expect(score.score).toBe(10);
  });
});

describe('RembEstimator', () => {
  it('grows with a clean link, shrinks with heavy loss, and names the SSRCs', () => {
    const remb = new RembEstimator({ initialBitrate: 300_000 });
    for (let t = 0; t < 1000; t += 20) remb.receivePacket(7, 1250, t); // 500 kbit/s
    expect(remb.update(0, 999)).toBe(750_000);
    expect(remb.update(0.05, 999)).toBe(750_000);
    expect(remb.update(0.2, 999)).toBe(425_000);
    expect(remb.createRemb(1)).toEqual({ kind: 'receiver-estimated-maximum-bitrate', senderSsrc: 1, mediaSsrc: 0, bitrate: 425_000, ssrcs: [7] });
  });

  it('stays within its bounds', () => {
    const remb = new RembEstimator({ initialBitrate: 115_000, minBitrate: 50_000, maxBitrate: 120_000 });
    expect(remb.update(0, 0)).toBe(120_000);
    expect(remb.update(0.5, 0)).toBe(50_000);
  });
});

describe('buildReceiverReports / buildReceiverReferenceTime', () => {
  const block = (ssrc: number): ReportBlock => ({ ssrc, fractionLost: 1, cumulativeLost: 2, extendedHighestSequence: 3, jitter: 4, lastSenderReport: 5, delaySinceLastSenderReport: 6 });

  it.each([
    [0, [0]],
    [1, [1]],
    [MAX_REPORT_BLOCKS, [31]],
    [MAX_REPORT_BLOCKS + 1, [31, 1]],
    [70, [31, 31, 8]],
  ])('%i blocks → RRs of %j', (count, sizes) => {
    const reports = buildReceiverReports(9, Array.from({ length: count }, (_, i) => block(i)));
    expect(reports.map((report) => report.reports.length)).toEqual(sizes);
    expect(parseRtcp(serializeRtcp(reports))).toEqual(reports);
  });

  it('an RRTR with the SFU time, that round-trips', () => {
    const xr = buildReceiverReferenceTime(9, 1_650_000_000_000);
    expect(parseRtcp(serializeRtcp([xr]))).toEqual([xr]);
  });
});

describe('keyframeDetectorFor', () => {
  it.each([
    ['video/VP8', vp8Payload(true), true],
    ['video/vp8', vp8Payload(false), false],
    ['video/VP8', Uint8Array.of(0x90), false], // cut short: not a key frame, no throw
    ['video/H264', Uint8Array.of(0x65, 0x88), true], // IDR NAL unit (type 5)
    ['video/H264', Uint8Array.of(0x41, 0x9a), false], // non-IDR slice
    ['video/AV1', Uint8Array.of(0x18), true], // aggregation header N=1
    ['video/VP9', Uint8Array.of(0x08), true], // B=1, P=0
    ['video/VP9', Uint8Array.of(0x48), false], // P=1: inter-picture predicted
    ['audio/opus', Uint8Array.of(0x00), false],
  ])('%s %j → %s', (mimeType, payload, keyframe) => {
    expect(keyframeDetectorFor(mimeType)(payload)).toBe(keyframe);
  });

  it('finds the key frame of the real capture', () => {
    expect(keyframeDetectorFor('video/VP8')(clearFixture('03-vp8-keyframe-first.rtp.bin').payload)).toBe(true);
    expect(detectsKeyframes('audio/opus')).toBe(false);
  });
});
