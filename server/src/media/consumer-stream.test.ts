import { describe, expect, it } from 'vitest';
import { compactNtp, msToCompactNtp, nackPairsFromSequenceNumbers, ntpFromUnixMs, unixMsFromNtp, type ReportBlock } from '../rtcp/index.ts';
import { getHeaderExtension, parseRtpPacket, serializeRtpPacket, wrapRtx, type RtpPacket } from '../rtp/index.ts';
import { ConsumerStream, type ConsumerStreamOptions } from './consumer-stream.ts';
import { ProducerStream } from './producer-stream.ts';
import { manualNow, rtpPacket, vp8Payload, type PacketFields } from './test-packets.ts';

/** The producer's ids (Chromium's): 1 audio level... here video: 2 abs-send-time, 3 transport-wide-cc, 4 mid, 10 rid, 13 orientation. */
const PRODUCER_EXT = { absSendTime: 2, transportWideCc: 3, mid: 4, rid: 10, orientation: 13 };
/** The subscriber's ids for the end-to-end ones; transport-cc, mid and rid are per hop and not mapped. */
const CONSUMER_EXT_IDS = new Map([
  [PRODUCER_EXT.absSendTime, 5],
  [PRODUCER_EXT.orientation, 7],
]);
const CONSUMER_MID = { id: 9, value: 'v3' };
const CONSUMER = { ssrc: 0xc0ffee, payloadType: 100, rtx: { ssrc: 0xc0ffef, payloadType: 101 } };
const INITIAL = { sequenceNumber: 5000, timestampOffset: 1000, rtxSequenceNumber: 300 };

function setup(overrides: Partial<ConsumerStreamOptions> = {}, kind: 'audio' | 'video' = 'video') {
  const clock = manualNow();
  const clockRate = kind === 'video' ? 90_000 : 48_000;
  const producer = new ProducerStream({ kind, mimeType: kind === 'video' ? 'video/VP8' : 'audio/opus', clockRate, now: clock.now });
  const keyframeRequests: number[] = [];
  const consumer = new ConsumerStream({
    kind,
    clockRate,
    ssrc: CONSUMER.ssrc,
    payloadTypes: new Map([[kind === 'video' ? 96 : 111, CONSUMER.payloadType]]),
    rtx: CONSUMER.rtx,
    headerExtensionIds: CONSUMER_EXT_IDS,
    mid: CONSUMER_MID,
    initialSequenceNumber: INITIAL.sequenceNumber,
    initialTimestampOffset: INITIAL.timestampOffset,
    initialRtxSequenceNumber: INITIAL.rtxSequenceNumber,
    requestKeyframe: () => keyframeRequests.push(clock.now()),
    now: clock.now,
    ...overrides,
  });
  /** Publisher packet `seq` (20 ms of media each), through the producer stream to the consumer. */
  const push = (seq: number, fields: PacketFields = {}): RtpPacket | undefined => {
    const result = producer.receivePacket(rtpPacket({ sequenceNumber: seq, timestamp: seq * 1800, payloadType: kind === 'video' ? 96 : 111, ...fields }));
    if (result.action === 'skip') consumer.skip(result.sequenceNumber);
    if (result.action !== 'forward') return undefined;
    return consumer.send(result.packet, { source: producer, keyframe: result.keyframe });
  };
  const keyframe = (seq: number, fields: PacketFields = {}) => push(seq, { payload: vp8Payload(true), ...fields });
  return { clock, producer, consumer, push, keyframe, keyframeRequests };
}

function elements(packet: RtpPacket | undefined): [number, string][] {
  const extension = packet?.extension;
  if (extension === undefined || extension.kind === 'raw') return [];
  return extension.elements.map((element) => [element.id, Buffer.from(element.data).toString('latin1')]);
}

