import { describe, expect, it } from 'vitest';
import { parseRtcp, sequenceNumbersFromNackPairs, serializeRtcp, type TransportLayerNack } from '../rtcp/index.ts';
import { ManualClock, TimerQueue } from '../timers/index.ts';
import { NackGenerator, type NackGeneratorOptions } from './nack-generator.ts';

const MEDIA_SSRC = 0x1234_5678;
const SFU_SSRC = 0xfa17;

function setup(options: Partial<NackGeneratorOptions> & { rtt?: number } = {}) {
  const clock = new ManualClock({ startMs: 10_000 });
  const timers = new TimerQueue({ clock });
  const sent: { at: number; packet: TransportLayerNack }[] = [];
  let keyframes = 0;
  const generator = new NackGenerator({
    senderSsrc: SFU_SSRC,
    timers,
    now: () => clock.now(),
    roundTripTimeMs: () => options.rtt,
    send: (packet) => sent.push({ at: clock.now() - 10_000, packet }),
    onKeyframeNeeded: () => (keyframes += 1),
    ...options,
  });
  const receive = (...seqs: number[]) => {
    for (const seq of seqs) generator.receivePacket(MEDIA_SSRC, seq);
  };
  const requested = () => sent.map((s) => sequenceNumbersFromNackPairs(s.packet.nacks));
  return { clock, timers, generator, sent, receive, requested, keyframes: () => keyframes };
}

