/**
 * The package against real Chromium 156 SDP (server/fixtures/chromium-156/sdp,
 * see its README for how each was captured). Facts are read off the fixture text.
 */
import { listFixtures, readFixtureText } from '#fixtures/index.ts';
import { describe, expect, it } from 'vitest';
import { getAttribute, hasAttribute, readAttribute, readAttributes, readInheritedAttribute, readInheritedAttributes } from './attributes/attribute-list.ts';
import { candidateAttribute } from './attributes/candidate.ts';
import { getDirection } from './attributes/direction.ts';
import { extmapAttribute } from './attributes/extmap.ts';
import { fingerprintAttribute } from './attributes/fingerprint.ts';
import { getBundleGroups } from './attributes/group.ts';
import { iceOptionsAttribute, icePwdAttribute, iceUfragAttribute, isIceLite } from './attributes/ice.ts';
import { getMid } from './attributes/mid.ts';
import { msidAttribute } from './attributes/msid.ts';
import { knownAttributes, validateAttributes } from './attributes/registry.ts';
import { ridAttribute } from './attributes/rid.ts';
import { maxMessageSizeAttribute, sctpPortAttribute } from './attributes/sctp.ts';
import { setupAttribute } from './attributes/setup.ts';
import { simulcastAttribute } from './attributes/simulcast.ts';
import { ssrcAttribute } from './attributes/ssrc.ts';
import { ssrcGroupAttribute } from './attributes/ssrc-group.ts';
import { getCodecs } from './codecs.ts';
import { parseSessionDescription } from './parse.ts';
import type { MediaDescription, SessionDescription } from './session-description.ts';
import { serializeSessionDescription } from './serialize.ts';

const fixtures = listFixtures('sdp');
const load = (name: string) => parseSessionDescription(readFixtureText(`sdp/${name}.sdp`));
const section = (description: SessionDescription, index: number): MediaDescription => description.media[index]!;

describe.each(fixtures)('%s', (fixture) => {
  const text = readFixtureText(fixture);

  it('serializes back to the same text, CRLF and all', () => {
    expect(serializeSessionDescription(parseSessionDescription(text))).toBe(text);
  });

  it('serializes an LF-only copy back to LF', () => {
    const lf = text.replaceAll('\r\n', '\n');
    expect(serializeSessionDescription(parseSessionDescription(lf))).toBe(lf);
  });

  it('has only attribute values the typed codecs read and write back unchanged', () => {
    const description = parseSessionDescription(text);
    validateAttributes(description);
    for (const { name, value } of [description, ...description.media].flatMap((part) => part.attributes)) {
      const codec = knownAttributes.get(name);
      if (codec !== undefined) expect(`${name}:${codec.serialize(codec.parse(value ?? ''))}`).toBe(`${name}:${value}`);
    }
  });
});

