import { describe, expect, it } from 'vitest';
import type { SdpParseErrorCode } from './errors.ts';
import { parseSessionDescription } from './parse.ts';
import { serializeSessionDescription } from './serialize.ts';
import { expectParseError } from './testing.ts';

const sdp = (...lines: string[]) => lines.map((line) => `${line}\r\n`).join('');
const HEAD = ['v=0', 'o=- 1 0 IN IP4 0.0.0.0', 's=-', 't=0 0'];
const AUDIO = ['m=audio 9 UDP/TLS/RTP/SAVPF 111', 'c=IN IP4 0.0.0.0', 'a=mid:0'];

/** RFC 8866 §5, the example session description. */
const RFC_8866_EXAMPLE = sdp(
  'v=0',
  'o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1',
  's=Call to John Smith',
  'i=SDP Offer #1',
  'u=http://www.jdoe.example.com/home.html',
  'e=Jane Doe <jane@jdoe.example.com>',
  'p=+1 617 555-6011',
  'c=IN IP4 198.51.100.1',
  't=0 0',
  'm=audio 49170 RTP/AVP 0',
  'm=audio 49180 RTP/AVP 0',
  'm=video 51372 RTP/AVP 99',
  'c=IN IP6 2001:db8::2',
  'a=rtpmap:99 h263-1998/90000',
);

describe('parseSessionDescription accepts', () => {
  it('the RFC 8866 §5 example, with every session-level field, and writes it back unchanged', () => {
    const description = parseSessionDescription(RFC_8866_EXAMPLE);
    expect(description.origin).toEqual({
      username: 'jdoe', sessionId: 3724394400n, sessionVersion: 3724394405n, netType: 'IN', addressType: 'IP4', address: '198.51.100.1',
    });
    expect(description).toMatchObject({
      sessionName: 'Call to John Smith',
      information: 'SDP Offer #1',
      uri: 'http://www.jdoe.example.com/home.html',
      emails: ['Jane Doe <jane@jdoe.example.com>'],
      phones: ['+1 617 555-6011'],
      connection: { netType: 'IN', addressType: 'IP4', address: '198.51.100.1' },
    });
    expect(description.media.map((media) => [media.kind, media.port, media.connections.length])).toEqual([
      ['audio', 49170, 0],
      ['audio', 49180, 0],
      ['video', 51372, 1],
    ]);
    expect(serializeSessionDescription(description)).toBe(RFC_8866_EXAMPLE);
  });

  it('repeat times, zone adjustments, bandwidth, keys and port counts (RFC 8866 §5.8-§5.14)', () => {
    const text = sdp(
      ...HEAD.slice(0, 3), 'b=AS:2000', 't=3034423619 3042462419', 'r=604800 3600 0 90000', 'z=2882844526 -1h 2898848070 0',
      't=0 0', 'k=prompt', 'a=recvonly', 'm=video 49170/2 RTP/AVP 31', 'i=camera', 'c=IN IP4 233.252.0.1/127/2',
      'c=IN IP4 233.252.0.5/127', 'b=TIAS:1000000', 'k=clear:secret',
    );
    const description = parseSessionDescription(text);
    expect(description.times).toEqual([
      { start: 3034423619n, stop: 3042462419n, repeats: ['604800 3600 0 90000'], zoneAdjustments: '2882844526 -1h 2898848070 0' },
      { start: 0n, stop: 0n, repeats: [] },
    ]);
    expect(description.media[0]).toMatchObject({ port: 49170, numberOfPorts: 2, information: 'camera', key: 'clear:secret' });
    expect(description.media[0]!.bandwidths).toEqual([{ type: 'TIAS', bandwidth: 1000000 }]);
    expect(serializeSessionDescription(description)).toBe(text);
  });

  it('LF-only line ends (RFC 8866 §5: parsers SHOULD), and writes LF back', () => {
    const text = sdp(...HEAD, ...AUDIO).replaceAll('\r\n', '\n');
    const description = parseSessionDescription(text);
    expect(description.lineEnding).toBe('\n');
    expect(serializeSessionDescription(description)).toBe(text);
  });

  it('a last line without a line end, and adds it on output', () => {
    const text = sdp(...HEAD, ...AUDIO);
    expect(serializeSessionDescription(parseSessionDescription(text.slice(0, -2)))).toBe(text);
  });

  it('unknown attributes, keeping them in place (RFC 8866 §5.13: ignored, not dropped)', () => {
    const text = sdp(...HEAD, 'a=x-session', ...AUDIO, 'a=x-google-flag:conference', 'a=x-empty:', 'a=rtcp-mux');
    const description = parseSessionDescription(text);
    expect(description.attributes).toEqual([{ name: 'x-session' }]);
    expect(description.media[0]!.attributes).toEqual([
      { name: 'mid', value: '0' },
      { name: 'x-google-flag', value: 'conference' },
      { name: 'x-empty', value: '' },
      { name: 'rtcp-mux' },
    ]);
    expect(serializeSessionDescription(description)).toBe(text);
  });

  it('a leading space in a value as part of the value (RFC 8866 §5)', () => {
    const description = parseSessionDescription(sdp(...HEAD, 'a=msid-semantic: WMS'));
    expect(description.attributes).toEqual([{ name: 'msid-semantic', value: ' WMS' }]);
  });

  it('media sections without c= when the session has one (RFC 8866 §5.7)', () => {
    const description = parseSessionDescription(sdp(...HEAD.slice(0, 3), 'c=IN IP4 0.0.0.0', 't=0 0', 'm=audio 9 RTP/AVP 0'));
    expect(description.media[0]!.connections).toEqual([]);
  });
});

