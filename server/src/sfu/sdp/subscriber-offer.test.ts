/**
 * A subscriber connection through its renegotiations: offers for 1, 2, 3
 * consumers, a consumer closing in the middle and at the front, a new one
 * recycling the closed section, and the browser's answers (written the way
 * Chromium writes them; server/test/browser/sfu-sdp.test.ts has real Chromium).
 */
import { describe, expect, it } from 'vitest';
import {
  type MediaDescription,
  type SessionDescription,
  extmapAttribute,
  getBundleGroups,
  getCodecs,
  getDirection,
  getMid,
  isIceLite,
  msidAttribute,
  parseSessionDescription,
  readAttribute,
  readAttributes,
  serializeSessionDescription,
  setupAttribute,
  ssrcAttribute,
  ssrcGroupAttribute,
  validateAttributes,
} from '../../sdp/index.ts';
import type { IceParameters } from '../webrtc-transport-parameters.ts';
import { SubscriberSession } from './subscriber-offer.ts';
import { SFU_TRANSPORT, browserAnswer, consumerTrack, expectNegotiationError } from './test-support.ts';

const layout = (offer: SessionDescription) => offer.media.map((media) => `${media.kind}:${getMid(media)}:${media.port === 0 ? 'closed' : getDirection(media, offer)}`);
const bundle = (offer: SessionDescription) => getBundleGroups(offer).map((group) => group.mids);

/** A session that has offered `mids` (audio for mid 0, video for the rest) and had the answer applied. */
function negotiated(mids: readonly string[]): SubscriberSession {
  const session = new SubscriberSession({ transport: SFU_TRANSPORT });
  for (const mid of mids) session.addConsumer(consumerTrack(mid === '0' ? 'audio' : 'video', mid));
  session.applyAnswer(browserAnswer(session.createOffer().sdp));
  return session;
}

function renegotiate(session: SubscriberSession): SessionDescription {
  const offer = session.createOffer();
  session.applyAnswer(browserAnswer(offer.sdp));
  return offer.description;
}

describe('SubscriberSession: the first offer', () => {
  const session = new SubscriberSession({ transport: SFU_TRANSPORT, sessionId: 42n });
  const audio = consumerTrack('audio', '0');
  session.addConsumer(audio);
  const offer = session.createOffer();
  const parsed = parseSessionDescription(offer.sdp);
  const media = parsed.media[0]!;

  it('parses, every attribute valid; ICE-lite, o= with the session id and version 1, BUNDLE of the one mid', () => {
    validateAttributes(parsed);
    expect(serializeSessionDescription(parsed)).toBe(offer.sdp);
    expect([isIceLite(parsed), parsed.origin.sessionId, parsed.origin.sessionVersion, bundle(parsed)]).toEqual([true, 42n, 1n, [['0']]]);
  });

  it('one sendonly section with the consumer’s payload types, feedback and extension ids, a=setup:actpass', () => {
    expect(layout(parsed)).toEqual(['audio:0:sendonly']);
    const { rtpParameters } = audio;
    expect(getCodecs(media).map((codec) => [codec.payloadType, codec.name, codec.feedback])).toEqual(
      rtpParameters.codecs.map((codec) => [codec.payloadType, codec.mimeType.split('/')[1], codec.rtcpFeedback]),
    );
    expect(readAttributes(media, extmapAttribute).map(({ id, uri }) => ({ id, uri }))).toEqual(rtpParameters.headerExtensions?.map(({ id, uri }) => ({ id, uri })));
    expect(readAttribute(media, setupAttribute)).toBe('actpass');
  });

  it("the consumer's SSRC with the producer's CNAME and the msid (stream = the publisher, track = the consumer)", () => {
    const ssrc = audio.rtpParameters.encodings![0]!.ssrc!;
    expect(readAttributes(media, ssrcAttribute)).toEqual([
      { ssrc, attribute: 'cname', value: 'oIE1ySUAk7vUn/jN' },
      { ssrc, attribute: 'msid', value: 'publisher-1 consumer-0' },
    ]);
    expect(readAttribute(media, msidAttribute)).toEqual({ streamId: 'publisher-1', trackId: 'consumer-0' });
    expect(offer.consumers).toEqual([{ consumerId: 'consumer-0', mid: '0', kind: 'audio' }]);
  });

  it('video: an FID group pairs the SSRC with its RTX SSRC, both with CNAME and msid', () => {
    const video = new SubscriberSession({ transport: SFU_TRANSPORT });
    const track = consumerTrack('video', '1');
    video.addConsumer(track);
    const section = parseSessionDescription(video.createOffer().sdp).media[0]!;
    const { ssrc, rtx } = track.rtpParameters.encodings![0]!;
    expect(readAttributes(section, ssrcGroupAttribute)).toEqual([{ semantics: 'FID', ssrcs: [ssrc, rtx!.ssrc] }]);
    expect(readAttributes(section, ssrcAttribute).map((line) => `${line.ssrc} ${line.attribute}`)).toEqual([`${ssrc} cname`, `${ssrc} msid`, `${rtx!.ssrc} cname`, `${rtx!.ssrc} msid`]);
    expect(getCodecs(section).filter((codec) => codec.name === 'rtx').every((codec) => getCodecs(section).some((other) => `${other.payloadType}` === codec.parameters.get('apt')))).toBe(true);
  });

  it('without a stream id the msid uses the CNAME made a token (RFC 8830 §2: no "/")', () => {
    const bare = new SubscriberSession({ transport: SFU_TRANSPORT });
    bare.addConsumer({ ...consumerTrack('audio', '0'), streamId: undefined });
    expect(readAttribute(bare.createOffer().description.media[0]!, msidAttribute)).toEqual({ streamId: 'oIE1ySUAk7vUn_jN', trackId: 'consumer-0' });
  });
});

