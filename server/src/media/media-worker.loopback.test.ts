/**
 * The real media plane end to end on loopback, through the public SFU API
 * (Worker → Router → WebRtcTransports → produce → consume): a publisher
 * and a subscriber built from the project's own ICE, DTLS and SRTP send and
 * receive real Chromium 156 RTP (fixtures rtp-clear/ and the clear capture),
 * protected with the keys each negotiated with the SFU.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFixture } from '#fixtures/index.ts';
import {
  type PictureLossIndication,
  type ReceiverReport,
  type RtcpPacket,
  type SenderReport,
  type TransportLayerCc,
  compactNtp,
  msToCompactNtp,
  nackPairsFromSequenceNumbers,
  packetResults,
  parseRtcp,
  unixMsFromNtp,
} from '../rtcp/index.ts';
import { type RtpPacket, getHeaderExtension, parseRtpPacket, setHeaderExtension } from '../rtp/index.ts';
import { chromiumOfferSections, producerParametersFromSdp } from '../sfu/test-support.ts';
import { RtpHeaderExtensionUri, createWorker } from '../sfu/index.ts';
import type { Consumer } from '../sfu/index.ts';
import { CLEAR_OFFER, type Call, capturedPublisherRtp, chromiumReceiverCapabilities, clearRtp, consumeBoth, openCall, produceChromium, sleep, untilEvent } from './test-call.ts';
import { CLEAR } from './test-packets.ts';

let call: Call | undefined;

afterEach(async () => {
  await call?.close();
  expect(call?.errors ?? []).toEqual([]);
  call = undefined;
});

const isPli = (packet: RtcpPacket): packet is PictureLossIndication => packet.kind === 'picture-loss-indication';
const isTransportCc = (packet: RtcpPacket): packet is TransportLayerCc => packet.kind === 'transport-cc';
const isSenderReport = (packet: RtcpPacket): packet is SenderReport => packet.kind === 'sender-report';

function extensionIdOf(consumer: Consumer, uri: string): number {
  const id = consumer.rtpParameters.headerExtensions?.find((ext) => ext.uri === uri)?.id;
  if (id === undefined) throw new Error(`consumer has no ${uri}`);
  return id;
}

/** The subscriber's copy of a packet: the consumer's SSRC, its payload type, its MID. */
function expectConsumerPacket(packet: RtpPacket, consumer: Consumer, original: RtpPacket): void {
  const encoding = consumer.rtpParameters.encodings![0]!;
  expect(packet.ssrc).toBe(encoding.ssrc);
  expect(packet.payloadType).toBe(consumer.rtpParameters.codecs[0]!.payloadType);
  const mid = getHeaderExtension(packet, extensionIdOf(consumer, RtpHeaderExtensionUri.Mid));
  expect(new TextDecoder().decode(mid)).toBe(consumer.rtpParameters.mid);
  expect(Buffer.from(packet.payload).equals(Buffer.from(original.payload))).toBe(true);
  expect(packet.marker).toBe(original.marker);
}

