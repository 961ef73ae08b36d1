import { describe, expect, it } from 'vitest';
import { createMediaSection } from './builders.ts';
import { addCodec, getCodecs } from './codecs.ts';
import type { MediaDescription } from './session-description.ts';
import { expectAttributeError } from './testing.ts';

function section(formats: string[], attributes: [string, string][], protocol = 'UDP/TLS/RTP/SAVPF'): MediaDescription {
  return createMediaSection({ kind: 'video', protocol, formats, attributes: attributes.map(([name, value]) => ({ name, value })) });
}

describe('getCodecs', () => {
  it('joins rtpmap, fmtp and rtcp-fb per payload type, in m= order (RFC 3264 §5.1)', () => {
    const media = section(['97', '96'], [
      ['rtpmap', '96 VP8/90000'],
      ['rtcp-fb', '96 nack pli'],
      ['rtpmap', '97 rtx/90000'],
      ['fmtp', '97 apt=96'],
    ]);
    expect(getCodecs(media)).toEqual([
      { payloadType: 97, name: 'rtx', clockRate: 90000, parameters: new Map([['apt', '96']]), feedback: [] },
      { payloadType: 96, name: 'VP8', clockRate: 90000, parameters: new Map(), feedback: [{ type: 'nack', parameter: 'pli' }] },
    ]);
  });

  it('applies rtcp-fb "*" to every payload type (RFC 4585 §4.2)', () => {
    const media = section(['96', '98'], [['rtpmap', '96 VP8/90000'], ['rtpmap', '98 VP9/90000'], ['rtcp-fb', '* transport-cc']]);
    expect(getCodecs(media).map((codec) => codec.feedback)).toEqual([[{ type: 'transport-cc' }], [{ type: 'transport-cc' }]]);
  });

  it('knows static payload types without an rtpmap (RFC 3551 §6) and skips unknown dynamic ones', () => {
    const media = section(['0', '8', '100'], [], 'RTP/AVP');
    expect(getCodecs(media).map(({ payloadType, name, clockRate }) => [payloadType, name, clockRate])).toEqual([
      [0, 'PCMU', 8000],
      [8, 'PCMA', 8000],
    ]);
  });

  it('is empty for a section that is not RTP (RFC 8866 §5.14)', () => {
    expect(getCodecs(createMediaSection({ kind: 'application' }))).toEqual([]);
  });

  it('throws BAD_PAYLOAD_TYPE for an RTP format that is not a payload type', () => {
    expectAttributeError(() => getCodecs(section(['vp8'], [])), 'BAD_PAYLOAD_TYPE');
  });

  it('throws the attribute error of a malformed rtpmap', () => {
    expectAttributeError(() => getCodecs(section(['96'], [['rtpmap', '96 VP8']])), 'BAD_RTPMAP');
  });
});

describe('addCodec', () => {
  it('writes rtpmap, rtcp-fb and fmtp lines that getCodecs reads back as the same codec', () => {
    const media = section([], []);
    const opus = {
      payloadType: 111, name: 'opus', clockRate: 48000, channels: 2,
      parameters: new Map([['minptime', '10'], ['useinbandfec', '1']]), feedback: [{ type: 'transport-cc' }],
    };
    addCodec(media, opus);
    addCodec(media, { payloadType: 63, name: 'red', clockRate: 48000, channels: 2, parameters: { '111/111': '' } });
    expect(media.formats).toEqual(['111', '63']);
    expect(media.attributes).toEqual([
      { name: 'rtpmap', value: '111 opus/48000/2' },
      { name: 'rtcp-fb', value: '111 transport-cc' },
      { name: 'fmtp', value: '111 minptime=10;useinbandfec=1' },
      { name: 'rtpmap', value: '63 red/48000/2' },
      { name: 'fmtp', value: '63 111/111' },
    ]);
    expect(getCodecs(media)[0]).toEqual(opus);
  });

  it('refuses a payload type that is taken or out of range', () => {
    const media = section(['96'], []);
    expect(() => addCodec(media, { payloadType: 96, name: 'VP8', clockRate: 90000 })).toThrow(TypeError);
    expect(() => addCodec(media, { payloadType: 128, name: 'VP8', clockRate: 90000 })).toThrow(TypeError);
  });
});