describe('SubscriberSession: renegotiation', () => {
  it('1, 2, 3 consumers: each offer adds a section at the end, the earlier ones keep place and mid; o= version counts up', () => {
    const session = new SubscriberSession({ transport: SFU_TRANSPORT });
    const layouts: string[][] = [];
    const origins: bigint[][] = [];
    for (const [kind, mid] of [['audio', '0'], ['video', '1'], ['video', '2']] as const) {
      session.addConsumer(consumerTrack(kind, mid));
      const offer = renegotiate(session);
      layouts.push(layout(offer));
      origins.push([offer.origin.sessionId, offer.origin.sessionVersion]);
    }
    expect(layouts).toEqual([['audio:0:sendonly'], ['audio:0:sendonly', 'video:1:sendonly'], ['audio:0:sendonly', 'video:1:sendonly', 'video:2:sendonly']]);
    expect(origins.map(([, version]) => version)).toEqual([1n, 2n, 3n]);
    expect(new Set(origins.map(([id]) => id)).size).toBe(1);
  });

  it('the middle one closes: port 0, a=inactive, out of BUNDLE; the others are unchanged', () => {
    const session = negotiated(['0', '1', '2']);
    const before = session.createOffer().description;
    session.applyAnswer(browserAnswer(serializeSessionDescription(before)));
    expect(session.removeConsumer('consumer-1')).toBe(true);
    const offer = session.createOffer().description;
    expect(layout(offer)).toEqual(['audio:0:sendonly', 'video:1:closed', 'video:2:sendonly']);
    expect(bundle(offer)).toEqual([['0', '2']]);
    expect(serializeSection(offer.media[0]!)).toBe(serializeSection(before.media[0]!));
    expect(serializeSection(offer.media[2]!)).toBe(serializeSection(before.media[2]!));
  });

  it('then a new video consumer recycles the closed section: same place, its own new mid; the version goes on', () => {
    const session = negotiated(['0', '1', '2']);
    session.removeConsumer('consumer-1');
    renegotiate(session);
    expect(session.addConsumer(consumerTrack('video', '3'))).toBe('3');
    const offer = session.createOffer();
    expect(layout(offer.description)).toEqual(['audio:0:sendonly', 'video:3:sendonly', 'video:2:sendonly']);
    expect(bundle(offer.description)).toEqual([['0', '3', '2']]);
    expect(offer.description.origin.sessionVersion).toBe(3n);
    expect(offer.consumers.map((c) => c.consumerId)).toEqual(['consumer-0', 'consumer-3', 'consumer-2']);
  });

  it('a closed section is only recycled once an answer has seen it at port 0 (RFC 8829 §5.2.2); until then new ones go at the end', () => {
    const session = negotiated(['0', '1', '2']);
    session.removeConsumer('consumer-1');
    session.addConsumer(consumerTrack('video', '3'));
    expect(layout(session.createOffer().description)).toEqual(['audio:0:sendonly', 'video:1:closed', 'video:2:sendonly', 'video:3:sendonly']);
  });

  it('a closed video section is not recycled for audio', () => {
    const session = negotiated(['0', '1']);
    session.removeConsumer('consumer-1');
    renegotiate(session);
    session.addConsumer({ ...consumerTrack('audio', '0'), consumerId: 'audio-2', rtpParameters: { ...consumerTrack('audio', '0').rtpParameters, mid: '5' } });
    expect(layout(session.createOffer().description)).toEqual(['audio:0:sendonly', 'video:1:closed', 'audio:5:sendonly']);
  });

  it('the first section tags the BUNDLE group: when its consumer closes it turns inactive, keeps its port and stays first; it is not recycled', () => {
    const session = negotiated(['0', '1']);
    session.removeConsumer('consumer-0');
    const offer = renegotiate(session);
    expect(layout(offer)).toEqual(['audio:0:inactive', 'video:1:sendonly']);
    expect([offer.media[0]!.port, bundle(offer)]).toEqual([50320, [['0', '1']]]);
    expect(readAttributes(offer.media[0]!, ssrcAttribute)).toEqual([]);
    session.addConsumer({ ...consumerTrack('audio', '0'), consumerId: 'audio-2', rtpParameters: { ...consumerTrack('audio', '0').rtpParameters, mid: '2' } });
    expect(layout(session.createOffer().description)).toEqual(['audio:0:inactive', 'video:1:sendonly', 'audio:2:sendonly']);
  });

  it('a consumer closed before any offer showed it leaves no trace', () => {
    const session = negotiated(['0']);
    session.addConsumer(consumerTrack('video', '1'));
    expect(session.removeConsumer('consumer-1')).toBe(true);
    expect(session.removeConsumer('consumer-1')).toBe(false);
    expect(layout(session.createOffer().description)).toEqual(['audio:0:sendonly']);
  });

  it('after an ICE restart the next offer carries the transport’s new credentials', () => {
    const transport = { ...SFU_TRANSPORT, iceParameters: { ...SFU_TRANSPORT.iceParameters } as IceParameters };
    const session = new SubscriberSession({ transport });
    session.addConsumer(consumerTrack('audio', '0'));
    session.applyAnswer(browserAnswer(session.createOffer().sdp));
    transport.iceParameters = { usernameFragment: 'next', password: 'nextPassword0123456789ab' };
    expect(session.createOffer().sdp).toContain('a=ice-ufrag:next\r\na=ice-pwd:nextPassword0123456789ab\r\n');
  });
});

