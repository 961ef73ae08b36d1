/**
 * The answers are checked by reading them back with the SFU's own SDP parser, the way the browser
 * will read them: what matters is what the text says, not how it was written.
 */
import {
  type Direction, type MediaDescription, type SessionDescription, getBundleGroups, getCodecs, getDirection, getMid,
  candidateAttribute, extmapAttribute, fingerprintAttribute, icePwdAttribute, iceUfragAttribute, setupAttribute,
  hasAttribute, isIceLite, parseSessionDescription, readAttribute, readAttributes, removeAttributes, setBundleGroup, validateAttributes,
} from '#server/sdp/index.ts';
import { describe, expect, it } from 'vitest';
import { type AnswerOptions, SFU_HEADER_EXTENSIONS, buildAnswer, parseOffer } from '../answer.ts';
import { FIXTURE_OFFERS, dropPayloadTypes, editPlainOffer, fixture, plainOffer, preferLast, renumber, videoOnlyOffer, withDirection, withSetup } from './offers.ts';

/** The SFU's side, as in lite-dtls12-answer.sdp (the ICE-lite probe's answer that Chromium accepted). */
const SFU: AnswerOptions = {
  iceUfrag: 'sfuL',
  icePwd: 'sfuLitePwd0123456789abcd',
  fingerprint: { algorithm: 'sha-256', value: '7F:A7:76:D0:F1:71:0C:DE:BB:B0:94:EB:47:D6:69:DA:8D:AB:63:69:39:43:6B:EF:C3:C7:4D:C2:12:ED:F1:86' },
  candidates: [{ address: '127.0.0.1', port: 50320 }],
};

function answerTo(offer: string, options: Partial<AnswerOptions> = {}): SessionDescription {
  return parseSessionDescription(buildAnswer(parseOffer(offer), { ...SFU, ...options }));
}

function sectionOf(answer: SessionDescription, index: number): MediaDescription {
  const media = answer.media[index];
  expect(media, `answer section ${index}`).toBeDefined();
  return media!;
}

/** `111 opus/48000/2`, `97 rtx/90000 apt=96`: what a section's codecs say, in order. */
function codecLines(media: MediaDescription): string[] {
  return getCodecs(media).map(({ payloadType, name, clockRate, channels, parameters }) => {
    const apt = parameters.get('apt');
    return `${payloadType} ${name}/${clockRate}${channels === undefined ? '' : `/${channels}`}${apt === undefined ? '' : ` apt=${apt}`}`;
  });
}

const bundle = (answer: SessionDescription) => getBundleGroups(answer).map((group) => group.mids);
const ports = (answer: SessionDescription) => answer.media.map((media) => `${getMid(media)}:${media.port}`);

const AUDIO_LEVEL = 'urn:ietf:params:rtp-hdrext:ssrc-audio-level';
const ABS_SEND_TIME = 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time';
const TWCC = 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01';
const MID = 'urn:ietf:params:rtp-hdrext:sdes:mid';

