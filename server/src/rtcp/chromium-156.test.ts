/**
 * Real RTCP from Chromium 156 (server/fixtures/chromium-156, see its README):
 * every clear fixture parses into the packets the manifest describes and
 * serializes back byte for byte, and so does every clear RTCP datagram in the
 * capture they came from.
 */
import { describe, expect, it } from 'vitest';
import { listFixtures, readFixture } from '#fixtures/index.ts';
import { type RtcpPacket, parseRtcp, serializeRtcp } from './compound.ts';
import { findCname } from './source-description.ts';
import { clearCaptureRtcpDatagrams } from './test-capture.ts';
import { toHex } from './test-support.ts';
import { packetResults } from './transport-cc/parse.ts';
import { sequenceNumbersFromNackPairs } from './nack.ts';

const SENDER_SSRC = 0x3355b747; // PC A's audio SSRC, the SR sender in these captures
const CNAME = 'bMSGIWZ7HuZme/e9';

function only<K extends RtcpPacket['kind']>(packets: RtcpPacket[], kind: K): Extract<RtcpPacket, { kind: K }> {
  const found = packets.filter((p): p is Extract<RtcpPacket, { kind: K }> => p.kind === kind);
  expect(found).toHaveLength(1);
  return found[0]!;
}

const rows: { file: string; kinds: RtcpPacket['kind'][]; check: (packets: RtcpPacket[]) => void }[] = [
  {
    file: 'rtcp-clear/01-sr-sdes.rtcp.bin',
    kinds: ['sender-report', 'source-description'],
    check: (packets) => {
      const sr = only(packets, 'sender-report');
      expect(sr).toMatchObject({ ssrc: SENDER_SSRC, packetCount: 29, octetCount: 22283, reports: [] });
      expect(findCname(only(packets, 'source-description'), SENDER_SSRC)).toBe(CNAME);
    },
  },
  {
    file: 'rtcp-clear/02-sr-sdes-xr-dlrr.rtcp.bin',
    kinds: ['sender-report', 'source-description', 'extended-report'],
    check: (packets) => {
      expect(only(packets, 'sender-report')).toMatchObject({ ssrc: SENDER_SSRC, packetCount: 82 });
      const xr = only(packets, 'extended-report');
      expect(xr.blocks).toEqual([{ type: 'dlrr', reports: [{ ssrc: 1, lastReceiverReport: 0xd7fb3938, delaySinceLastReceiverReport: 0x3bce }] }]);
    },
  },
  {
    file: 'rtcp-clear/03-rr1-xr-rrtr.rtcp.bin',
    kinds: ['receiver-report', 'extended-report'],
    check: (packets) => {
      const rr = only(packets, 'receiver-report');
      expect(rr.ssrc).toBe(0xfa17fa17);
      expect(rr.reports).toEqual([
        { ssrc: 0x0586e8e5, fractionLost: 0, cumulativeLost: 0, extendedHighestSequence: 6758, jitter: 9, lastSenderReport: 0xd7fc6538, delaySinceLastSenderReport: 0x1ff2 },
      ]);
      expect(only(packets, 'extended-report').blocks).toEqual([{ type: 'receiver-reference-time', ntpTimestamp: 0xeeafd7fc85373affn }]);
    },
  },
  {
    file: 'rtcp-clear/04-rr2-xr-rrtr.rtcp.bin',
    kinds: ['receiver-report', 'extended-report'],
    check: (packets) => {
      const rr = only(packets, 'receiver-report');
      expect(rr.ssrc).toBe(1);
      expect(rr.reports.map((r) => r.ssrc)).toEqual([0xccfc0de6, SENDER_SSRC]);
      // Before any SR had arrived, LSR and DLSR are 0 (RFC 3550 §6.4.1).
      expect(rr.reports.every((r) => r.lastSenderReport === 0 && r.delaySinceLastSenderReport === 0)).toBe(true);
    },
  },
  {
    file: 'rtcp-clear/05-transport-cc.rtcp.bin',
    kinds: ['transport-cc'],
    check: (packets) => {
      const feedback = only(packets, 'transport-cc');
      expect(feedback).toMatchObject({ senderSsrc: 0xfa17fa17, baseSequenceNumber: 1, packetStatusCount: 4, feedbackPacketCount: 0 });
      expect(feedback.chunks).toEqual([{ type: 'run-length', symbol: 1, runLength: 4 }]);
      const results = packetResults(feedback);
      expect(results.map((r) => r.sequenceNumber)).toEqual([1, 2, 3, 4]);
      // 20 ms apart: one audio packet per Opus frame.
      expect(results.slice(1).map((r, i) => r.arrivalTimeUs! - results[i]!.arrivalTimeUs!)).toEqual([20_000, 20_000, 20_000]);
    },
  },
  {
    file: 'rtcp-clear/06-nack.rtcp.bin',
    kinds: ['transport-layer-nack'],
    check: (packets) => {
      const nack = only(packets, 'transport-layer-nack');
      expect(nack).toMatchObject({ senderSsrc: 1, mediaSsrc: SENDER_SSRC });
      expect(sequenceNumbersFromNackPairs(nack.nacks)).toEqual([30608]);
    },
  },
];

describe('Chromium 156 RTCP fixtures', () => {
  it('has a row for every rtcp-clear fixture', () => {
    expect(rows.map((row) => row.file)).toEqual(listFixtures('rtcp-clear'));
  });

  it.each(rows)('$file parses into $kinds and round-trips byte for byte', ({ file, kinds, check }) => {
    const bytes = readFixture(file);
    const packets = parseRtcp(bytes);
    expect(packets.map((p) => p.kind)).toEqual(kinds);
    check(packets);
    expect(toHex(serializeRtcp(packets))).toBe(toHex(bytes));
  });

  it('every clear RTCP datagram of clear-rtp-rtcp.pcapng parses and round-trips byte for byte', () => {
    const datagrams = clearCaptureRtcpDatagrams();
    const kinds = new Map<string, number>();
    for (const datagram of datagrams) {
      const packets = parseRtcp(datagram);
      const shape = packets.map((p) => p.kind).join('+');
      kinds.set(shape, (kinds.get(shape) ?? 0) + 1);
      expect(toHex(serializeRtcp(packets))).toBe(toHex(datagram));
    }
    expect(Object.fromEntries(kinds)).toEqual({
      'transport-cc': 160,
      'sender-report+source-description+extended-report': 12,
      'transport-layer-nack': 12,
      'receiver-report+extended-report': 13,
      'sender-report+source-description': 4,
    });
  });
});
