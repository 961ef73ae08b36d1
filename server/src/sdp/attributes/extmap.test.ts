import { describeAttributeCodec } from '../testing.ts';
import { extmapAttribute } from './extmap.ts';

describeAttributeCodec(extmapAttribute, {
  valid: [
    { name: 'mid (RFC 8843 §15.2)', value: '4 urn:ietf:params:rtp-hdrext:sdes:mid', want: { id: 4, uri: 'urn:ietf:params:rtp-hdrext:sdes:mid' } },
    {
      name: 'a direction (RFC 8285 §8)',
      value: '2/sendonly http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',
      want: { id: 2, direction: 'sendonly', uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time' },
    },
    {
      name: 'extension attributes (RFC 6464 §4)',
      value: '1 urn:ietf:params:rtp-hdrext:ssrc-audio-level vad=on',
      want: { id: 1, uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', attributes: 'vad=on' },
    },
    { name: 'a two-byte id (RFC 8285 §4.3)', value: '200 urn:example', want: { id: 200, uri: 'urn:example' } },
    { name: 'a negotiation id (RFC 8285 §7)', value: '4096 urn:example', want: { id: 4096, uri: 'urn:example' } },
  ],
  invalid: [
    { name: 'id 0', value: '0 urn:example', code: 'BAD_EXTMAP' },
    { name: 'id 256 (between the ranges)', value: '256 urn:example', code: 'BAD_EXTMAP' },
    { name: 'unknown direction', value: '1/both urn:example', code: 'BAD_EXTMAP' },
    { name: 'no URI', value: '1', code: 'BAD_EXTMAP' },
    { name: 'doubled space', value: '1  urn:example', code: 'BAD_EXTMAP' },
  ],
});