describe('11-sdp: buildAnswer to plain-offer.sdp', () => {
  it('is SDP the SFU parser reads back: CRLF lines, a=ice-lite, one BUNDLE group of the accepted mids', () => {
    const text = buildAnswer(parseOffer(plainOffer), SFU);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n').some((line) => line.includes('\n'))).toBe(false);
    const answer = parseSessionDescription(text);
    validateAttributes(answer);
    expect(isIceLite(answer)).toBe(true);
    expect(bundle(answer)).toEqual([['0', '1']]);
  });

  it('keeps every m= section in order with its kind, protocol and mid; the data channel is rejected with port 0', () => {
    const answer = answerTo(plainOffer);
    expect(answer.media.map((media) => [media.kind, getMid(media), media.port, media.protocol])).toEqual([
      ['audio', '0', 50320, 'UDP/TLS/RTP/SAVPF'],
      ['video', '1', 50320, 'UDP/TLS/RTP/SAVPF'],
      ['application', '2', 0, 'UDP/DTLS/SCTP'],
    ]);
    const data = sectionOf(answer, 2);
    expect(data.formats).toEqual(['webrtc-datachannel']);
    expect(data.attributes, 'a rejected section carries only its mid').toEqual([{ name: 'mid', value: '2' }]);
  });

  it('accepts Opus only, with the offer payload type, fmtp and transport-cc', () => {
    const audio = sectionOf(answerTo(plainOffer), 0);
    expect(audio.formats).toEqual(['111']);
    expect(getCodecs(audio)).toEqual([
      { payloadType: 111, name: 'opus', clockRate: 48000, channels: 2, parameters: new Map([['minptime', '10'], ['useinbandfec', '1']]), feedback: [{ type: 'transport-cc' }] },
    ]);
  });

  it('accepts VP8 and its RTX (apt=96), with the feedback the SFU supports: no goog-remb', () => {
    const video = sectionOf(answerTo(plainOffer), 1);
    expect(video.formats).toEqual(['96', '97']);
    expect(getCodecs(video)).toEqual([
      {
        payloadType: 96, name: 'VP8', clockRate: 90000, parameters: new Map(),
        feedback: [{ type: 'transport-cc' }, { type: 'ccm', parameter: 'fir' }, { type: 'nack' }, { type: 'nack', parameter: 'pli' }],
      },
      { payloadType: 97, name: 'rtx', clockRate: 90000, parameters: new Map([['apt', '96']]), feedback: [] },
    ]);
  });

  it('answers rtcp-mux and recvonly (the SFU receives this publisher) in each accepted section', () => {
    const answer = answerTo(plainOffer);
    for (const media of answer.media.slice(0, 2)) {
      expect(hasAttribute(media, 'rtcp-mux'), `rtcp-mux in mid ${getMid(media)}`).toBe(true);
      expect(getDirection(media, answer), `direction of mid ${getMid(media)}`).toBe('recvonly');
    }
  });

  it('writes the SFU ICE credentials, fingerprint, setup:passive and host candidate in each accepted section', () => {
    const answer = answerTo(plainOffer);
    for (const media of answer.media.slice(0, 2)) {
      const where = `mid ${getMid(media)}`;
      expect(readAttribute(media, iceUfragAttribute), where).toBe('sfuL');
      expect(readAttribute(media, icePwdAttribute), where).toBe('sfuLitePwd0123456789abcd');
      const fingerprint = readAttribute(media, fingerprintAttribute);
      expect(fingerprint && fingerprintAttribute.serialize(fingerprint), where).toBe(`sha-256 ${SFU.fingerprint.value}`);
      expect(readAttribute(media, setupAttribute), where).toBe('passive');
      expect(readAttributes(media, candidateAttribute), where).toEqual([
        { foundation: '1', component: 1, transport: 'udp', priority: 2130706431, address: '127.0.0.1', port: 50320, type: 'host', extensions: [] },
      ]);
      expect(hasAttribute(media, 'end-of-candidates'), where).toBe(true);
      expect(media.connections, where).toEqual([{ netType: 'IN', addressType: 'IP4', address: '127.0.0.1' }]);
    }
  });

  it('keeps only the SFU header extensions, with the offer ids', () => {
    const answer = answerTo(plainOffer);
    const extensions = (index: number) => readAttributes(sectionOf(answer, index), extmapAttribute).map(({ id, uri }) => [id, uri]);
    expect(extensions(0)).toEqual([[1, AUDIO_LEVEL], [2, ABS_SEND_TIME], [3, TWCC], [4, MID]]);
    expect(extensions(1)).toEqual([
      [2, ABS_SEND_TIME], [3, TWCC], [4, MID],
      [10, 'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id'], [11, 'urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id'],
    ]);
    expect([...extensions(0), ...extensions(1)].every(([, uri]) => SFU_HEADER_EXTENSIONS.includes(uri as string))).toBe(true);
  });
});

