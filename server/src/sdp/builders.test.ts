import { describe, expect, it } from 'vitest';
import {
  type MediaDescription,
  type SessionDescription,
  addCodec,
  addMediaSection,
  appendAttribute,
  candidateAttribute,
  createSessionDescription,
  fingerprintAttribute,
  getBundleGroups,
  icePwdAttribute,
  iceUfragAttribute,
  maxMessageSizeAttribute,
  parseSessionDescription,
  readAttributes,
  ridAttribute,
  sctpPortAttribute,
  serializeSessionDescription,
  setBundleGroup,
  setupAttribute,
  simulcastAttribute,
  validateAttributes,
  writeAttribute,
} from './index.ts';

/** What an ICE-lite SFU answers to a browser's audio + simulcast video + data channel offer. */
function buildAnswer(): SessionDescription {
  const answer = createSessionDescription({ sessionId: 1000n, sessionVersion: 1n, attributes: [{ name: 'ice-lite' }] });
  const transport = (media: MediaDescription) => {
    writeAttribute(media, iceUfragAttribute, 'sfuL');
    writeAttribute(media, icePwdAttribute, 'sfuLitePwd0123456789abcd');
    appendAttribute(media, fingerprintAttribute, { hashFunction: 'sha-256', bytes: Uint8Array.of(0x7f, 0xa7, 0x76) });
    writeAttribute(media, setupAttribute, 'passive');
    appendAttribute(media, candidateAttribute, {
      foundation: '1', component: 1, transport: 'udp', priority: 2130706431, address: '127.0.0.1', port: 50320, type: 'host', extensions: [],
    });
  };

  const audio = addMediaSection(answer, { kind: 'audio', port: 50320, mid: '0' });
  transport(audio);
  addCodec(audio, { payloadType: 111, name: 'opus', clockRate: 48000, channels: 2, parameters: { minptime: '10', useinbandfec: '1' } });
  audio.attributes.push({ name: 'recvonly' }, { name: 'rtcp-mux' });

  const video = addMediaSection(answer, { kind: 'video', port: 50320, mid: '1', direction: 'recvonly' });
  transport(video);
  addCodec(video, { payloadType: 96, name: 'VP8', clockRate: 90000, feedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }] });
  addCodec(video, { payloadType: 97, name: 'rtx', clockRate: 90000, parameters: { apt: '96' } });
  for (const id of ['q', 'h', 'f']) appendAttribute(video, ridAttribute, { id, direction: 'recv', restrictions: [] });
  appendAttribute(video, simulcastAttribute, { recv: [[{ rid: 'q', paused: false }], [{ rid: 'h', paused: false }], [{ rid: 'f', paused: false }]] });

  const data = addMediaSection(answer, { kind: 'application', port: 50320, mid: '2' });
  transport(data);
  writeAttribute(data, sctpPortAttribute, 5000);
  writeAttribute(data, maxMessageSizeAttribute, 262144);

  setBundleGroup(answer, ['0', '1', '2']);
  return answer;
}

const transportLines = [
  'a=ice-ufrag:sfuL',
  'a=ice-pwd:sfuLitePwd0123456789abcd',
  'a=fingerprint:sha-256 7F:A7:76',
  'a=setup:passive',
  'a=candidate:1 1 udp 2130706431 127.0.0.1 50320 typ host',
];

const expected = [
  'v=0', 'o=- 1000 1 IN IP4 0.0.0.0', 's=-', 't=0 0', 'a=group:BUNDLE 0 1 2', 'a=ice-lite',
  'm=audio 50320 UDP/TLS/RTP/SAVPF 111', 'c=IN IP4 0.0.0.0', 'a=mid:0', ...transportLines,
  'a=rtpmap:111 opus/48000/2', 'a=fmtp:111 minptime=10;useinbandfec=1', 'a=recvonly', 'a=rtcp-mux',
  'm=video 50320 UDP/TLS/RTP/SAVPF 96 97', 'c=IN IP4 0.0.0.0', 'a=mid:1', 'a=recvonly', ...transportLines,
  'a=rtpmap:96 VP8/90000', 'a=rtcp-fb:96 nack', 'a=rtcp-fb:96 nack pli', 'a=rtpmap:97 rtx/90000', 'a=fmtp:97 apt=96',
  'a=rid:q recv', 'a=rid:h recv', 'a=rid:f recv', 'a=simulcast:recv q;h;f',
  'm=application 50320 UDP/DTLS/SCTP webrtc-datachannel', 'c=IN IP4 0.0.0.0', 'a=mid:2', ...transportLines,
  'a=sctp-port:5000', 'a=max-message-size:262144',
].map((line) => `${line}\r\n`).join('');

describe('builders', () => {
  it('build an answer whose text is what a browser expects', () => {
    expect(serializeSessionDescription(buildAnswer())).toBe(expected);
  });

  it('build a model that parses back from its own text unchanged', () => {
    const answer = buildAnswer();
    const reparsed = parseSessionDescription(serializeSessionDescription(answer));
    expect(reparsed).toEqual(answer);
    validateAttributes(reparsed);
    expect(readAttributes(reparsed.media[1]!, ridAttribute).map(({ id }) => id)).toEqual(['q', 'h', 'f']);
  });

  it('default to JSEP values: "-" names, t=0 0, port 9, IN IP4 0.0.0.0, a random session id below 2^63 (RFC 8829 §5.2.1)', () => {
    const session = createSessionDescription();
    const media = addMediaSection(session, { kind: 'application' });
    expect(session).toMatchObject({ sessionName: '-', times: [{ start: 0n, stop: 0n, repeats: [] }], lineEnding: '\r\n' });
    expect(session.origin).toMatchObject({ username: '-', sessionVersion: 0n, address: '0.0.0.0' });
    expect(session.origin.sessionId).toBeLessThan(2n ** 63n);
    expect(media).toMatchObject({ port: 9, protocol: 'UDP/DTLS/SCTP', formats: ['webrtc-datachannel'], connections: [{ address: '0.0.0.0' }] });
  });

  it('setBundleGroup replaces only the BUNDLE group, in place', () => {
    const session = createSessionDescription({ attributes: [{ name: 'group', value: 'LS 0 1' }, { name: 'group', value: 'BUNDLE 0' }, { name: 'x' }] });
    setBundleGroup(session, ['1']);
    expect(session.attributes).toEqual([{ name: 'group', value: 'LS 0 1' }, { name: 'group', value: 'BUNDLE 1' }, { name: 'x' }]);
    expect(getBundleGroups(session)).toEqual([{ semantics: 'BUNDLE', mids: ['1'] }]);
  });

  it('serialize refuses values that would inject lines, names that are not tokens, and sections without formats', () => {
    const session = createSessionDescription();
    session.attributes.push({ name: 'x', value: 'a\r\na=ice-lite' });
    expect(() => serializeSessionDescription(session)).toThrow(TypeError);
    session.attributes = [{ name: 'bad name' }];
    expect(() => serializeSessionDescription(session)).toThrow(TypeError);
    session.attributes = [];
    addMediaSection(session, { kind: 'audio' });
    expect(() => serializeSessionDescription(session)).toThrow(/no formats/);
  });
});
