import { describe, expect, it } from 'vitest';
import { packetResults, parseRtcp, serializeRtcp, type TransportLayerCc } from '../rtcp/index.ts';
import { ManualClock, TimerQueue } from '../timers/index.ts';
import { TransportCcFeedback, type TransportCcFeedbackOptions } from './transport-cc-feedback.ts';
import { CLEAR, clearFixture, rtpPacket } from './test-packets.ts';

const TWCC_ID = CLEAR.extensionIds.transportWideCc;
const SFU_SSRC = 0xfa17fa17;

function setup(options: Partial<TransportCcFeedbackOptions> = {}) {
  const clock = new ManualClock({ startMs: 1000 });
  const timers = new TimerQueue({ clock });
  const sent: TransportLayerCc[][] = [];
  const feedback = new TransportCcFeedback({ extensionId: TWCC_ID, senderSsrc: SFU_SSRC, timers, now: () => clock.now(), send: (packets) => sent.push(packets), ...options });
  /** A media packet carrying transport-wide sequence number `seq`, arriving now. */
  const arrive = (seq: number, ssrc = 0x5555) => feedback.receivePacket(rtpPacket({ ssrc, extensions: [[TWCC_ID, Uint8Array.of(seq >> 8, seq & 0xff)]] }));
  return { clock, timers, feedback, sent, arrive };
}

/** What the publisher reads: each feedback serialized, parsed as RTCP, expanded to per-packet results. */
function asReadByPublisher(feedback: readonly TransportLayerCc[]) {
  const parsed = parseRtcp(serializeRtcp(feedback));
  return parsed.flatMap((packet) => (packet.kind === 'transport-cc' ? packetResults(packet) : []));
}

describe('TransportCcFeedback', () => {
  it('reports a known arrival pattern that parses back to the same arrivals and losses', () => {
    const { clock, arrive, sent } = setup();
    // seq → ms after the previous arrival; 103 and 107 never arrive; 105 arrives late (reordered).
    const pattern: [number, number][] = [[100, 0], [101, 5], [102, 5.25], [104, 20], [106, 0.5], [105, 2], [108, 9.75], [109, 1]];
    const arrivedAtMs = new Map<number, number>();
    for (const [seq, gap] of pattern) {
      clock.advance(gap);
      arrivedAtMs.set(seq, clock.now());
      arrive(seq);
    }
    expect(sent).toHaveLength(0);
    clock.advance(50);
    expect(sent).toHaveLength(1);
    const results = asReadByPublisher(sent[0]!);
    expect(results.map((r) => [r.sequenceNumber, r.received])).toEqual([
      [100, true], [101, true], [102, true], [103, false], [104, true], [105, true], [106, true], [107, false], [108, true], [109, true],
    ]);
    // Only differences of arrival times mean anything (the reference time is the receiver's): compare them to 100's.
    const first = results[0]!.arrivalTimeUs!;
    for (const result of results.filter((r) => r.received)) {
      expect(result.arrivalTimeUs! - first).toBe((arrivedAtMs.get(result.sequenceNumber)! - arrivedAtMs.get(100)!) * 1000);
    }
    expect(sent[0]![0]).toMatchObject({ senderSsrc: SFU_SSRC, mediaSsrc: 0x5555, baseSequenceNumber: 100, feedbackPacketCount: 0 });
  });

  it('starts the next feedback right after the last one, so losses in between are reported, and counts feedback packets', () => {
    const { clock, arrive, sent } = setup();
    arrive(65534);
    arrive(65535);
    clock.advance(50);
    arrive(1); // 0 was lost, across the wrap
    arrive(65533); // late: its number was already passed, it is not reported
    clock.advance(50);
    expect(sent).toHaveLength(2);
    expect(sent[1]![0]).toMatchObject({ baseSequenceNumber: 0, packetStatusCount: 2, feedbackPacketCount: 1 });
    expect(asReadByPublisher(sent[1]!).map((r) => [r.sequenceNumber, r.received])).toEqual([[0, false], [1, true]]);
  });

  it('sends at once when enough packets accumulated', () => {
    const { arrive, sent } = setup({ maxPacketsPerFeedback: 10 });
    for (let seq = 0; seq < 25; seq++) arrive(seq);
    expect(sent.map((feedback) => feedback[0]!.baseSequenceNumber)).toEqual([0, 10]);
  });

  it('arms no timer while idle, and one per interval while packets arrive', () => {
    const { clock, timers, arrive, sent } = setup();
    expect(timers.size).toBe(0);
    arrive(1);
    arrive(2);
    expect(timers.size).toBe(1);
    clock.advance(50);
    expect(timers.size).toBe(0);
    clock.advance(500);
    expect(sent).toHaveLength(1);
  });

  it('records the RTX padding probe of the capture (the probes must be acknowledged) and skips packets without the extension', () => {
    const { feedback, clock, sent } = setup();
    feedback.receivePacket(clearFixture('05-rtx-padding.rtp.bin'));
    feedback.receivePacket(rtpPacket({ extensions: [[1, Uint8Array.of(0xff)]] }));
    clock.advance(50);
    expect(feedback.stats).toEqual({ packetsRecorded: 1, packetsWithoutSequenceNumber: 1, feedbackSent: 1 });
    // The probe's transport-wide sequence number is 5 (extension 3 = 00 05).
    expect(sent[0]![0]).toMatchObject({ baseSequenceNumber: 5, packetStatusCount: 1, mediaSsrc: CLEAR.video.rtxSsrc });
  });

  it('close() drops what is pending and cancels the timer', () => {
    const { feedback, timers, arrive, clock, sent } = setup();
    arrive(1);
    feedback.close();
    clock.advance(100);
    expect(sent).toEqual([]);
    expect(timers.size).toBe(0);
  });
});
