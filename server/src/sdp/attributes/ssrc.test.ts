import { describeAttributeCodec } from '../testing.ts';
import { ssrcAttribute } from './ssrc.ts';
import { ssrcGroupAttribute } from './ssrc-group.ts';

describeAttributeCodec(ssrcAttribute, {
  valid: [
    { name: 'cname (RFC 5576 §6.1)', value: '3244501729 cname:oIE1ySUAk7vUn/jN', want: { ssrc: 3244501729, attribute: 'cname', value: 'oIE1ySUAk7vUn/jN' } },
    { name: 'msid with a space in its value (RFC 8830 §2)', value: '1 msid:s t', want: { ssrc: 1, attribute: 'msid', value: 's t' } },
    { name: 'a source attribute without a value (RFC 5576 §4.1)', value: '4294967295 x-flag', want: { ssrc: 4294967295, attribute: 'x-flag' } },
  ],
  invalid: [
    { name: 'ssrc above 32 bits', value: '4294967296 cname:x', code: 'BAD_SSRC' },
    { name: 'no source attribute', value: '1', code: 'BAD_SSRC' },
    { name: 'empty source attribute name', value: '1 :x', code: 'BAD_SSRC' },
    { name: 'ssrc not a number', value: 'abc cname:x', code: 'BAD_SSRC' },
  ],
});

describeAttributeCodec(ssrcGroupAttribute, {
  valid: [
    { name: 'FID: media then RTX (RFC 4588 §8.3)', value: 'FID 3579667211 3477837654', want: { semantics: 'FID', ssrcs: [3579667211, 3477837654] } },
    { name: 'SIM with three layers', value: 'SIM 1 2 3', want: { semantics: 'SIM', ssrcs: [1, 2, 3] } },
    { name: 'no ssrcs (RFC 5576 §4.2: *(SP ssrc-id))', value: 'FEC-FR', want: { semantics: 'FEC-FR', ssrcs: [] } },
  ],
  invalid: [
    { name: 'ssrc not a number', value: 'FID 1 x', code: 'BAD_SSRC_GROUP' },
    { name: 'doubled space', value: 'FID 1  2', code: 'BAD_SSRC_GROUP' },
    { name: 'empty semantics', value: ' 1 2', code: 'BAD_SSRC_GROUP' },
  ],
});
