/**
 * Seeded fuzzing of the media path: random datagrams and mutations of real
 * Chromium packets go through the listener, the producer streams and a
 * consumer. Nothing may throw (bad input is dropped and counted), and every
 * packet the consumer emits must serialize and parse back. `npm run fuzz`
 * raises the count through FUZZ_CASES.
 */
import { listFixtures, readFixture } from '#fixtures/index.ts';
import { SeededRandom, fuzz } from '#server/common/fuzz.ts';
import { describe, expect, it } from 'vitest';
import { nackPairsFromSequenceNumbers } from '../rtcp/index.ts';
import { parseRtpPacket, serializeRtpPacket, type RtpPacket } from '../rtp/index.ts';
import { ConsumerStream } from './consumer-stream.ts';
import { ProducerStream, type ProducerPacketResult } from './producer-stream.ts';
import { RtpListener } from './rtp-listener.ts';
import { manualNow } from './test-packets.ts';

const CASES = Number(process.env.FUZZ_CASES ?? 50_000);
const TIMEOUT_MS = Math.max(15_000, CASES / 5);

const seeds = [...listFixtures('rtp-clear'), ...listFixtures('simulcast')].map((file) => new Uint8Array(readFixture(file)));

function pipeline() {
  const clock = manualNow();
  const video = new ProducerStream({ kind: 'video', mimeType: 'video/VP8', clockRate: 90_000, rtxApt: new Map([[97, 96]]), now: clock.now });
  const audio = new ProducerStream({ kind: 'audio', mimeType: 'audio/opus', clockRate: 48_000, now: clock.now });
  const listener = new RtpListener<ProducerStream>();
  listener.addProducer({ id: 'a', mid: '0', headerExtensionIds: { mid: 4 }, rtxPayloadTypes: [], encodings: [{ target: audio }] });
  listener.addProducer({ id: 'v', mid: '1', headerExtensionIds: { mid: 4, rid: 10, repairedRid: 11 }, rtxPayloadTypes: [97], encodings: [{ target: video }] });
  const consumer = new ConsumerStream({
    kind: 'video',
    clockRate: 90_000,
    ssrc: 1,
    payloadTypes: new Map([[96, 100]]),
    rtx: { ssrc: 2, payloadType: 101 },
    headerExtensionIds: new Map([
      [2, 2],
      [12, 12],
      [9, 9],
    ]),
    mid: { id: 4, value: '5' },
    now: clock.now,
  });
  const emitted: RtpPacket[] = [];
  const deliver = (result: ProducerPacketResult, source: ProducerStream) => {
    if (result.action === 'skip' && source === video) consumer.skip(result.sequenceNumber);
    if (result.action !== 'forward' || source !== video) return;
    const out = consumer.send(result.packet, { source, keyframe: result.keyframe });
    if (out !== undefined) emitted.push(out);
  };
  const receive = (datagram: Uint8Array) => {
    clock.advance(1);
    const route = listener.receive(datagram);
    if (route.kind === 'media') deliver(route.target.receivePacket(route.packet), route.target);
    else if (route.kind === 'rtx') deliver(route.target.receiveRtx(route.packet), route.target);
    else if (route.kind === 'padding') deliver(route.target.receivePacket(route.packet), route.target);
  };
  return { clock, video, audio, listener, consumer, emitted, receive };
}

function checkSerializable(packet: RtpPacket): void {
  const back = parseRtpPacket(serializeRtpPacket(packet));
  if (back.ssrc !== packet.ssrc || back.sequenceNumber !== packet.sequenceNumber || back.payload.length !== packet.payload.length) {
    throw new Error('an emitted packet does not read back as written');
  }
}

describe('media path fuzz', () => {
  it(
    'random and mutated datagrams never throw through listener, producer and consumer, and what goes out serializes',
    () => {
      const context = pipeline();
      const random = new SeededRandom(0x6d656469);
      let i = 0;
      fuzz({
        seed: 0x5f5f,
        cases: CASES,
        seeds,
        maxRandomLength: 300,
        check: (input) => {
          context.receive(input);
          if (++i % 64 === 0) {
            const nacked = Array.from({ length: 1 + random.below(20) }, () => random.below(65536));
            context.emitted.push(...context.consumer.receiveNack(nackPairsFromSequenceNumbers(nacked)));
            context.video.createReportBlock();
            context.audio.createReportBlock();
            context.consumer.createSenderReport();
          }
          for (const packet of context.emitted) checkSerializable(packet);
          context.emitted.length = 0;
        },
      });
      const stats = context.listener.stats;
      // The run reached every branch of the listener.
      expect(stats.malformed).toBeGreaterThan(0);
      expect(stats.unknown).toBeGreaterThan(0);
      expect(stats.media).toBeGreaterThan(0);
      expect(stats['padding-probe']).toBeGreaterThan(0);
    },
    TIMEOUT_MS,
  );

  it('the real padding probe, with any header bit flipped but the first octet (V, P, X, CC), is never forwarded', () => {
    const probe = new Uint8Array(readFixture('rtp-clear/05-rtx-padding.rtp.bin'));
    const context = pipeline();
    context.receive(new Uint8Array(readFixture('rtp-clear/03-vp8-keyframe-first.rtp.bin')));
    const before = context.consumer.getStats().packetsSent;
    // The first octet (V, P, X, CC) decides where the payload starts; SRTP authentication rejects such corruption anyway.
    for (let bit = 8; bit < 12 * 8; bit++) {
      const mutated = probe.slice();
      mutated[bit >> 3]! ^= 1 << (bit & 7);
      context.receive(mutated);
    }
    context.receive(probe);
    expect(context.consumer.getStats().packetsSent).toBe(before);
  });
});
