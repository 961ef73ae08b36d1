import { describe, expect, it } from 'vitest';
import { readAttributes, ridAttribute } from '../sdp/index.ts';
import { UnsupportedError } from './errors.ts';
import { routerRtpCapabilities } from './rtp-capabilities.ts';
import { canConsume, composeRtpMappings, consumableRtpParameters, consumerRtpMapping, consumerRtpParameters, producerRtpMapping } from './rtp-mapping.ts';
import type { RtpCapabilities, RtpCodecCapability, RtpParameters } from './rtp-parameters.ts';
import { validateRtpParameters } from './rtp-validation.ts';
import { DEFAULT_MEDIA_CODECS, RtpHeaderExtensionUri as Uri, supportedRtpCapabilities } from './supported-rtp-capabilities.ts';
import { capabilitiesFromSdp, chromiumOfferSections, producerParametersFromSdp } from './test-support.ts';

// Router payload types with the defaults: opus 96, VP8 97 (+rtx 98), VP9 99 (+100), H264 42e01f 101 (+102), AV1 103 (+104).
const router = routerRtpCapabilities(DEFAULT_MEDIA_CODECS);
const { audio, video } = chromiumOfferSections();
/** What a Chromium subscriber can receive, at its own payload types and extension ids. */
const chromium = capabilitiesFromSdp(audio, video);

function produce(params: RtpParameters, caps: RtpCapabilities = router) {
  const validated = validateRtpParameters(params);
  const kind = validated.codecs[0]!.mimeType.startsWith('audio') ? 'audio' : 'video';
  const mapping = producerRtpMapping(validated, caps);
  return { mapping, consumable: consumableRtpParameters(kind, validated, caps, mapping) };
}