describe('ConsumerStream: rewriting into what the subscriber negotiated', () => {
  const dependencyDescriptor = 'd'.repeat(23);
  const cases: {
    name: string;
    input: PacketFields;
    extensionIds?: ReadonlyMap<number, number>;
    /** The subscriber negotiated no MID extension. */
    noMid?: boolean;
    expected: Partial<RtpPacket> | undefined;
    extensions?: [number, string][];
    form?: 'one-byte' | 'two-byte';
  }[] = [
    {
      name: 'SSRC, payload type 96 → 100, first sequence number and offset timestamp',
      input: { ssrc: 0x1111, sequenceNumber: 7, timestamp: 12_345, marker: true },
      expected: { ssrc: CONSUMER.ssrc, payloadType: CONSUMER.payloadType, sequenceNumber: INITIAL.sequenceNumber, timestamp: 12_345 + INITIAL.timestampOffset, marker: true },
    },
    {
      name: 'end-to-end extensions renumbered, per-hop ones (transport-cc, the publisher mid and rid) dropped, the consumer MID written',
      input: { extensions: [[PRODUCER_EXT.absSendTime, 'abc'], [PRODUCER_EXT.transportWideCc, '\x00\x01'], [PRODUCER_EXT.mid, '1'], [PRODUCER_EXT.rid, 'q'], [PRODUCER_EXT.orientation, '\x01']] },
      expected: {},
      extensions: [[5, 'abc'], [7, '\x01'], [9, 'v3']],
      form: 'one-byte',
    },
    {
      name: 'a packet without extensions still gets the MID',
      input: {},
      expected: {},
      extensions: [[9, 'v3']],
    },
    {
      name: 'no MID and nothing mapped: no extension block at all',
      input: { extensions: [[PRODUCER_EXT.transportWideCc, '\x00\x01']] },
      noMid: true,
      expected: { extension: undefined },
    },
    {
      name: 'an element over 16 bytes switches to the two-byte form (RFC 8285 §4.3)',
      input: { extensions: [[12, dependencyDescriptor]] },
      extensionIds: new Map([[12, 8]]),
      expected: {},
      extensions: [[8, dependencyDescriptor], [9, 'v3']],
      form: 'two-byte',
    },
    {
      name: 'a payload type the subscriber did not negotiate is not sent',
      input: { payloadType: 98 },
      expected: undefined,
    },
  ];
  for (const { name, input, extensionIds, expected, extensions, form, noMid } of cases) {
    it(name, () => {
      const { push } = setup({
        waitForKeyframe: false,
        ...(extensionIds === undefined ? {} : { headerExtensionIds: extensionIds }),
        ...(noMid === true ? { mid: undefined } : {}),
      });
      const out = push(input.sequenceNumber ?? 1, input);
      if (expected === undefined) {
        expect(out).toBeUndefined();
        return;
      }
      expect(out).toMatchObject(expected);
      if (extensions !== undefined) expect(elements(out)).toEqual(extensions);
      if (form !== undefined) expect(out?.extension?.kind).toBe(form);
      // What goes on the wire reads back the same.
      const wire = parseRtpPacket(serializeRtpPacket(out!));
      expect(wire).toMatchObject({ ssrc: out!.ssrc, payloadType: out!.payloadType, sequenceNumber: out!.sequenceNumber, timestamp: out!.timestamp });
      if (noMid !== true) expect(Buffer.from(getHeaderExtension(wire, CONSUMER_MID.id)!).toString()).toBe('v3');
    });
  }

  it('leaves the producer packet, shared by every consumer, untouched', () => {
    const { producer, push, clock } = setup({ waitForKeyframe: false });
    push(1, { ssrc: 0x1111, extensions: [[PRODUCER_EXT.absSendTime, 'abc'], [PRODUCER_EXT.mid, '1']] });
    const stored = producer.getPacket(1, clock.now())!;
    expect(stored).toMatchObject({ ssrc: 0x1111, payloadType: 96, sequenceNumber: 1 });
    expect(elements(stored)).toEqual([[2, 'abc'], [4, '1']]);
  });

  it('two consumers of one producer each get their own SSRC, payload type and sequence', () => {
    const { producer, push, clock } = setup({ waitForKeyframe: false });
    const other = new ConsumerStream({ kind: 'video', clockRate: 90_000, ssrc: 42, payloadTypes: new Map([[96, 120]]), headerExtensionIds: new Map(), initialSequenceNumber: 1, initialTimestampOffset: 0, waitForKeyframe: false });
    const first = push(1);
    const second = other.send(producer.getPacket(1, clock.now())!, { source: producer, keyframe: false });
    expect(first).toMatchObject({ ssrc: CONSUMER.ssrc, payloadType: 100, sequenceNumber: INITIAL.sequenceNumber });
    expect(second).toMatchObject({ ssrc: 42, payloadType: 120, sequenceNumber: 1, timestamp: 1800 });
    expect(first!.payload).toBe(second!.payload);
  });
});

