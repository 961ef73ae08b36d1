import { describe, expect, it } from 'vitest';
import { type StunAttribute, parseAttribute, serializeAttribute } from './attribute.ts';
import { AttributeType as T, isComprehensionRequired } from './attribute-type.ts';
import { TEST_TRANSACTION_ID, fromHex } from './test-support.ts';

const context = { transactionId: TEST_TRANSACTION_ID };

// Each row: an attribute, its type number and its value bytes (unpadded) with
// the transaction id 000102030405060708090a0b.
const ROUND_TRIPS: readonly { name: string; type: number; value: string; attribute: StunAttribute }[] = [
  {
    name: 'MAPPED-ADDRESS IPv4 (RFC 8489 §14.1)',
    type: T.MappedAddress,
    value: '0001 1f90 c0000201', // family 1, port 8080, 192.0.2.1
    attribute: { kind: 'MAPPED-ADDRESS', address: { family: 'IPv4', address: '192.0.2.1', port: 8080 } },
  },
  {
    name: 'MAPPED-ADDRESS IPv6',
    type: T.MappedAddress,
    value: '0002 0d96 20010db8 00000000 00000000 00000001', // port 3478, 2001:db8::1
    attribute: { kind: 'MAPPED-ADDRESS', address: { family: 'IPv6', address: '2001:db8::1', port: 3478 } },
  },
  {
    name: 'XOR-MAPPED-ADDRESS IPv4 (RFC 8489 §14.2): port ^ 0x2112, address ^ cookie',
    type: T.XorMappedAddress,
    value: '0001 5e82 5e12a443', // 127.0.0.1:32656 (0x7f90)
    attribute: { kind: 'XOR-MAPPED-ADDRESS', address: { family: 'IPv4', address: '127.0.0.1', port: 0x7f90 } },
  },
  {
    name: 'XOR-MAPPED-ADDRESS IPv6: address ^ (cookie ‖ transaction id)',
    type: T.XorMappedAddress,
    value: '0002 2113 2112a442 00010203 04050607 08090a0a', // [::1]:1
    attribute: { kind: 'XOR-MAPPED-ADDRESS', address: { family: 'IPv6', address: '::1', port: 1 } },
  },
  { name: 'USERNAME (RFC 8489 §14.3)', type: T.Username, value: '6162 6364 3a65 6667 68', attribute: { kind: 'USERNAME', value: 'abcd:efgh' } },
  { name: 'an empty USERNAME', type: T.Username, value: '', attribute: { kind: 'USERNAME', value: '' } },
  { name: 'a USERNAME that starts with a byte-order mark keeps it', type: T.Username, value: 'efbbbf 61', attribute: { kind: 'USERNAME', value: '\ufeffa' } },
  { name: 'SOFTWARE (RFC 8489 §14.14)', type: T.Software, value: '736675 2f31', attribute: { kind: 'SOFTWARE', value: 'sfu/1' } },
  { name: 'REALM (RFC 8489 §14.9)', type: T.Realm, value: '6578616d706c652e6f7267', attribute: { kind: 'REALM', value: 'example.org' } },
  { name: 'NONCE (RFC 8489 §14.10)', type: T.Nonce, value: '6e', attribute: { kind: 'NONCE', value: 'n' } },
  {
    name: 'MESSAGE-INTEGRITY (RFC 8489 §14.5)',
    type: T.MessageIntegrity,
    value: '00'.repeat(19) + 'ff',
    attribute: { kind: 'MESSAGE-INTEGRITY', hmac: fromHex('00'.repeat(19) + 'ff') },
  },
  {
    name: 'MESSAGE-INTEGRITY-SHA256 truncated to 16 bytes (RFC 8489 §14.6)',
    type: T.MessageIntegritySha256,
    value: '11'.repeat(16),
    attribute: { kind: 'MESSAGE-INTEGRITY-SHA256', hmac: fromHex('11'.repeat(16)) },
  },
  { name: 'FINGERPRINT (RFC 8489 §14.7)', type: T.Fingerprint, value: 'e57a3bcf', attribute: { kind: 'FINGERPRINT', value: 0xe57a3bcf } },
  {
    name: 'ERROR-CODE 487 Role Conflict (RFC 8489 §14.8, RFC 8445 §7.3.1.1)',
    type: T.ErrorCode,
    value: '0000 04 57 526f6c6520436f6e666c696374', // class 4, number 87
    attribute: { kind: 'ERROR-CODE', code: 487, reason: 'Role Conflict' },
  },
  { name: 'ERROR-CODE 300 without a reason', type: T.ErrorCode, value: '0000 0300', attribute: { kind: 'ERROR-CODE', code: 300, reason: '' } },
  { name: 'ERROR-CODE 699', type: T.ErrorCode, value: '0000 0663', attribute: { kind: 'ERROR-CODE', code: 699, reason: '' } },
  {
    name: 'UNKNOWN-ATTRIBUTES with an odd count (RFC 8489 §14.13)',
    type: T.UnknownAttributes,
    value: '001a 001b 7fff',
    attribute: { kind: 'UNKNOWN-ATTRIBUTES', types: [0x001a, 0x001b, 0x7fff] },
  },
  { name: 'PRIORITY (RFC 8445 §7.1.1)', type: T.Priority, value: '6e7f1eff', attribute: { kind: 'PRIORITY', value: 1853824767 } },
  { name: 'USE-CANDIDATE (RFC 8445 §7.1.2)', type: T.UseCandidate, value: '', attribute: { kind: 'USE-CANDIDATE' } },
  {
    name: 'ICE-CONTROLLING (RFC 8445 §7.1.3), a tie-breaker beyond 2^53',
    type: T.IceControlling,
    value: 'ffffffff fffffffe',
    attribute: { kind: 'ICE-CONTROLLING', tieBreaker: 0xfffffffffffffffen },
  },
  { name: 'ICE-CONTROLLED', type: T.IceControlled, value: '79e1a042 05f2267f', attribute: { kind: 'ICE-CONTROLLED', tieBreaker: 0x79e1a04205f2267fn } },
  {
    name: 'GOOG-NETWORK-INFO stays raw (network id 1, cost 50)',
    type: T.GoogNetworkInfo,
    value: '0001 0032',
    attribute: { kind: 'RAW', type: T.GoogNetworkInfo, value: fromHex('00010032') },
  },
  {
    name: 'an unknown comprehension-required type stays raw',
    type: 0x7fff,
    value: '010203',
    attribute: { kind: 'RAW', type: 0x7fff, value: fromHex('010203') },
  },
];

