import { describe, expect, it } from 'vitest';
import type { ReportBlock } from './report-block.ts';
import { ReceiverStatistics, roundTripTimeMs } from './receiver-statistics.ts';

const VIDEO = { ssrc: 0x1234, clockRate: 90_000 };

/** Feeds sequence numbers 20 ms apart with matching timestamps; returns what receivePacket said. */
function feed(stats: ReceiverStatistics, seqs: readonly number[], startMs = 0): boolean[] {
  return seqs.map((seq, i) => stats.receivePacket({ sequenceNumber: seq, rtpTimestamp: (seq * 1800) >>> 0, arrivalTimeMs: startMs + i * 20 }));
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => (from + i) % 65536);

describe('ReceiverStatistics: sequence tracking (RFC 3550 A.1)', () => {
  it('A.1 keeps a new source on probation until MIN_SEQUENTIAL (2) packets arrive in order', () => {
    const stats = new ReceiverStatistics(VIDEO);
    expect(feed(stats, [100, 101, 102])).toEqual([false, true, true]);
    expect(stats.valid).toBe(true);
    expect(stats.packetsReceived).toBe(2); // init_seq at 101 counts from there
  });

  it('A.1 restarts probation when the second packet is out of sequence', () => {
    const stats = new ReceiverStatistics(VIDEO);
    expect(feed(stats, [100, 105, 106, 107])).toEqual([false, false, true, true]);
    expect(stats.createReportBlock(0)).toMatchObject({ extendedHighestSequence: 107, cumulativeLost: 0 });
  });

  it('A.1 with MIN_SEQUENTIAL = 3 needs three in a row', () => {
    const stats = new ReceiverStatistics({ ...VIDEO, minSequential: 3 });
    expect(feed(stats, [7, 8, 9, 10])).toEqual([false, false, true, true]);
  });

  it('A.1 counts a cycle when the sequence number wraps', () => {
    const stats = new ReceiverStatistics(VIDEO);
    feed(stats, range(65530, 65536 + 10));
    expect(stats.extendedHighestSequence).toBe(65536 + 10);
    expect(stats.createReportBlock(0)).toMatchObject({ extendedHighestSequence: 65546, cumulativeLost: 0, fractionLost: 0 });
  });

  it('A.1 ignores one packet after a jump over MAX_DROPOUT, and re-syncs when the next follows it', () => {
    const stats = new ReceiverStatistics(VIDEO);
    feed(stats, range(1, 10));
    expect(feed(stats, [20_000, 20_001, 20_002])).toEqual([false, true, true]);
    // init_seq at 20001: the old history is gone.
    expect(stats.createReportBlock(0)).toMatchObject({ extendedHighestSequence: 20_002, cumulativeLost: 0 });
    expect(stats.packetsReceived).toBe(2);
  });

  it('A.1 counts a packet reordered within MAX_MISORDER without moving the highest sequence', () => {
    const stats = new ReceiverStatistics(VIDEO);
    feed(stats, [1, 2, 3, 5]);
    expect(feed(stats, [4])).toEqual([true]);
    expect(stats.extendedHighestSequence).toBe(5);
    expect(stats.createReportBlock(0)).toMatchObject({ cumulativeLost: 0 });
  });
});

describe('ReceiverStatistics: loss (RFC 3550 A.3)', () => {
  it('A.3 reports 10 of 100 lost as cumulative 10, fraction 25/256, then 0 for a clean interval', () => {
    const stats = new ReceiverStatistics(VIDEO);
    const lost = new Set([110, 120, 121, 130, 140, 150, 160, 170, 180, 190]);
    feed(stats, [99, ...range(100, 199).filter((s) => !lost.has(s))]);
    // base_seq 100 (probation ended there), highest 199: expected 100, received 90.
    expect(stats.createReportBlock(0)).toMatchObject({ cumulativeLost: 10, fractionLost: Math.floor((10 * 256) / 100), extendedHighestSequence: 199 });
    feed(stats, range(200, 299));
    expect(stats.createReportBlock(0)).toMatchObject({ cumulativeLost: 10, fractionLost: 0, extendedHighestSequence: 299 });
  });

  it('A.3 lets duplicates make cumulative lost negative, and reports fraction 0 for that interval', () => {
    const stats = new ReceiverStatistics(VIDEO);
    feed(stats, [1, 2, 3, 3, 3]);
    expect(stats.createReportBlock(0)).toMatchObject({ cumulativeLost: -2, fractionLost: 0 });
  });

  it('A.3 clamps cumulative lost to the 24-bit signed maximum', () => {
    const stats = new ReceiverStatistics({ ...VIDEO, maxDropout: 65_000 });
    feed(stats, [0, 1]);
    let seq = 1;
    for (let i = 0; i < 140; i++) {
      seq = (seq + 64_999) % 65536;
      stats.receivePacket({ sequenceNumber: seq, rtpTimestamp: 0, arrivalTimeMs: 0 });
    }
    expect(stats.createReportBlock(0)?.cumulativeLost).toBe(0x7fffff);
  });

  it('reports nothing while the source is on probation', () => {
    const stats = new ReceiverStatistics(VIDEO);
    feed(stats, [5]);
    expect(stats.createReportBlock(0)).toBeUndefined();
  });
});

