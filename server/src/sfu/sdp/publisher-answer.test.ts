/**
 * The SFU's answers to Chromium 156's real offers, read back with the SDP
 * package the way a browser reads them: what the text says, section by section.
 */
import { readFixtureText } from '#fixtures/index.ts';
import { describe, expect, it } from 'vitest';
import {
  type MediaDescription,
  type SessionDescription,
  SdpAttributeError,
  candidateAttribute,
  extmapAttribute,
  fingerprintAttribute,
  getBundleGroups,
  getCodecs,
  getDirection,
  getMid,
  hasAttribute,
  icePwdAttribute,
  iceUfragAttribute,
  isIceLite,
  midAttribute,
  parseSessionDescription,
  readAttribute,
  readAttributes,
  removeAttributes,
  ridAttribute,
  serializeSessionDescription,
  setBundleGroup,
  setDirection,
  setupAttribute,
  simulcastAttribute,
  validateAttributes,
  writeAttribute,
} from '../../sdp/index.ts';
import { routerRtpCapabilities } from '../rtp-capabilities.ts';
import { type PublisherAnswerOptions, createPublisherAnswer } from './publisher-answer.ts';
import { OFFER_FIXTURES, ROUTER_CAPABILITIES, SFU_TRANSPORT, editOffer, expectNegotiationError, plainOffer, simulcastOffer } from './test-support.ts';

const OPTIONS: PublisherAnswerOptions = { transport: SFU_TRANSPORT, routerRtpCapabilities: ROUTER_CAPABILITIES };

function answerTo(offer: string, options: Partial<PublisherAnswerOptions> = {}): SessionDescription {
  return parseSessionDescription(createPublisherAnswer(offer, { ...OPTIONS, ...options }).sdp);
}

const section = (description: SessionDescription, mid: string): MediaDescription => {
  const found = description.media.find((media) => getMid(media) === mid);
  expect(found, `section ${mid}`).toBeDefined();
  return found!;
};
const bundle = (description: SessionDescription) => getBundleGroups(description).map((group) => group.mids);
const extmaps = (media: MediaDescription) => readAttributes(media, extmapAttribute).map(({ id, uri }) => `${id} ${uri}`);
const NOT_ROUTED = ['red', 'ulpfec', 'flexfec-03'];