describe('ConsumerStream: continuity across pause, resume and key-frame waits', () => {
  it('waits for a key frame at start, asking once, and numbers from the key frame on', () => {
    const { push, keyframe, keyframeRequests } = setup();
    expect([push(1), push(2), push(3)]).toEqual([undefined, undefined, undefined]);
    expect(keyframeRequests).toHaveLength(1);
    expect(keyframe(4)).toMatchObject({ sequenceNumber: INITIAL.sequenceNumber, timestamp: 4 * 1800 + INITIAL.timestampOffset });
    expect(push(5)).toMatchObject({ sequenceNumber: INITIAL.sequenceNumber + 1 });
  });

  it('after pause and resume: sequence numbers go on by one, timestamps keep their offset (time passed), a key frame first', () => {
    const { consumer, push, keyframe, keyframeRequests, clock } = setup();
    const sent = [keyframe(1), push(2), push(3)];
    expect(sent.map((p) => p?.sequenceNumber)).toEqual([5000, 5001, 5002]);
    consumer.pause();
    for (let seq = 4; seq <= 50; seq++) {
      clock.advance(20);
      expect(push(seq)).toBeUndefined();
    }
    const requestsBefore = keyframeRequests.length;
    consumer.resume();
    expect(keyframeRequests).toHaveLength(requestsBefore + 1);
    expect(push(51)).toBeUndefined(); // not a key frame: still waiting
    const resumed = keyframe(52);
    expect(resumed).toMatchObject({ sequenceNumber: 5003, timestamp: 52 * 1800 + INITIAL.timestampOffset });
    // The timestamp moved by the media time that passed: (52 − 3) frames of 1800 ticks.
    expect(resumed!.timestamp - sent[2]!.timestamp).toBe(49 * 1800);
    expect(push(53)).toMatchObject({ sequenceNumber: 5004 });
    expect(consumer.getStats().packetsDroppedWaitingForKeyframe).toBe(1);
  });

  it('audio resumes at once, with the next sequence number', () => {
    const { consumer, push } = setup({}, 'audio');
    expect(push(1)).toMatchObject({ sequenceNumber: 5000 });
    consumer.pause();
    push(2);
    push(3);
    consumer.resume();
    expect(push(4)).toMatchObject({ sequenceNumber: 5001, timestamp: 4 * 1800 + INITIAL.timestampOffset });
  });

  it('a producer pause is handled like a consumer pause, and both must end', () => {
    const { consumer, push, keyframe } = setup();
    keyframe(1);
    consumer.setProducerPaused(true);
    consumer.pause();
    consumer.setProducerPaused(false);
    expect(keyframe(2)).toBeUndefined(); // still paused by the subscriber
    consumer.resume();
    expect(keyframe(3)).toMatchObject({ sequenceNumber: 5001 });
  });

  it('refuses a reordered packet from before the resume: its number was given away', () => {
    const { consumer, push, keyframe } = setup();
    keyframe(10);
    consumer.pause();
    consumer.resume();
    expect(keyframe(20)).toMatchObject({ sequenceNumber: 5001 });
    expect(push(19)).toBeUndefined();
  });

  it('closes the gap of padding the publisher sent on the media SSRC', () => {
    const { push, keyframe } = setup();
    keyframe(1);
    expect(push(2, { payload: new Uint8Array(0), paddingSize: 255 })).toBeUndefined();
    expect(push(3, { payload: new Uint8Array(0), paddingSize: 255 })).toBeUndefined();
    expect(push(4)).toMatchObject({ sequenceNumber: 5001 });
  });

  it('closes the gap of a payload type it does not send', () => {
    const { push, keyframe } = setup();
    keyframe(1);
    expect(push(2, { payloadType: 98 })).toBeUndefined();
    expect(push(3)).toMatchObject({ sequenceNumber: 5001 });
  });

  it('a new source continues the sequence, and the timestamps from the last sent plus the time since', () => {
    const { consumer, keyframe, push, clock } = setup();
    keyframe(1);
    const last = push(2)!;
    clock.advance(100);
    const other = new ProducerStream({ kind: 'video', mimeType: 'video/VP8', clockRate: 90_000, now: clock.now });
    const result = other.receivePacket(rtpPacket({ ssrc: 0x2222, sequenceNumber: 40_000, timestamp: 7, payload: vp8Payload(true) }));
    if (result.action !== 'forward') throw new Error('expected forward');
    const switched = consumer.send(result.packet, { source: other, keyframe: result.keyframe });
    expect(switched).toMatchObject({ sequenceNumber: 5002, timestamp: last.timestamp + 9000 });
  });
});

