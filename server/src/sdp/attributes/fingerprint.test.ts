import { describeAttributeCodec } from '../testing.ts';
import { fingerprintAttribute } from './fingerprint.ts';

describeAttributeCodec(fingerprintAttribute, {
  valid: [
    { name: 'uppercase hex (RFC 8122 §5)', value: 'sha-256 F9:83:0A', want: { hashFunction: 'sha-256', bytes: Uint8Array.of(0xf9, 0x83, 0x0a) } },
    { name: 'lowercase hex is read, written back uppercase', value: 'sha-1 ab:cd', want: { hashFunction: 'sha-1', bytes: Uint8Array.of(0xab, 0xcd) }, canonical: 'sha-1 AB:CD' },
  ],
  invalid: [
    { name: 'no fingerprint', value: 'sha-256', code: 'BAD_FINGERPRINT' },
    { name: 'a single hex digit', value: 'sha-256 F:83', code: 'BAD_FINGERPRINT' },
    { name: 'no colons', value: 'sha-256 F983', code: 'BAD_FINGERPRINT' },
    { name: 'trailing colon', value: 'sha-256 F9:', code: 'BAD_FINGERPRINT' },
    { name: 'not hex', value: 'sha-256 G9:83', code: 'BAD_FINGERPRINT' },
  ],
});
