import { describe, expect, it } from 'vitest';
import { AttributeType as T } from './attribute-type.ts';
import { type StunErrorCode, StunParseError } from './errors.ts';
import { isStunMessage } from './header.ts';
import { parseStunMessage } from './message.ts';
import { bindingRequestWith as request, fromHex, rawMessage } from './test-support.ts';

const VALID = request([T.Priority, '6e7f1eff']);

function withByte(bytes: Uint8Array, offset: number, value: number): Uint8Array {
  const out = Uint8Array.from(bytes);
  out[offset] = value;
  return out;
}

const ERROR_CASES: readonly { name: string; bytes: Uint8Array; code: StunErrorCode }[] = [
  // Header (RFC 8489 §5)
  { name: 'an empty datagram', bytes: new Uint8Array(0), code: 'MESSAGE_TOO_SHORT' },
  { name: '19 bytes, one short of a header', bytes: VALID.subarray(0, 19), code: 'MESSAGE_TOO_SHORT' },
  { name: 'leading bits 10 (an RTP packet)', bytes: withByte(VALID, 0, 0x80), code: 'NOT_STUN' },
  { name: 'leading bits 01', bytes: withByte(VALID, 0, 0x40), code: 'NOT_STUN' },
  { name: 'an RFC 3489 message: no magic cookie', bytes: withByte(VALID, 4, 0x00), code: 'BAD_MAGIC_COOKIE' },
  { name: 'a cookie with one bit flipped', bytes: withByte(VALID, 7, 0x43), code: 'BAD_MAGIC_COOKIE' },
  { name: 'a length that is not a multiple of 4', bytes: rawMessage(0x0001, [[T.Priority, '6e7f1eff']], 7), code: 'BAD_LENGTH' },
  { name: 'a length past the end of the datagram', bytes: rawMessage(0x0001, [[T.Priority, '6e7f1eff']], 12), code: 'BAD_LENGTH' },
  { name: 'a datagram longer than the length says', bytes: rawMessage(0x0001, [[T.Priority, '6e7f1eff']], 4), code: 'BAD_LENGTH' },
  // Attribute framing (RFC 8489 §14)
  {
    name: 'an attribute value running past the end',
    bytes: fromHex('0001 0008 2112a442 000102030405060708090a0b', '0006 0008 61626364'),
    code: 'ATTRIBUTE_TRUNCATED',
  },
  {
    name: 'a value that fits but its padding does not',
    bytes: fromHex('0001 0008 2112a442 000102030405060708090a0b', '0006 0005 61626364'),
    code: 'ATTRIBUTE_TRUNCATED',
  },
  {
    name: 'a truncated attribute after MESSAGE-INTEGRITY (framing is checked even where values are ignored)',
    bytes: fromHex('0001 0020 2112a442 000102030405060708090a0b', '0008 0014', '00'.repeat(20), '8022 0010 61626364'),
    code: 'ATTRIBUTE_TRUNCATED',
  },
  // Value lengths
  { name: 'PRIORITY of 3 bytes (RFC 8445 §16.1)', bytes: request([T.Priority, '6e7f1e']), code: 'BAD_ATTRIBUTE_LENGTH' },
  { name: 'PRIORITY of 8 bytes', bytes: request([T.Priority, '6e7f1eff 00000000']), code: 'BAD_ATTRIBUTE_LENGTH' },
  { name: 'USE-CANDIDATE with a value (RFC 8445 §16.1)', bytes: request([T.UseCandidate, '00000000']), code: 'BAD_ATTRIBUTE_LENGTH' },
  { name: 'ICE-CONTROLLING of 4 bytes (RFC 8445 §16.1)', bytes: request([T.IceControlling, '01020304']), code: 'BAD_ATTRIBUTE_LENGTH' },
  { name: 'ICE-CONTROLLED of 12 bytes', bytes: request([T.IceControlled, '01020304 05060708 090a0b0c']), code: 'BAD_ATTRIBUTE_LENGTH' },
  { name: 'MESSAGE-INTEGRITY of 16 bytes (RFC 8489 §14.5)', bytes: request([T.MessageIntegrity, '00'.repeat(16)]), code: 'BAD_ATTRIBUTE_LENGTH' },
  { name: 'MESSAGE-INTEGRITY-SHA256 of 12 bytes (RFC 8489 §14.6: at least 16)', bytes: request([T.MessageIntegritySha256, '00'.repeat(12)]), code: 'BAD_ATTRIBUTE_LENGTH' },
  { name: 'MESSAGE-INTEGRITY-SHA256 of 18 bytes (a multiple of 4)', bytes: request([T.MessageIntegritySha256, '00'.repeat(18)]), code: 'BAD_ATTRIBUTE_LENGTH' },
  { name: 'MESSAGE-INTEGRITY-SHA256 of 36 bytes (at most 32)', bytes: request([T.MessageIntegritySha256, '00'.repeat(36)]), code: 'BAD_ATTRIBUTE_LENGTH' },
  { name: 'FINGERPRINT of 8 bytes (RFC 8489 §14.7)', bytes: request([T.Fingerprint, '00'.repeat(8)]), code: 'BAD_ATTRIBUTE_LENGTH' },
  { name: 'XOR-MAPPED-ADDRESS of 2 bytes', bytes: request([T.XorMappedAddress, '0001']), code: 'BAD_ATTRIBUTE_LENGTH' },
  { name: 'XOR-MAPPED-ADDRESS IPv4 with 16 address bytes', bytes: request([T.XorMappedAddress, '0001 a147' + '00'.repeat(16)]), code: 'BAD_ATTRIBUTE_LENGTH' },
  { name: 'MAPPED-ADDRESS IPv6 with 4 address bytes', bytes: request([T.MappedAddress, '0002 1234 c0000201']), code: 'BAD_ATTRIBUTE_LENGTH' },
  { name: 'ERROR-CODE of 3 bytes (RFC 8489 §14.8)', bytes: request([T.ErrorCode, '000004']), code: 'BAD_ATTRIBUTE_LENGTH' },
  { name: 'UNKNOWN-ATTRIBUTES of 3 bytes (RFC 8489 §14.13)', bytes: request([T.UnknownAttributes, '001a00']), code: 'BAD_ATTRIBUTE_LENGTH' },
  { name: 'USERNAME of 513 bytes (RFC 5389 §15.3: less than 513)', bytes: request([T.Username, '61'.repeat(513)]), code: 'BAD_ATTRIBUTE_LENGTH' },
  { name: 'SOFTWARE of 764 bytes (RFC 8489 §14.14: at most 763)', bytes: request([T.Software, '61'.repeat(764)]), code: 'BAD_ATTRIBUTE_LENGTH' },
  // Values
  { name: 'an address family of 0 (RFC 8489 §14.1)', bytes: request([T.MappedAddress, '0000 1234 c0000201']), code: 'BAD_ADDRESS_FAMILY' },
  { name: 'an address family of 3', bytes: request([T.XorMappedAddress, '0003 1234 c0000201']), code: 'BAD_ADDRESS_FAMILY' },
  { name: 'ERROR-CODE class 2 (RFC 8489 §14.8: 3 to 6)', bytes: request([T.ErrorCode, '00000200']), code: 'BAD_ERROR_CODE' },
  { name: 'ERROR-CODE class 7', bytes: request([T.ErrorCode, '00000700']), code: 'BAD_ERROR_CODE' },
  { name: 'ERROR-CODE number 100 (0 to 99)', bytes: request([T.ErrorCode, '00000464']), code: 'BAD_ERROR_CODE' },
  { name: 'a USERNAME that is not UTF-8 (RFC 8489 §14.3)', bytes: request([T.Username, '61ff62']), code: 'BAD_UTF8' },
  { name: 'a SOFTWARE with a truncated UTF-8 sequence', bytes: request([T.Software, '61c3']), code: 'BAD_UTF8' },
  { name: 'a REALM with a UTF-16 surrogate encoded as UTF-8', bytes: request([T.Realm, 'eda080']), code: 'BAD_UTF8' },
  { name: 'an ERROR-CODE reason that is not UTF-8', bytes: request([T.ErrorCode, '00000401 ff']), code: 'BAD_UTF8' },
];

describe('parseStunMessage rejects malformed messages with a stable code', () => {
  it('accepts the valid message the cases start from', () => {
    expect(parseStunMessage(VALID).attributes).toEqual([{ kind: 'PRIORITY', value: 0x6e7f1eff }]);
  });

  for (const { name, bytes, code } of ERROR_CASES) {
    it(`${code}: ${name}`, () => {
      let caught: unknown;
      try {
        parseStunMessage(bytes);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(StunParseError);
      expect((caught as StunParseError).code).toBe(code);
      expect((caught as StunParseError).message).toMatch(/^stun: /);
    });
  }

  it('isStunMessage says no to exactly the header failures, and never throws', () => {
    const headerCodes: readonly StunErrorCode[] = ['MESSAGE_TOO_SHORT', 'NOT_STUN', 'BAD_MAGIC_COOKIE', 'BAD_LENGTH'];
    for (const { name, bytes, code } of ERROR_CASES) expect(isStunMessage(bytes), name).toBe(!headerCodes.includes(code));
  });
});