describe('SubscriberSession: the answer', () => {
  it("gives the browser's DTLS role and fingerprint and its ICE credentials; later offers keep the roles (a=setup:passive)", () => {
    const session = new SubscriberSession({ transport: SFU_TRANSPORT });
    session.addConsumer(consumerTrack('audio', '0'));
    const answer = session.applyAnswer(browserAnswer(session.createOffer().sdp));
    expect(answer.dtlsParameters).toEqual({ role: 'client', fingerprints: [{ algorithm: 'sha-256', value: expect.stringMatching(/^F9:83:/) }] });
    expect(answer.iceParameters).toEqual({ usernameFragment: '7vi9', password: 'DOSIPSr1NpYnj+OMCi4OOXQI' });
    expect(answer.sections).toEqual([{ mid: '0', consumerId: 'consumer-0', accepted: true, direction: 'recvonly' }]);
    expect([session.dtlsRole, session.awaitingAnswer]).toEqual(['server', false]);
    expect(readAttribute(session.createOffer().description.media[0]!, setupAttribute)).toBe('passive');
  });

  it('a browser answering passive makes the SFU the DTLS client, and later offers say active', () => {
    const session = new SubscriberSession({ transport: SFU_TRANSPORT });
    session.addConsumer(consumerTrack('audio', '0'));
    expect(session.applyAnswer(browserAnswer(session.createOffer().sdp, { setup: 'passive' })).dtlsParameters?.role).toBe('server');
    expect(readAttribute(session.createOffer().description.media[0]!, setupAttribute)).toBe('active');
  });

  it('a section the browser rejects loses its consumer (to be closed) and is recycled by the next one', () => {
    const session = negotiated(['0']);
    session.addConsumer(consumerTrack('video', '1'));
    const answer = session.applyAnswer(browserAnswer(session.createOffer().sdp, { reject: ['1'] }));
    expect([answer.rejectedConsumerIds, session.consumers.map((c) => c.mid)]).toEqual([['consumer-1'], ['0']]);
    expect(layout(session.createOffer().description)).toEqual(['audio:0:sendonly', 'video:1:closed']);
    session.addConsumer(consumerTrack('video', '2'));
    expect(layout(session.createOffer().description)).toEqual(['audio:0:sendonly', 'video:2:sendonly']);
  });

  it('refuses answers that do not fit, and applies nothing: no offer out, other sections, other mids, actpass, swapped roles, unbundled', () => {
    const session = negotiated(['0', '1']);
    expectNegotiationError(() => session.applyAnswer(browserAnswer(negotiatedOffer(['0', '1']))), 'NO_OFFER_PENDING');
    const offer = session.createOffer().sdp;
    const good = browserAnswer(offer);
    expectNegotiationError(() => session.applyAnswer(browserAnswer(negotiatedOffer(['0']))), 'ANSWER_MISMATCH');
    expectNegotiationError(() => session.applyAnswer(good.replace('a=mid:1', 'a=mid:7').replace('BUNDLE 0 1', 'BUNDLE 0 7')), 'ANSWER_MISMATCH');
    expectNegotiationError(() => session.applyAnswer(good.replaceAll('a=setup:active', 'a=setup:actpass')), 'BAD_SETUP');
    expectNegotiationError(() => session.applyAnswer(good.replaceAll('a=setup:active', 'a=setup:passive')), 'BAD_SETUP');
    expectNegotiationError(() => session.applyAnswer(good.replace('a=group:BUNDLE 0 1', 'a=group:BUNDLE 0')), 'NOT_BUNDLED');
    expectNegotiationError(() => session.applyAnswer(good.replaceAll('a=ice-ufrag:7vi9\r\n', '')), 'MISSING_ICE_CREDENTIALS');
    expect(session.awaitingAnswer).toBe(true);
    expect(session.applyAnswer(good).sections.map((s) => s.accepted)).toEqual([true, true]);
  });

  it('addConsumer refuses parameters that cannot make a section', () => {
    const session = negotiated(['0']);
    const track = consumerTrack('video', '1');
    const { mid: _mid, ...withoutMid } = track.rtpParameters;
    expect(() => session.addConsumer({ ...track, rtpParameters: withoutMid })).toThrow(/rtpParameters.mid is required/);
    expect(() => session.addConsumer({ ...track, rtpParameters: { ...track.rtpParameters, mid: '0' } })).toThrow(/already used/);
    expect(() => session.addConsumer({ ...track, consumerId: 'consumer-0' })).toThrow(/already has a section/);
    expect(() => session.addConsumer({ ...track, kind: 'audio' })).toThrow(/does not match/);
    expect(() => session.addConsumer({ ...track, rtpParameters: { ...track.rtpParameters, encodings: [{}] } })).toThrow(/ssrc is required/);
    expect(() => session.addConsumer({ ...track, rtpParameters: { ...track.rtpParameters, codecs: [] } })).toThrow(TypeError);
  });
});

function negotiatedOffer(mids: readonly string[]): string {
  const session = new SubscriberSession({ transport: SFU_TRANSPORT });
  for (const mid of mids) session.addConsumer(consumerTrack(mid === '0' ? 'audio' : 'video', mid));
  return session.createOffer().sdp;
}

/** One section's lines, for comparing sections across offers. */
function serializeSection(media: MediaDescription): string {
  return serializeSessionDescription({ ...parseSessionDescription('v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n'), media: [media] }).split('t=0 0\r\n')[1]!;
}
