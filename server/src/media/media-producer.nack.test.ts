/**
 * The NackGenerator wired into MediaProducer: a VP8 producer from a real
 * Chromium 156 offer (which negotiates `nack`) NACKs the publisher through
 * its link; counts show in getStats(); Opus (no `nack`) gets none.
 */
import { describe, expect, it } from 'vitest';
import { parseRtcp, sequenceNumbersFromNackPairs, serializeRtcp, type RtcpPacket } from '../rtcp/index.ts';
import { wrapRtx } from '../rtp/index.ts';
import { producerRtpMapping } from '../sfu/rtp-mapping.ts';
import { routerRtpCapabilities } from '../sfu/rtp-capabilities.ts';
import { validateRtpParameters } from '../sfu/rtp-validation.ts';
import { DEFAULT_MEDIA_CODECS } from '../sfu/supported-rtp-capabilities.ts';
import { chromiumOfferSections, producerParametersFromSdp } from '../sfu/test-support.ts';
import { ManualClock, TimerQueue } from '../timers/index.ts';
import { MediaProducer } from './media-producer.ts';
import { CLEAR, rtpPacket } from './test-packets.ts';

const SFU_SSRC = 0xfa17;
const router = routerRtpCapabilities(DEFAULT_MEDIA_CODECS);
const sections = chromiumOfferSections('sdp/clear-offer.sdp');

function setup(kind: 'audio' | 'video', mimeType: string) {
  const rtpParameters = validateRtpParameters(producerParametersFromSdp(sections[kind], [mimeType]));
  const clock = new ManualClock({ startMs: 1000 });
  const timers = new TimerQueue({ clock });
  const sent: RtcpPacket[] = [];
  const producer = new MediaProducer({
    data: { producerId: 'p1', kind, rtpParameters, rtpMapping: producerRtpMapping(rtpParameters, router), type: 'simple', paused: false, keyFrameRequestDelay: 0 },
    link: { rtcpSsrc: SFU_SSRC, sendRtcp: (packet) => sent.push(packet), notify: () => {} },
    timers,
    timerNow: () => clock.now(),
    mediaClock: () => clock.now(),
  });
  return { clock, producer, sent, encoding: producer.encodings[0]! };
}

describe('MediaProducer: NACKs to the publisher', () => {
  it('a VP8 producer NACKs a lost packet to the publisher and stops once its RTX arrives', () => {
    const { clock, producer, sent, encoding } = setup('video', 'video/vp8');
    const media = (sequenceNumber: number) => rtpPacket({ ssrc: CLEAR.video.ssrc, payloadType: CLEAR.video.payloadType, sequenceNumber });
    producer.receive('media', media(100), encoding);
    producer.receive('media', media(102), encoding);
    clock.advance(20);
    const nacks = sent.filter((packet) => packet.kind === 'transport-layer-nack');
    expect(nacks).toHaveLength(1);
    const [parsed] = parseRtcp(serializeRtcp(nacks));
    expect(parsed).toMatchObject({ kind: 'transport-layer-nack', senderSsrc: SFU_SSRC, mediaSsrc: CLEAR.video.ssrc });
    expect(parsed?.kind === 'transport-layer-nack' && sequenceNumbersFromNackPairs(parsed.nacks)).toEqual([101]);

    const rtx = wrapRtx(media(101), { ssrc: CLEAR.video.rtxSsrc, payloadType: CLEAR.video.rtxPayloadType, sequenceNumber: 7 });
    expect(producer.receive('rtx', rtx, encoding)).toMatchObject({ action: 'forward', recovered: true });
    clock.advance(1000);
    expect(sent.filter((packet) => packet.kind === 'transport-layer-nack')).toHaveLength(1);
    expect(producer.getStats()[0]).toMatchObject({ nackCount: 1, nackPacketCount: 1 });
    producer.close();
  });

  it('an Opus producer (no `nack` negotiated) sends no NACK', () => {
    const { clock, producer, sent, encoding } = setup('audio', 'audio/opus');
    const media = (sequenceNumber: number) => rtpPacket({ ssrc: CLEAR.audio.ssrc, payloadType: CLEAR.audio.payloadType, sequenceNumber, payload: Uint8Array.of(1, 2, 3) });
    producer.receive('media', media(100), encoding);
    producer.receive('media', media(105), encoding);
    clock.advance(1000);
    expect(sent).toEqual([]);
    expect(encoding.nacks).toBeUndefined();
  });
});