describe('producerRtpMapping, Chromium 156 publisher (plain-offer.sdp)', () => {
  it('maps Opus and its header extensions to the router', () => {
    const { mapping } = produce(producerParametersFromSdp(audio, ['audio/opus']));
    expect(mapping.codecs).toEqual([{ payloadType: 111, mappedPayloadType: 96 }]);
    expect(mapping.headerExtensions).toEqual([
      { uri: Uri.SsrcAudioLevel, id: 1, mappedId: 1 },
      { uri: Uri.AbsSendTime, id: 2, mappedId: 2 },
      { uri: Uri.TransportWideCc01, id: 3, mappedId: 3 },
      { uri: Uri.Mid, id: 4, mappedId: 4 },
    ]);
    expect(mapping.encodings).toEqual([{ ssrc: 3244501729, mappedSsrc: expect.any(Number) }]);
  });

  it('maps VP8 + RTX, keeps the extensions the router reads and drops the rest (toffset, playout-delay, ...)', () => {
    const { mapping } = produce(producerParametersFromSdp(video, ['video/vp8']));
    expect(mapping.codecs).toEqual([
      { payloadType: 96, mappedPayloadType: 97 },
      { payloadType: 97, mappedPayloadType: 98 },
    ]);
    expect(mapping.headerExtensions.map((e) => [e.id, e.mappedId])).toEqual([
      [2, 2], // abs-send-time
      [13, 13], // video-orientation
      [3, 3], // transport-wide-cc
      [4, 4], // mid
      [10, 10], // rid
      [11, 11], // repaired rid
    ]);
    expect(mapping.encodings).toEqual([{ ssrc: 3579667211, mappedSsrc: expect.any(Number) }]);
  });

  // Each codec Chromium offers, alone, against the default router and against one with every supported codec.
  const everySupported = routerRtpCapabilities(supportedRtpCapabilities.codecs.map(({ preferredPayloadType: _, ...codec }) => codec));
  it.each<[number, string, number | 'unsupported', number | 'unsupported']>([
    [96, 'VP8', 97, 97],
    [102, 'H264 mode 1 42001f (Baseline)', 'unsupported', 103],
    [104, 'H264 mode 0 42001f', 'unsupported', 'unsupported'],
    [108, 'H264 mode 1 42e01f (Constrained Baseline)', 101, 105],
    [114, 'H264 mode 0 42e01f', 'unsupported', 'unsupported'],
    [116, 'H264 mode 1 4d001f (Main)', 'unsupported', 107],
    [39, 'H264 mode 0 4d001f', 'unsupported', 'unsupported'],
    [45, 'AV1 profile 0', 103, 109],
    [98, 'VP9 profile-id 0', 99, 99],
    [100, 'VP9 profile-id 2', 'unsupported', 101],
    [118, 'red', 'unsupported', 'unsupported'],
    [120, 'ulpfec', 'unsupported', 'unsupported'],
  ])('offer PT %i (%s) → default router %s, full router %s', (payloadType, _name, withDefaults, withAll) => {
    const params = producerParametersFromSdp(video, ['video/vp8', 'video/h264', 'video/av1', 'video/vp9', 'video/red', 'video/ulpfec']);
    params.codecs = params.codecs.filter((codec) => codec.payloadType === payloadType);
    for (const [caps, expected] of [
      [router, withDefaults],
      [everySupported, withAll],
    ] as const) {
      if (expected === 'unsupported') expect(() => producerRtpMapping(validateRtpParameters(params), caps)).toThrow(UnsupportedError);
      else expect(producerRtpMapping(validateRtpParameters(params), caps).codecs).toEqual([{ payloadType, mappedPayloadType: expected }]);
    }
  });

  it('maps header-extension ids that differ from the router', () => {
    const params = producerParametersFromSdp(audio, ['audio/opus']);
    params.headerExtensions = [
      { uri: Uri.Mid, id: 9 },
      { uri: Uri.SsrcAudioLevel, id: 14 },
      { uri: 'urn:ietf:params:rtp-hdrext:csrc-audio-level', id: 5 },
    ];
    expect(produce(params).mapping.headerExtensions).toEqual([
      { uri: Uri.Mid, id: 9, mappedId: 4 },
      { uri: Uri.SsrcAudioLevel, id: 14, mappedId: 1 },
    ]);
  });

  it('maps simulcast encodings (Chromium rids q, h, f) to consecutive router SSRCs', () => {
    const { video: simulcastVideo } = chromiumOfferSections('sdp/simulcast-offer.sdp');
    const params = producerParametersFromSdp(simulcastVideo, ['video/vp8']);
    params.encodings = readAttributes(simulcastVideo, ridAttribute).map(({ id }) => ({ rid: id, scalabilityMode: 'L1T3' }));
    const { mapping, consumable } = produce(params);
    expect(mapping.encodings.map((e) => e.rid)).toEqual(['q', 'h', 'f']);
    const first = mapping.encodings[0]!.mappedSsrc;
    expect(mapping.encodings.map((e) => e.mappedSsrc)).toEqual([first, first + 1, first + 2]);
    expect(consumable.encodings).toEqual([
      { ssrc: first, scalabilityMode: 'L1T3' },
      { ssrc: first + 1, scalabilityMode: 'L1T3' },
      { ssrc: first + 2, scalabilityMode: 'L1T3' },
    ]);
    // The subscriber gets one stream whose spatial layers are the three encodings.
    expect(consumerRtpParameters(consumable, chromium).encodings).toEqual([{ ssrc: expect.any(Number), rtx: { ssrc: expect.any(Number) }, scalabilityMode: 'L3T3' }]);
  });

  it.each<[string, (p: RtpParameters) => void, new (...args: never[]) => Error, RegExp]>([
    ['RTX for audio (the router has none)', (p) => p.codecs.push({ mimeType: 'audio/rtx', payloadType: 112, clockRate: 48000, parameters: { apt: 111 } }), UnsupportedError, /no RTX in the router for audio\/opus/],
    ['no encodings', (p) => (p.encodings = []), TypeError, /at least one encoding/],
    ['two encodings without ssrc or rid', (p) => (p.encodings = [{}, {}]), TypeError, /encodings\[0\] needs an ssrc or a rid/],
    ['one encoding with neither and no mid', (p) => ((p.encodings = [{}]), delete p.mid), TypeError, /encodings\[0\]/],
  ])('rejects %s', (_name, mutate, errorType, message) => {
    const params = producerParametersFromSdp(audio, ['audio/opus']);
    mutate(params);
    expect(() => produce(params)).toThrow(errorType);
    expect(() => produce(params)).toThrow(message);
  });

  it('accepts one encoding known only by the MID (bound by the header extension)', () => {
    const params = producerParametersFromSdp(audio, ['audio/opus']);
    params.encodings = [{}];
    expect(produce(params).mapping.encodings).toEqual([{ mappedSsrc: expect.any(Number) }]);
  });
});