describe('ConsumerStream: NACK from the subscriber (RFC 4585 §6.2.1) answered with RTX (RFC 4588 §4)', () => {
  function sentTen() {
    const context = setup();
    const sent = [context.keyframe(1), ...Array.from({ length: 9 }, (_, i) => context.push(i + 2, { marker: i === 4 }))] as RtpPacket[];
    return { ...context, sent };
  }

  it('answers each NACKed number with an RTX packet: RTX SSRC and PT, OSN = the consumer sequence number, own RTX sequence', () => {
    const { consumer, sent } = sentTen();
    const rtx = consumer.receiveNack(nackPairsFromSequenceNumbers([5002, 5005]));
    expect(rtx).toEqual([
      wrapRtx(sent[2]!, { ...CONSUMER.rtx, sequenceNumber: 300 }),
      wrapRtx(sent[5]!, { ...CONSUMER.rtx, sequenceNumber: 301 }),
    ]);
    // On the wire: the 2-byte OSN, then the original payload; the original's timestamp and marker.
    const wire = parseRtpPacket(serializeRtpPacket(rtx[1]!));
    expect(wire).toMatchObject({ ssrc: CONSUMER.rtx.ssrc, payloadType: 101, sequenceNumber: 301, timestamp: sent[5]!.timestamp, marker: true });
    expect([...wire.payload.subarray(0, 2)]).toEqual([5005 >> 8, 5005 & 0xff]);
    expect(wire.payload.subarray(2)).toEqual(sent[5]!.payload);
    expect(Buffer.from(getHeaderExtension(wire, CONSUMER_MID.id)!).toString()).toBe('v3');
    expect(consumer.getStats()).toMatchObject({ nackCount: 1, packetsRetransmitted: 2 });
  });

  it('answers nothing for numbers it never sent or no longer holds', () => {
    const { consumer, clock } = sentTen();
    expect(consumer.receiveNack(nackPairsFromSequenceNumbers([4999, 5010, 6000]))).toEqual([]);
    clock.advance(2001); // past the producer buffer's 2 s
    expect(consumer.receiveNack(nackPairsFromSequenceNumbers([5003]))).toEqual([]);
    expect(consumer.getStats().nackedPacketsMissing).toBe(4);
  });

  it('a repeated NACK is answered again while the RTT is unknown', () => {
    const { consumer } = sentTen();
    const nack = nackPairsFromSequenceNumbers([5004]);
    expect(consumer.receiveNack(nack)).toHaveLength(1);
    expect(consumer.receiveNack(nack)).toHaveLength(1);
  });

  it('still answers for packets sent before a pause', () => {
    const { consumer, push, sent } = sentTen();
    consumer.pause();
    push(11);
    consumer.resume();
    expect(consumer.receiveNack(nackPairsFromSequenceNumbers([5009]))).toEqual([wrapRtx(sent[9]!, { ...CONSUMER.rtx, sequenceNumber: 300 })]);
  });
});

describe('ConsumerStream: plain retransmission', () => {
  it('resends the very packet first sent when RTX was not negotiated', () => {
    const { push, keyframe, consumer } = setup({ rtx: undefined });
    const sent = [keyframe(1), push(2), push(3)];
    expect(consumer.receiveNack(nackPairsFromSequenceNumbers([5001, 5002]))).toEqual([sent[1], sent[2]]);
  });
});

