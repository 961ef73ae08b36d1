/**
 * The compounds a transport's scheduler sends (RFC 3550 §6.1: each starts
 * with an SR or RR), sized to stay well inside one datagram.
 */
import { describe, expect, it } from 'vitest';
import { MAX_REPORT_BLOCKS, type ReportBlock, type SenderReport, serializeRtcp, unixMsFromNtp } from '../rtcp/index.ts';
import type { MediaConsumer } from './media-consumer.ts';
import { SUBSCRIBER_REPORTS_PER_COMPOUND, publisherReports, subscriberReports, worstFractionLost } from './transport-reports.ts';

const block = (ssrc: number, fractionLost = 0): ReportBlock => ({
  ssrc,
  fractionLost,
  cumulativeLost: 0,
  extendedHighestSequence: 100,
  jitter: 0,
  lastSenderReport: 0,
  delaySinceLastSenderReport: 0,
});

function consumer(ssrc: number, withReport: boolean): MediaConsumer {
  const sr: SenderReport = { kind: 'sender-report', ssrc, ntpTimestamp: 1n << 32n, rtpTimestamp: 0, packetCount: 1, octetCount: 100, reports: [], profileExtensions: new Uint8Array(0) };
  return {
    createSenderReport: () => (withReport ? sr : undefined),
    sdesChunk: () => ({ source: ssrc, items: [{ type: 1, text: 'bMSGIWZ7HuZme/e9' }] }),
  } as unknown as MediaConsumer;
}

describe('publisherReports', () => {
  it('one RR of the blocks, then an XR receiver reference time at the SFU clock, then the REMB if any', () => {
    const [compound, ...rest] = publisherReports(7, [block(1), block(2)], 1_700_000_000_000, {
      kind: 'receiver-estimated-maximum-bitrate',
      senderSsrc: 7,
      mediaSsrc: 0,
      bitrate: 300_000,
      ssrcs: [1, 2],
    });
    expect(rest).toEqual([]);
    expect(compound!.map((packet) => packet.kind)).toEqual(['receiver-report', 'extended-report', 'receiver-estimated-maximum-bitrate']);
    const xr = compound![1]!;
    if (xr.kind !== 'extended-report' || xr.blocks[0]?.type !== 'receiver-reference-time') throw new Error('no RRTR');
    expect(Math.abs(unixMsFromNtp(xr.blocks[0].ntpTimestamp) - 1_700_000_000_000)).toBeLessThan(1);
  });

  it(`an empty RR when no stream is valid yet, and ${MAX_REPORT_BLOCKS} blocks per RR, each compound under 1200 bytes`, () => {
    expect(publisherReports(7, [], 0, undefined)[0]!.map((packet) => packet.kind)).toEqual(['receiver-report', 'extended-report']);
    const many = publisherReports(7, Array.from({ length: 40 }, (_, i) => block(i + 1)), 0, undefined);
    expect(many).toHaveLength(2);
    expect(many.map((compound) => compound.map((packet) => packet.kind))).toEqual([['receiver-report', 'extended-report'], ['receiver-report']]);
    for (const compound of many) expect(serializeRtcp(compound).length).toBeLessThan(1200);
  });
});

describe('subscriberReports', () => {
  it('SRs then one SDES with every CNAME; consumers without an SR yet are left out', () => {
    const [compound, ...rest] = subscriberReports([consumer(1, true), consumer(2, false), consumer(3, true)]);
    expect(rest).toEqual([]);
    expect(compound!.map((packet) => packet.kind)).toEqual(['sender-report', 'sender-report', 'source-description']);
    const sdes = compound![2]!;
    expect(sdes.kind === 'source-description' && sdes.chunks.map((chunk) => chunk.source)).toEqual([1, 3]);
    expect(subscriberReports([consumer(1, false)])).toEqual([]);
  });

  it(`${SUBSCRIBER_REPORTS_PER_COMPOUND} consumers per compound, each under 1200 bytes`, () => {
    const compounds = subscriberReports(Array.from({ length: 40 }, (_, i) => consumer(i + 1, true)));
    expect(compounds.map((compound) => compound.length)).toEqual([17, 17, 9]);
    for (const compound of compounds) expect(serializeRtcp(compound).length).toBeLessThan(1200);
  });
});

it('worstFractionLost: the worst stream, as a fraction', () => {
  expect(worstFractionLost([block(1, 10), block(2, 64)])).toBe(0.25);
  expect(worstFractionLost([])).toBe(0);
});
