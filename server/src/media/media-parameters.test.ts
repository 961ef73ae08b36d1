/**
 * What the media plane reads out of the control plane's produce and consume
 * data, with the numbers of a real Chromium 156 offer going through the real
 * control-plane mapping (publisher → router → subscriber).
 */
import { describe, expect, it } from 'vitest';
import { routerRtpCapabilities } from '../sfu/rtp-capabilities.ts';
import { consumableRtpParameters, consumerRtpMapping, consumerRtpParameters, producerRtpMapping } from '../sfu/rtp-mapping.ts';
import type { RtpParameters } from '../sfu/rtp-parameters.ts';
import { validateRtpParameters } from '../sfu/rtp-validation.ts';
import { DEFAULT_MEDIA_CODECS, RtpHeaderExtensionUri as Uri } from '../sfu/supported-rtp-capabilities.ts';
import { capabilitiesFromSdp, chromiumOfferSections, producerParametersFromSdp } from '../sfu/test-support.ts';
import { consumerRewrite, listenerExtensionIds, producerFeedback, rtxAptMap } from './media-parameters.ts';

const router = routerRtpCapabilities(DEFAULT_MEDIA_CODECS);
const sections = chromiumOfferSections('sdp/clear-offer.sdp');
const subscriber = capabilitiesFromSdp(sections.audio, sections.video);

function produceAndConsume(kind: 'audio' | 'video', mimeType: string) {
  const rtpParameters = validateRtpParameters(producerParametersFromSdp(sections[kind], [mimeType]));
  const rtpMapping = producerRtpMapping(rtpParameters, router);
  const consumable = consumableRtpParameters(kind, rtpParameters, router, rtpMapping);
  const consumer = consumerRtpParameters(consumable, subscriber, { mid: '5' });
  return { producer: { rtpParameters, rtpMapping }, consumer: { kind, rtpParameters: consumer, rtpMapping: consumerRtpMapping(consumable, consumer) } };
}

describe('consumerRewrite: the one-step rewrite of a Chromium publisher for a Chromium subscriber', () => {
  it('VP8: media payload type only, end-to-end extensions only, the RTX stream, the MID', () => {
    const { producer, consumer } = produceAndConsume('video', 'video/vp8');
    const rewrite = consumerRewrite(producer, consumer);
    // Publisher 96 → router 97 → subscriber 96; the publisher's RTX (97) is never rewritten: RTX is unwrapped on the way in.
    expect([...rewrite.payloadTypes]).toEqual([[96, 96]]);
    // Per-hop extensions (mid 4, transport-wide-cc 3, abs-send-time 2) are left to the sending transport.
    expect([...rewrite.headerExtensionIds]).toEqual([[13, 13]]);
    expect(rewrite.rtx).toEqual({ ssrc: consumer.rtpParameters.encodings![0]!.rtx!.ssrc, payloadType: 97 });
    expect(rewrite.mid).toEqual({ id: 4, value: '5' });
    expect(rewrite).toMatchObject({ kind: 'video', mimeType: 'video/VP8', clockRate: 90000, transportCcId: 3, absSendTimeId: 2, cname: 'bMSGIWZ7HuZme/e9' });
    expect(rewrite.ssrc).toBe(consumer.rtpParameters.encodings![0]!.ssrc);
  });

  it('Opus: the audio level goes through, no RTX', () => {
    const { producer, consumer } = produceAndConsume('audio', 'audio/opus');
    const rewrite = consumerRewrite(producer, consumer);
    expect([...rewrite.payloadTypes]).toEqual([[111, 111]]);
    expect([...rewrite.headerExtensionIds]).toEqual([[1, 1]]);
    expect(rewrite.rtx).toBeUndefined();
    // The router sends transport-wide-cc for video only (audio: recvonly), abs-send-time for both.
    expect(rewrite.transportCcId).toBeUndefined();
    expect(rewrite.absSendTimeId).toBe(2);
  });

  it('refuses consumer parameters without an SSRC', () => {
    const { producer, consumer } = produceAndConsume('audio', 'audio/opus');
    const broken = { ...consumer, rtpParameters: { ...consumer.rtpParameters, encodings: [{}] } };
    expect(() => consumerRewrite(producer, broken)).toThrow(TypeError);
  });
});

describe('producerFeedback: what the SFU sends a publisher', () => {
  const vp8 = (feedback: { type: string; parameter?: string }[], extensions: string[]): RtpParameters => ({
    codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, rtcpFeedback: feedback }],
    headerExtensions: extensions.map((uri, i) => ({ uri, id: i + 1 })),
    encodings: [{ ssrc: 1 }],
  });
  it.each([
    { name: 'Chromium (pli, fir, transport-cc, remb)', feedback: [{ type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }, { type: 'goog-remb' }], extensions: [Uri.AbsSendTime, Uri.TransportWideCc01], expected: { keyframeMethod: 'pli', transportCcId: 2, remb: false } },
    { name: 'FIR only', feedback: [{ type: 'ccm', parameter: 'fir' }], extensions: [], expected: { keyframeMethod: 'fir', transportCcId: undefined, remb: false } },
    { name: 'REMB without transport-cc', feedback: [{ type: 'goog-remb' }], extensions: [Uri.AbsSendTime], expected: { keyframeMethod: 'pli', transportCcId: undefined, remb: true } },
    { name: 'REMB without abs-send-time (REMB receivers need it)', feedback: [{ type: 'goog-remb' }], extensions: [], expected: { keyframeMethod: 'pli', transportCcId: undefined, remb: false } },
  ])('$name', ({ feedback, extensions, expected }) => {
    expect(producerFeedback(vp8(feedback, extensions))).toEqual(expected);
  });
});

describe('listener inputs', () => {
  it('binds by the mid, rid and repaired-rid ids of the publisher, and knows its RTX payload types', () => {
    const params = producerParametersFromSdp(sections.video, ['video/vp8']);
    expect(listenerExtensionIds(params)).toEqual({ mid: 4, rid: 10, repairedRid: 11 });
    expect([...rtxAptMap(params)]).toEqual([[97, 96]]);
  });
});
