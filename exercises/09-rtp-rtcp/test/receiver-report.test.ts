import { describe, expect, it } from 'vitest';
import { ReceptionStats, type ReceptionReport } from '../receiver-report.ts';

/** Feeds `seqs` in arrival order, as a steady 8 kHz stream: 160 timestamp units and 20 ms per number. */
function feed(stats: ReceptionStats, seqs: readonly number[]): void {
  for (const seq of seqs) stats.onPacket(seq, seq * 160, seq * 20);
}

function range(from: number, to: number, except: readonly number[] = []): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i).filter((seq) => !except.includes(seq));
}

/** One stats object fed `seqs`, then report(). */
function reportAfter(seqs: readonly number[]): ReceptionReport {
  const stats = new ReceptionStats(8000);
  feed(stats, seqs);
  return stats.report();
}

describe('09-rtp-rtcp: ReceptionStats, loss (RFC 3550 A.1, A.3)', () => {
  const cases: Array<{ name: string; seqs: number[]; report: Partial<ReceptionReport> }> = [
    { name: 'a stream without loss', seqs: range(100, 199), report: { extendedHighestSeq: 199, cumulativeLost: 0, fractionLost: 0 } },
    { name: 'a single packet', seqs: [5000], report: { extendedHighestSeq: 5000, cumulativeLost: 0, fractionLost: 0 } },
    { name: '2 of 10 lost: fraction floor(2 × 256 / 10) = 51', seqs: range(0, 9, [3, 4]), report: { extendedHighestSeq: 9, cumulativeLost: 2, fractionLost: 51 } },
    { name: 'every other packet lost: fraction floor(50 × 256 / 101) = 126', seqs: range(0, 100).filter((seq) => seq % 2 === 0), report: { cumulativeLost: 50, fractionLost: 126 } },
    { name: 'a late packet fills its gap', seqs: [10, 11, 13, 12, 14], report: { extendedHighestSeq: 14, cumulativeLost: 0, fractionLost: 0 } },
    { name: 'a duplicate makes cumulative lost negative', seqs: [10, 11, 12, 12, 13], report: { extendedHighestSeq: 13, cumulativeLost: -1, fractionLost: 0 } },
    { name: 'a packet 99 behind the highest still counts as reordered', seqs: [...range(0, 199, [100]), 100], report: { extendedHighestSeq: 199, cumulativeLost: 0 } },
    { name: 'a packet MAX_MISORDER (100) behind is a jump, not counted', seqs: [...range(0, 200, [100]), 100], report: { extendedHighestSeq: 200, cumulativeLost: 1 } },
    { name: '65535 is followed by 0: the extended number counts the wrap', seqs: [65533, 65534, 65535, 0, 1], report: { extendedHighestSeq: 65537, cumulativeLost: 0 } },
    { name: 'loss across the wrap', seqs: [65534, 65535, 2], report: { extendedHighestSeq: 65538, cumulativeLost: 2, fractionLost: 102 } },
    { name: 'a late packet from before the wrap', seqs: [65534, 0, 1, 65535], report: { extendedHighestSeq: 65537, cumulativeLost: 0 } },
    { name: 'a stream starting at 65535', seqs: [65535, 0], report: { extendedHighestSeq: 65536, cumulativeLost: 0 } },
    { name: 'one stray jump of more than MAX_DROPOUT is not counted', seqs: [...range(0, 9), 20000, 10, 11], report: { extendedHighestSeq: 11, cumulativeLost: 0, fractionLost: 0 } },
    { name: 'a jump of 2999 is still in order (with 2998 lost)', seqs: [0, 2999], report: { extendedHighestSeq: 2999, cumulativeLost: 2998, fractionLost: 255 } },
    { name: 'two jumps in sequence: the sender restarted, counting starts over there', seqs: [...range(0, 9), 20000, 20001, 20002], report: { extendedHighestSeq: 20002, cumulativeLost: 0, fractionLost: 0 } },
    { name: 'a restart after packets in between, with loss after it', seqs: [...range(0, 9), 40000, 10, 11, 40001, 40003], report: { extendedHighestSeq: 40003, cumulativeLost: 1, fractionLost: 85 } },
  ];
  for (const { name, seqs, report } of cases) {
    it(name, () => {
      expect(reportAfter(seqs)).toMatchObject(report);
    });
  }

  it('reports all zeros before any packet', () => {
    expect(new ReceptionStats(48000).report()).toEqual({ extendedHighestSeq: 0, cumulativeLost: 0, fractionLost: 0, jitter: 0 });
  });

  it('counts the wraps of a long stream', () => {
    const stats = new ReceptionStats(8000);
    for (let i = 0; i < 3 * 65536 + 10; i++) stats.onPacket((40000 + i) % 65536, 0, 0);
    expect(stats.report()).toMatchObject({ extendedHighestSeq: 40000 + 3 * 65536 + 9, cumulativeLost: 0 });
  });

  it('saturates cumulative lost at 8388607, the largest 24-bit signed value', () => {
    const stats = new ReceptionStats(8000);
    for (let i = 0; i < 2800; i++) stats.onPacket((i * 2999) % 65536, 0, 0);
    expect(stats.report()).toMatchObject({ extendedHighestSeq: 2799 * 2999, cumulativeLost: 8388607, fractionLost: 255 });
  });

  it('fraction lost covers the interval since the previous report', () => {
    const stats = new ReceptionStats(8000);
    feed(stats, range(0, 9, [3, 4]));
    expect(stats.report()).toMatchObject({ cumulativeLost: 2, fractionLost: 51 });
    feed(stats, range(10, 19, [15]));
    expect(stats.report()).toMatchObject({ extendedHighestSeq: 19, cumulativeLost: 3, fractionLost: 25 });
    expect(stats.report(), 'an interval without packets').toMatchObject({ cumulativeLost: 3, fractionLost: 0 });
    feed(stats, range(20, 23));
    expect(stats.report()).toMatchObject({ extendedHighestSeq: 23, cumulativeLost: 3, fractionLost: 0 });
  });

  it('a packet filling a gap of the previous interval gives that interval no loss', () => {
    const stats = new ReceptionStats(8000);
    feed(stats, [0, 1, 3, 4]);
    expect(stats.report()).toMatchObject({ cumulativeLost: 1, fractionLost: 51 });
    feed(stats, [2, 5]);
    expect(stats.report()).toMatchObject({ extendedHighestSeq: 5, cumulativeLost: 0, fractionLost: 0 });
  });

  it('a restart starts the fraction lost interval over', () => {
    const stats = new ReceptionStats(8000);
    feed(stats, range(0, 9));
    stats.report();
    feed(stats, [30000, 30001, 30003, 30004]);
    expect(stats.report()).toMatchObject({ extendedHighestSeq: 30004, cumulativeLost: 1, fractionLost: 64 });
  });
});

