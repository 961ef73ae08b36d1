import { describe, expect, it } from 'vitest';
import { parseRtcp } from '../compound.ts';
import { clearCaptureRtcpDatagrams } from '../test-capture.ts';
import { toHex } from '../test-support.ts';
import { type ReceivedPacket, buildTransportCc } from './builder.ts';
import { packetResults, parseTransportCc } from './parse.ts';
import { serializeTransportCc } from './serialize.ts';
import { StatusSymbol, type TransportLayerCc } from './types.ts';

const ids = { senderSsrc: 1, mediaSsrc: 2, feedbackPacketCount: 0 };

/** Builds, serializes, parses back, and returns the wire results of every feedback. */
function roundTrip(packets: readonly ReceivedPacket[], extra: { baseSequenceNumber?: number; maxPacketSize?: number } = {}) {
  const built = buildTransportCc({ ...ids, ...extra, packets });
  const parsed = built.map((feedback) => parseTransportCc(serializeTransportCc(feedback)));
  expect(parsed).toEqual(built);
  return { built, results: parsed.flatMap(packetResults) };
}

/** What the feedback should say: every seq from the first to the last, arrivals rounded to 250 µs. */
function expected(packets: readonly ReceivedPacket[], first: number, last: number) {
  const arrivals = new Map(packets.map((p) => [p.sequenceNumber, Math.round(p.arrivalTimeUs / 250) * 250]));
  const out = [];
  for (let seq = first; seq !== (last + 1) % 65536; seq = (seq + 1) % 65536) {
    const arrivalTimeUs = arrivals.get(seq);
    out.push(arrivalTimeUs === undefined ? { sequenceNumber: seq, received: false } : { sequenceNumber: seq, received: true, arrivalTimeUs });
  }
  return out;
}

function chunkTypes(feedback: TransportLayerCc): string[] {
  return feedback.chunks.map((c) => (c.type === 'run-length' ? `run(${c.symbol}×${c.runLength})` : `vector${c.symbolSize}`));
}