describe('consumableRtpParameters', () => {
  it("is the router's codecs with the producer's codec parameters, the router's sendable extensions and mapped SSRCs", () => {
    const { mapping, consumable } = produce(producerParametersFromSdp(video, ['video/vp8']));
    expect(consumable.codecs).toEqual([
      { mimeType: 'video/VP8', payloadType: 97, clockRate: 90000, parameters: {}, rtcpFeedback: router.codecs[1]!.rtcpFeedback },
      { mimeType: 'video/rtx', payloadType: 98, clockRate: 90000, parameters: { apt: 97 }, rtcpFeedback: [] },
    ]);
    // rid and repaired-rid are recvonly: each consumer gets one plain stream.
    expect(consumable.headerExtensions).toEqual([
      { uri: Uri.AbsSendTime, id: 2 },
      { uri: Uri.TransportWideCc01, id: 3 },
      { uri: Uri.Mid, id: 4 },
      { uri: Uri.VideoOrientation, id: 13 },
    ]);
    expect(consumable.encodings).toEqual([{ ssrc: mapping.encodings[0]!.mappedSsrc }]);
    expect(consumable.rtcp).toEqual({ cname: 'oIE1ySUAk7vUn/jN', reducedSize: true });
  });

  it('keeps the H264 fmtp of the producer (it describes the bitstream)', () => {
    const params = producerParametersFromSdp(video, ['video/h264']);
    params.codecs = params.codecs.filter((codec) => codec.payloadType === 108 || codec.payloadType === 109);
    const { consumable } = produce(params);
    expect(consumable.codecs[0]).toMatchObject({ payloadType: 101, parameters: { 'level-asymmetry-allowed': '1', 'packetization-mode': '1', 'profile-level-id': '42e01f' } });
    expect(consumable.codecs[1]).toMatchObject({ mimeType: 'video/rtx', payloadType: 102, parameters: { apt: 101 } });
  });
});

