import { describeAttributeCodec } from '../testing.ts';
import { candidateAttribute } from './candidate.ts';

const chromiumExtensions = [
  { name: 'generation', value: '0' },
  { name: 'network-id', value: '1' },
  { name: 'network-cost', value: '50' },
];

describeAttributeCodec(candidateAttribute, {
  valid: [
    {
      name: 'Chromium host UDP candidate (RFC 8839 §5.1)',
      value: '4187750 1 udp 2122260223 127.0.0.1 53631 typ host generation 0 network-id 1 network-cost 50',
      want: {
        foundation: '4187750', component: 1, transport: 'udp', priority: 2122260223, address: '127.0.0.1', port: 53631,
        type: 'host', extensions: chromiumExtensions,
      },
    },
    {
      name: 'Chromium active TCP candidate (RFC 6544 §4.5)',
      value: '2129659134 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active generation 0 network-id 1 network-cost 50',
      want: {
        foundation: '2129659134', component: 1, transport: 'tcp', priority: 1518280447, address: '127.0.0.1', port: 9,
        type: 'host', tcpType: 'active', extensions: chromiumExtensions,
      },
    },
    {
      name: 'server reflexive with raddr/rport (RFC 8839 §5.1)',
      value: 'a+/1 2 UDP 1686052607 203.0.113.7 40000 typ srflx raddr 10.0.0.2 rport 50000',
      want: {
        foundation: 'a+/1', component: 2, transport: 'UDP', priority: 1686052607, address: '203.0.113.7', port: 40000,
        type: 'srflx', relatedAddress: '10.0.0.2', relatedPort: 50000, extensions: [],
      },
    },
    {
      name: 'probe ICE-lite candidate without extensions',
      value: '1 1 udp 2130706431 127.0.0.1 50320 typ host',
      want: { foundation: '1', component: 1, transport: 'udp', priority: 2130706431, address: '127.0.0.1', port: 50320, type: 'host', extensions: [] },
    },
    {
      name: 'trickled form with the "candidate:" prefix (RFC 8840 §4.1)',
      value: 'candidate:1 1 udp 2130706431 abc.local 9 typ host',
      want: { foundation: '1', component: 1, transport: 'udp', priority: 2130706431, address: 'abc.local', port: 9, type: 'host', extensions: [] },
      canonical: '1 1 udp 2130706431 abc.local 9 typ host',
    },
  ],
  invalid: [
    { name: 'no typ', value: '1 1 udp 2130706431 127.0.0.1 9 host x', code: 'BAD_CANDIDATE' },
    { name: 'too few fields', value: '1 1 udp 2130706431 127.0.0.1 9 typ', code: 'BAD_CANDIDATE' },
    { name: 'an extension without a value', value: '1 1 udp 1 127.0.0.1 9 typ host generation', code: 'BAD_CANDIDATE' },
    { name: 'component 0 (RFC 8445 §5.1.1.1: 1-256)', value: '1 0 udp 1 127.0.0.1 9 typ host', code: 'BAD_CANDIDATE' },
    { name: 'priority 2^31 (RFC 8445 §5.1.2.1)', value: '1 1 udp 2147483648 127.0.0.1 9 typ host', code: 'BAD_CANDIDATE' },
    { name: 'port 65536', value: '1 1 udp 1 127.0.0.1 65536 typ host', code: 'BAD_CANDIDATE' },
    { name: 'foundation of 33 characters', value: `${'a'.repeat(33)} 1 udp 1 127.0.0.1 9 typ host`, code: 'BAD_CANDIDATE' },
    { name: 'bad rport', value: '1 1 udp 1 127.0.0.1 9 typ srflx raddr 0.0.0.0 rport x', code: 'BAD_CANDIDATE' },
    { name: 'raddr after an extension', value: '1 1 udp 1 127.0.0.1 9 typ srflx generation 0 raddr 0.0.0.0', code: 'BAD_CANDIDATE' },
    { name: 'doubled space', value: '1 1 udp 1 127.0.0.1 9 typ  host', code: 'BAD_CANDIDATE' },
  ],
});
