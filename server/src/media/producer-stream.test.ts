import { describe, expect, it } from 'vitest';
import { compactNtp, compactNtpFromUnixMs, msToCompactNtp, ntpFromUnixMs } from '../rtcp/index.ts';
import { rtxOriginalSequenceNumber, wrapRtx } from '../rtp/index.ts';
import { ProducerStream, type ProducerPacketResult } from './producer-stream.ts';
import { CLEAR, clearFixture, manualNow, rtpPacket, vp8Payload } from './test-packets.ts';

const RTX_APT = new Map([[CLEAR.video.rtxPayloadType, CLEAR.video.payloadType]]);

function videoStream(clock = manualNow()) {
  const stream = new ProducerStream({ kind: 'video', mimeType: 'video/VP8', clockRate: 90_000, rtxApt: RTX_APT, now: clock.now });
  return { stream, clock };
}

function action(result: ProducerPacketResult): string {
  if (result.action === 'forward') return `forward${result.recovered ? ' recovered' : ''}${result.keyframe ? ' keyframe' : ''}`;
  return result.action === 'skip' ? `skip ${result.sequenceNumber}` : `drop ${result.reason}`;
}

const START_MS = 1_700_000_000_000;

/** Media packet `seq` arrives at START + seq × 20 ms with timestamp seq × 1800 (20 ms at 90 kHz): no jitter. */
function feed(stream: ProducerStream, clock: ReturnType<typeof manualNow>, seqs: readonly number[]): void {
  for (const seq of seqs) {
    clock.set(START_MS + seq * 20);
    stream.receivePacket(rtpPacket({ ssrc: CLEAR.video.ssrc, sequenceNumber: seq, timestamp: seq * 1800 }));
  }
}

describe('ProducerStream: receiver report blocks (RFC 3550 A.1, A.3, A.8, §6.4.1)', () => {
  it('reports 10 lost of 99 expected after probation as fraction 25/256, then a clean interval as 0', () => {
    const { stream, clock } = videoStream();
    const seqs = Array.from({ length: 100 }, (_, i) => i + 1).filter((seq) => seq % 10 !== 5);
    feed(stream, clock, seqs);
    // A.1: the first packet is probation; counting starts at 2, so 99 expected (2..100), 89 received.
    expect(stream.createReportBlock()).toEqual({
      ssrc: CLEAR.video.ssrc,
      fractionLost: Math.floor((10 * 256) / 99),
      cumulativeLost: 10,
      extendedHighestSequence: 100,
      jitter: 0,
      lastSenderReport: 0,
      delaySinceLastSenderReport: 0,
    });
    expect(stream.getStats()).toMatchObject({ packetsLost: 10, fractionLost: 25 / 256, score: 7 });
    feed(stream, clock, [101, 102, 103]);
    expect(stream.createReportBlock()).toMatchObject({ fractionLost: 0, cumulativeLost: 10, extendedHighestSequence: 103 });
  });

  it('echoes the last SR as LSR with the time since as DLSR', () => {
    const { stream, clock } = videoStream();
    feed(stream, clock, [1, 2, 3]);
    const ntpTimestamp = ntpFromUnixMs(1_650_000_000_123);
    stream.receiveSenderReport({ ntpTimestamp, rtpTimestamp: 5000 });
    clock.advance(500);
    expect(stream.createReportBlock()).toMatchObject({ lastSenderReport: compactNtp(ntpTimestamp), delaySinceLastSenderReport: msToCompactNtp(500) });
    expect(stream.lastSenderReport).toEqual({ ntpTimestamp, rtpTimestamp: 5000, arrivalMs: clock.now() - 500 });
  });

  it('has no block before any packet, nor during A.1 probation', () => {
    const { stream, clock } = videoStream();
    expect(stream.createReportBlock()).toBeUndefined();
    feed(stream, clock, [7]);
    expect(stream.createReportBlock()).toBeUndefined();
  });

  it('measures the round trip from a DLRR answering the RRTR (RFC 3611 §4.5)', () => {
    const { stream, clock } = videoStream();
    const rrtrSentAt = clock.now();
    clock.advance(25);
    // The publisher held the RRTR 5 ms before answering: RTT = 25 − 5.
    stream.receiveDlrr({ ssrc: 1, lastReceiverReport: compactNtpFromUnixMs(rrtrSentAt), delaySinceLastReceiverReport: msToCompactNtp(5) });
    expect(stream.getStats().roundTripTimeMs).toBeCloseTo(20, 0);
  });
});