describe('consumerRtpParameters and consumerRtpMapping, Chromium 156 subscriber', () => {
  const vp8 = produce(producerParametersFromSdp(video, ['video/vp8'])).consumable;
  const opus = produce(producerParametersFromSdp(audio, ['audio/opus'])).consumable;

  it("uses the subscriber's payload types and extension ids, a fresh SSRC + RTX SSRC, and the producer's CNAME", () => {
    const consumer = consumerRtpParameters(vp8, chromium, { mid: '3' });
    expect(consumer.mid).toBe('3');
    expect(consumer.codecs.map((c) => [c.mimeType, c.payloadType, c.parameters])).toEqual([
      ['video/VP8', 96, {}],
      ['video/rtx', 97, { apt: 96 }],
    ]);
    // transport-cc is negotiated, so REMB is left out (one estimator per subscriber).
    expect(consumer.codecs[0]?.rtcpFeedback).toEqual([{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }, { type: 'transport-cc' }]);
    expect(consumer.headerExtensions).toEqual([
      { uri: Uri.AbsSendTime, id: 2 },
      { uri: Uri.TransportWideCc01, id: 3 },
      { uri: Uri.Mid, id: 4 },
      { uri: Uri.VideoOrientation, id: 13 },
    ]);
    const [encoding] = consumer.encodings ?? [];
    expect(encoding?.ssrc).toBeGreaterThan(0);
    expect(encoding?.rtx?.ssrc).toBe((encoding?.ssrc ?? 0) + 1);
    expect(encoding?.ssrc).not.toBe(vp8.encodings?.[0]?.ssrc);
    expect(consumer.rtcp).toEqual({ cname: 'oIE1ySUAk7vUn/jN', reducedSize: true });
    expect(consumerRtpMapping(vp8, consumer)).toEqual({
      codecs: [
        { payloadType: 97, mappedPayloadType: 96 },
        { payloadType: 98, mappedPayloadType: 97 },
      ],
      headerExtensions: [
        { uri: Uri.AbsSendTime, id: 2, mappedId: 2 },
        { uri: Uri.TransportWideCc01, id: 3, mappedId: 3 },
        { uri: Uri.Mid, id: 4, mappedId: 4 },
        { uri: Uri.VideoOrientation, id: 13, mappedId: 13 },
      ],
    });
  });

  it('gives every consumer of one producer its own SSRC', () => {
    const ssrcs = new Set(Array.from({ length: 20 }, () => consumerRtpParameters(opus, chromium).encodings?.[0]?.ssrc));
    expect(ssrcs.size).toBe(20);
  });

  it('maps Opus to 111 and leaves audio without RTX', () => {
    const consumer = consumerRtpParameters(opus, chromium);
    expect(consumer.codecs.map((c) => c.payloadType)).toEqual([111]);
    expect(consumer.encodings?.[0]?.rtx).toBeUndefined();
    expect(consumerRtpMapping(opus, consumer).codecs).toEqual([{ payloadType: 96, mappedPayloadType: 111 }]);
  });

  it("picks the subscriber's H264 entry of the same profile and mode (108, not Baseline 102 or mode 0 114)", () => {
    const params = producerParametersFromSdp(video, ['video/h264']);
    params.codecs = params.codecs.filter((codec) => codec.payloadType === 108 || codec.payloadType === 109);
    const consumer = consumerRtpParameters(produce(params).consumable, chromium);
    expect(consumer.codecs.map((c) => [c.payloadType, c.parameters?.['apt']])).toEqual([
      [108, undefined],
      [109, 108],
    ]);
  });

  it('remaps extension ids to what another subscriber negotiated', () => {
    const caps: RtpCapabilities = {
      codecs: [{ kind: 'video', mimeType: 'video/VP8', clockRate: 90000, preferredPayloadType: 120, rtcpFeedback: [{ type: 'nack' }, { type: 'goog-remb' }] }],
      headerExtensions: [
        { kind: 'video', uri: Uri.Mid, preferredId: 1 },
        { kind: 'video', uri: Uri.AbsSendTime, preferredId: 7 },
        { kind: 'audio', uri: Uri.VideoOrientation, preferredId: 5 }, // wrong kind: not used for video
      ],
    };
    const consumer = consumerRtpParameters(vp8, caps);
    expect(consumer.codecs).toEqual([{ mimeType: 'video/VP8', payloadType: 120, clockRate: 90000, parameters: {}, rtcpFeedback: [{ type: 'nack' }, { type: 'goog-remb' }] }]);
    expect(consumerRtpMapping(vp8, consumer)).toEqual({
      codecs: [{ payloadType: 97, mappedPayloadType: 120 }],
      headerExtensions: [
        { uri: Uri.AbsSendTime, id: 2, mappedId: 7 },
        { uri: Uri.Mid, id: 4, mappedId: 1 },
      ],
    });
    // No RTX in the capabilities: no RTX codec, no RTX SSRC.
    expect(consumer.encodings?.[0]?.rtx).toBeUndefined();
  });

  it.each<[string, string[], string[]]>([
    ['transport-cc and abs-send-time', [Uri.TransportWideCc01, Uri.AbsSendTime], ['nack', 'transport-cc']],
    ['abs-send-time only (REMB)', [Uri.AbsSendTime], ['nack', 'goog-remb']],
    ['neither', [Uri.Mid], ['nack']],
  ])('keeps one bandwidth feedback with %s', (_name, uris, feedback) => {
    const caps: RtpCapabilities = {
      codecs: [{ kind: 'video', mimeType: 'video/VP8', clockRate: 90000, rtcpFeedback: [{ type: 'nack' }, { type: 'goog-remb' }, { type: 'transport-cc' }] }],
      headerExtensions: uris.map((uri, i) => ({ kind: 'video', uri, preferredId: i + 1 })),
    };
    expect(consumerRtpParameters(vp8, caps).codecs[0]?.rtcpFeedback?.map((fb) => fb.type)).toEqual(feedback);
  });

  it('leaves RTX out when enableRtx is false', () => {
    const consumer = consumerRtpParameters(vp8, chromium, { enableRtx: false });
    expect(consumer.codecs.map((c) => c.mimeType)).toEqual(['video/VP8']);
    expect(consumer.encodings?.[0]?.rtx).toBeUndefined();
  });

  it("uses the router's payload types when the capabilities give none", () => {
    const caps: RtpCapabilities = {
      codecs: [
        { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 },
        { kind: 'video', mimeType: 'video/rtx', clockRate: 90000, parameters: { apt: 0 } },
      ],
    };
    expect(consumerRtpParameters(vp8, caps).codecs.map((c) => c.payloadType)).toEqual([97, 98]);
  });

  it.each<[string, RtpCodecCapability]>([
    ['VP9 only', { kind: 'video', mimeType: 'video/VP9', clockRate: 90000 }],
    ['VP8 at another clock rate', { kind: 'video', mimeType: 'video/VP8', clockRate: 80000 }],
    ['Opus for a video producer', { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }],
  ])('cannot consume with %s', (_name, codec) => {
    expect(canConsume(vp8, { codecs: [codec] })).toBe(false);
    expect(() => consumerRtpParameters(vp8, { codecs: [codec] })).toThrow(UnsupportedError);
  });

  it('can consume when some media codec matches, and checks the capabilities', () => {
    expect(canConsume(vp8, chromium)).toBe(true);
    expect(canConsume(opus, chromium)).toBe(true);
    expect(canConsume(vp8, { codecs: [{ kind: 'video', mimeType: 'video/rtx', clockRate: 90000, parameters: { apt: 97 } }] })).toBe(false);
    expect(() => canConsume(vp8, { codecs: 'VP8' } as unknown as RtpCapabilities)).toThrow(/rtpCapabilities\.codecs must be an array/);
  });

  it("matches VP9 by profile-id: a profile 2 stream cannot go to a profile-0-only subscriber", () => {
    const all = routerRtpCapabilities([{ kind: 'video', mimeType: 'video/VP9', clockRate: 90000, parameters: { 'profile-id': 2 } }]);
    const params = producerParametersFromSdp(video, ['video/vp9']);
    params.codecs = params.codecs.filter((codec) => codec.payloadType === 100 || codec.payloadType === 101);
    const { consumable } = produce(params, all);
    const profile0Only: RtpCapabilities = { codecs: [{ kind: 'video', mimeType: 'video/VP9', clockRate: 90000, parameters: { 'profile-id': 0 } }] };
    expect(canConsume(consumable, profile0Only)).toBe(false);
    expect(consumerRtpParameters(consumable, chromium).codecs.map((c) => c.payloadType)).toEqual([100, 101]);
  });
});

