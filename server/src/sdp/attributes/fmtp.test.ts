import { describeAttributeCodec } from '../testing.ts';
import { fmtpAttribute } from './fmtp.ts';

describeAttributeCodec(fmtpAttribute, {
  valid: [
    {
      name: 'Opus parameters (RFC 7587 §7)',
      value: '111 minptime=10;useinbandfec=1',
      want: { format: '111', parameters: [{ name: 'minptime', value: '10' }, { name: 'useinbandfec', value: '1' }] },
    },
    { name: 'RTX apt (RFC 4588 §8.1)', value: '97 apt=96', want: { format: '97', parameters: [{ name: 'apt', value: '96' }] } },
    { name: 'RED redundancy list (RFC 2198 §5) as a bare parameter', value: '63 111/111', want: { format: '63', parameters: [{ name: '111/111' }] } },
    {
      name: 'spaces after ";" and a trailing ";" (common in the wild)',
      value: '102 packetization-mode=1; profile-level-id=42e01f;',
      want: { format: '102', parameters: [{ name: 'packetization-mode', value: '1' }, { name: 'profile-level-id', value: '42e01f' }] },
      canonical: '102 packetization-mode=1;profile-level-id=42e01f',
    },
    {
      name: 'a value containing "=" (base64 sprop-parameter-sets, RFC 6184 §8.1)',
      value: '96 sprop-parameter-sets=Z0IAH5Y=,aM4G4g==',
      want: { format: '96', parameters: [{ name: 'sprop-parameter-sets', value: 'Z0IAH5Y=,aM4G4g==' }] },
    },
  ],
  invalid: [
    { name: 'no parameters (RFC 8866 §9: format-specific-params is required)', value: '96', code: 'BAD_FMTP' },
    { name: 'only separators', value: '96 ;;', code: 'BAD_FMTP' },
    { name: 'a pair without a name', value: '96 =1', code: 'BAD_FMTP' },
    { name: 'a name with a space', value: '96 a b=1', code: 'BAD_FMTP' },
    { name: 'empty format', value: ' apt=96', code: 'BAD_FMTP' },
  ],
});