describe('ProducerStream: what it forwards', () => {
  it('finds the VP8 key frame of the capture, not the later delta frame', () => {
    const { stream } = videoStream();
    expect(action(stream.receivePacket(clearFixture('03-vp8-keyframe-first.rtp.bin')))).toBe('forward keyframe');
    expect(action(stream.receivePacket(clearFixture('04-vp8-later.rtp.bin')))).toBe('forward');
    expect(stream.getStats().keyframes).toBe(1);
  });

  it('never calls an audio packet a key frame', () => {
    const stream = new ProducerStream({ kind: 'audio', mimeType: 'audio/opus', clockRate: 48_000, now: manualNow().now });
    expect(action(stream.receivePacket(clearFixture('01-opus-first-with-mid.rtp.bin')))).toBe('forward');
  });

  it('forwards a copy that owns its bytes: the datagram buffer may be reused', () => {
    const { stream, clock } = videoStream();
    const datagramPayload = vp8Payload(true);
    const result = stream.receivePacket(rtpPacket({ ssrc: 9, sequenceNumber: 1, payload: datagramPayload, extensions: [[3, Uint8Array.of(1, 2)]] }));
    datagramPayload.fill(0);
    if (result.action !== 'forward') throw new Error('expected forward');
    expect([...result.packet.payload]).toEqual([...vp8Payload(true)]);
    expect(stream.getPacket(1, clock.now())?.payload).toBe(result.packet.payload);
  });

  it('drops a duplicate, and skips padding on the media SSRC (counted, not forwarded)', () => {
    const { stream } = videoStream();
    const results = [
      stream.receivePacket(rtpPacket({ sequenceNumber: 1 })),
      stream.receivePacket(rtpPacket({ sequenceNumber: 1 })),
      stream.receivePacket(rtpPacket({ sequenceNumber: 2, payload: new Uint8Array(0), paddingSize: 100 })),
    ].map(action);
    expect(results).toEqual(['forward', 'drop duplicate', 'skip 2']);
    expect(stream.getStats()).toMatchObject({ packetsReceived: 1, duplicatePackets: 1, paddingPackets: 1 });
  });

  it('forgets the old stream when the SSRC changes (a restarted sender)', () => {
    const { stream, clock } = videoStream();
    feed(stream, clock, [1, 2, 3]);
    stream.receivePacket(rtpPacket({ ssrc: 0xbeef, sequenceNumber: 500 }));
    expect(stream.ssrc).toBe(0xbeef);
    expect(stream.getPacket(2, clock.now())).toBeUndefined();
    expect(stream.getPacket(500, clock.now())).toBeDefined();
  });
});