describe('ConsumerStream: SR with the publisher NTP ↔ RTP mapping (RFC 3550 §6.4.1)', () => {
  it('has no SR before the publisher sent one', () => {
    const { consumer, keyframe } = setup();
    keyframe(1);
    expect(consumer.createSenderReport()).toBeUndefined();
  });

  it('carries the publisher SR forward to now and shifts it by the consumer timestamp offset', () => {
    const { consumer, producer, keyframe, push, clock } = setup();
    keyframe(1);
    push(2, { payload: new Uint8Array(100) });
    const publisherNtpMs = 1_650_000_000_000;
    producer.receiveSenderReport({ ntpTimestamp: ntpFromUnixMs(publisherNtpMs), rtpTimestamp: 4_000_000_000 });
    clock.advance(500);
    const sr = consumer.createSenderReport()!;
    expect(sr).toMatchObject({
      kind: 'sender-report',
      ssrc: CONSUMER.ssrc,
      // 500 ms later on the publisher's NTP timeline...
      ntpTimestamp: ntpFromUnixMs(publisherNtpMs + 500),
      // ...and 500 ms later on its RTP clock (45 000 ticks), plus the offset, modulo 2^32.
      rtpTimestamp: (4_000_000_000 + 45_000 + INITIAL.timestampOffset) % 2 ** 32,
      packetCount: 2,
      octetCount: vp8Payload(true).length + 100,
    });
  });

  it('keeps audio and video in sync: a sample captured at one instant maps to one NTP time in both consumers', () => {
    // The publisher: audio at 48 kHz and video at 90 kHz, both SRs on its NTP clock, sent at different moments.
    const publisherMs = 1_650_000_000_000;
    const audio = setup({ initialTimestampOffset: 123_456 }, 'audio');
    const video = setup({ initialTimestampOffset: 3_000_000_000, clockRate: 90_000 });
    audio.push(1);
    video.keyframe(1);
    audio.producer.receiveSenderReport({ ntpTimestamp: ntpFromUnixMs(publisherMs), rtpTimestamp: 10_000 });
    video.producer.receiveSenderReport({ ntpTimestamp: ntpFromUnixMs(publisherMs + 300), rtpTimestamp: 50_000 });
    audio.clock.advance(700);
    video.clock.advance(1234);
    const audioSr = audio.consumer.createSenderReport()!;
    const videoSr = video.consumer.createSenderReport()!;
    // The capture instant publisherMs + 1000 is audio timestamp 10 000 + 48 000 and video 50 000 + 63 000 at the publisher.
    const ntpOf = (sr: typeof audioSr, outputTimestamp: number, rate: number) => unixMsFromNtp(sr.ntpTimestamp) + (((outputTimestamp - sr.rtpTimestamp) | 0) * 1000) / rate;
    const audioAt = ntpOf(audioSr, (10_000 + 48_000 + 123_456) >>> 0, 48_000);
    const videoAt = ntpOf(videoSr, (50_000 + 63_000 + 3_000_000_000) >>> 0, 90_000);
    expect(audioAt).toBeCloseTo(publisherMs + 1000, 0);
    expect(videoAt).toBeCloseTo(publisherMs + 1000, 0);
  });

  it('measures the RTT from the LSR an RR echoes, on the SFU clock', () => {
    const { consumer, producer, keyframe, clock } = setup();
    keyframe(1);
    producer.receiveSenderReport({ ntpTimestamp: ntpFromUnixMs(1_000_000_000_000), rtpTimestamp: 0 });
    const sr = consumer.createSenderReport()!;
    clock.advance(30);
    const block: ReportBlock = {
      ssrc: CONSUMER.ssrc,
      fractionLost: 64,
      cumulativeLost: 3,
      extendedHighestSequence: 5000,
      jitter: 900,
      lastSenderReport: compactNtp(sr.ntpTimestamp),
      delaySinceLastSenderReport: msToCompactNtp(10),
    };
    consumer.receiveReceiverReport(block);
    const stats = consumer.getStats();
    expect(stats.roundTripTimeMs).toBeCloseTo(20, 0);
    expect(stats).toMatchObject({ fractionLost: 0.25, packetsLost: 3, jitterMs: 10, score: 3 });
    consumer.receiveReceiverReport({ ...block, lastSenderReport: 12345 });
    expect(consumer.getStats().roundTripTimeMs).toBeCloseTo(20, 0); // an LSR it never sent changes nothing
  });

  it('does not resend within one RTT once the RTT is known', () => {
    const { consumer, producer, keyframe, push, clock } = setup();
    keyframe(1);
    push(2);
    producer.receiveSenderReport({ ntpTimestamp: ntpFromUnixMs(1_000_000_000_000), rtpTimestamp: 0 });
    const sr = consumer.createSenderReport()!;
    clock.advance(40);
    consumer.receiveReceiverReport({ ssrc: CONSUMER.ssrc, fractionLost: 0, cumulativeLost: 0, extendedHighestSequence: 0, jitter: 0, lastSenderReport: compactNtp(sr.ntpTimestamp), delaySinceLastSenderReport: 0 });
    const nack = nackPairsFromSequenceNumbers([5001]);
    expect(consumer.receiveNack(nack)).toHaveLength(1);
    clock.advance(39);
    expect(consumer.receiveNack(nack)).toHaveLength(0);
    clock.advance(1);
    expect(consumer.receiveNack(nack)).toHaveLength(1);
  });
});

describe('ConsumerStream: key-frame requests from the subscriber', () => {
  it('passes PLI and FIR on while active, and counts them', () => {
    const { consumer, keyframe, keyframeRequests } = setup();
    keyframe(1);
    consumer.receiveKeyframeRequest('pli');
    consumer.receiveKeyframeRequest('fir');
    expect(keyframeRequests).toHaveLength(2);
    consumer.pause();
    consumer.receiveKeyframeRequest('pli');
    expect(keyframeRequests).toHaveLength(2);
    expect(consumer.getStats()).toMatchObject({ pliCount: 2, firCount: 1 });
  });
});
