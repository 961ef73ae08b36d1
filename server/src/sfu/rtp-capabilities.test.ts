import { describe, expect, it } from 'vitest';
import { UnsupportedError } from './errors.ts';
import { routerRtpCapabilities } from './rtp-capabilities.ts';
import type { RtpCodecCapability } from './rtp-parameters.ts';
import { DEFAULT_MEDIA_CODECS, RtpHeaderExtensionUri, supportedRtpCapabilities } from './supported-rtp-capabilities.ts';

const opus: RtpCodecCapability = { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 };
const vp8: RtpCodecCapability = { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 };
const h264 = (parameters: RtpCodecCapability['parameters']): RtpCodecCapability => ({ kind: 'video', mimeType: 'video/H264', clockRate: 90000, parameters });

describe('routerRtpCapabilities', () => {
  it('gives payload types from 96 in order, an RTX right after each video codec, and the supported feedback', () => {
    const { codecs } = routerRtpCapabilities([opus, vp8]);
    expect(codecs.map((c) => [c.mimeType, c.preferredPayloadType, c.parameters])).toEqual([
      ['audio/opus', 96, {}],
      ['video/VP8', 97, {}],
      ['video/rtx', 98, { apt: 97 }],
    ]);
    expect(codecs[0]?.rtcpFeedback).toEqual([{ type: 'transport-cc' }]);
    expect(codecs[1]?.rtcpFeedback).toContainEqual({ type: 'nack', parameter: 'pli' });
    expect(codecs[2]?.rtcpFeedback).toEqual([]);
  });

  it('reserves every explicit payload type before handing any out, so a later explicit one cannot collide', () => {
    const { codecs } = routerRtpCapabilities([vp8, { ...h264({ 'packetization-mode': 1, 'profile-level-id': '42e01f' }), preferredPayloadType: 97 }, { ...opus, preferredPayloadType: 96 }]);
    expect(codecs.map((c) => c.preferredPayloadType)).toEqual([98, 99, 97, 100, 96]);
    expect(codecs[1]).toMatchObject({ mimeType: 'video/rtx', parameters: { apt: 98 } });
    expect(codecs[3]).toMatchObject({ mimeType: 'video/rtx', parameters: { apt: 97 } });
  });

  it('merges the application codec parameters over the supported ones', () => {
    const { codecs } = routerRtpCapabilities([h264({ 'packetization-mode': 1, 'profile-level-id': '4d0032' })]);
    expect(codecs[0]?.parameters).toEqual({ 'level-asymmetry-allowed': 1, 'packetization-mode': 1, 'profile-level-id': '4d0032' });
  });

  it('continues in 35-63 after 96-127, never 64-95 (RFC 5761 §4)', () => {
    const many = Array.from({ length: 17 }, () => vp8); // 34 payload types
    const { codecs } = routerRtpCapabilities(many);
    const payloadTypes = codecs.map((c) => c.preferredPayloadType ?? -1);
    expect(payloadTypes.slice(0, 32)).toEqual(Array.from({ length: 32 }, (_, i) => 96 + i));
    expect(payloadTypes.slice(32)).toEqual([35, 36]);
    expect(() => routerRtpCapabilities(Array.from({ length: 31 }, () => vp8))).toThrow(RangeError);
  });

  it('has every supported header extension', () => {
    const { headerExtensions } = routerRtpCapabilities([opus]);
    expect(headerExtensions).toEqual(supportedRtpCapabilities.headerExtensions);
    expect(headerExtensions.find((e) => e.kind === 'video' && e.uri === RtpHeaderExtensionUri.RtpStreamId)?.direction).toBe('recvonly');
  });

  it('does not share objects with the supported table', () => {
    const caps = routerRtpCapabilities([vp8]);
    caps.codecs[0]?.rtcpFeedback?.push({ type: 'made-up' });
    expect(routerRtpCapabilities([vp8]).codecs[0]?.rtcpFeedback).not.toContainEqual({ type: 'made-up' });
  });

  it('accepts the default media codecs', () => {
    const { codecs } = routerRtpCapabilities(DEFAULT_MEDIA_CODECS);
    expect(codecs.filter((c) => c.mimeType !== 'video/rtx').map((c) => c.mimeType)).toEqual(['audio/opus', 'video/VP8', 'video/VP9', 'video/H264', 'video/AV1']);
  });

  it.each<[string, RtpCodecCapability]>([
    ['red (see README)', { kind: 'audio', mimeType: 'audio/red', clockRate: 48000, channels: 2 }],
    ['ulpfec', { kind: 'video', mimeType: 'video/ulpfec', clockRate: 90000 }],
    ['opus mono (RFC 7587 §7 says /2)', { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 1 }],
    ['H264 packetization-mode 0', h264({ 'packetization-mode': 0, 'profile-level-id': '42e01f' })],
    ['H264 without packetization-mode (means 0)', h264({ 'profile-level-id': '42e01f' })],
    ['H264 High profile', h264({ 'packetization-mode': 1, 'profile-level-id': '640c1f' })],
    ['VP9 profile 1', { kind: 'video', mimeType: 'video/VP9', clockRate: 90000, parameters: { 'profile-id': 1 } }],
    ['AV1 profile 1', { kind: 'video', mimeType: 'video/AV1', clockRate: 90000, parameters: { profile: 1 } }],
    ['VP8 at the wrong clock rate', { kind: 'video', mimeType: 'video/VP8', clockRate: 8000 }],
  ])('rejects %s with UnsupportedError', (_name, codec) => {
    expect(() => routerRtpCapabilities([opus, codec])).toThrow(UnsupportedError);
    expect(() => routerRtpCapabilities([opus, codec])).toThrow(/mediaCodecs\[1\]/);
  });

  it.each<[string, RtpCodecCapability[], RegExp]>([
    ['a payload type in the RTCP range', [{ ...vp8, preferredPayloadType: 72 }], /mediaCodecs\[0\]\.preferredPayloadType 72 collides with RTCP/],
    ['the same explicit payload type twice', [{ ...vp8, preferredPayloadType: 100 }, { ...opus, preferredPayloadType: 100 }], /mediaCodecs\[1\]\.preferredPayloadType 100 is used twice/],
    ['a kind that contradicts the MIME type', [{ ...vp8, kind: 'audio' }], /mediaCodecs\[0\]\.kind must be 'video'/],
    ['a missing clock rate', [{ kind: 'video', mimeType: 'video/VP8' } as RtpCodecCapability], /mediaCodecs\[0\]\.clockRate/],
  ])('rejects %s with a TypeError naming the field', (_name, codecs, message) => {
    expect(() => routerRtpCapabilities(codecs)).toThrow(TypeError);
    expect(() => routerRtpCapabilities(codecs)).toThrow(message);
  });
});
