import { SdpAttributeError, SdpParseError, removeAttributes } from '#server/sdp/index.ts';
import { describe, expect, it } from 'vitest';
import { type OfferSummary, parseOffer } from '../answer.ts';
import { FIXTURE_OFFERS, editPlainOffer, fixture, plainOffer, sessionLevelTransportOffer } from './offers.ts';

/** The error `action` throws, as `<class> <code> [line n]`, or what happened instead. */
function sdpError(action: () => unknown): string {
  try {
    action();
    return 'no error';
  } catch (error) {
    if (error instanceof SdpParseError) return `SdpParseError ${error.code} line ${error.line}`;
    if (error instanceof SdpAttributeError) return `SdpAttributeError ${error.code}`;
    return `not an SDP error: ${String(error)}`;
  }
}

function mediaOf(summary: OfferSummary, index: number) {
  const media = summary.media[index];
  expect(media, `section ${index}`).toBeDefined();
  return media!;
}

const CHROMIUM_FINGERPRINT = 'F9:83:F2:BD:16:30:C5:69:8C:FF:39:A8:E7:53:72:62:AA:E1:B6:3D:EB:B7:54:B4:3B:D8:8A:40:38:10:D0:AA';

describe('11-sdp: parseOffer on plain-offer.sdp (Chromium 156: audio, video, data channel)', () => {
  it('reads the BUNDLE group and one entry per m= section: mid, kind, protocol, formats, direction', () => {
    const offer = parseOffer(plainOffer);
    expect(offer.bundleMids).toEqual(['0', '1', '2']);
    expect(offer.media.map(({ mid, kind, protocol, direction }) => ({ mid, kind, protocol, direction }))).toEqual([
      { mid: '0', kind: 'audio', protocol: 'UDP/TLS/RTP/SAVPF', direction: 'sendrecv' },
      { mid: '1', kind: 'video', protocol: 'UDP/TLS/RTP/SAVPF', direction: 'sendrecv' },
      { mid: '2', kind: 'application', protocol: 'UDP/DTLS/SCTP', direction: 'sendrecv' },
    ]);
    expect(mediaOf(offer, 0).formats).toEqual(['111', '63', '9', '0', '8', '13', '110', '126']);
    expect(mediaOf(offer, 2).formats).toEqual(['webrtc-datachannel']);
  });

  it('lists the audio codecs in m= order, Opus first with its fmtp and feedback', () => {
    const audio = mediaOf(parseOffer(plainOffer), 0);
    expect(audio.codecs.map(({ pt, name }) => `${pt} ${name}`)).toEqual([
      '111 opus', '63 red', '9 G722', '0 PCMU', '8 PCMA', '13 CN', '110 telephone-event', '126 telephone-event',
    ]);
    expect(audio.codecs[0]).toEqual({
      pt: 111, name: 'opus', clockRate: 48000, channels: 2, fmtp: { minptime: '10', useinbandfec: '1' }, feedback: ['transport-cc'],
    });
    expect(audio.codecs[1], 'RED (RFC 2198) names its parts as a bare parameter').toEqual({
      pt: 63, name: 'red', clockRate: 48000, channels: 2, fmtp: { '111/111': '' }, feedback: [],
    });
    expect(audio.codecs[2], 'no channels in the rtpmap, no fmtp, no feedback').toEqual({ pt: 9, name: 'G722', clockRate: 8000, fmtp: {}, feedback: [] });
  });

  it('gives each video codec its feedback and the payload type of the RTX that repairs it', () => {
    const video = mediaOf(parseOffer(plainOffer), 1);
    expect(video.codecs).toHaveLength(23);
    expect(video.codecs[0]).toEqual({
      pt: 96, name: 'VP8', clockRate: 90000, fmtp: {}, feedback: ['goog-remb', 'transport-cc', 'ccm fir', 'nack', 'nack pli'], rtxPt: 97,
    });
    expect(video.codecs[1]).toEqual({ pt: 97, name: 'rtx', clockRate: 90000, fmtp: { apt: '96' }, feedback: [] });
    const repaired = video.codecs.filter((codec) => codec.rtxPt !== undefined).map((codec) => [codec.pt, codec.name, codec.rtxPt]);
    expect(repaired).toEqual([
      [96, 'VP8', 97], [102, 'H264', 103], [104, 'H264', 107], [108, 'H264', 109], [114, 'H264', 115], [116, 'H264', 117],
      [39, 'H264', 40], [45, 'AV1', 46], [98, 'VP9', 99], [100, 'VP9', 101], [118, 'red', 119],
    ]);
    expect(video.codecs.find((codec) => codec.pt === 102)?.fmtp).toEqual({
      'level-asymmetry-allowed': '1', 'packetization-mode': '1', 'profile-level-id': '42001f',
    });
    expect(video.codecs.at(-1), 'ulpfec has no RTX').toEqual({ pt: 120, name: 'ulpfec', clockRate: 90000, fmtp: {}, feedback: [] });
  });

  it('reads the header extensions with their ids, in order', () => {
    const [audio, video, data] = parseOffer(plainOffer).media;
    expect(audio?.extensions).toEqual([
      { id: 1, uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level' },
      { id: 2, uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time' },
      { id: 3, uri: 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01' },
      { id: 4, uri: 'urn:ietf:params:rtp-hdrext:sdes:mid' },
    ]);
    expect(video?.extensions.map(({ id }) => id)).toEqual([14, 2, 13, 3, 5, 6, 7, 8, 4, 10, 11]);
    expect(video?.extensions[2]).toEqual({ id: 13, uri: 'urn:3gpp:video-orientation' });
    expect(data?.extensions).toEqual([]);
  });

  it('reads rtcp-mux, the ICE credentials, the DTLS fingerprint and setup of each section', () => {
    const [audio, video, data] = parseOffer(plainOffer).media;
    const transport = { iceUfrag: '7vi9', icePwd: 'DOSIPSr1NpYnj+OMCi4OOXQI', fingerprint: { algorithm: 'sha-256', value: CHROMIUM_FINGERPRINT }, setup: 'actpass' };
    expect(audio).toMatchObject({ rtcpMux: true, ...transport });
    expect(video).toMatchObject({ rtcpMux: true, ...transport });
    expect(data).toMatchObject({ rtcpMux: false, codecs: [], ...transport });
  });
});

describe('11-sdp: parseOffer on other descriptions', () => {
  const facts: Record<string, { bundle: string[]; kinds: string[]; directions: string[]; protocol: string; fingerprint: boolean }> = {
    'clear-offer': { bundle: ['0', '1'], kinds: ['audio', 'video'], directions: ['sendrecv', 'sendrecv'], protocol: 'RTP/AVPF', fingerprint: false },
    'lite-dtls12-chromium-server-offer': { bundle: ['0', '1', '2'], kinds: ['audio', 'video', 'application'], directions: ['sendrecv', 'sendrecv', 'sendrecv'], protocol: 'UDP/TLS/RTP/SAVPF', fingerprint: true },
    'lite-dtls12-offer': { bundle: ['0', '1', '2'], kinds: ['audio', 'video', 'application'], directions: ['sendrecv', 'sendrecv', 'sendrecv'], protocol: 'UDP/TLS/RTP/SAVPF', fingerprint: true },
    'nack-rtx-offer-given-to-answerer': { bundle: ['0', '1', '2'], kinds: ['audio', 'video', 'application'], directions: ['sendrecv', 'sendrecv', 'sendrecv'], protocol: 'UDP/TLS/RTP/SAVPF', fingerprint: true },
    'plain-offer': { bundle: ['0', '1', '2'], kinds: ['audio', 'video', 'application'], directions: ['sendrecv', 'sendrecv', 'sendrecv'], protocol: 'UDP/TLS/RTP/SAVPF', fingerprint: true },
    'simulcast-640x480-offer': { bundle: ['0', '1', '2'], kinds: ['audio', 'video', 'application'], directions: ['sendonly', 'sendonly', 'sendrecv'], protocol: 'UDP/TLS/RTP/SAVPF', fingerprint: true },
    'simulcast-offer': { bundle: ['0', '1', '2'], kinds: ['audio', 'video', 'application'], directions: ['sendonly', 'sendonly', 'sendrecv'], protocol: 'UDP/TLS/RTP/SAVPF', fingerprint: true },
  };

  it('knows every offer fixture', () => {
    expect(Object.keys(facts).sort()).toEqual([...FIXTURE_OFFERS].sort());
    expect(FIXTURE_OFFERS.map((name) => parseOffer(fixture(name)).media.length)).toEqual(FIXTURE_OFFERS.map((name) => facts[name]!.kinds.length));
  });

  for (const [name, want] of Object.entries(facts)) {
    it(`${name}.sdp: BUNDLE ${want.bundle.join(' ')}, ${want.kinds.join(' + ')}, ${want.directions.join('/')}`, () => {
      const offer = parseOffer(fixture(name));
      expect(offer.bundleMids).toEqual(want.bundle);
      expect(offer.media.map((media) => media.kind)).toEqual(want.kinds);
      expect(offer.media.map((media) => media.direction)).toEqual(want.directions);
      expect(offer.media[0]?.protocol).toBe(want.protocol);
      expect(offer.media.map((media) => media.fingerprint !== undefined)).toEqual(want.kinds.map(() => want.fingerprint));
      expect(offer.media[0]?.codecs[0]).toMatchObject({ pt: 111, name: 'opus', fmtp: { minptime: '10', useinbandfec: '1' } });
    });
  }

  it('nack-rtx-offer-given-to-answerer.sdp: red and ulpfec were taken out of the video section', () => {
    const video = parseOffer(fixture('nack-rtx-offer-given-to-answerer')).media[1];
    expect(video?.codecs.map((codec) => codec.name)).not.toContain('ulpfec');
    expect(video?.codecs.map((codec) => codec.pt)).toEqual([96, 97, 102, 103, 104, 107, 108, 109, 114, 115, 116, 117, 39, 40, 45, 46, 98, 99, 100, 101]);
  });

  it('plain-answer.sdp reads the same way: Chromium answered recvonly, as DTLS client', () => {
    const answer = parseOffer(fixture('plain-answer'));
    expect(answer.media.map(({ direction, setup, iceUfrag }) => ({ direction, setup, iceUfrag }))).toEqual([
      { direction: 'recvonly', setup: 'active', iceUfrag: 'NP3q' },
      { direction: 'recvonly', setup: 'active', iceUfrag: 'NP3q' },
      { direction: 'sendrecv', setup: 'active', iceUfrag: 'NP3q' },
    ]);
  });

  it('takes ICE credentials, fingerprint and setup from the session level when a section has none', () => {
    for (const media of parseOffer(sessionLevelTransportOffer).media) {
      expect(media, `mid ${media.mid}`).toMatchObject({
        iceUfrag: '7vi9', icePwd: 'DOSIPSr1NpYnj+OMCi4OOXQI', fingerprint: { algorithm: 'sha-256', value: CHROMIUM_FINGERPRINT }, setup: 'actpass',
      });
    }
  });
});

describe('11-sdp: parseOffer refuses what it cannot read', () => {
  it('throws SdpParseError with the line number for malformed SDP', () => {
    expect(sdpError(() => parseOffer(plainOffer.replace('t=0 0\r\n', 't=0 0\r\nx=what\r\n')))).toBe('SdpParseError UNKNOWN_LINE_TYPE line 5');
    expect(sdpError(() => parseOffer(plainOffer.replace('m=video 35511', 'm=video port')))).toBe('SdpParseError BAD_MEDIA_LINE line 41');
    expect(sdpError(() => parseOffer('v=0\r\n'))).toBe('SdpParseError MISSING_LINE line 2');
  });

  it('throws SdpAttributeError for a malformed attribute value', () => {
    expect(sdpError(() => parseOffer(plainOffer.replace('a=fingerprint:sha-256 F9:83', 'a=fingerprint:sha-256 ZZ:83')))).toBe('SdpAttributeError BAD_FINGERPRINT');
    expect(sdpError(() => parseOffer(plainOffer.replace('a=rtpmap:96 VP8/90000', 'a=rtpmap:96 VP8')))).toBe('SdpAttributeError BAD_RTPMAP');
  });

  it('throws SdpAttributeError BAD_MID for a section without a=mid', () => {
    expect(sdpError(() => parseOffer(editPlainOffer((_, media) => removeAttributes(media[2]!, 'mid'))))).toBe('SdpAttributeError BAD_MID');
  });
});