describe('plain-offer.sdp', () => {
  const offer = load('plain-offer');
  const [audio, video, data] = [section(offer, 0), section(offer, 1), section(offer, 2)];

  it('bundles mids 0 1 2, one per section (RFC 8843 §5)', () => {
    expect(getBundleGroups(offer)).toEqual([{ semantics: 'BUNDLE', mids: ['0', '1', '2'] }]);
    expect(offer.media.map((media) => [media.kind, getMid(media)])).toEqual([['audio', '0'], ['video', '1'], ['application', '2']]);
  });

  it('offers Opus first with its fmtp and transport-cc, then the other audio codecs', () => {
    expect(audio.protocol).toBe('UDP/TLS/RTP/SAVPF');
    const codecs = getCodecs(audio);
    expect(codecs[0]).toEqual({
      payloadType: 111, name: 'opus', clockRate: 48000, channels: 2,
      parameters: new Map([['minptime', '10'], ['useinbandfec', '1']]), feedback: [{ type: 'transport-cc' }],
    });
    expect(codecs.map((codec) => `${codec.payloadType} ${codec.name}`)).toEqual([
      '111 opus', '63 red', '9 G722', '0 PCMU', '8 PCMA', '13 CN', '110 telephone-event', '126 telephone-event',
    ]);
  });

  it('offers VP8, H264, AV1, VP9, red and ulpfec with an rtx for each (RFC 4588 §8.1 apt)', () => {
    const codecs = getCodecs(video);
    const names = new Map(codecs.map((codec) => [codec.payloadType, codec.name]));
    const rtx = codecs.filter((codec) => codec.name === 'rtx').map((codec) => [codec.payloadType, Number(codec.parameters.get('apt'))]);
    expect(rtx).toEqual([[97, 96], [103, 102], [107, 104], [109, 108], [115, 114], [117, 116], [40, 39], [46, 45], [99, 98], [101, 100], [119, 118]]);
    expect(rtx.map(([, apt]) => names.get(apt!))).toEqual(['VP8', 'H264', 'H264', 'H264', 'H264', 'H264', 'H264', 'AV1', 'VP9', 'VP9', 'red']);
    expect(names.get(120)).toBe('ulpfec');
    expect(codecs[0]!.feedback).toEqual([
      { type: 'goog-remb' }, { type: 'transport-cc' }, { type: 'ccm', parameter: 'fir' }, { type: 'nack' }, { type: 'nack', parameter: 'pli' },
    ]);
    expect(codecs.find((codec) => codec.payloadType === 102)!.parameters.get('profile-level-id')).toBe('42001f');
  });

  it('maps the header extensions the README lists', () => {
    expect(readAttributes(audio, extmapAttribute)).toEqual([
      { id: 1, uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level' },
      { id: 2, uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time' },
      { id: 3, uri: 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01' },
      { id: 4, uri: 'urn:ietf:params:rtp-hdrext:sdes:mid' },
    ]);
    expect(readAttributes(video, extmapAttribute).map(({ id }) => id)).toEqual([14, 2, 13, 3, 5, 6, 7, 8, 4, 10, 11]);
  });

  it('names the video track with msid, its SSRCs and the FID pair (RFC 5576)', () => {
    expect(readAttribute(video, msidAttribute)).toEqual({
      streamId: 'f8eed8f3-4ae1-4905-a1d4-0f1c0de19934', trackId: '62a43e30-9063-4834-a175-386a9484bfab',
    });
    expect(readAttributes(video, ssrcGroupAttribute)).toEqual([{ semantics: 'FID', ssrcs: [3579667211, 3477837654] }]);
    expect(readAttributes(audio, ssrcAttribute)[0]).toEqual({ ssrc: 3244501729, attribute: 'cname', value: 'oIE1ySUAk7vUn/jN' });
  });

  it('gathers a UDP host candidate on the m= port and an active TCP one on port 9 (RFC 6544), on 127.0.0.1', () => {
    for (const media of offer.media) {
      const [udp, tcp] = readAttributes(media, candidateAttribute);
      expect(udp).toMatchObject({ transport: 'udp', address: '127.0.0.1', port: media.port, type: 'host', priority: 2122260223 });
      expect(tcp).toMatchObject({ transport: 'tcp', address: '127.0.0.1', port: 9, tcpType: 'active', priority: 1518280447 });
      expect(udp!.extensions).toEqual([{ name: 'generation', value: '0' }, { name: 'network-id', value: '1' }, { name: 'network-cost', value: '50' }]);
    }
  });

  it('carries the same ICE credentials, DTLS fingerprint and setup:actpass in every section', () => {
    for (const media of offer.media) {
      expect(readInheritedAttribute(media, offer, iceUfragAttribute)).toBe('7vi9');
      expect(readInheritedAttribute(media, offer, icePwdAttribute)).toBe('DOSIPSr1NpYnj+OMCi4OOXQI');
      expect(readInheritedAttribute(media, offer, iceOptionsAttribute)).toEqual(['trickle']);
      expect(readInheritedAttribute(media, offer, setupAttribute)).toBe('actpass');
      const [fingerprint] = readInheritedAttributes(media, offer, fingerprintAttribute);
      expect(fingerprint!.hashFunction).toBe('sha-256');
      expect(fingerprint!.bytes.length).toBe(32);
      expect(fingerprint!.bytes.subarray(0, 2)).toEqual(Uint8Array.of(0xf9, 0x83));
    }
    expect(isIceLite(offer)).toBe(false);
  });

  it('is sendrecv with rtcp-mux and rtcp-rsize, and opens SCTP on port 5000 (RFC 8841)', () => {
    expect([getDirection(audio, offer), getDirection(video, offer)]).toEqual(['sendrecv', 'sendrecv']);
    expect([hasAttribute(video, 'rtcp-mux'), hasAttribute(video, 'rtcp-rsize')]).toEqual([true, true]);
    expect(data).toMatchObject({ protocol: 'UDP/DTLS/SCTP', formats: ['webrtc-datachannel'] });
    expect(readAttribute(data, sctpPortAttribute)).toBe(5000);
    expect(readAttribute(data, maxMessageSizeAttribute)).toBe(262144);
    expect(getCodecs(data)).toEqual([]);
  });
});

describe('simulcast fixtures (RFC 8851, RFC 8853)', () => {
  const sendQhf = [[{ rid: 'q', paused: false }], [{ rid: 'h', paused: false }], [{ rid: 'f', paused: false }]];

  it('simulcast-offer sends rids q, h, f as three streams, and offers the simulcast-only extensions', () => {
    const video = section(load('simulcast-offer'), 1);
    expect(readAttributes(video, ridAttribute)).toEqual(['q', 'h', 'f'].map((id) => ({ id, direction: 'send', restrictions: [] })));
    expect(readAttribute(video, simulcastAttribute)).toEqual({ send: sendQhf });
    expect(getDirection(video)).toBe('sendonly');
    expect(readAttributes(video, extmapAttribute).slice(-2).map(({ id }) => id)).toEqual([12, 9]);
    expect(readAttributes(video, ssrcAttribute)).toEqual([]);
  });

  it('simulcast-answer-munged receives them, as the probe added', () => {
    const answer = load('simulcast-answer-munged');
    const video = section(answer, 1);
    expect(readAttributes(video, ridAttribute).map(({ id, direction }) => `${id} ${direction}`)).toEqual(['q recv', 'h recv', 'f recv']);
    expect(readAttribute(video, simulcastAttribute)).toEqual({ recv: sendQhf });
    expect(getDirection(video, answer)).toBe('recvonly');
    expect(readInheritedAttribute(video, answer, setupAttribute)).toBe('active');
  });

  it("simulcast-answer-chromium, Chromium's own answer, has neither", () => {
    const video = section(load('simulcast-answer-chromium'), 1);
    expect([readAttributes(video, ridAttribute), readAttribute(video, simulcastAttribute)]).toEqual([[], undefined]);
  });
});

describe('other fixtures', () => {
  it('lite-dtls12-answer is ICE-lite and passive, with one candidate and end-of-candidates per section', () => {
    const answer = load('lite-dtls12-answer');
    expect(isIceLite(answer)).toBe(true);
    expect(getAttribute(answer, 'msid-semantic')).toBe(' WMS');
    for (const media of answer.media) {
      expect(readInheritedAttribute(media, answer, setupAttribute)).toBe('passive');
      expect(readAttributes(media, candidateAttribute)).toEqual([{
        foundation: '1', component: 1, transport: 'udp', priority: 2130706431, address: '127.0.0.1', port: 50320, type: 'host', extensions: [],
      }]);
      expect(hasAttribute(media, 'end-of-candidates')).toBe(true);
    }
    expect(getCodecs(section(answer, 1)).map((codec) => codec.name)).toEqual(['VP8', 'rtx']);
  });

  it('clear-offer is plain RTP/AVPF with no fingerprint and no setup', () => {
    const offer = load('clear-offer');
    expect(getBundleGroups(offer)).toEqual([{ semantics: 'BUNDLE', mids: ['0', '1'] }]);
    for (const media of offer.media) {
      expect(media.protocol).toBe('RTP/AVPF');
      expect(readInheritedAttributes(media, offer, fingerprintAttribute)).toEqual([]);
      expect(readInheritedAttribute(media, offer, setupAttribute)).toBeUndefined();
    }
  });

  it('plain-answer accepts every section as DTLS client (setup:active) and receives only', () => {
    const answer = load('plain-answer');
    expect(answer.media.map((media) => readInheritedAttribute(media, answer, setupAttribute))).toEqual(['active', 'active', 'active']);
    expect(answer.media.slice(0, 2).map((media) => getDirection(media, answer))).toEqual(['recvonly', 'recvonly']);
  });
});