describe('attribute codecs', () => {
  for (const { name, type, value, attribute } of ROUND_TRIPS) {
    it(`${name}: parses and serializes`, () => {
      const bytes = fromHex(value);
      expect(parseAttribute(type, bytes, context)).toEqual(attribute);
      expect(serializeAttribute(attribute, context)).toEqual({ type, value: bytes });
    });
  }

  it('parses the reserved bits of an address and of ERROR-CODE as "ignore" (RFC 8489 §14.1, §14.8)', () => {
    expect(parseAttribute(T.MappedAddress, fromHex('ff01 1f90 c0000201'), context)).toEqual(ROUND_TRIPS[0]!.attribute);
    // Reserved bits all set, class 4, number 0.
    expect(parseAttribute(T.ErrorCode, fromHex('ffff fc 00'), context)).toEqual({ kind: 'ERROR-CODE', code: 400, reason: '' });
  });

  it('copies parsed bytes, so they do not alias the datagram', () => {
    const value = fromHex('00010032');
    const parsed = parseAttribute(T.GoogNetworkInfo, value, context);
    value[0] = 0xff;
    expect(parsed).toEqual({ kind: 'RAW', type: T.GoogNetworkInfo, value: fromHex('00010032') });
  });

  it('splits comprehension-required (0x0000–0x7FFF) from optional (0x8000–0xFFFF) (RFC 8489 §14)', () => {
    expect([0x0000, 0x0025, 0x7fff].map(isComprehensionRequired)).toEqual([true, true, true]);
    expect([0x8000, 0x802a, 0xc057, 0xffff].map(isComprehensionRequired)).toEqual([false, false, false, false]);
  });

  const UNENCODABLE: readonly { name: string; attribute: StunAttribute }[] = [
    { name: 'a port of 65536', attribute: { kind: 'XOR-MAPPED-ADDRESS', address: { family: 'IPv4', address: '127.0.0.1', port: 65536 } } },
    { name: 'an IPv6 address labelled IPv4', attribute: { kind: 'MAPPED-ADDRESS', address: { family: 'IPv4', address: '::1', port: 1 } } },
    { name: 'an address with a zone id', attribute: { kind: 'MAPPED-ADDRESS', address: { family: 'IPv6', address: 'fe80::1%eth0', port: 1 } } },
    { name: 'a negative PRIORITY', attribute: { kind: 'PRIORITY', value: -1 } },
    { name: 'a PRIORITY of 2^32', attribute: { kind: 'PRIORITY', value: 2 ** 32 } },
    { name: 'a tie-breaker of 2^64', attribute: { kind: 'ICE-CONTROLLING', tieBreaker: 2n ** 64n } },
    { name: 'a negative tie-breaker', attribute: { kind: 'ICE-CONTROLLED', tieBreaker: -1n } },
    { name: 'error code 299', attribute: { kind: 'ERROR-CODE', code: 299, reason: '' } },
    { name: 'error code 700', attribute: { kind: 'ERROR-CODE', code: 700, reason: '' } },
    { name: 'a USERNAME of 513 bytes', attribute: { kind: 'USERNAME', value: 'a'.repeat(513) } },
    { name: 'a MESSAGE-INTEGRITY of 19 bytes', attribute: { kind: 'MESSAGE-INTEGRITY', hmac: new Uint8Array(19) } },
    { name: 'a MESSAGE-INTEGRITY-SHA256 of 18 bytes', attribute: { kind: 'MESSAGE-INTEGRITY-SHA256', hmac: new Uint8Array(18) } },
    { name: 'an UNKNOWN-ATTRIBUTES type of 0x10000', attribute: { kind: 'UNKNOWN-ATTRIBUTES', types: [0x10000] } },
    { name: 'a raw type of 0x10000', attribute: { kind: 'RAW', type: 0x10000, value: new Uint8Array(0) } },
  ];

  for (const { name, attribute } of UNENCODABLE) {
    it(`refuses to serialize ${name} (RangeError)`, () => {
      expect(() => serializeAttribute(attribute, context)).toThrow(RangeError);
    });
  }
});
