/**
 * The producers' parameters read from Chromium 156's offers, checked against
 * the offers' own a=ssrc / a=ssrc-group / a=rid lines and against the answer
 * the same offer gets: what the media plane expects must be what the browser
 * was told.
 */
import { readFixtureText } from '#fixtures/index.ts';
import { describe, expect, it } from 'vitest';
import { getMid, parseSessionDescription, readAttributes, removeAttributes, ssrcAttribute, ssrcGroupAttribute, extmapAttribute } from '../../sdp/index.ts';
import { validateRtpParameters } from '../rtp-validation.ts';
import { createPublisherAnswer } from './publisher-answer.ts';
import { producerParametersFromOffer } from './producer-parameters.ts';
import { OFFER_FIXTURES, ROUTER_CAPABILITIES, SFU_TRANSPORT, editOffer, expectNegotiationError, plainOffer, simulcastOffer } from './test-support.ts';

const parametersOf = (offer: string, mid: string) => producerParametersFromOffer(offer, mid, ROUTER_CAPABILITIES);

describe('producerParametersFromOffer on plain-offer.sdp', () => {
  const offer = parseSessionDescription(plainOffer);
  const ssrcLines = (index: number) => readAttributes(offer.media[index]!, ssrcAttribute);

  it("audio: the offer's one SSRC, its CNAME, the mid, reduced-size RTCP", () => {
    const audio = parametersOf(plainOffer, '0');
    const [line] = ssrcLines(0);
    expect(line?.ssrc).toBe(3244501729);
    expect(audio.encodings).toEqual([{ ssrc: line!.ssrc }]);
    expect([audio.mid, audio.rtcp]).toEqual(['0', { cname: 'oIE1ySUAk7vUn/jN', reducedSize: true }]);
  });

  it('video: the FID group gives the media SSRC and its RTX SSRC', () => {
    const [fid] = readAttributes(offer.media[1]!, ssrcGroupAttribute);
    expect(fid).toEqual({ semantics: 'FID', ssrcs: [3579667211, 3477837654] });
    expect(new Set(ssrcLines(1).map((line) => line.ssrc))).toEqual(new Set(fid!.ssrcs));
    expect(parametersOf(plainOffer, '1').encodings).toEqual([{ ssrc: 3579667211, rtx: { ssrc: 3477837654 } }]);
  });

  it("video: codecs VP8, VP9, H264, AV1 each followed by its RTX at the offer's payload types, and the kept extensions", () => {
    const video = parametersOf(plainOffer, '1');
    expect(video.codecs.map((c) => `${c.payloadType} ${c.mimeType}${c.parameters?.['apt'] === undefined ? '' : ` apt=${c.parameters['apt']}`}`)).toEqual([
      '96 video/VP8', '97 video/rtx apt=96', '98 video/VP9', '99 video/rtx apt=98', '108 video/H264', '109 video/rtx apt=108', '45 video/AV1', '46 video/rtx apt=45',
    ]);
    expect(video.headerExtensions?.map((ext) => ext.id)).toEqual([2, 13, 3, 4, 10, 11]);
  });

  it('without RTX in the offer, no RTX codec and no RTX SSRC', () => {
    const noRtx = editOffer((description) => {
      const video = description.media[1]!;
      video.formats = video.formats.filter((format) => !['97', '99', '109', '46'].includes(format));
    });
    const video = parametersOf(noRtx, '1');
    expect(video.codecs.some((c) => c.mimeType === 'video/rtx')).toBe(false);
    expect(video.encodings).toEqual([{ ssrc: 3579667211 }]);
  });

  it('simulcast by SSRC (a=ssrc-group:SIM): one encoding per SSRC, each with its FID RTX', () => {
    const sim = editOffer((description) => {
      const video = description.media[1]!;
      video.attributes.push(
        { name: 'ssrc-group', value: 'SIM 11 22 33' },
        { name: 'ssrc-group', value: 'FID 22 222' },
        { name: 'ssrc-group', value: 'FID 33 333' },
        { name: 'ssrc-group', value: 'FID 11 111' },
      );
    });
    expect(parametersOf(sim, '1').encodings).toEqual([{ ssrc: 11, rtx: { ssrc: 111 } }, { ssrc: 22, rtx: { ssrc: 222 } }, { ssrc: 33, rtx: { ssrc: 333 } }]);
  });

  it('no SSRC at all: one encoding the media plane binds by MID', () => {
    const bare = editOffer((description) => ['ssrc', 'ssrc-group'].forEach((name) => removeAttributes(description.media[0]!, name)));
    const audio = parametersOf(bare, '0');
    expect([audio.encodings, audio.rtcp?.cname]).toEqual([[{}], 'oIE1ySUAk7vUn/jN']);
  });

  it('UNKNOWN_MID for the data channel, a section only receiving, and a mid that is not there', () => {
    expectNegotiationError(() => parametersOf(plainOffer, '2'), 'UNKNOWN_MID');
    expectNegotiationError(() => parametersOf(plainOffer, '7'), 'UNKNOWN_MID');
    const recvonly = editOffer((description) => void (description.media[0]!.attributes = description.media[0]!.attributes.map((a) => (a.name === 'sendrecv' ? { name: 'recvonly' } : a))));
    expectNegotiationError(() => parametersOf(recvonly, '0'), 'UNKNOWN_MID');
  });
});

describe('producerParametersFromOffer on simulcast-offer.sdp', () => {
  const video = parametersOf(simulcastOffer, '1');

  it('three encodings by rid, lowest first, no SSRC (Chromium lists none with rids)', () => {
    expect(video.encodings).toEqual([{ rid: 'q' }, { rid: 'h' }, { rid: 'f' }]);
  });

  it("the CNAME comes from the session's other sections", () => {
    expect(video.rtcp).toEqual({ cname: '2c/fhY7GS8d+tINz', reducedSize: true });
  });
});

describe.each(OFFER_FIXTURES)('producerParametersFromOffer on %s', (file) => {
  const offer = readFixtureText(file);
  const answer = createPublisherAnswer(offer, { transport: SFU_TRANSPORT, routerRtpCapabilities: ROUTER_CAPABILITIES });

  it('gives every receiving section valid parameters whose payload types and extension ids are those of the answer', () => {
    for (const { mid, receiving } of answer.sections.filter((s) => s.receiving)) {
      const parameters = parametersOf(offer, mid);
      expect(() => validateRtpParameters(parameters)).not.toThrow();
      const answered = answer.description.media.find((media) => getMid(media) === mid)!;
      expect([receiving, parameters.codecs.map((c) => `${c.payloadType}`)]).toEqual([true, answered.formats]);
      expect(parameters.headerExtensions?.map(({ id, uri }) => ({ id, uri }))).toEqual(readAttributes(answered, extmapAttribute));
    }
  });
});
