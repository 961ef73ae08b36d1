/**
 * The clear Chromium capture (fixtures/chromium-156/pcap/clear-rtp-rtcp.pcapng,
 * 10 s of Opus + VP8 + RTX, RTP and RTCP unencrypted) replayed through the
 * media plane on its own timeline: the listener binds by MID as the SDP
 * (clear-offer.sdp, no a=ssrc given here) allows, the producer streams sort
 * media from probes and duplicates, consumers re-number, and transport-cc
 * feedback reports every arrival.
 */
import { readFixture } from '#fixtures/index.ts';
import { classifyDatagram } from '#server/demux/index.ts';
import { readCapture, udpDatagramsOf } from '#server/pcap/index.ts';
import { describe, expect, it } from 'vitest';
import { packetResults, parseRtcp, type TransportLayerCc } from '../rtcp/index.ts';
import { parseRtpPacket, sequenceNumberDistance, timestampDistance, type RtpPacket } from '../rtp/index.ts';
import { ManualClock, TimerQueue } from '../timers/index.ts';
import { ConsumerStream } from './consumer-stream.ts';
import { ProducerStream, type ProducerPacketResult } from './producer-stream.ts';
import { RtpListener } from './rtp-listener.ts';
import { CLEAR } from './test-packets.ts';
import { TransportCcFeedback } from './transport-cc-feedback.ts';

interface Timed {
  readonly timeMs: number;
  readonly bytes: Uint8Array;
  readonly kind: 'rtp' | 'rtcp';
}

function capture(): Timed[] {
  return udpDatagramsOf(readCapture(readFixture('pcap/clear-rtp-rtcp.pcapng'))).flatMap((datagram) => {
    const kind = classifyDatagram(datagram.payload);
    return kind === 'rtp' || kind === 'rtcp' ? [{ timeMs: datagram.timestampUs / 1000, bytes: datagram.payload, kind }] : [];
  });
}

function replay() {
  const datagrams = capture();
  const clock = new ManualClock({ startMs: datagrams[0]!.timeMs });
  const now = () => clock.now();
  const timers = new TimerQueue({ clock });
  const video = new ProducerStream({ kind: 'video', mimeType: 'video/VP8', clockRate: 90_000, rtxApt: new Map([[97, 96]]), now });
  const audio = new ProducerStream({ kind: 'audio', mimeType: 'audio/opus', clockRate: 48_000, now });
  const listener = new RtpListener<ProducerStream>();
  const ids = { mid: CLEAR.extensionIds.mid };
  listener.addProducer({ id: 'audio', mid: CLEAR.audio.mid, headerExtensionIds: ids, rtxPayloadTypes: [], encodings: [{ target: audio }] });
  listener.addProducer({ id: 'video', mid: CLEAR.video.mid, headerExtensionIds: ids, rtxPayloadTypes: [97], encodings: [{ target: video }] });
  const consumerOptions = { headerExtensionIds: new Map<number, number>(), initialSequenceNumber: 0, initialTimestampOffset: 0, now };
  const videoConsumer = new ConsumerStream({ ...consumerOptions, kind: 'video', clockRate: 90_000, ssrc: 10, payloadTypes: new Map([[96, 96]]) });
  const audioConsumer = new ConsumerStream({ ...consumerOptions, kind: 'audio', clockRate: 48_000, ssrc: 20, payloadTypes: new Map([[111, 111]]) });
  const feedback: TransportLayerCc[] = [];
  const transportCc = new TransportCcFeedback({ extensionId: CLEAR.extensionIds.transportWideCc, senderSsrc: 1, timers, now, send: (packets) => feedback.push(...packets) });

  const inputs = new Map<ProducerStream, RtpPacket[]>([[video, []], [audio, []]]);
  const outputs = new Map<ProducerStream, RtpPacket[]>([[video, []], [audio, []]]);
  const dropped: string[] = [];
  const arrivals = new Map<number, number>();
  const deliver = (source: ProducerStream, result: ProducerPacketResult) => {
    if (result.action === 'drop') dropped.push(result.reason);
    if (result.action !== 'forward') return;
    inputs.get(source)!.push(result.packet);
    const consumer = source === video ? videoConsumer : audioConsumer;
    const out = consumer.send(result.packet, { source, keyframe: result.keyframe });
    if (out !== undefined) outputs.get(source)!.push(out);
  };
  for (const { timeMs, bytes, kind } of datagrams) {
    clock.advance(Math.max(0, timeMs - clock.now()));
    if (kind === 'rtcp') {
      for (const packet of parseRtcp(bytes)) {
        if (packet.kind !== 'sender-report') continue;
        if (packet.ssrc === CLEAR.video.ssrc) video.receiveSenderReport(packet);
        if (packet.ssrc === CLEAR.audio.ssrc) audio.receiveSenderReport(packet);
      }
      continue;
    }
    const packet = parseRtpPacket(bytes);
    transportCc.receivePacket(packet);
    const twcc = packet.extension?.kind === 'one-byte' ? packet.extension.elements.find((e) => e.id === CLEAR.extensionIds.transportWideCc) : undefined;
    if (twcc !== undefined) arrivals.set((twcc.data[0]! << 8) | twcc.data[1]!, clock.now());
    const route = listener.route(packet);
    if (route.kind === 'media' || route.kind === 'padding') deliver(route.target, route.target.receivePacket(route.packet));
    if (route.kind === 'rtx') deliver(route.target, route.target.receiveRtx(route.packet));
  }
  transportCc.flush();
  return { listener, video, audio, videoConsumer, audioConsumer, inputs, outputs, dropped, feedback, arrivals };
}