describe('buildTransportCc', () => {
  it('reports a steady stream as one run-length chunk of small deltas', () => {
    const packets = Array.from({ length: 100 }, (_, i) => ({ sequenceNumber: 1000 + i, arrivalTimeUs: 5_000_000 + i * 5_000 }));
    const { built, results } = roundTrip(packets);
    expect(built).toHaveLength(1);
    expect(chunkTypes(built[0]!)).toEqual(['run(1×100)']);
    expect(results).toEqual(expected(packets, 1000, 1099));
  });

  it('mixes small, large and negative deltas with losses, and reads them all back', () => {
    const offsets = [0, 1_000, 80_000, 79_000, 79_250, 200_000, 10_000, 10_500, 9_000_000, 9_000_250];
    const seqs = [500, 502, 504, 503, 508, 510, 506, 514, 516, 509];
    const packets = offsets.map((us, i) => ({ sequenceNumber: seqs[i]!, arrivalTimeUs: 1_000_000 + us }));
    const { built, results } = roundTrip(packets);
    const symbols = new Set(built.flatMap((f) => f.chunks.flatMap((c) => (c.type === 'run-length' ? [c.symbol] : c.symbols))));
    expect(symbols).toEqual(new Set([StatusSymbol.NotReceived, StatusSymbol.SmallDelta, StatusSymbol.LargeDelta]));
    expect(built.flatMap((f) => f.receiveDeltas).some((d) => d < 0)).toBe(true);
    expect(results).toEqual(expected(packets, 500, 516));
  });

  it('splits runs longer than 8191 (13 bits) over several chunks', () => {
    const packets = Array.from({ length: 20_000 }, (_, i) => ({ sequenceNumber: i, arrivalTimeUs: i * 1_000 }));
    const { built, results } = roundTrip(packets, { maxPacketSize: 65_536 });
    expect(built).toHaveLength(1);
    expect(chunkTypes(built[0]!)).toEqual(['run(1×8191)', 'run(1×8191)', 'run(1×3618)']);
    expect(results).toEqual(expected(packets, 0, 19_999));
  });

  it('packs alternating loss into 1-bit vectors, and large deltas into 2-bit vectors', () => {
    const alternating = Array.from({ length: 14 }, (_, i) => ({ sequenceNumber: 2 * i, arrivalTimeUs: i * 1_000 }));
    expect(chunkTypes(roundTrip(alternating).built[0]!)).toEqual(['vector1', 'vector1']);
    const jumpy = Array.from({ length: 7 }, (_, i) => ({ sequenceNumber: 2 * i, arrivalTimeUs: i * 100_000 }));
    expect(chunkTypes(roundTrip(jumpy).built[0]!)).toEqual(['vector2', 'vector2']);
  });

  it('spans the 16-bit wrap of the transport-wide sequence number', () => {
    const packets = [65530, 65531, 65533, 65535, 0, 1, 4, 5].map((seq, i) => ({ sequenceNumber: seq, arrivalTimeUs: 64_000 * 10 + i * 3_000 }));
    const { built, results } = roundTrip(packets);
    expect(built).toHaveLength(1);
    expect(built[0]).toMatchObject({ baseSequenceNumber: 65530, packetStatusCount: 12, referenceTime: 10 });
    expect(results).toEqual(expected(packets, 65530, 5));
  });

  it('reports losses right after baseSequenceNumber and ignores packets before it', () => {
    const packets = [
      { sequenceNumber: 95, arrivalTimeUs: 1_000 },
      { sequenceNumber: 103, arrivalTimeUs: 2_000 },
    ];
    const { built, results } = roundTrip(packets, { baseSequenceNumber: 100 });
    expect(built[0]).toMatchObject({ baseSequenceNumber: 100, packetStatusCount: 4 });
    expect(results).toEqual(expected(packets, 100, 103));
  });

  it('keeps the first arrival of a duplicate and accepts any input order', () => {
    const packets = [
      { sequenceNumber: 12, arrivalTimeUs: 3_000 },
      { sequenceNumber: 10, arrivalTimeUs: 1_000 },
      { sequenceNumber: 12, arrivalTimeUs: 9_000 },
    ];
    expect(roundTrip(packets).results).toEqual(expected(packets.slice(0, 2), 10, 12));
  });

  it('starts a new feedback when a delta exceeds 16 bits, still reporting the losses between', () => {
    const packets = [
      { sequenceNumber: 1, arrivalTimeUs: 0 },
      { sequenceNumber: 3, arrivalTimeUs: 10_000_000 }, // 10 s later: 40000 ticks > 32767
    ];
    const { built, results } = roundTrip(packets);
    expect(built.map((f) => [f.baseSequenceNumber, f.packetStatusCount, f.feedbackPacketCount])).toEqual([
      [1, 1, 0],
      [2, 2, 1],
    ]);
    expect(results).toEqual(expected(packets, 1, 3));
  });

  it('keeps each feedback within maxPacketSize, covering every sequence number once', () => {
    const packets = Array.from({ length: 3_000 }, (_, i) => ({ sequenceNumber: (60_000 + i * 2) % 65536, arrivalTimeUs: (i % 2) * 200_000 + i * 70_000 }));
    const { built, results } = roundTrip(packets, { maxPacketSize: 300 });
    expect(built.length).toBeGreaterThan(10);
    for (const feedback of built) expect(serializeTransportCc(feedback).length).toBeLessThanOrEqual(300);
    expect(results).toEqual(expected(packets, 60_000, (60_000 + 2 * 2_999) % 65536));
  });

  it('wraps the feedback packet count from 255 to 0', () => {
    const packets = [
      { sequenceNumber: 1, arrivalTimeUs: 0 },
      { sequenceNumber: 2, arrivalTimeUs: 9_000_000 },
    ];
    expect(buildTransportCc({ ...ids, feedbackPacketCount: 255, packets }).map((f) => f.feedbackPacketCount)).toEqual([255, 0]);
  });

  it('builds nothing when nothing arrived', () => {
    expect(buildTransportCc({ ...ids, packets: [] })).toEqual([]);
  });

  it.each([
    { name: 'a sequence number over 16 bits', packets: [{ sequenceNumber: 65536, arrivalTimeUs: 0 }] },
    { name: 'a negative arrival time', packets: [{ sequenceNumber: 1, arrivalTimeUs: -1 }] },
  ])('refuses $name', ({ packets }) => {
    expect(() => buildTransportCc({ ...ids, packets })).toThrow(RangeError);
  });

  it('rebuilds the feedback Chromium sent in clear-rtp-rtcp.pcapng, byte for byte in all but one case', () => {
    let identical = 0;
    let total = 0;
    for (const datagram of clearCaptureRtcpDatagrams()) {
      const [sent] = parseRtcp(datagram);
      if (sent?.kind !== 'transport-cc') continue;
      total++;
      const packets = packetResults(sent).flatMap((r) => (r.received ? [{ sequenceNumber: r.sequenceNumber, arrivalTimeUs: r.arrivalTimeUs! }] : []));
      const [rebuilt] = buildTransportCc({ ...sent, packets, baseSequenceNumber: sent.baseSequenceNumber });
      // Same statuses and arrival times in every case...
      expect(packetResults(rebuilt!)).toEqual(packetResults(sent));
      if (toHex(serializeTransportCc(rebuilt!)) === toHex(datagram)) identical++;
    }
    // ...and the same chunks and reference time as Chromium's encoder in all but one, where
    // Chromium chose the reference time 64 ms earlier and opened with a large delta.
    expect(total).toBe(160);
    expect(identical).toBeGreaterThanOrEqual(159);
  });
});