describe('09-rtp-rtcp: ReceptionStats, jitter (RFC 3550 A.8)', () => {
  /** Reports the jitter after each packet: [seq, rtpTimestamp, arrivalMs]. */
  function jitterAfterEach(clockRate: number, packets: ReadonlyArray<readonly [number, number, number]>): number[] {
    const stats = new ReceptionStats(clockRate);
    return packets.map(([seq, timestamp, arrivalMs]) => {
      stats.onPacket(seq, timestamp, arrivalMs);
      return stats.report().jitter;
    });
  }

  it('is 0 for packets that arrive exactly as they were timestamped, whatever the network delay', () => {
    const packets = range(0, 49).map((i) => [i, 1000 + i * 960, 137 + i * 20] as const);
    expect(jitterAfterEach(48000, packets).at(-1)).toBe(0);
  });

  it('follows J += (|D| - J) / 16 for one packet 32 ms late (8 kHz)', () => {
    // 40 ms apart, 320 units apart; packet 2 arrives at 112 instead of 80: D = +256, then -256, then 0.
    const packets = [[0, 0, 0], [1, 320, 40], [2, 640, 112], [3, 960, 120], [4, 1280, 160]] as const;
    expect(jitterAfterEach(8000, packets)).toEqual([0, 0, 16, 31, 29]); // 16, 31, 29.0625
  });

  it('is in timestamp units: the same delays at 90 kHz', () => {
    const packets = [[0, 0, 0], [1, 3600, 40], [2, 7200, 112], [3, 10800, 120], [4, 14400, 160]] as const;
    expect(jitterAfterEach(90000, packets)).toEqual([0, 0, 180, 348, 326]); // 180, 348.75, 326.953125
  });

  it('takes the timestamp difference across the 2^32 wrap as a small step', () => {
    const start = 2 ** 32 - 640;
    const packets = [0, 1, 2, 3, 4].map((i) => [i, (start + i * 320) % 2 ** 32, [0, 40, 112, 120, 160][i]!] as const);
    expect(jitterAfterEach(8000, packets)).toEqual([0, 0, 16, 31, 29]);
  });

  it('uses arrival order, also for a reordered packet', () => {
    // Packet 2 arrives after 3: D = (80-40)*8 - (960-320) = -320, then (84-80)*8 - (640-960) = 352.
    const packets = [[0, 0, 0], [1, 320, 40], [3, 960, 80], [2, 640, 84]] as const;
    expect(jitterAfterEach(8000, packets)).toEqual([0, 0, 20, 40]); // 20, 40.75
  });

  it('accepts arrival times with fractions of a millisecond', () => {
    // 20 ms of 48 kHz is 960 units; arriving 0.5 ms late is D = 24 units: J = 1.5, then 1.5 + (24 - 1.5) / 16.
    const packets = [[0, 0, 0], [1, 960, 20.5], [2, 1920, 40]] as const;
    expect(jitterAfterEach(48000, packets)).toEqual([0, 1, 2]); // 1.5, 2.90625
  });

  it('ignores a stray jump (not counted, no jitter sample)', () => {
    const packets = [[0, 0, 0], [1, 160, 20], [9000, 999999, 500], [2, 320, 40]] as const;
    expect(jitterAfterEach(8000, packets)).toEqual([0, 0, 0, 0]);
  });

  it('takes any positive clock rate, and refuses others with a RangeError', () => {
    expect(new ReceptionStats(1).report().jitter).toBe(0);
    for (const clockRate of [0, -90000, Number.NaN]) {
      expect(() => new ReceptionStats(clockRate), String(clockRate)).toThrow(RangeError);
    }
  });
});
