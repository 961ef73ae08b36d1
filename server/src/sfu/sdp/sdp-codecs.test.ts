import { readFixtureText } from '#fixtures/index.ts';
import { describe, expect, it } from 'vitest';
import { type MediaDescription, addCodec, createMediaSection, getCodecs, parseSessionDescription } from '../../sdp/index.ts';
import type { MediaKind } from '../rtp-parameters.ts';
import { hasUsableApt, rtpCodecFromSdp, sdpCodecFromRtp } from './sdp-codecs.ts';
import { OFFER_FIXTURES } from './test-support.ts';

const CODEC_LINES = ['rtpmap', 'fmtp', 'rtcp-fb'];
const codecLines = (media: MediaDescription) => media.attributes.filter((a) => CODEC_LINES.includes(a.name)).map((a) => `${a.name}:${a.value}`).sort();

describe.each(OFFER_FIXTURES)('codecs of %s through the API types and back', (file) => {
  const rtpSections = parseSessionDescription(readFixtureText(file)).media.filter((media) => media.kind === 'audio' || media.kind === 'video');

  it('write the same a=rtpmap, a=fmtp and a=rtcp-fb lines', () => {
    for (const media of rtpSections) {
      const copy = createMediaSection({ kind: media.kind });
      for (const codec of getCodecs(media)) addCodec(copy, sdpCodecFromRtp(rtpCodecFromSdp(media.kind as MediaKind, codec)));
      expect(copy.formats).toEqual(media.formats);
      expect(codecLines(copy)).toEqual(codecLines(media));
    }
  });
});

describe('rtpCodecFromSdp', () => {
  it("keeps fmtp values as strings (profile-level-id is hex), RTX's apt as a number", () => {
    const video = parseSessionDescription(readFixtureText('sdp/plain-offer.sdp')).media[1]!;
    const [vp8, rtx, h264] = getCodecs(video).map((codec) => rtpCodecFromSdp('video', codec));
    expect(vp8).toEqual({
      mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, parameters: {},
      rtcpFeedback: [{ type: 'goog-remb' }, { type: 'transport-cc' }, { type: 'ccm', parameter: 'fir' }, { type: 'nack' }, { type: 'nack', parameter: 'pli' }],
    });
    expect(rtx?.parameters).toEqual({ apt: 96 });
    expect(h264?.parameters).toEqual({ 'level-asymmetry-allowed': '1', 'packetization-mode': '1', 'profile-level-id': '42001f' });
  });

  it('hasUsableApt: RTX needs an apt that is a payload type; other codecs may have none', () => {
    expect([
      hasUsableApt({ mimeType: 'video/rtx', parameters: { apt: 96 } }),
      hasUsableApt({ mimeType: 'video/rtx', parameters: {} }),
      hasUsableApt({ mimeType: 'video/rtx', parameters: { apt: 200 } }),
      hasUsableApt({ mimeType: 'video/rtx', parameters: { apt: 'x' } }),
      hasUsableApt({ mimeType: 'video/VP8', parameters: {} }),
      hasUsableApt({ mimeType: 'video/VP8', parameters: { apt: 300 } }),
    ]).toEqual([true, false, false, false, true, false]);
  });
});
