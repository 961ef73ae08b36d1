/**
 * Where a peer's RTCP goes, with Chromium 156's real compound packets
 * (fixtures rtcp-clear/): SR and XR DLRR to the producer stream of the
 * sender's SSRC, report blocks, NACK, PLI and FIR to the consumer of the
 * SSRC they name, the rest counted and left alone.
 */
import { describe, expect, it } from 'vitest';
import { readFixture } from '#fixtures/index.ts';
import { type RtcpPacket, parseRtcp } from '../rtcp/index.ts';
import type { MediaConsumer } from './media-consumer.ts';
import type { ProducerEncoding } from './media-producer.ts';
import { RtcpDispatchCounts, type RtcpTargets, dispatchRtcp } from './rtcp-dispatch.ts';
import { CLEAR } from './test-packets.ts';

/** Fake producer encodings and consumers that record what reaches them; a consumer answers to its media and RTX SSRC. */
function recordingTargets(producerSsrcs: number[], consumerStreams: { ssrc: number; rtxSsrc?: number }[]): { targets: RtcpTargets; calls: string[] } {
  const calls: string[] = [];
  const encodings = new Map(
    producerSsrcs.map((ssrc) => [
      ssrc,
      {
        stream: {
          receiveSenderReport: (report: { rtpTimestamp: number }) => calls.push(`${ssrc} sr rtp=${report.rtpTimestamp}`),
          receiveDlrr: (report: { ssrc: number }) => calls.push(`${ssrc} dlrr from=${report.ssrc}`),
        },
      } as unknown as ProducerEncoding,
    ]),
  );
  const consumers = consumerStreams.map(
    ({ ssrc, rtxSsrc }) =>
      ({
        ssrc,
        rtxSsrc,
        receiveReceiverReport: (block: { extendedHighestSequence: number }) => calls.push(`${ssrc} rr highest=${block.extendedHighestSequence}`),
        receiveNack: (nacks: readonly { packetId: number }[]) => calls.push(`${ssrc} nack ${nacks.map((nack) => nack.packetId).join(',')}`),
        receiveKeyframeRequest: (kind: string) => calls.push(`${ssrc} ${kind}`),
      }) as unknown as MediaConsumer,
  );
  return {
    calls,
    targets: {
      producerEncoding: (ssrc) => encodings.get(ssrc),
      producerEncodings: () => encodings.values(),
      consumer: (ssrc) => consumers.find((consumer) => consumer.ssrc === ssrc || consumer.rtxSsrc === ssrc),
    },
  };
}

const fixture = (name: string): RtcpPacket[] => parseRtcp(readFixture(`rtcp-clear/${name}.rtcp.bin`));

describe('dispatchRtcp with real Chromium RTCP', () => {
  it.each([
    { name: '01-sr-sdes', calls: [`${CLEAR.video.ssrc} sr rtp=3558488336`], counts: { handled: 1, unknownSsrc: 0, ignored: 1 } },
    { name: '02-sr-sdes-xr-dlrr', calls: [`${CLEAR.video.ssrc} sr rtp=3558571316`, `${CLEAR.video.ssrc} dlrr from=1`], counts: { handled: 2, unknownSsrc: 0, ignored: 1 } },
    { name: '03-rr1-xr-rrtr', calls: [`${CLEAR.audio.ssrc} rr highest=6758`], counts: { handled: 1, unknownSsrc: 0, ignored: 0 } },
    // The block about the RTX SSRC says nothing about the media the subscriber sees: ignored.
    { name: '04-rr2-xr-rrtr', calls: [`${CLEAR.video.ssrc} rr highest=30375`], counts: { handled: 1, unknownSsrc: 0, ignored: 1 } },
    { name: '05-transport-cc', calls: [], counts: { handled: 0, unknownSsrc: 0, ignored: 1 } },
    { name: '06-nack', calls: [`${CLEAR.video.ssrc} nack 30608`], counts: { handled: 1, unknownSsrc: 0, ignored: 0 } },
  ])('$name', ({ name, calls, counts }) => {
    const { targets, calls: made } = recordingTargets([CLEAR.video.ssrc], [{ ssrc: CLEAR.audio.ssrc }, { ssrc: CLEAR.video.ssrc, rtxSsrc: CLEAR.video.rtxSsrc }]);
    const tally = new RtcpDispatchCounts();
    dispatchRtcp(fixture(name), targets, tally);
    expect(made).toEqual(calls);
    expect(tally.values).toEqual(counts);
  });

  it('PLI and FIR reach the consumer of the SSRC they name; feedback about unknown SSRCs is counted', () => {
    const { targets, calls } = recordingTargets([], [{ ssrc: 1111 }]);
    const tally = new RtcpDispatchCounts();
    dispatchRtcp(
      [
        { kind: 'picture-loss-indication', senderSsrc: 9, mediaSsrc: 1111 },
        { kind: 'full-intra-request', senderSsrc: 9, mediaSsrc: 0, entries: [{ ssrc: 1111, sequenceNumber: 1 }, { ssrc: 2222, sequenceNumber: 1 }] },
        { kind: 'transport-layer-nack', senderSsrc: 9, mediaSsrc: 3333, nacks: [{ packetId: 1, lostPackets: 0 }] },
      ],
      targets,
      tally,
    );
    expect(calls).toEqual(['1111 pli', '1111 fir']);
    expect(tally.values).toEqual({ handled: 2, unknownSsrc: 2, ignored: 0 });
  });

  it('a DLRR whose sender is not a producer stream goes to every producer stream of the transport', () => {
    const { targets, calls } = recordingTargets([10, 20], []);
    dispatchRtcp(fixture('02-sr-sdes-xr-dlrr'), targets, new RtcpDispatchCounts());
    expect(calls).toEqual(['10 dlrr from=1', '20 dlrr from=1']);
  });
});
