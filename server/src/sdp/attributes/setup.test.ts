import { describeAttributeCodec } from '../testing.ts';
import { iceOptionsAttribute, icePwdAttribute, iceUfragAttribute } from './ice.ts';
import { maxMessageSizeAttribute, sctpPortAttribute } from './sctp.ts';
import { setupAttribute } from './setup.ts';

describeAttributeCodec(setupAttribute, {
  valid: [
    { name: 'offer (RFC 8842 §5.2)', value: 'actpass', want: 'actpass' },
    { name: 'DTLS client', value: 'active', want: 'active' },
    { name: 'DTLS server', value: 'passive', want: 'passive' },
    { name: 'holdconn (RFC 4145 §4)', value: 'holdconn', want: 'holdconn' },
  ],
  invalid: [
    { name: 'uppercase', value: 'ACTIVE', code: 'BAD_SETUP' },
    { name: 'empty', value: '', code: 'BAD_SETUP' },
  ],
});

describeAttributeCodec(iceUfragAttribute, {
  valid: [{ name: '4 ice-chars (RFC 8839 §5.4)', value: '7vi9', want: '7vi9' }],
  invalid: [
    { name: '3 characters', value: 'abc', code: 'BAD_ICE_UFRAG' },
    { name: 'a character outside ice-char', value: 'ab-cd', code: 'BAD_ICE_UFRAG' },
  ],
});

describeAttributeCodec(icePwdAttribute, {
  valid: [{ name: '24 ice-chars', value: 'DOSIPSr1NpYnj+OMCi4OOXQI', want: 'DOSIPSr1NpYnj+OMCi4OOXQI' }],
  invalid: [{ name: '21 characters (RFC 8839 §5.4: at least 22)', value: 'a'.repeat(21), code: 'BAD_ICE_PWD' }],
});

describeAttributeCodec(iceOptionsAttribute, {
  valid: [
    { name: 'trickle (RFC 8840 §4.1.1)', value: 'trickle', want: ['trickle'] },
    { name: 'two options (RFC 8839 §5.6)', value: 'trickle ice2', want: ['trickle', 'ice2'] },
  ],
  invalid: [
    { name: 'empty', value: '', code: 'BAD_ICE_OPTIONS' },
    { name: 'a character outside ice-char', value: 'trick-le', code: 'BAD_ICE_OPTIONS' },
  ],
});

describeAttributeCodec(sctpPortAttribute, {
  valid: [{ name: 'the usual 5000 (RFC 8841 §5.2)', value: '5000', want: 5000 }],
  invalid: [
    { name: '65536', value: '65536', code: 'BAD_SCTP_PORT' },
    { name: 'not a number', value: 'x', code: 'BAD_SCTP_PORT' },
  ],
});

describeAttributeCodec(maxMessageSizeAttribute, {
  valid: [
    { name: 'Chromium 256 KiB (RFC 8841 §6.2)', value: '262144', want: 262144 },
    { name: '0 means no limit (RFC 8841 §6.1)', value: '0', want: 0 },
  ],
  invalid: [
    { name: 'negative', value: '-1', code: 'BAD_MAX_MESSAGE_SIZE' },
    { name: 'empty', value: '', code: 'BAD_MAX_MESSAGE_SIZE' },
  ],
});
