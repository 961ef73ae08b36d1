import { describeAttributeCodec } from '../testing.ts';
import { ridAttribute } from './rid.ts';
import { simulcastAttribute } from './simulcast.ts';

describeAttributeCodec(ridAttribute, {
  valid: [
    { name: 'send without restrictions (Chromium simulcast offer)', value: 'q send', want: { id: 'q', direction: 'send', restrictions: [] } },
    { name: 'recv (RFC 8851 §4)', value: 'f recv', want: { id: 'f', direction: 'recv', restrictions: [] } },
    {
      name: 'pt list and restrictions (RFC 8851 §4, §10)',
      value: '1 send pt=96,97;max-width=1280;max-fps=30',
      want: { id: '1', direction: 'send', payloadTypes: [96, 97], restrictions: [{ name: 'max-width', value: '1280' }, { name: 'max-fps', value: '30' }] },
    },
    {
      name: 'a restriction without a value and a depend list (RFC 8851 §5)',
      value: 'b-2 recv depend=a_1;x-flag',
      want: { id: 'b-2', direction: 'recv', restrictions: [{ name: 'depend', value: 'a_1' }, { name: 'x-flag' }] },
    },
  ],
  invalid: [
    { name: 'no direction', value: 'q', code: 'BAD_RID' },
    { name: 'unknown direction', value: 'q sendrecv', code: 'BAD_RID' },
    { name: 'id with a character outside rid-id (RFC 8851 §10)', value: 'q.1 send', code: 'BAD_RID' },
    { name: 'pt out of range', value: 'q send pt=128', code: 'BAD_RID' },
    { name: 'empty pt list', value: 'q send pt=', code: 'BAD_RID' },
    { name: 'pt= after a restriction', value: 'q send max-fps=30;pt=96', code: 'BAD_RID' },
    { name: 'empty restriction', value: 'q send max-fps=30;', code: 'BAD_RID' },
  ],
});

describeAttributeCodec(simulcastAttribute, {
  valid: [
    {
      name: 'three send streams (Chromium simulcast offer)',
      value: 'send q;h;f',
      want: { send: [[{ rid: 'q', paused: false }], [{ rid: 'h', paused: false }], [{ rid: 'f', paused: false }]] },
    },
    {
      name: 'recv with alternatives and a paused stream (RFC 8853 §5.1)',
      value: 'recv 1,2;~3',
      want: { recv: [[{ rid: '1', paused: false }, { rid: '2', paused: false }], [{ rid: '3', paused: true }]] },
    },
    {
      name: 'both directions, send first',
      value: 'send a;b recv c',
      want: { send: [[{ rid: 'a', paused: false }], [{ rid: 'b', paused: false }]], recv: [[{ rid: 'c', paused: false }]] },
    },
    {
      name: 'both directions, recv first (RFC 8853 §5.1 allows either order)',
      value: 'recv c send a',
      want: { recv: [[{ rid: 'c', paused: false }]], send: [[{ rid: 'a', paused: false }]] },
      canonical: 'send a recv c',
    },
  ],
  invalid: [
    { name: 'no list', value: 'send', code: 'BAD_SIMULCAST' },
    { name: 'unknown direction', value: 'both q', code: 'BAD_SIMULCAST' },
    { name: 'the same direction twice', value: 'send q send h', code: 'BAD_SIMULCAST' },
    { name: 'empty stream', value: 'send q;;f', code: 'BAD_SIMULCAST' },
    { name: 'the pre-RFC "rid=" syntax', value: 'send rid=q;h', code: 'BAD_SIMULCAST' },
    { name: 'a lone "~"', value: 'recv ~', code: 'BAD_SIMULCAST' },
  ],
});
