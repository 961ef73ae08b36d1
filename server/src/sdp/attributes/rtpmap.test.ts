import { describeAttributeCodec } from '../testing.ts';
import { rtpmapAttribute } from './rtpmap.ts';

describeAttributeCodec(rtpmapAttribute, {
  valid: [
    { name: 'Opus with a channel count (RFC 7587 §7)', value: '111 opus/48000/2', want: { payloadType: 111, encodingName: 'opus', clockRate: 48000, channels: 2 } },
    { name: 'VP8 without encoding parameters (RFC 8866 §6.6)', value: '96 VP8/90000', want: { payloadType: 96, encodingName: 'VP8', clockRate: 90000 } },
    { name: 'static payload type 0', value: '0 PCMU/8000', want: { payloadType: 0, encodingName: 'PCMU', clockRate: 8000 } },
    { name: 'payload type 127 (7 bits, RFC 3550 §5.1)', value: '127 telephone-event/8000', want: { payloadType: 127, encodingName: 'telephone-event', clockRate: 8000 } },
  ],
  invalid: [
    { name: 'payload type 128', value: '128 VP8/90000', code: 'BAD_RTPMAP' },
    { name: 'no clock rate', value: '96 VP8', code: 'BAD_RTPMAP' },
    { name: 'zero clock rate', value: '96 VP8/0', code: 'BAD_RTPMAP' },
    { name: 'channels not a number', value: '111 opus/48000/two', code: 'BAD_RTPMAP' },
    { name: 'too many slashes', value: '111 opus/48000/2/1', code: 'BAD_RTPMAP' },
    { name: 'two spaces', value: '96  VP8/90000', code: 'BAD_RTPMAP' },
    { name: 'empty value', value: '', code: 'BAD_RTPMAP' },
  ],
});
