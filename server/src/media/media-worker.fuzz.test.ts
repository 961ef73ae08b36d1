/**
 * Garbage from peers that did complete ICE and DTLS, on real sockets: random
 * datagrams of every RFC 7983 class, and mutated real Chromium RTP and RTCP
 * protected with the peer's valid SRTP keys (so they reach the parsers and
 * the routing behind SRTP). Nothing may throw into the event loop (the mux
 * counts handlers that throw, onError hears of them); everything is dropped
 * and counted; and the call still works afterwards. `FUZZ_CASES` raises the
 * count (npm run fuzz).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { listFixtures, readFixture } from '#fixtures/index.ts';
import { SeededRandom, mutate } from '../common/fuzz.ts';
import { parseRtpPacket, setHeaderExtension } from '../rtp/index.ts';
import { SrtpError } from '../srtp/index.ts';
import { type Call, clearRtp, consumeBoth, openCall, produceChromium, sleep } from './test-call.ts';
import { CLEAR } from './test-packets.ts';
import type { TestWebRtcPeer } from './test-webrtc-peer.ts';

const CASES = Number(process.env['FUZZ_CASES'] ?? 600);
const TIMEOUT_MS = 20_000 + CASES * 10;

const RTP_SEEDS = listFixtures('rtp-clear').map((file) => new Uint8Array(readFixture(file)));
const RTCP_SEEDS = listFixtures('rtcp-clear').map((file) => new Uint8Array(readFixture(file)));

let call: Call | undefined;

afterEach(async () => {
  await call?.close();
  call = undefined;
});

/** Sends `count` datagrams made by `make` in small bursts, so loopback buffers do not overflow. */
async function blast(peer: TestWebRtcPeer, count: number, make: () => Uint8Array | undefined): Promise<number> {
  let sent = 0;
  for (let i = 0; i < count; i++) {
    const datagram = make();
    if (datagram === undefined) continue;
    peer.sendRaw(datagram);
    sent += 1;
    if (i % 50 === 49) await sleep(2);
  }
  return sent;
}

/** Mutated, then SRTP-protected with the peer's keys; undefined when SRTP refuses the mutant (not RTP any more). */
function protectedMutant(peer: TestWebRtcPeer, random: SeededRandom, seeds: readonly Uint8Array[], kind: 'rtp' | 'rtcp'): Uint8Array | undefined {
  const mutant = mutate(random.pick(seeds), random);
  try {
    return kind === 'rtp' ? peer.protectRtp(mutant) : peer.protectRtcp(mutant);
  } catch (error) {
    if (error instanceof SrtpError) return undefined;
    throw error;
  }
}

describe('MediaWorker: bad input from authenticated peers is dropped and counted', () => {
  it(
    'survives random datagrams and mutated SRTP/SRTCP from the publisher and the subscriber',
    async () => {
      call = await openCall();
      const producers = await produceChromium(call);
      const { video } = await consumeBoth(call, producers);
      const { publisher, subscriber, mediaWorker } = call;
      const random = new SeededRandom(0x5eed);
      const firstBytes = [0, 1, 20, 22, 23, 63, 64, 128, 144, 200];
      const raw = (): Uint8Array => {
        const datagram = random.bytes(1 + random.below(300));
        datagram[0] = random.pick(firstBytes);
        if (datagram.length > 1 && random.below(2) === 0) datagram[1] = 200 + random.below(8); // RTCP packet types
        return datagram;
      };

      let sent = 0;
      for (const peer of [publisher, subscriber]) {
        sent += await blast(peer, CASES, raw);
        sent += await blast(peer, CASES, () => protectedMutant(peer, random, RTP_SEEDS, 'rtp'));
        sent += await blast(peer, CASES, () => protectedMutant(peer, random, RTCP_SEEDS, 'rtcp'));
      }
      await sleep(100);

      expect(call.errors).toEqual([]);
      expect(mediaWorker.muxStats.transportErrors).toBe(0);
      const [sendStats] = await call.send.getStats();
      const [recvStats] = await call.recv.getStats();
      expect(sendStats!.packetsDropped + recvStats!.packetsDropped).toBeGreaterThan(sent / 4);
      expect(call.send.dtlsState).toBe('connected');

      // Still forwarding: a key frame of a restarted stream (the mutants moved the old SSRC's SRTP index anywhere).
      const keyframe = parseRtpPacket(clearRtp('03-vp8-keyframe-first.rtp.bin'));
      const restarted = { ...keyframe, ssrc: 0x0bad_5eed, sequenceNumber: 1, extension: { kind: 'one-byte' as const, elements: [] } };
      setHeaderExtension(restarted, CLEAR.extensionIds.mid, new TextEncoder().encode(CLEAR.video.mid));
      await sleep(50);
      subscriber.rtp.length = 0;
      publisher.sendRtp(restarted);
      const ssrc = video.rtpParameters.encodings![0]!.ssrc;
      const forwarded = await subscriber.nextRtp((packet) => packet.ssrc === ssrc && packet.payload.length === keyframe.payload.length, 3000);
      expect(Buffer.from(forwarded.payload).equals(Buffer.from(keyframe.payload))).toBe(true);
      expect(call.errors).toEqual([]);
    },
    TIMEOUT_MS,
  );
});