describe('11-sdp: buildAnswer, transport options', () => {
  it('takes setup:active when asked to', () => {
    const answer = answerTo(plainOffer, { setup: 'active' });
    expect(answer.media.slice(0, 2).map((media) => readAttribute(media, setupAttribute))).toEqual(['active', 'active']);
  });

  it('takes the other DTLS role when the offer already chose one (RFC 8842 §5.3)', () => {
    expect(readAttribute(sectionOf(answerTo(withSetup('active'), { setup: 'active' }), 0), setupAttribute)).toBe('passive');
    expect(readAttribute(sectionOf(answerTo(withSetup('passive')), 0), setupAttribute)).toBe('active');
  });

  it('lists every candidate with falling priorities; the first gives m= port and c= (IN IP6 for IPv6)', () => {
    const answer = answerTo(plainOffer, { candidates: [{ address: '::1', port: 40000 }, { address: '127.0.0.1', port: 40001 }] });
    const audio = sectionOf(answer, 0);
    expect(audio.port).toBe(40000);
    expect(audio.connections).toEqual([{ netType: 'IN', addressType: 'IP6', address: '::1' }]);
    expect(readAttributes(audio, candidateAttribute).map(({ foundation, priority, address, port }) => [foundation, priority, address, port])).toEqual([
      ['1', 2130706431, '::1', 40000],
      ['2', 2130706175, '127.0.0.1', 40001],
    ]);
  });

  it('without candidates: port 9 and c=IN IP4 0.0.0.0, still with a=end-of-candidates', () => {
    const audio = sectionOf(answerTo(plainOffer, { candidates: [] }), 0);
    expect([audio.port, audio.connections]).toEqual([9, [{ netType: 'IN', addressType: 'IP4', address: '0.0.0.0' }]]);
    expect(readAttributes(audio, candidateAttribute)).toEqual([]);
    expect(hasAttribute(audio, 'end-of-candidates')).toBe(true);
  });
});