describe('the clear Chromium capture through the media plane', () => {
  const result = replay();

  it('binds every stream by MID and routes all 1132 RTP packets: 1104 media, 23 RTX, 5 padding probes, nothing unknown', () => {
    expect(result.listener.stats).toEqual({ media: 1104, rtx: 23, padding: 0, malformed: 0, 'padding-probe': 5, unknown: 0 });
  });

  it('forwards no RTX copy: every one repeats a packet already received (call-start probes and resends)', () => {
    expect(result.inputs.get(result.video)).toHaveLength(603);
    expect(result.inputs.get(result.audio)).toHaveLength(501);
    expect(result.dropped).toEqual(Array.from({ length: 23 }, () => 'duplicate'));
    expect(result.video.getStats()).toMatchObject({ packetsReceived: 603, rtxPackets: 23, duplicatePackets: 23, recoveredPackets: 0 });
  });

  it('consumers send every packet, numbered without a gap, timestamps moving as the input did', () => {
    for (const source of [result.video, result.audio]) {
      const inputs = result.inputs.get(source)!;
      const outputs = result.outputs.get(source)!;
      expect(outputs).toHaveLength(inputs.length);
      for (let i = 1; i < outputs.length; i++) {
        expect(sequenceNumberDistance(outputs[i - 1]!.sequenceNumber, outputs[i]!.sequenceNumber)).toBe(
          sequenceNumberDistance(inputs[i - 1]!.sequenceNumber, inputs[i]!.sequenceNumber),
        );
        expect(timestampDistance(outputs[i - 1]!.timestamp, outputs[i]!.timestamp)).toBe(timestampDistance(inputs[i - 1]!.timestamp, inputs[i]!.timestamp));
      }
    }
    // The capture starts with a key frame, so the video consumer waits for nothing.
    expect(result.videoConsumer.getStats().packetsDroppedWaitingForKeyframe).toBe(0);
  });

  it('reports no loss to the publisher: the capture holds every packet', () => {
    expect(result.video.createReportBlock()).toMatchObject({ ssrc: CLEAR.video.ssrc, cumulativeLost: 0, fractionLost: 0 });
    expect(result.audio.createReportBlock()).toMatchObject({ ssrc: CLEAR.audio.ssrc, cumulativeLost: 0, fractionLost: 0 });
  });

  it('learns the publisher SRs, so both consumers can send SRs', () => {
    expect(result.video.lastSenderReport).toBeDefined();
    expect(result.audio.lastSenderReport).toBeDefined();
    expect(result.videoConsumer.createSenderReport()).toMatchObject({ ssrc: 10, packetCount: 603 });
    expect(result.audioConsumer.createSenderReport()).toMatchObject({ ssrc: 20, packetCount: 501 });
  });

  it('transport-cc feedback acknowledges every packet, probes included, with its arrival time', () => {
    const reported = result.feedback.flatMap(packetResults);
    const received = reported.filter((r) => r.received);
    expect(received).toHaveLength(result.arrivals.size);
    expect(result.arrivals.size).toBe(1132);
    const first = received[0]!;
    for (const packet of received) {
      const expectedUs = (result.arrivals.get(packet.sequenceNumber)! - result.arrivals.get(first.sequenceNumber)!) * 1000;
      // Each delta is rounded to 250 µs (§3.1.5) and the rounding does not accumulate.
      expect(Math.abs(packet.arrivalTimeUs! - first.arrivalTimeUs! - expectedUs)).toBeLessThanOrEqual(250);
    }
    // About every 50 ms over 10 s, or per 100 packets.
    expect(result.feedback.length).toBeGreaterThan(150);
  });
});