describe('ProducerStream: RTX from the publisher (RFC 4588)', () => {
  const rtx = { ssrc: CLEAR.video.rtxSsrc, payloadType: CLEAR.video.rtxPayloadType };

  it('recovers a packet it lacks, and drops a copy of one it has (a call-start probe)', () => {
    const { stream } = videoStream();
    for (const seq of [100, 101, 103]) stream.receivePacket(rtpPacket({ ssrc: CLEAR.video.ssrc, sequenceNumber: seq }));
    const lost = rtpPacket({ ssrc: CLEAR.video.ssrc, sequenceNumber: 102, payload: vp8Payload(false, 9) });
    const recovered = stream.receiveRtx(wrapRtx(lost, { ...rtx, sequenceNumber: 7 }));
    expect(action(recovered)).toBe('forward recovered');
    if (recovered.action !== 'forward') throw new Error('expected forward');
    expect(recovered.packet).toMatchObject({ ssrc: CLEAR.video.ssrc, payloadType: 96, sequenceNumber: 102 });
    expect([...recovered.packet.payload]).toEqual([...vp8Payload(false, 9)]);
    expect(action(stream.receiveRtx(wrapRtx(lost, { ...rtx, sequenceNumber: 8 })))).toBe('drop duplicate');
    expect(stream.getStats()).toMatchObject({ rtxPackets: 2, recoveredPackets: 1, duplicatePackets: 1 });
  });

  it('unwraps the real retransmission of the capture: OSN out, VP8 payload in', () => {
    const { stream } = videoStream();
    const retransmission = clearFixture('06-rtx-retransmission.rtp.bin');
    const osn = rtxOriginalSequenceNumber(retransmission);
    stream.receivePacket(rtpPacket({ ssrc: CLEAR.video.ssrc, sequenceNumber: osn + 1 }));
    const result = stream.receiveRtx(retransmission);
    if (result.action !== 'forward') throw new Error(`expected forward, got ${action(result)}`);
    expect(result.packet).toMatchObject({ ssrc: CLEAR.video.ssrc, payloadType: CLEAR.video.payloadType, sequenceNumber: osn, timestamp: retransmission.timestamp });
    expect(result.packet.payload).toEqual(retransmission.payload.subarray(2));
  });

  const rejected: { name: string; setup: (stream: ProducerStream) => void; packet: () => ReturnType<typeof rtpPacket>; reason: string }[] = [
    { name: 'RTX before any media', setup: () => {}, packet: () => wrapRtx(rtpPacket({ sequenceNumber: 5 }), { ...rtx, sequenceNumber: 1 }), reason: 'rtx-before-media' },
    {
      name: 'an RTX payload type without apt',
      setup: (stream) => stream.receivePacket(rtpPacket({ sequenceNumber: 5 })),
      packet: () => wrapRtx(rtpPacket({ sequenceNumber: 4 }), { ...rtx, payloadType: 120, sequenceNumber: 1 }),
      reason: 'bad-rtx',
    },
    {
      name: 'an RTX payload shorter than the OSN',
      setup: (stream) => stream.receivePacket(rtpPacket({ sequenceNumber: 5 })),
      packet: () => rtpPacket({ payloadType: rtx.payloadType, payload: Uint8Array.of(1) }),
      reason: 'bad-rtx',
    },
    {
      name: 'an OSN further back than the buffer holds',
      setup: (stream) => stream.receivePacket(rtpPacket({ sequenceNumber: 5000 })),
      packet: () => wrapRtx(rtpPacket({ sequenceNumber: 5000 - 2000 }), { ...rtx, sequenceNumber: 1 }),
      reason: 'rtx-too-old',
    },
  ];
  for (const { name, setup, packet, reason } of rejected) {
    it(`drops ${name} (${reason})`, () => {
      const { stream } = videoStream();
      setup(stream);
      expect(action(stream.receiveRtx(packet()))).toBe(`drop ${reason}`);
    });
  }
});

describe('ProducerStream: retransmission buffer bounds', () => {
  it('holds a video packet for 2 s, not longer', () => {
    const { stream, clock } = videoStream();
    stream.receivePacket(rtpPacket({ sequenceNumber: 10 }));
    expect(stream.getPacket(10, clock.now() + 2000)).toBeDefined();
    expect(stream.getPacket(10, clock.now() + 2001)).toBeUndefined();
  });

  it('holds the last 1024 video packets by count', () => {
    const { stream, clock } = videoStream();
    for (let seq = 0; seq < 1100; seq++) stream.receivePacket(rtpPacket({ sequenceNumber: seq }));
    expect(stream.getPacket(1099 - 1023, clock.now())).toBeDefined();
    expect(stream.getPacket(1099 - 1024, clock.now())).toBeUndefined();
  });

  it('holds less audio: 64 packets, 1 s', () => {
    const clock = manualNow();
    const stream = new ProducerStream({ kind: 'audio', mimeType: 'audio/opus', clockRate: 48_000, now: clock.now });
    for (let seq = 0; seq < 100; seq++) stream.receivePacket(rtpPacket({ payloadType: 111, sequenceNumber: seq }));
    expect(stream.getPacket(99 - 63, clock.now())).toBeDefined();
    expect(stream.getPacket(99 - 64, clock.now())).toBeUndefined();
    expect(stream.getPacket(99, clock.now() + 1001)).toBeUndefined();
  });
});

describe('ProducerStream: stats', () => {
  it('counts payload bytes and their bitrate over the last second', () => {
    const { stream, clock } = videoStream();
    // 50 packets of 1000 payload bytes, 20 ms apart: 400 kbit/s.
    for (let seq = 0; seq < 50; seq++) {
      stream.receivePacket(rtpPacket({ sequenceNumber: seq, payload: new Uint8Array(1000) }));
      clock.advance(20);
    }
    clock.advance(-20);
    expect(stream.getStats()).toMatchObject({ packetsReceived: 50, bytesReceived: 50_000, bitrate: 400_000 });
  });
});
