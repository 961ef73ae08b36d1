import { describeAttributeCodec } from '../testing.ts';
import { rtcpFeedbackAttribute } from './rtcp-fb.ts';

describeAttributeCodec(rtcpFeedbackAttribute, {
  valid: [
    { name: 'generic NACK (RFC 4585 §4.2)', value: '96 nack', want: { payloadType: 96, type: 'nack' } },
    { name: 'PLI (RFC 4585 §4.2)', value: '96 nack pli', want: { payloadType: 96, type: 'nack', parameter: 'pli' } },
    { name: 'FIR (RFC 5104 §7.1)', value: '96 ccm fir', want: { payloadType: 96, type: 'ccm', parameter: 'fir' } },
    { name: 'wildcard payload type (RFC 4585 §4.2)', value: '* transport-cc', want: { payloadType: '*', type: 'transport-cc' } },
    { name: 'a parameter with its own value (RFC 5104 §7.1)', value: '96 ccm tmmbr smaxpr=120', want: { payloadType: 96, type: 'ccm', parameter: 'tmmbr smaxpr=120' } },
  ],
  invalid: [
    { name: 'no feedback type', value: '96', code: 'BAD_RTCP_FB' },
    { name: 'payload type out of range', value: '200 nack', code: 'BAD_RTCP_FB' },
    { name: 'empty feedback type', value: '96 ', code: 'BAD_RTCP_FB' },
    { name: 'trailing space', value: '96 nack ', code: 'BAD_RTCP_FB' },
    { name: 'doubled space before the parameter', value: '96 nack  pli', code: 'BAD_RTCP_FB' },
  ],
});