describe('ReceiverStatistics: jitter (RFC 3550 A.8)', () => {
  it('A.8 is 0 for packets arriving exactly on their timestamps', () => {
    const stats = new ReceiverStatistics(VIDEO);
    feed(stats, range(0, 50));
    expect(stats.jitter).toBe(0);
  });

  it('A.8 converges as J(n) = |D|·(1 − (15/16)^n) when every transit changes by |D|', () => {
    const stats = new ReceiverStatistics(VIDEO);
    // 20 ms frames (1800 ticks at 90 kHz); arrivals alternate 0 and 10 ms late, so |D| = 900 ticks.
    for (let i = 0; i < 52; i++) {
      stats.receivePacket({ sequenceNumber: i, rtpTimestamp: i * 1800, arrivalTimeMs: i * 20 + (i % 2) * 10 });
    }
    // Packet 0 is probation, packet 1 sets the first transit, packets 2..51 give 50 updates.
    const want = 900 * (1 - (15 / 16) ** 50);
    expect(stats.jitter).toBeCloseTo(want, 6);
    expect(stats.createReportBlock(0)?.jitter).toBe(Math.floor(want));
  });

  it('A.8 is not thrown by the 32-bit RTP timestamp wrapping', () => {
    const stats = new ReceiverStatistics({ ssrc: 1, clockRate: 48_000 });
    for (let i = 0; i < 20; i++) {
      stats.receivePacket({ sequenceNumber: i, rtpTimestamp: (2 ** 32 - 4800 + i * 960) >>> 0, arrivalTimeMs: i * 20 });
    }
    expect(stats.jitter).toBe(0);
  });
});

describe('LSR, DLSR and round-trip time (RFC 3550 §6.4.1)', () => {
  it('§6.4.1 fills LSR with the middle of the last SR\'s NTP time and DLSR with the wait since, in 1/65536 s', () => {
    const stats = new ReceiverStatistics(VIDEO);
    feed(stats, [1, 2]);
    expect(stats.createReportBlock(0)).toMatchObject({ lastSenderReport: 0, delaySinceLastSenderReport: 0 });
    stats.receiveSenderReport({ ntpTimestamp: 0xeeafd7fa8940bbb1n, arrivalTimeMs: 1_000 });
    expect(stats.createReportBlock(3_500)).toMatchObject({ lastSenderReport: 0xd7fa8940, delaySinceLastSenderReport: 2.5 * 65_536 });
  });

  const block = (lastSenderReport: number, delaySinceLastSenderReport: number): ReportBlock => ({
    ssrc: 1,
    fractionLost: 0,
    cumulativeLost: 0,
    extendedHighestSequence: 0,
    jitter: 0,
    lastSenderReport,
    delaySinceLastSenderReport,
  });

  it.each([
    { name: 'RFC 3550 §6.4.1 worked example: A 0xb7108000, LSR 0xb7052000, DLSR 0x00054000 is 6.125 s', a: 0xb710_8000, lsr: 0xb705_2000, dlsr: 0x0005_4000, ms: 6_125 },
    { name: 'across the wrap of the 32-bit compact time', a: 0x0000_1000, lsr: 0xffff_f000, dlsr: 0x0000_1000, ms: 1_000 / 16 },
    { name: 'a negative result (clock stepped back) is 0', a: 0x0001_0000, lsr: 0x0001_0000, dlsr: 0x0000_1000, ms: 0 },
  ])('$name', ({ a, lsr, dlsr, ms }) => {
    expect(roundTripTimeMs(block(lsr, dlsr), a)).toBeCloseTo(ms, 9);
  });

  it('§6.4.1 has no round-trip time before the peer received an SR (LSR = 0)', () => {
    expect(roundTripTimeMs(block(0, 0), 0x1234_5678)).toBeUndefined();
  });

  it('refuses a clock rate of 0', () => {
    expect(() => new ReceiverStatistics({ ssrc: 1, clockRate: 0 })).toThrow(RangeError);
  });
});