describe.each(OFFER_FIXTURES)('the answer to %s', (file) => {
  const offerText = readFixtureText(file);
  const offer = parseSessionDescription(offerText);
  const answer = createPublisherAnswer(offerText, OPTIONS);
  const parsed = parseSessionDescription(answer.sdp);
  const accepted = parsed.media.filter((media) => media.port !== 0);

  it('parses, every attribute valid, serializes back to the same text; a=ice-lite', () => {
    validateAttributes(parsed);
    expect(serializeSessionDescription(parsed)).toBe(answer.sdp);
    expect(isIceLite(parsed)).toBe(true);
  });

  it('answers every offered section in order, same kind, protocol and mid', () => {
    expect(parsed.media.map((media) => [media.kind, media.protocol, getMid(media)])).toEqual(offer.media.map((media) => [media.kind, media.protocol, getMid(media)]));
    expect(answer.sections.map((s) => s.mid)).toEqual(offer.media.map(getMid));
  });

  it('bundles exactly the accepted sections, each with rtcp-mux and rtcp-rsize, recvonly', () => {
    expect(bundle(parsed)).toEqual(accepted.length === 0 ? [] : [accepted.map(getMid)]);
    for (const media of accepted) {
      const where = `mid ${getMid(media)}`;
      expect(hasAttribute(media, 'rtcp-mux'), where).toBe(true);
      expect(hasAttribute(media, 'rtcp-rsize'), where).toBe(true);
      expect(getDirection(media, parsed), where).toBe('recvonly');
    }
  });

  it('accepts audio and video over UDP/TLS/RTP/SAVPF only; rejects the data channel with port 0', () => {
    const acceptable = offer.media.filter((media) => ['audio', 'video'].includes(media.kind) && media.protocol === 'UDP/TLS/RTP/SAVPF');
    expect(accepted.map(getMid)).toEqual(acceptable.map(getMid));
    for (const media of parsed.media.filter((m) => m.kind === 'application')) expect(media.port).toBe(0);
  });

  it('keeps the offer payload types and codecs, never RED or ULPFEC, and each RTX repairs a codec of the answer as in the offer', () => {
    for (const media of accepted) {
      const offered = new Map(getCodecs(section(offer, getMid(media)!)).map((codec) => [codec.payloadType, codec]));
      const codecs = getCodecs(media);
      expect(codecs.length, `mid ${getMid(media)} has codecs`).toBeGreaterThan(0);
      for (const codec of codecs) {
        const same = offered.get(codec.payloadType);
        expect([codec.name, codec.clockRate, codec.channels, [...codec.parameters]]).toEqual([same?.name, same?.clockRate, same?.channels, [...(same?.parameters ?? [])]]);
        expect(NOT_ROUTED).not.toContain(codec.name.toLowerCase());
        if (codec.name === 'rtx') {
          const apt = Number(codec.parameters.get('apt'));
          expect(codecs.some((other) => other.payloadType === apt && other.name !== 'rtx'), `rtx ${codec.payloadType} apt=${apt}`).toBe(true);
        }
      }
    }
  });

  it('keeps only extensions the offer has, at the offer ids', () => {
    for (const media of accepted) {
      const offered = extmaps(section(offer, getMid(media)!));
      for (const line of extmaps(media)) expect(offered).toContain(line);
    }
  });
});

describe('the answer to plain-offer.sdp', () => {
  const answer = answerTo(plainOffer);

  it('audio: Opus alone at 111, with its fmtp and transport-cc', () => {
    expect(getCodecs(section(answer, '0'))).toEqual([
      { payloadType: 111, name: 'opus', clockRate: 48000, channels: 2, parameters: new Map([['minptime', '10'], ['useinbandfec', '1']]), feedback: [{ type: 'transport-cc' }] },
    ]);
  });

  it("video: the router's order (VP8, VP9 profile 0, H264 42e01f mode 1, AV1), each with its RTX, at the offer payload types", () => {
    expect(section(answer, '1').formats).toEqual(['96', '97', '98', '99', '108', '109', '45', '46']);
    expect(getCodecs(section(answer, '1'))[0]).toEqual({
      payloadType: 96, name: 'VP8', clockRate: 90000, parameters: new Map(),
      feedback: [{ type: 'goog-remb' }, { type: 'transport-cc' }, { type: 'ccm', parameter: 'fir' }, { type: 'nack' }, { type: 'nack', parameter: 'pli' }],
    });
  });

  it('extensions: those the router reads, not toffset, playout-delay, video-timing, color-space, content-type', () => {
    expect(extmaps(section(answer, '0'))).toEqual([
      '1 urn:ietf:params:rtp-hdrext:ssrc-audio-level',
      '2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',
      '3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01',
      '4 urn:ietf:params:rtp-hdrext:sdes:mid',
    ]);
    expect(extmaps(section(answer, '1'))).toEqual([
      '2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',
      '13 urn:3gpp:video-orientation',
      '3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01',
      '4 urn:ietf:params:rtp-hdrext:sdes:mid',
      '10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id',
      '11 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id',
    ]);
  });

  it('the transport: ICE-lite credentials, one fingerprint, setup:passive, candidates then end-of-candidates, c= and port of the candidate', () => {
    for (const mid of ['0', '1']) {
      const media = section(answer, mid);
      expect(readAttribute(media, iceUfragAttribute)).toBe('sfuL');
      expect(readAttribute(media, icePwdAttribute)).toBe('sfuLitePwd0123456789abcd');
      expect(readAttributes(media, fingerprintAttribute).map((fp) => fingerprintAttribute.serialize(fp))).toEqual([
        `sha-256 ${SFU_TRANSPORT.dtlsParameters.fingerprints[0]!.value}`,
      ]);
      expect(readAttribute(media, setupAttribute)).toBe('passive');
      expect(readAttributes(media, candidateAttribute)).toEqual([
        { foundation: 'udpcandidate', component: 1, transport: 'udp', priority: 2130706431, address: '127.0.0.1', port: 50320, type: 'host', extensions: [] },
      ]);
      expect(media.attributes.findIndex((a) => a.name === 'end-of-candidates')).toBeGreaterThan(media.attributes.findLastIndex((a) => a.name === 'candidate'));
      expect([media.port, media.connections]).toEqual([50320, [{ netType: 'IN', addressType: 'IP4', address: '127.0.0.1' }]]);
    }
  });

  it('the data channel: port 0, the offer formats, only its mid', () => {
    const data = section(answer, '2');
    expect([data.port, data.formats, data.attributes]).toEqual([0, ['webrtc-datachannel'], [{ name: 'mid', value: '2' }]]);
  });

  it("says what the SFU did with each section, and the browser's transport for connect()", () => {
    const result = createPublisherAnswer(plainOffer, OPTIONS);
    expect(result.sections).toEqual([
      { mid: '0', kind: 'audio', accepted: true, receiving: true },
      { mid: '1', kind: 'video', accepted: true, receiving: true },
      { mid: '2', kind: 'application', accepted: false, receiving: false, rejection: 'the SFU does not take m=application' },
    ]);
    expect(result.remoteDtlsParameters).toEqual({
      role: 'client',
      fingerprints: [{ algorithm: 'sha-256', value: 'F9:83:F2:BD:16:30:C5:69:8C:FF:39:A8:E7:53:72:62:AA:E1:B6:3D:EB:B7:54:B4:3B:D8:8A:40:38:10:D0:AA' }],
    });
    expect(result.remoteIceParameters).toEqual({ usernameFragment: '7vi9', password: 'DOSIPSr1NpYnj+OMCi4OOXQI' });
  });
});