interface ErrorRow {
  name: string;
  text: string;
  code: SdpParseErrorCode;
  line: number;
}

const errorRows: ErrorRow[] = [
  { name: 'empty input', text: '', code: 'MISSING_VERSION', line: 1 },
  { name: 'o= first (RFC 8866 §5: v= comes first)', text: sdp(...HEAD.slice(1)), code: 'MISSING_VERSION', line: 1 },
  { name: 'v=1 (RFC 8866 §5.1)', text: sdp('v=1', ...HEAD.slice(1)), code: 'BAD_VERSION', line: 1 },
  { name: 'a first line that is not <type>=<value>', text: 'hello\r\n', code: 'BAD_LINE', line: 1 },
  { name: 'no o= line', text: sdp('v=0', 's=-', 't=0 0'), code: 'MISSING_LINE', line: 2 },
  { name: 'a second v= line', text: sdp('v=0', 'v=0'), code: 'LINE_OUT_OF_ORDER', line: 2 },
  { name: 'o= with five fields (RFC 8866 §5.2)', text: sdp('v=0', 'o=- 1 0 IN IP4', 's=-', 't=0 0'), code: 'BAD_ORIGIN', line: 2 },
  { name: 'o= with a non-numeric session id', text: sdp('v=0', 'o=- abc 0 IN IP4 0.0.0.0', 's=-', 't=0 0'), code: 'BAD_ORIGIN', line: 2 },
  { name: 'an empty s= (RFC 8866 §5.3)', text: sdp('v=0', HEAD[1]!, 's=', 't=0 0'), code: 'BAD_SESSION_NAME', line: 3 },
  { name: 'no s= line', text: sdp('v=0', HEAD[1]!, 't=0 0'), code: 'MISSING_LINE', line: 3 },
  { name: 'no t= line before the end', text: sdp(...HEAD.slice(0, 3)), code: 'MISSING_LINE', line: 4 },
  { name: 'no t= line before an attribute', text: sdp(...HEAD.slice(0, 3), 'a=ice-lite'), code: 'MISSING_LINE', line: 4 },
  { name: 'no t= line before m=', text: sdp(...HEAD.slice(0, 3), ...AUDIO), code: 'MISSING_LINE', line: 4 },
  { name: 'an unknown type letter (RFC 8866 §5)', text: sdp(...HEAD, 'x=1'), code: 'UNKNOWN_LINE_TYPE', line: 5 },
  { name: 'an uppercase type letter', text: sdp(...HEAD, 'A=mid:0'), code: 'BAD_LINE', line: 5 },
  { name: 'a space before "=" (RFC 8866 §5)', text: sdp(...HEAD, 'a =mid:0'), code: 'BAD_LINE', line: 5 },
  { name: 'an empty line', text: sdp(...HEAD, '', ...AUDIO), code: 'BAD_LINE', line: 5 },
  { name: 'a NUL in a value (RFC 8866 §9)', text: sdp(...HEAD, ...AUDIO, 'a=x:\0'), code: 'BAD_LINE', line: 8 },
  { name: 'a CR inside a line', text: sdp(...HEAD, ...AUDIO, 'a=x:1\r2'), code: 'BAD_LINE', line: 8 },
  { name: 'the first of two errors', text: sdp(...HEAD, 'x=1', ...AUDIO, 'a=x:\0'), code: 'UNKNOWN_LINE_TYPE', line: 5 },
  { name: 'c= after a= at session level (RFC 8866 §5 order)', text: sdp(...HEAD, 'a=ice-lite', 'c=IN IP4 0.0.0.0'), code: 'LINE_OUT_OF_ORDER', line: 6 },
  { name: 'a second i= at session level', text: sdp(...HEAD.slice(0, 3), 'i=a', 'i=b', 't=0 0'), code: 'LINE_OUT_OF_ORDER', line: 5 },
  { name: 'r= after a=', text: sdp(...HEAD, 'a=ice-lite', 'r=1 1 0'), code: 'LINE_OUT_OF_ORDER', line: 6 },
  { name: 'a second z= for one t=', text: sdp(...HEAD, 'z=0 0', 'z=0 0'), code: 'LINE_OUT_OF_ORDER', line: 6 },
  { name: 'c= after a= in a media section', text: sdp(...HEAD, ...AUDIO, 'c=IN IP4 0.0.0.0'), code: 'LINE_OUT_OF_ORDER', line: 8 },
  { name: 't= in a media section', text: sdp(...HEAD, ...AUDIO, 't=0 0'), code: 'LINE_OUT_OF_ORDER', line: 8 },
  { name: 'an m= line without port and formats', text: sdp(...HEAD, ...AUDIO, 'a=x', 'm=video'), code: 'BAD_MEDIA_LINE', line: 9 },
  { name: 'an m= line with port 65536', text: sdp(...HEAD, 'm=audio 65536 RTP/AVP 0'), code: 'BAD_MEDIA_LINE', line: 5 },
  { name: 'an m= line with 0 ports', text: sdp(...HEAD, 'm=audio 9/0 RTP/AVP 0'), code: 'BAD_MEDIA_LINE', line: 5 },
  { name: 'an m= line without formats (RFC 8866 §9: 1*(SP fmt))', text: sdp(...HEAD, 'm=audio 9 RTP/AVP'), code: 'BAD_MEDIA_LINE', line: 5 },
  { name: 'a c= line with two fields (RFC 8866 §5.7)', text: sdp(...HEAD, 'm=audio 9 RTP/AVP 0', 'c=IN 0.0.0.0'), code: 'BAD_CONNECTION', line: 6 },
  { name: 'b= without ":" (RFC 8866 §5.8)', text: sdp(...HEAD.slice(0, 3), 'b=AS', 't=0 0'), code: 'BAD_BANDWIDTH', line: 4 },
  { name: 'b= with a non-numeric bandwidth', text: sdp(...HEAD.slice(0, 3), 'b=AS:fast', 't=0 0'), code: 'BAD_BANDWIDTH', line: 4 },
  { name: 't= with one time (RFC 8866 §5.9)', text: sdp(...HEAD.slice(0, 3), 't=0'), code: 'BAD_TIMING', line: 4 },
  { name: 'a= without a name', text: sdp(...HEAD, 'a=:x'), code: 'BAD_ATTRIBUTE', line: 5 },
  { name: 'a= with a space in its name', text: sdp(...HEAD, 'a=ice lite'), code: 'BAD_ATTRIBUTE', line: 5 },
  { name: 'a media section without c= and no session c= (RFC 8866 §5.7)', text: sdp(...HEAD, 'm=audio 9 RTP/AVP 0', 'a=mid:0', ...AUDIO), code: 'MISSING_LINE', line: 5 },
  { name: 'the last media section without c=', text: sdp(...HEAD, ...AUDIO, 'm=audio 9 RTP/AVP 0'), code: 'MISSING_LINE', line: 8 },
];

describe('parseSessionDescription rejects', () => {
  it.each(errorRows)('$name with $code at line $line', ({ text, code, line }) => {
    expectParseError(() => parseSessionDescription(text), code, line);
  });

  it('with a message naming the line and quoting it', () => {
    const text = sdp(...HEAD, ...AUDIO.slice(0, 2), 'm=video');
    expect(() => parseSessionDescription(text)).toThrow('sdp: line 7: bad m= line "m=video"');
  });
});
