import { describeAttributeCodec } from '../testing.ts';
import { msidAttribute } from './msid.ts';

describeAttributeCodec(msidAttribute, {
  valid: [
    {
      name: 'stream and track (RFC 8829 §5.2.1)',
      value: 'f8eed8f3-4ae1-4905-a1d4-0f1c0de19934 62a43e30-9063-4834-a175-386a9484bfab',
      want: { streamId: 'f8eed8f3-4ae1-4905-a1d4-0f1c0de19934', trackId: '62a43e30-9063-4834-a175-386a9484bfab' },
    },
    { name: 'no stream', value: '- track', want: { streamId: '-', trackId: 'track' } },
    { name: 'no appdata (RFC 8830 §2)', value: 'stream', want: { streamId: 'stream' } },
  ],
  invalid: [
    { name: 'three ids', value: 'a b c', code: 'BAD_MSID' },
    { name: 'an id of 65 characters (RFC 8830 §2: 1*64token-char)', value: 'x'.repeat(65), code: 'BAD_MSID' },
    { name: 'a character outside token-char', value: 'a"b', code: 'BAD_MSID' },
    { name: 'empty', value: '', code: 'BAD_MSID' },
  ],
});