describe('the answer to simulcast-offer.sdp', () => {
  const video = section(answerTo(simulcastOffer), '1');

  it('receives the three rids: a=rid recv each, a=simulcast:recv in the offer order', () => {
    expect(readAttributes(video, ridAttribute)).toEqual(['q', 'h', 'f'].map((id) => ({ id, direction: 'recv', restrictions: [] })));
    expect(readAttribute(video, simulcastAttribute)).toEqual({ recv: [[{ rid: 'q', paused: false }], [{ rid: 'h', paused: false }], [{ rid: 'f', paused: false }]] });
  });

  it('drops the dependency descriptor and video-layers-allocation extensions the router does not read', () => {
    expect(extmaps(video).some((line) => line.includes('dependency-descriptor') || line.includes('video-layers-allocation'))).toBe(false);
  });

  it('a rid the offer does not declare with a=rid send is left out of the simulcast answer (RFC 8853 §5.2)', () => {
    const offer = editOffer((description) => {
      description.media[1]!.attributes = description.media[1]!.attributes.filter((a) => a.value !== 'h send');
    }, simulcastOffer);
    expect(readAttribute(section(answerTo(offer), '1'), simulcastAttribute)?.recv?.flat().map((r) => r.rid)).toEqual(['q', 'f']);
  });
});