describe('MediaWorker: a publisher and a subscriber on the shared port', () => {
  it('puts both transports on one UDP port and reports ICE and DTLS to the control plane', async () => {
    call = await openCall();
    const { send, recv, mediaWorker } = call;
    expect(send.iceCandidates).toEqual(recv.iceCandidates);
    expect(send.iceCandidates[0]).toMatchObject({ address: '127.0.0.1', port: mediaWorker.addresses[0]!.port, protocol: 'udp', type: 'host' });
    expect(send.iceParameters.usernameFragment).not.toBe(recv.iceParameters.usernameFragment);
    expect(send.iceParameters.iceLite).toBe(true);
    // The peer's actpass ('auto') leaves the SFU the DTLS server.
    expect(send.dtlsParameters.role).toBe('server');
    // Connected after the first check, before any USE-CANDIDATE, as Chromium starts DTLS.
    expect(send.iceState).toBe('connected');
    expect(send.dtlsState).toBe('connected');
    expect(send.iceSelectedTuple).toMatchObject({ localAddress: '127.0.0.1', remoteIp: '127.0.0.1', remotePort: call.publisher.port, protocol: 'udp' });
    const completed = untilEvent(send, 'icestatechange', (state) => state === 'completed');
    expect(await call.publisher.check({ useCandidate: true })).toBe('success');
    await completed;
    const [stats] = await send.getStats();
    expect(stats).toMatchObject({ iceState: 'completed', dtlsState: 'connected', iceRole: 'controlled' });
    expect(stats!.bytesReceived).toBeGreaterThan(0);
  });

  it("forwards Chromium's real RTP with the consumer's SSRC, payload type and MID, drops the padding probe, repairs from RTX", async () => {
    call = await openCall();
    const producers = await produceChromium(call);
    const consumers = await consumeBoth(call, producers);
    const { publisher, subscriber } = call;

    const opus = parseRtpPacket(clearRtp('01-opus-first-with-mid.rtp.bin'));
    const keyframe = parseRtpPacket(clearRtp('03-vp8-keyframe-first.rtp.bin'));
    const later = parseRtpPacket(clearRtp('04-vp8-later.rtp.bin'));
    const rtx = parseRtpPacket(clearRtp('06-rtx-retransmission.rtp.bin'));
    for (const name of ['01-opus-first-with-mid', '03-vp8-keyframe-first', '05-rtx-padding', '04-vp8-later', '06-rtx-retransmission', '02-opus-later-no-mid']) {
      publisher.sendRtp(clearRtp(`${name}.rtp.bin`));
    }

    const videoSsrc = consumers.video.rtpParameters.encodings![0]!.ssrc;
    const audioSsrc = consumers.audio.rtpParameters.encodings![0]!.ssrc;
    const firstAudio = await subscriber.nextRtp((packet) => packet.ssrc === audioSsrc);
    expectConsumerPacket(firstAudio, consumers.audio, opus);
    const secondAudio = await subscriber.nextRtp((packet) => packet.ssrc === audioSsrc);
    expect(secondAudio.sequenceNumber - firstAudio.sequenceNumber).toBe(6935 - 6635);

    const video = [await subscriber.nextRtp((p) => p.ssrc === videoSsrc), await subscriber.nextRtp((p) => p.ssrc === videoSsrc), await subscriber.nextRtp((p) => p.ssrc === videoSsrc)];
    expectConsumerPacket(video[0]!, consumers.video, keyframe);
    expectConsumerPacket(video[1]!, consumers.video, later);
    // The RTX packet brought 30608, which never arrived as media: it goes out as media, in the consumer's numbering.
    expect(Buffer.from(video[2]!.payload).equals(Buffer.from(rtx.payload.subarray(2)))).toBe(true);
    expect((video[1]!.sequenceNumber - video[0]!.sequenceNumber) & 0xffff).toBe(later.sequenceNumber - keyframe.sequenceNumber);
    expect((video[2]!.sequenceNumber - video[0]!.sequenceNumber) & 0xffff).toBe(30608 - keyframe.sequenceNumber);
    // Timestamps keep one offset.
    expect((video[1]!.timestamp - video[0]!.timestamp) >>> 0).toBe((later.timestamp - keyframe.timestamp) >>> 0);
    // The sending transport numbers its own packets for transport-cc; the publisher's numbers are not forwarded.
    const twccId = extensionIdOf(consumers.video, RtpHeaderExtensionUri.TransportWideCc01);
    const sent = video.map((packet) => getHeaderExtension(packet, twccId)).map((data) => (data![0]! << 8) | data![1]!);
    expect(new Set(sent).size).toBe(3);
    expect(sent).not.toContain(0x023f);
    expect(subscriber.undecodable).toEqual([]);

    const dump = await call.send.dump();
    expect(dump).toMatchObject({ counters: { dropped: { 'padding-probe': 1 } }, inbound: { listener: { 'padding-probe': 1, media: 4, rtx: 1 } } });
    const [producerStats] = await producers.video.getStats();
    expect(producerStats).toMatchObject({ ssrc: CLEAR.video.ssrc, rtxSsrc: CLEAR.video.rtxSsrc, packetCount: 3, packetsRetransmitted: 1, mimeType: 'video/VP8' });
    const [consumerStats] = await consumers.video.getStats();
    expect(consumerStats).toMatchObject({ type: 'outbound-rtp', ssrc: videoSsrc, packetCount: 3 });
  });

  it("rewrites to the subscriber's own payload types and extension ids, keeping end-to-end extensions", async () => {
    call = await openCall();
    const producers = await produceChromium(call);
    // A subscriber whose SDP numbered things differently: VP8 123 / RTX 124, Opus 109, mid 12, audio level 9.
    const capabilities = chromiumReceiverCapabilities();
    const renumber: Record<number, number> = { 96: 123, 97: 124, 111: 109 };
    for (const codec of capabilities.codecs ?? []) {
      codec.preferredPayloadType = renumber[codec.preferredPayloadType!] ?? codec.preferredPayloadType;
      if (codec.parameters?.['apt'] !== undefined) codec.parameters['apt'] = renumber[Number(codec.parameters['apt'])] ?? codec.parameters['apt'];
    }
    for (const ext of capabilities.headerExtensions ?? []) {
      if (ext.uri === RtpHeaderExtensionUri.Mid) ext.preferredId = 12;
      if (ext.uri === RtpHeaderExtensionUri.SsrcAudioLevel) ext.preferredId = 9;
    }
    const video = await call.recv.consume({ producerId: producers.video.id, rtpCapabilities: capabilities });
    const audio = await call.recv.consume({ producerId: producers.audio.id, rtpCapabilities: capabilities });
    expect(video.rtpParameters.codecs.map((codec) => codec.payloadType)).toEqual([123, 124]);

    call.publisher.sendRtp(clearRtp('03-vp8-keyframe-first.rtp.bin'));
    call.publisher.sendRtp(clearRtp('01-opus-first-with-mid.rtp.bin'));
    const videoPacket = await call.subscriber.nextRtp((packet) => packet.ssrc === video.rtpParameters.encodings![0]!.ssrc);
    const audioPacket = await call.subscriber.nextRtp((packet) => packet.ssrc === audio.rtpParameters.encodings![0]!.ssrc);
    expect(videoPacket.payloadType).toBe(123);
    expect(audioPacket.payloadType).toBe(109);
    expect(new TextDecoder().decode(getHeaderExtension(videoPacket, 12))).toBe(video.rtpParameters.mid);
    expect(new TextDecoder().decode(getHeaderExtension(audioPacket, 12))).toBe(audio.rtpParameters.mid);
    // The publisher's audio level (id 1, 0xff) arrives at the subscriber's id 9; the publisher's MID (id 4) does not.
    expect([...(getHeaderExtension(audioPacket, 9) ?? [])]).toEqual([0xff]);
    expect(getHeaderExtension(audioPacket, 4)).toBeUndefined();
    expect(getHeaderExtension(audioPacket, 1)).toBeUndefined();
  });

  it('answers a NACK with RTX carrying the right OSN, from the producer buffer', async () => {
    call = await openCall();
    const producers = await produceChromium(call);
    const { video } = await consumeBoth(call, producers);
    const { publisher, subscriber } = call;
    publisher.sendRtp(clearRtp('03-vp8-keyframe-first.rtp.bin'));
    publisher.sendRtp(clearRtp('04-vp8-later.rtp.bin'));
    const ssrc = video.rtpParameters.encodings![0]!.ssrc!;
    await subscriber.nextRtp((packet) => packet.ssrc === ssrc);
    const received = await subscriber.nextRtp((packet) => packet.ssrc === ssrc);

    subscriber.sendRtcp([{ kind: 'transport-layer-nack', senderSsrc: 1, mediaSsrc: ssrc, nacks: nackPairsFromSequenceNumbers([received.sequenceNumber]) }]);
    const rtxSsrc = video.rtpParameters.encodings![0]!.rtx!.ssrc;
    const retransmission = await subscriber.nextRtp((packet) => packet.ssrc === rtxSsrc);
    const rtxCodec = video.rtpParameters.codecs.find((codec) => codec.mimeType.toLowerCase() === 'video/rtx')!;
    expect(retransmission.payloadType).toBe(rtxCodec.payloadType);
    // RFC 4588 §4: the OSN is the consumer's sequence number, then the original payload.
    expect((retransmission.payload[0]! << 8) | retransmission.payload[1]!).toBe(received.sequenceNumber);
    expect(Buffer.from(retransmission.payload.subarray(2)).equals(Buffer.from(received.payload))).toBe(true);
    expect(retransmission.timestamp).toBe(received.timestamp);
    const [stats] = await video.getStats();
    expect(stats).toMatchObject({ nackCount: 1, packetsRetransmitted: 1 });
  });

  it('asks the publisher for a key frame when a consumer starts, and passes PLIs on at most once a second', async () => {
    call = await openCall();
    const producers = await produceChromium(call);
    const { publisher, subscriber } = call;
    const { video } = await consumeBoth(call, producers);
    const first = await publisher.nextRtcp(isPli);
    expect(first.mediaSsrc).toBe(CLEAR.video.ssrc);
    publisher.sendRtp(clearRtp('03-vp8-keyframe-first.rtp.bin'));
    const ssrc = video.rtpParameters.encodings![0]!.ssrc!;
    await subscriber.nextRtp((packet) => packet.ssrc === ssrc);

    const burstAt = Date.now();
    for (let i = 0; i < 5; i++) {
      subscriber.sendRtcp([{ kind: 'picture-loss-indication', senderSsrc: 1, mediaSsrc: ssrc }]);
      await sleep(20);
    }
    const passedOn = await publisher.nextRtcp(isPli, 2000);
    expect(passedOn.mediaSsrc).toBe(CLEAR.video.ssrc);
    await sleep(Math.max(0, burstAt + 1500 - Date.now()));
    // Five PLIs in 100 ms, one PLI to the publisher: the rest were coalesced into it.
    expect(publisher.rtcp.filter((packet) => packet.kind === 'picture-loss-indication')).toHaveLength(0);
    const [consumerStats] = await video.getStats();
    expect(consumerStats!.pliCount).toBe(5);
  });

  it('gives the publisher transport-cc feedback for every packet, probes included, and RRs about its streams', async () => {
    call = await openCall();
    const producers = await produceChromium(call);
    const oriented = untilEvent(producers.video, 'videoorientationchange');
    const { publisher } = call;
    const stream = capturedPublisherRtp().slice(0, 120);
    const sentSequenceNumbers = stream.map((bytes) => {
      const data = getHeaderExtension(parseRtpPacket(bytes), CLEAR.extensionIds.transportWideCc)!;
      return (data[0]! << 8) | data[1]!;
    });
    for (const bytes of stream) publisher.sendRtp(bytes);

    const acknowledged = new Set<number>();
    const deadline = Date.now() + 3000;
    while (sentSequenceNumbers.some((seq) => !acknowledged.has(seq)) && Date.now() < deadline) {
      const feedback = await publisher.nextRtcp(isTransportCc, 3000);
      for (const result of packetResults(feedback)) if (result.received) acknowledged.add(result.sequenceNumber);
    }
    expect(sentSequenceNumbers.filter((seq) => !acknowledged.has(seq))).toEqual([]);
    // The padding-only RTX probes at call start are among them (RtpListener drops them as media).
    const probe = parseRtpPacket(clearRtp('05-rtx-padding.rtp.bin'));
    expect(acknowledged.has((getHeaderExtension(probe, CLEAR.extensionIds.transportWideCc)![0]! << 8) | getHeaderExtension(probe, CLEAR.extensionIds.transportWideCc)![1]!)).toBe(true);

    // The first RR written after the last packet arrived reports it as the highest, and no loss.
    const lastVideo = stream.map((bytes) => parseRtpPacket(bytes)).filter((packet) => packet.ssrc === CLEAR.video.ssrc).at(-1)!;
    const isReportUpToLast = (packet: RtcpPacket): packet is ReceiverReport =>
      packet.kind === 'receiver-report' && packet.reports.some((block) => block.ssrc === CLEAR.video.ssrc && (block.extendedHighestSequence & 0xffff) === lastVideo.sequenceNumber);
    const report = await publisher.nextRtcp(isReportUpToLast, 2000);
    const block = report.reports.find((candidate) => candidate.ssrc === CLEAR.video.ssrc)!;
    expect(block.cumulativeLost).toBe(0);
    expect(report.reports.some((candidate) => candidate.ssrc === CLEAR.audio.ssrc)).toBe(true);
    // An XR receiver reference time follows, for the publisher's DLRR (RFC 3611 §4.4).
    await publisher.nextRtcp((packet): packet is RtcpPacket => packet.kind === 'extended-report', 2000);
    // The key frame's last packet carried urn:3gpp:video-orientation (0x00: front camera, no flip, upright).
    expect(await oriented).toEqual({ camera: false, flip: false, rotation: 0 });
  });

  it("sends the subscriber SRs on the publisher's NTP timeline, shifted by the consumer's timestamp offset", async () => {
    call = await openCall();
    const producers = await produceChromium(call);
    const { video } = await consumeBoth(call, producers);
    const { publisher, subscriber } = call;
    const keyframe = parseRtpPacket(clearRtp('03-vp8-keyframe-first.rtp.bin'));
    publisher.sendRtp(clearRtp('03-vp8-keyframe-first.rtp.bin'));
    const ssrc = video.rtpParameters.encodings![0]!.ssrc!;
    const forwarded = await subscriber.nextRtp((packet) => packet.ssrc === ssrc);
    const offset = (forwarded.timestamp - keyframe.timestamp) >>> 0;

    // The publisher's real SR (rtcp-clear/01: SR + SDES of the VP8 SSRC).
    const publisherSr = parseRtcp(readFixture('rtcp-clear/01-sr-sdes.rtcp.bin')).find(isSenderReport)!;
    publisher.sendRtcp(new Uint8Array(readFixture('rtcp-clear/01-sr-sdes.rtcp.bin')));
    const sr = await subscriber.nextRtcp((packet): packet is SenderReport => isSenderReport(packet) && packet.ssrc === ssrc, 2000);

    const elapsedMs = unixMsFromNtp(sr.ntpTimestamp) - unixMsFromNtp(publisherSr.ntpTimestamp);
    expect(elapsedMs).toBeGreaterThanOrEqual(0);
    expect(elapsedMs).toBeLessThan(1000);
    const expectedRtp = (publisherSr.rtpTimestamp + offset + Math.round((elapsedMs * 90_000) / 1000)) >>> 0;
    // On the line through the publisher's (NTP, RTP) point, within a millisecond of rounding (90 ticks).
    expect(Math.abs((sr.rtpTimestamp - expectedRtp) | 0)).toBeLessThanOrEqual(90);
    expect(sr.packetCount).toBe(1);
    expect(sr.octetCount).toBe(keyframe.payload.length);
    // SDES carries the producer's CNAME for the consumer's SSRC, so the subscriber pairs audio and video.
    const sdes = await subscriber.nextRtcp((packet): packet is Extract<RtcpPacket, { kind: 'source-description' }> => packet.kind === 'source-description');
    expect(sdes.chunks.find((chunk) => chunk.source === ssrc)?.items[0]?.text).toBe(producers.video.rtpParameters.rtcp?.cname);
  });

  it("measures the subscriber's round trip from its RR (LSR/DLSR) and reports the consumer's score", async () => {
    call = await openCall();
    const producers = await produceChromium(call);
    const { video } = await consumeBoth(call, producers);
    const { publisher, subscriber } = call;
    publisher.sendRtp(clearRtp('03-vp8-keyframe-first.rtp.bin'));
    publisher.sendRtcp(new Uint8Array(readFixture('rtcp-clear/01-sr-sdes.rtcp.bin')));
    const ssrc = video.rtpParameters.encodings![0]!.ssrc!;
    const sr = await subscriber.nextRtcp((packet): packet is SenderReport => isSenderReport(packet) && packet.ssrc === ssrc, 2000);
    const receivedAt = Date.now();
    const scored = untilEvent<{ score: number }>(video, 'score', (score) => score.score < 10);
    await sleep(30);
    // RFC 3550 §6.4.1: LSR = the middle 32 bits of the SR's NTP time; DLSR = how long the subscriber held it (1/65536 s).
    const held = Date.now() - receivedAt;
    subscriber.sendRtcp([
      {
        kind: 'receiver-report',
        ssrc: 7,
        reports: [{ ssrc, fractionLost: 64, cumulativeLost: 10, extendedHighestSequence: 30360, jitter: 90, lastSenderReport: compactNtp(sr.ntpTimestamp), delaySinceLastSenderReport: msToCompactNtp(held) }],
        profileExtensions: new Uint8Array(0),
      },
    ]);
    const score = await scored;
    expect(score.score).toBeLessThan(10);
    const [stats] = await video.getStats();
    expect(stats).toMatchObject({ packetsLost: 10, fractionLost: 64, jitter: 90 });
    // Loopback: the round trip is what the SFU's own scheduling adds, well under 100 ms.
    expect(stats!.roundTripTime).toBeGreaterThanOrEqual(0);
    expect(stats!.roundTripTime).toBeLessThan(100);
    expect(video.score.score).toBe(score.score);
  });

  it('keeps sequence numbers and timestamps continuous across pause and resume', async () => {
    call = await openCall();
    const producers = await produceChromium(call);
    const { audio } = await consumeBoth(call, producers);
    const { publisher, subscriber } = call;
    const ssrc = audio.rtpParameters.encodings![0]!.ssrc!;
    const opus = capturedPublisherRtp().filter((bytes) => parseRtpPacket(bytes).ssrc === CLEAR.audio.ssrc).slice(0, 30);

    for (const bytes of opus.slice(0, 10)) publisher.sendRtp(bytes);
    let last: RtpPacket | undefined;
    for (let i = 0; i < 10; i++) last = await subscriber.nextRtp((packet) => packet.ssrc === ssrc);
    await audio.pause();
    for (const bytes of opus.slice(10, 20)) publisher.sendRtp(bytes);
    await sleep(100);
    expect(subscriber.rtp.filter((packet) => packet.ssrc === ssrc)).toEqual([]);
    await audio.resume();
    for (const bytes of opus.slice(20, 30)) publisher.sendRtp(bytes);
    const afterResume = await subscriber.nextRtp((packet) => packet.ssrc === ssrc);

    expect(afterResume.sequenceNumber).toBe((last!.sequenceNumber + 1) & 0xffff);
    // The timestamp follows the sampling clock: 10 packets of 20 ms (960 ticks each) passed while paused.
    const input = (index: number) => parseRtpPacket(opus[index]!).timestamp;
    expect((afterResume.timestamp - last!.timestamp) >>> 0).toBe((input(20) - input(9)) >>> 0);
  });

  it('asks for a key frame on resume and forwards video again from it', async () => {
    call = await openCall();
    const producers = await produceChromium(call);
    const { video } = await consumeBoth(call, producers, true);
    const { publisher, subscriber } = call;
    const ssrc = video.rtpParameters.encodings![0]!.ssrc!;
    publisher.sendRtp(clearRtp('03-vp8-keyframe-first.rtp.bin'));
    await sleep(100);
    expect(subscriber.rtp).toEqual([]);
    publisher.rtcp.length = 0;
    await video.resume();
    expect((await publisher.nextRtcp(isPli, 1500)).mediaSsrc).toBe(CLEAR.video.ssrc);
    // Chromium answers with a key frame: the capture's (re-numbered after the last one).
    const keyframe = parseRtpPacket(clearRtp('03-vp8-keyframe-first.rtp.bin'));
    publisher.sendRtp({ ...keyframe, sequenceNumber: keyframe.sequenceNumber + 1, timestamp: keyframe.timestamp + 3000 });
    const first = await subscriber.nextRtp((packet) => packet.ssrc === ssrc);
    expect(Buffer.from(first.payload).equals(Buffer.from(keyframe.payload))).toBe(true);
  });

  it('binds simulcast layers by MID and RID, forwards the best one, and switches at its key frame with continuous numbering', async () => {
    call = await openCall();
    const { publisher, subscriber } = call;
    const rtpParameters = producerParametersFromSdp(chromiumOfferSections(CLEAR_OFFER).video, ['video/vp8']);
    // As Chromium's simulcast offer: no a=ssrc, the layers named by rid only (fixtures: simulcast-offer.sdp).
    rtpParameters.encodings = [{ rid: 'q' }, { rid: 'h' }];
    const producer = await call.send.produce({ kind: 'video', rtpParameters });
    const consumer = await call.recv.consume({ producerId: producer.id, rtpCapabilities: chromiumReceiverCapabilities() });
    expect(producer.type).toBe('simulcast');

    const keyframe = parseRtpPacket(clearRtp('03-vp8-keyframe-first.rtp.bin'));
    const delta = parseRtpPacket(clearRtp('04-vp8-later.rtp.bin'));
    const layer = (packet: RtpPacket, rid: string, ssrc: number, sequenceNumber: number): RtpPacket => {
      const copy: RtpPacket = { ...packet, ssrc, sequenceNumber, extension: { kind: 'one-byte', elements: [] } };
      setHeaderExtension(copy, CLEAR.extensionIds.mid, new TextEncoder().encode(CLEAR.video.mid));
      setHeaderExtension(copy, 10, new TextEncoder().encode(rid));
      return copy;
    };
    const ssrc = consumer.rtpParameters.encodings![0]!.ssrc!;
    publisher.sendRtp(layer(keyframe, 'q', 0x1000, 100));
    const fromQ = await subscriber.nextRtp((packet) => packet.ssrc === ssrc);
    // h starts: the consumer wants it and asks the publisher for one of its key frames, by h's SSRC.
    publisher.rtcp.length = 0;
    publisher.sendRtp(layer(delta, 'h', 0x2000, 500));
    expect((await publisher.nextRtcp(isPli, 1500)).mediaSsrc).toBe(0x2000);
    publisher.sendRtp(layer(delta, 'q', 0x1000, 101));
    const stillQ = await subscriber.nextRtp((packet) => packet.ssrc === ssrc);
    publisher.sendRtp(layer(keyframe, 'h', 0x2000, 501));
    const fromH = await subscriber.nextRtp((packet) => packet.ssrc === ssrc);
    publisher.sendRtp(layer(delta, 'q', 0x1000, 102));
    publisher.sendRtp(layer(delta, 'h', 0x2000, 502));
    const nextH = await subscriber.nextRtp((packet) => packet.ssrc === ssrc);

    expect([fromQ, stillQ, fromH, nextH].map((packet) => (packet.sequenceNumber - fromQ.sequenceNumber) & 0xffff)).toEqual([0, 1, 2, 3]);
    expect(Buffer.from(fromH.payload).equals(Buffer.from(keyframe.payload))).toBe(true);
    await sleep(30);
    expect(subscriber.rtp).toEqual([]); // q's last packet was not forwarded
    const stats = await producer.getStats();
    expect(stats.map((stat) => [stat.rid, stat.ssrc])).toEqual([
      ['q', 0x1000],
      ['h', 0x2000],
    ]);
  });

  it('closes the consumers of a closed producer; the subscriber stops receiving', async () => {
    call = await openCall();
    const producers = await produceChromium(call);
    const { video, audio } = await consumeBoth(call, producers);
    const { publisher, subscriber } = call;
    const closed = untilEvent(video, 'producerclose');
    producers.video.close();
    await closed;
    expect(video.closed).toBe(true);
    expect(audio.closed).toBe(false);
    await sleep(20);
    const dump = await call.mediaWorker.requests['worker.dump']('worker', {});
    expect(dump['consumerIds']).toEqual([audio.id]);
    expect(dump['producerIds']).toEqual([producers.audio.id]);

    publisher.sendRtp(clearRtp('03-vp8-keyframe-first.rtp.bin'));
    publisher.sendRtp(clearRtp('01-opus-first-with-mid.rtp.bin'));
    const audioSsrc = audio.rtpParameters.encodings![0]!.ssrc!;
    await subscriber.nextRtp((packet) => packet.ssrc === audioSsrc);
    await sleep(50);
    expect(subscriber.rtp).toEqual([]);
    // The closed producer's packets are now unknown to the transport.
    expect(await call.send.dump()).toMatchObject({ counters: { dropped: { 'rtp-unknown': 1 } } });
  });
});

describe('createWorker({ listen })', () => {
  it('runs the control plane on a real MediaWorker on that port, and releases it on close', async () => {
    const worker = await createWorker({ listen: { address: '127.0.0.1', port: 0 } });
    try {
      const router = await worker.createRouter();
      const transport = await router.createWebRtcTransport();
      const [candidate] = transport.iceCandidates;
      expect(candidate).toMatchObject({ address: '127.0.0.1', protocol: 'udp', type: 'host' });
      expect(candidate!.port).toBeGreaterThan(0);
      expect(await worker.dump()).toMatchObject({ transportIds: [transport.id], addresses: [{ address: '127.0.0.1', port: candidate!.port }] });
    } finally {
      worker.close();
    }
    await expect(worker.dump()).rejects.toThrow();
  });
});