describe('NackGenerator', () => {
  it('asks for a single missing packet once the reorder delay (15 ms, RTT unknown) has passed', () => {
    const { clock, receive, sent, requested } = setup();
    receive(100, 101, 103);
    clock.advance(14);
    expect(sent).toEqual([]);
    clock.advance(1);
    expect(sent.map((s) => s.at)).toEqual([15]);
    expect(requested()).toEqual([[102]]);
    expect(sent[0]!.packet).toMatchObject({ senderSsrc: SFU_SSRC, mediaSsrc: MEDIA_SSRC });
  });

  it('waits the RTT (clamped to 5-20 ms) before the first request when it is known', () => {
    for (const [rtt, first] of [[8, 8], [2, 5], [150, 20]] as const) {
      const { clock, receive, sent } = setup({ rtt });
      receive(1, 3);
      clock.advance(30);
      expect(sent[0]?.at).toBe(first);
    }
  });

  it('repeats every max(RTT, 20 ms), 10 times in all, then gives the packet up', () => {
    const { clock, receive, sent, generator, timers } = setup();
    receive(1, 3);
    clock.advance(1000);
    expect(sent.map((s) => s.at)).toEqual([15, 35, 55, 75, 95, 115, 135, 155, 175, 195]);
    expect(generator.stats).toMatchObject({ nacksSent: 10, nackedPackets: 10, givenUp: 1, missing: 0 });
    expect(timers.size).toBe(0);
  });

  it('repeats at the RTT when it is above 20 ms', () => {
    const { clock, receive, sent } = setup({ rtt: 100, maxRetries: 3 });
    receive(1, 3);
    clock.advance(1000);
    expect(sent.map((s) => s.at)).toEqual([20, 120, 220]);
  });

  it('gives up on packets older than maxAgeMs even with retries left', () => {
    const { clock, receive, sent, generator } = setup({ rtt: 300 });
    receive(1, 3);
    clock.advance(2000);
    // 20, 320, 620, 920; at 1220 the packet is 1.22 s old.
    expect(sent.map((s) => s.at)).toEqual([20, 320, 620, 920]);
    expect(generator.stats.givenUp).toBe(1);
  });

  it('stops asking for a packet once it arrives as media', () => {
    const { clock, receive, sent, generator, timers } = setup();
    receive(1, 3);
    clock.advance(40);
    receive(2);
    clock.advance(1000);
    expect(sent.map((s) => s.at)).toEqual([15, 35]);
    expect(generator.stats).toMatchObject({ recovered: 1, missing: 0 });
    expect(timers.size).toBe(0);
  });

  it('stops asking for a packet once it arrives as RTX', () => {
    const { clock, receive, sent, generator } = setup();
    receive(1, 4);
    clock.advance(20);
    generator.receivePacket(MEDIA_SSRC, 3, true);
    clock.advance(20);
    expect(sent.map((s) => sequenceNumbersFromNackPairs(s.packet.nacks))).toEqual([[2, 3], [2]]);
  });

  it('never asks for a packet reordered within the delay', () => {
    const { clock, receive, sent, generator } = setup();
    receive(1, 3, 4);
    clock.advance(10);
    receive(2);
    clock.advance(1000);
    expect(sent).toEqual([]);
    expect(generator.stats.missing).toBe(0);
  });

  it('tracks gaps across the wrap at 65535 and packs them into one PID/BLP pair', () => {
    const { clock, receive, requested, sent } = setup();
    receive(65532, 65534, 1);
    clock.advance(15);
    expect(requested()).toEqual([[65533, 65535, 0]]);
    expect(sent[0]!.packet.nacks).toEqual([{ packetId: 65533, lostPackets: 0b110 }]);
  });

  it('batches every due number of one tick into one packet', () => {
    const { clock, receive, sent, requested } = setup();
    receive(10, 12);
    clock.advance(5);
    receive(40);
    clock.advance(10);
    // 11 is due at 15; 13..39 at 20: the tick at 15 sends 11 alone, the tick at 20 one packet for 13..39.
    clock.advance(5);
    expect(sent.map((s) => s.at)).toEqual([15, 20]);
    expect(requested()[1]).toEqual(Array.from({ length: 27 }, (_, i) => 13 + i));
    expect(sent[1]!.packet.nacks).toHaveLength(2);
  });

  it('does not treat an old or duplicate packet as a gap', () => {
    const { clock, receive, sent } = setup();
    receive(100, 101, 101, 90, 102);
    clock.advance(100);
    expect(sent).toEqual([]);
  });

  it('clears the list and asks for a key frame when the list would exceed maxPackets', () => {
    const { clock, receive, sent, generator, keyframes } = setup({ maxPackets: 10 });
    receive(1, 6);
    expect(generator.stats.missing).toBe(4);
    receive(14);
    expect(keyframes()).toBe(1);
    expect(generator.stats).toMatchObject({ missing: 0, givenUp: 4, keyframeRequests: 1 });
    clock.advance(100);
    expect(sent).toEqual([]);
    receive(16);
    clock.advance(15);
    expect(sent.map((s) => sequenceNumbersFromNackPairs(s.packet.nacks))).toEqual([[15]]);
  });

  it('forgets the old stream when the SSRC changes', () => {
    const { clock, generator, sent } = setup();
    generator.receivePacket(MEDIA_SSRC, 1);
    generator.receivePacket(MEDIA_SSRC, 5);
    generator.receivePacket(MEDIA_SSRC + 1, 500);
    generator.receivePacket(MEDIA_SSRC + 1, 501);
    clock.advance(100);
    expect(sent).toEqual([]);
  });

  it('sends nothing after close', () => {
    const { clock, receive, sent, generator, timers } = setup();
    receive(1, 3);
    generator.close();
    receive(5, 9);
    clock.advance(100);
    expect(sent).toEqual([]);
    expect(timers.size).toBe(0);
  });

  it('serializes to an RTPFB FMT 1 packet that the rtcp parser reads back to the same PIDs and BLPs', () => {
    const { clock, receive, sent } = setup();
    receive(1000, 1002, 1005, 1030);
    clock.advance(15);
    const bytes = serializeRtcp([sent[0]!.packet]);
    expect(bytes[0]! & 0x1f).toBe(1);
    expect(bytes[1]).toBe(205);
    const [parsed] = parseRtcp(bytes);
    expect(parsed).toEqual({
      kind: 'transport-layer-nack',
      senderSsrc: SFU_SSRC,
      mediaSsrc: MEDIA_SSRC,
      nacks: [
        // 1001; 1003, 1004 (bits 1, 2); 1006..1017 (bits 4..15)
        { packetId: 1001, lostPackets: 0b1111_1111_1111_0110 },
        { packetId: 1018, lostPackets: 0b111_1111_1111 },
      ],
    });
  });
});