describe('composeRtpMappings', () => {
  it('gives the producer → subscriber rewrite in one step (Chromium VP8 publisher, another subscriber)', () => {
    const params = validateRtpParameters(producerParametersFromSdp(video, ['video/vp8']));
    const mapping = producerRtpMapping(params, router);
    const consumable = consumableRtpParameters('video', params, router, mapping);
    const caps: RtpCapabilities = {
      codecs: [
        { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, preferredPayloadType: 120 },
        { kind: 'video', mimeType: 'video/rtx', clockRate: 90000, preferredPayloadType: 121, parameters: { apt: 120 } },
      ],
      headerExtensions: [
        { kind: 'video', uri: Uri.Mid, preferredId: 1 },
        { kind: 'video', uri: Uri.VideoOrientation, preferredId: 7 },
      ],
    };
    const consumer = consumerRtpParameters(consumable, caps);
    expect(composeRtpMappings(mapping, consumerRtpMapping(consumable, consumer))).toEqual({
      codecs: [
        { payloadType: 96, mappedPayloadType: 120 },
        { payloadType: 97, mappedPayloadType: 121 },
      ],
      // The publisher's rid (10) and repaired-rid (11) reach nobody; abs-send-time and transport-cc were not negotiated.
      headerExtensions: [
        { uri: Uri.VideoOrientation, id: 13, mappedId: 7 },
        { uri: Uri.Mid, id: 4, mappedId: 1 },
      ],
    });
  });
});