describe('publisher answers: choices', () => {
  it('DTLS: the SFU is the server for actpass by default; dtlsRole client makes it active; an offer that chose keeps its role', () => {
    const setupOf = (offer: string, options: Partial<PublisherAnswerOptions> = {}) => readAttribute(section(answerTo(offer, options), '0'), setupAttribute);
    const withSetup = (role: string) => editOffer((offer) => offer.media.forEach((media) => writeAttribute(media, setupAttribute, role as 'active')));
    expect(setupOf(plainOffer)).toBe('passive');
    expect(setupOf(plainOffer, { dtlsRole: 'client' })).toBe('active');
    expect(createPublisherAnswer(plainOffer, { ...OPTIONS, dtlsRole: 'client' }).remoteDtlsParameters?.role).toBe('server');
    // RFC 8842 §5.5: Chromium's later offers carry the role it already has.
    expect(setupOf(withSetup('active'), { dtlsRole: 'client' })).toBe('passive');
    expect(setupOf(withSetup('passive'))).toBe('active');
  });

  it('DTLS: an offer without a=setup, or with holdconn, is refused with BAD_SETUP', () => {
    expectNegotiationError(() => createPublisherAnswer(editOffer((offer) => offer.media.forEach((m) => removeAttributes(m, 'setup'))), OPTIONS), 'BAD_SETUP');
    expectNegotiationError(() => createPublisherAnswer(editOffer((offer) => offer.media.forEach((m) => writeAttribute(m, setupAttribute, 'holdconn'))), OPTIONS), 'BAD_SETUP');
  });

  it('o=: a new session id by default; with the previous answer, the same id one version up (RFC 3264 §8)', () => {
    const first = answerTo(plainOffer);
    const second = answerTo(plainOffer, { previousOrigin: first.origin });
    expect([second.origin.sessionId, second.origin.sessionVersion]).toEqual([first.origin.sessionId, first.origin.sessionVersion + 1n]);
    expect(answerTo(plainOffer).origin.sessionId).not.toBe(first.origin.sessionId);
  });

  it('writes one fingerprint, sha-256, when the transport has several', () => {
    const transport = {
      ...SFU_TRANSPORT,
      dtlsParameters: { fingerprints: [{ algorithm: 'sha-1', value: 'AA:BB' }, { algorithm: 'sha-256', value: 'CC:DD' }, { algorithm: 'sha-512', value: 'EE:FF' }] },
    };
    expect(readAttributes(section(answerTo(plainOffer, { transport }), '1'), fingerprintAttribute).map((fp) => fingerprintAttribute.serialize(fp))).toEqual(['sha-256 CC:DD']);
  });

  it('c= and the m= port follow the first UDP candidate, IPv6 included; without candidates port 9 and 0.0.0.0', () => {
    const candidates = [
      { foundation: 'tcp', priority: 1, address: '::1', protocol: 'tcp' as const, port: 443, type: 'host' as const, tcpType: 'passive' as const },
      { foundation: 'v6', priority: 2, address: '::1', protocol: 'udp' as const, port: 40000, type: 'host' as const },
    ];
    const video = section(answerTo(plainOffer, { transport: { ...SFU_TRANSPORT, iceCandidates: candidates } }), '1');
    expect([video.port, video.connections]).toEqual([40000, [{ netType: 'IN', addressType: 'IP6', address: '::1' }]]);
    expect(readAttributes(video, candidateAttribute).map((c) => [c.transport, c.port, c.tcpType])).toEqual([['tcp', 443, 'passive'], ['udp', 40000, undefined]]);
    const bare = section(answerTo(plainOffer, { transport: { ...SFU_TRANSPORT, iceCandidates: [] } }), '1');
    expect([bare.port, bare.connections, hasAttribute(bare, 'end-of-candidates')]).toEqual([9, [{ netType: 'IN', addressType: 'IP4', address: '0.0.0.0' }], true]);
  });

  it("takes only the router's codecs: an H264-only router keeps 108 and its RTX; an audio-only router rejects the video", () => {
    const h264 = routerRtpCapabilities([{ kind: 'video', mimeType: 'video/H264', clockRate: 90000, parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f' } }]);
    const answer = createPublisherAnswer(plainOffer, { ...OPTIONS, routerRtpCapabilities: h264 });
    expect(parseSessionDescription(answer.sdp).media.map((m) => [m.port === 0 ? 0 : 1, m.formats.join(' ')])).toEqual([[0, '111 63 9 0 8 13 110 126'], [1, '108 109'], [0, 'webrtc-datachannel']]);
    expect(answer.sections[0]?.rejection).toBe('no audio codec in common with the router');
    const opus = routerRtpCapabilities([{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }]);
    expect(bundle(answerTo(plainOffer, { routerRtpCapabilities: opus }))).toEqual([['0']]);
  });

  it('a section the browser only receives on is accepted but inactive, and is not a producer', () => {
    const offer = editOffer((description) => setDirection(description.media[1]!, 'recvonly'));
    const result = createPublisherAnswer(offer, OPTIONS);
    expect(getDirection(section(parseSessionDescription(result.sdp), '1'))).toBe('inactive');
    expect(result.sections[1]).toEqual({ mid: '1', kind: 'video', accepted: true, receiving: false });
  });

  it('rejects sections outside the BUNDLE group, without rtcp-mux, or withdrawn with port 0; accepts bundle-only ones', () => {
    const ports = (offer: string) => answerTo(offer).media.map((m) => `${getMid(m)}:${m.port}`);
    expect(ports(editOffer((offer) => setBundleGroup(offer, ['1'])))).toEqual(['0:0', '1:50320', '2:0']);
    expect(ports(editOffer((offer) => removeAttributes(offer.media[1]!, 'rtcp-mux')))).toEqual(['0:50320', '1:0', '2:0']);
    expect(ports(editOffer((offer) => void (offer.media[0]!.port = 0)))).toEqual(['0:0', '1:50320', '2:0']);
    expect(ports(editOffer((offer) => void ((offer.media[1]!.port = 0), offer.media[1]!.attributes.push({ name: 'bundle-only' }))))).toEqual(['0:50320', '1:50320', '2:0']);
  });

  it('offers nobody can answer: no mid, a mid twice, no ICE credentials, no known fingerprint', () => {
    expectNegotiationError(() => createPublisherAnswer(editOffer((offer) => removeAttributes(offer.media[2]!, 'mid')), OPTIONS), 'MISSING_MID');
    expectNegotiationError(() => createPublisherAnswer(editOffer((offer) => writeAttribute(offer.media[1]!, midAttribute, '0')), OPTIONS), 'DUPLICATE_MID');
    expectNegotiationError(() => createPublisherAnswer(editOffer((offer) => offer.media.forEach((m) => removeAttributes(m, 'ice-pwd'))), OPTIONS), 'MISSING_ICE_CREDENTIALS');
    const md5 = editOffer((offer) => offer.media.forEach((m) => writeAttribute(m, fingerprintAttribute, { hashFunction: 'md5', bytes: Uint8Array.of(1, 2) })));
    expectNegotiationError(() => createPublisherAnswer(md5, OPTIONS), 'MISSING_FINGERPRINT');
  });

  it('a malformed attribute anywhere rejects the whole offer (RFC 8829 §5.8)', () => {
    const broken = plainOffer.replace('a=rtpmap:9 G722/8000', 'a=rtpmap:9 G722');
    expect(() => createPublisherAnswer(broken, OPTIONS)).toThrow(SdpAttributeError);
  });

  it('clear-offer.sdp (RTP/AVPF, no DTLS): nothing accepted, no BUNDLE group, nothing to connect', () => {
    const result = createPublisherAnswer(readFixtureText('sdp/clear-offer.sdp'), OPTIONS);
    expect(result.sections.map((s) => s.rejection)).toEqual(['protocol RTP/AVPF is not UDP/TLS/RTP/SAVPF', 'protocol RTP/AVPF is not UDP/TLS/RTP/SAVPF']);
    expect([bundle(result.description), result.remoteDtlsParameters]).toEqual([[], undefined]);
  });
});