describe('11-sdp: buildAnswer to other offers', () => {
  const directions: Array<{ name: string; offer: string; index: number; want: Direction }> = [
    { name: 'sendonly audio (simulcast-offer.sdp) gets recvonly', offer: fixture('simulcast-offer'), index: 0, want: 'recvonly' },
    { name: 'sendonly video (simulcast-offer.sdp) gets recvonly', offer: fixture('simulcast-offer'), index: 1, want: 'recvonly' },
    { name: 'recvonly video gets sendonly', offer: withDirection(1, 'recvonly'), index: 1, want: 'sendonly' },
    { name: 'inactive audio gets inactive', offer: withDirection(0, 'inactive'), index: 0, want: 'inactive' },
  ];
  for (const { name, offer, index, want } of directions) {
    it(`direction: ${name}`, () => {
      const answer = answerTo(offer);
      expect(getDirection(sectionOf(answer, index), answer)).toBe(want);
    });
  }

  it('a video-only offer gets one video section, alone in the BUNDLE group', () => {
    const answer = answerTo(videoOnlyOffer);
    expect(answer.media.map((media) => [media.kind, getMid(media), media.port])).toEqual([['video', '1', 50320]]);
    expect(bundle(answer)).toEqual([['1']]);
    expect(codecLines(sectionOf(answer, 0))).toEqual(['96 VP8/90000', '97 rtx/90000 apt=96']);
  });

  it('an offer without VP8 gets its video section rejected (port 0) but kept, out of the BUNDLE group', () => {
    const offer = editPlainOffer((_, media) => dropPayloadTypes(media[1]!, [96, 97]));
    const answer = answerTo(offer);
    expect(ports(answer)).toEqual(['0:50320', '1:0', '2:0']);
    expect(sectionOf(answer, 1).formats).toEqual(parseOffer(offer).media[1]?.formats);
    expect(bundle(answer)).toEqual([['0']]);
    expect(codecLines(sectionOf(answer, 0))).toEqual(['111 opus/48000/2']);
  });

  it('finds Opus when it is the last choice, at another payload type', () => {
    const offer = editPlainOffer((_, media) => {
      renumber(media[0]!, 111, 109);
      preferLast(media[0]!, 109);
    });
    const audio = sectionOf(answerTo(offer), 0);
    expect(audio.formats).toEqual(['109']);
    expect(getCodecs(audio)[0]).toMatchObject({ payloadType: 109, name: 'opus', parameters: new Map([['minptime', '10'], ['useinbandfec', '1']]) });
  });

  it('finds VP8 after H264, with its RTX at a payload type of its own', () => {
    const offer = editPlainOffer((_, media) => {
      renumber(media[1]!, 97, 35);
      preferLast(media[1]!, 96);
      preferLast(media[1]!, 35);
    });
    expect(codecLines(sectionOf(answerTo(offer), 1))).toEqual(['96 VP8/90000', '35 rtx/90000 apt=96']);
  });

  it('accepts VP8 alone when the offer has no RTX for it', () => {
    const offer = editPlainOffer((_, media) => dropPayloadTypes(media[1]!, [97]));
    expect(codecLines(sectionOf(answerTo(offer), 1))).toEqual(['96 VP8/90000']);
  });

  it('uses the offer extension ids, whatever they are', () => {
    const offer = editPlainOffer((_, media) => {
      for (const attribute of media[0]!.attributes) {
        if (attribute.name === 'extmap' && attribute.value) attribute.value = attribute.value.replace(/^\d+/, (id) => `${15 - Number(id)}`);
      }
    });
    const extensions = readAttributes(sectionOf(answerTo(offer), 0), extmapAttribute).map(({ id, uri }) => [id, uri]);
    expect(extensions).toEqual([[14, AUDIO_LEVEL], [13, ABS_SEND_TIME], [12, TWCC], [11, MID]]);
  });

  it('rejects a section that is not in the offer BUNDLE group, and one without a=rtcp-mux', () => {
    const unbundled = answerTo(editPlainOffer((offer) => setBundleGroup(offer, ['0', '2'])));
    expect([ports(unbundled), bundle(unbundled)]).toEqual([['0:50320', '1:0', '2:0'], [['0']]]);
    const noMux = answerTo(editPlainOffer((_, media) => removeAttributes(media[0]!, 'rtcp-mux')));
    expect([ports(noMux), bundle(noMux)]).toEqual([['0:0', '1:50320', '2:0'], [['1']]]);
  });

  for (const name of FIXTURE_OFFERS) {
    it(`${name}.sdp: only Opus, VP8 and its RTX, at the offer payload types; BUNDLE = the accepted mids`, () => {
      const offer = parseOffer(fixture(name));
      const answer = answerTo(fixture(name));
      expect(answer.media.map(getMid)).toEqual(offer.media.map((media) => media.mid));
      const accepted = answer.media.filter((media) => media.port !== 0);
      expect(bundle(answer)).toEqual([accepted.map(getMid)]);
      expect(accepted.map((media) => media.kind)).toEqual(offer.media.filter((media) => media.kind !== 'application').map((media) => media.kind));
      for (const media of accepted) {
        const offered = offer.media.find((candidate) => candidate.mid === getMid(media))!;
        const vp8 = offered.codecs.find((codec) => codec.name === 'VP8');
        const want = media.kind === 'audio'
          ? [`${offered.codecs.find((codec) => codec.name === 'opus')?.pt} opus/48000/2`]
          : [`${vp8?.pt} VP8/90000`, `${vp8?.rtxPt} rtx/90000 apt=${vp8?.pt}`];
        expect(codecLines(media), `mid ${offered.mid}`).toEqual(want);
      }
    });
  }
});
