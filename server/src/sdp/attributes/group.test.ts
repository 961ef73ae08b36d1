import { describeAttributeCodec } from '../testing.ts';
import { groupAttribute } from './group.ts';
import { midAttribute } from './mid.ts';

describeAttributeCodec(groupAttribute, {
  valid: [
    { name: 'BUNDLE of three mids (RFC 8843 §5)', value: 'BUNDLE 0 1 2', want: { semantics: 'BUNDLE', mids: ['0', '1', '2'] } },
    { name: 'LS (RFC 5888 §7)', value: 'LS audio video', want: { semantics: 'LS', mids: ['audio', 'video'] } },
    { name: 'an empty BUNDLE group', value: 'BUNDLE', want: { semantics: 'BUNDLE', mids: [] } },
  ],
  invalid: [
    { name: 'doubled space', value: 'BUNDLE 0  1', code: 'BAD_GROUP' },
    { name: 'a trailing space', value: 'BUNDLE 0 ', code: 'BAD_GROUP' },
    { name: 'empty', value: '', code: 'BAD_GROUP' },
  ],
});

describeAttributeCodec(midAttribute, {
  valid: [
    { name: 'a number (Chromium)', value: '0', want: '0' },
    { name: 'a word (Firefox writes {uuid}s, also tokens)', value: 'audio', want: 'audio' },
  ],
  invalid: [
    { name: 'empty', value: '', code: 'BAD_MID' },
    { name: 'a space (RFC 5888 §4: a token)', value: 'a b', code: 'BAD_MID' },
  ],
});
