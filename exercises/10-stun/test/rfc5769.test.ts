/**
 * The four messages of RFC 5769 ("Test Vectors for STUN"). Their bytes, annotated field by field
 * as the RFC prints them, are in server/src/stun/rfc5769-vectors.ts; this file states what your
 * codec must read from them and write back.
 *
 * §2.1–§2.3 pad with 0x20 (RFC 5389 allowed any padding; RFC 8489 says zeros), so rebuilding them
 * byte for byte needs { paddingByte: 0x20 }. §2.4's password is SASLprep'd by the RFC to "TheMatrIX".
 */
import { describe, expect, it } from 'vitest';
import { RFC5769_VECTORS, type Rfc5769Vector } from '#server/stun/rfc5769-vectors.ts';
import {
  checkFingerprint,
  checkIntegrity,
  decodeStunMessage,
  decodeXorMappedAddress,
  encodeStunMessage,
  encodeXorMappedAddress,
  type Password,
} from '../stun-codec.ts';
import { errorCode, flipBit, pairs, toHex, utf8, withLength } from './support.ts';

const text = (value: string): string => toHex(utf8(value));

/** What decodeStunMessage must return for each vector, in the exercise's terms. */
const EXPECTED: ReadonlyArray<{ type: number; messageClass: string; length: number; transactionId: string; attributes: Array<[number, string]> }> = [
  {
    type: 0x0001, messageClass: 'request', length: 88, transactionId: 'b7e7a701bc34d686fa87dfae',
    attributes: [
      [0x8022, text('STUN test client')], // SOFTWARE
      [0x0024, '6e0001ff'], // PRIORITY
      [0x8029, '932ff9b151263b36'], // ICE-CONTROLLED
      [0x0006, text('evtj:h6vY')], // USERNAME, 9 bytes: the 3 padding bytes are not part of it
      [0x0008, '9aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2'], // MESSAGE-INTEGRITY
      [0x8028, 'e57a3bcf'], // FINGERPRINT
    ],
  },
  {
    type: 0x0101, messageClass: 'success-response', length: 60, transactionId: 'b7e7a701bc34d686fa87dfae',
    attributes: [
      [0x8022, text('test vector')],
      [0x0020, '0001a147e112a643'], // XOR-MAPPED-ADDRESS 192.0.2.1:32853
      [0x0008, '2b91f599fd9e90c38c7489f92af9ba53f06be7d7'],
      [0x8028, 'c07d4c96'],
    ],
  },
  {
    type: 0x0101, messageClass: 'success-response', length: 72, transactionId: 'b7e7a701bc34d686fa87dfae',
    attributes: [
      [0x8022, text('test vector')],
      [0x0020, '0002a1470113a9faa5d3f179bc25f4b5bed2b9d9'], // XOR-MAPPED-ADDRESS [2001:db8:1234:5678:11:2233:4455:6677]:32853
      [0x0008, 'a382954e4be67bf11784c97c8292c275bfe3ed41'],
      [0x8028, 'c8fb0b4c'],
    ],
  },
  {
    type: 0x0001, messageClass: 'request', length: 96, transactionId: '78ad3433c6ad72c029da412e',
    attributes: [
      [0x0006, text('\u30de\u30c8\u30ea\u30c3\u30af\u30b9')], // USERNAME "マトリックス", 18 bytes of UTF-8
      [0x0015, text('f//499k954d6OL34oL9FSTvy64sA')], // NONCE
      [0x0014, text('example.org')], // REALM
      [0x0008, 'f67024656dd64a3e02b8e0712e85c9a28ca89666'], // MESSAGE-INTEGRITY with the long-term key
    ],
  },
];

function passwordOf({ credentials }: Rfc5769Vector): Password {
  return credentials.kind === 'short-term' ? credentials.password : credentials;
}

const MESSAGE_INTEGRITY = 0x0008;
const FINGERPRINT = 0x8028;

describe('10-stun: RFC 5769 test vectors', () => {
  RFC5769_VECTORS.forEach((vector, index) => {
    const expected = EXPECTED[index]!;
    const hasFingerprint = expected.attributes.some(([type]) => type === FINGERPRINT);
    const password = passwordOf(vector);

    describe(vector.name, () => {
      it('decodes the header: type, method, class, length and transaction id', () => {
        const message = decodeStunMessage(vector.bytes);
        expect(message).toMatchObject({ type: expected.type, method: 0x001, messageClass: expected.messageClass, length: expected.length });
        expect(toHex(message.transactionId)).toBe(expected.transactionId);
      });

      it('decodes every attribute in wire order, values without their padding', () => {
        expect(pairs(decodeStunMessage(vector.bytes).attributes)).toEqual(expected.attributes);
      });

      it('checks MESSAGE-INTEGRITY with the vector password, and not with another', () => {
        expect(checkIntegrity(vector.bytes, password)).toBe(true);
        expect(checkIntegrity(vector.bytes, 'VOkJxbRl1RmTxUk/WvJxBu')).toBe(false);
      });

      it(`${hasFingerprint ? 'checks its' : 'reports no'} FINGERPRINT`, () => {
        expect(checkFingerprint(vector.bytes)).toBe(hasFingerprint);
      });

      it('encodes the decoded message back to the same bytes (MESSAGE-INTEGRITY and FINGERPRINT copied as they are)', () => {
        const message = decodeStunMessage(vector.bytes);
        expect(toHex(encodeStunMessage(message, { paddingByte: vector.paddingByte }))).toBe(toHex(vector.bytes));
      });

      it('computes the same MESSAGE-INTEGRITY and FINGERPRINT when it builds the message from the other attributes', () => {
        const message = decodeStunMessage(vector.bytes);
        const fields = { ...message, attributes: message.attributes.filter(({ type }) => type !== MESSAGE_INTEGRITY && type !== FINGERPRINT) };
        const built = encodeStunMessage(fields, { password, fingerprint: hasFingerprint, paddingByte: vector.paddingByte });
        expect(toHex(built)).toBe(toHex(vector.bytes));
      });

      it('fails both checks when one bit of the header or of an attribute before MESSAGE-INTEGRITY changes', () => {
        const bytes = vector.bytes;
        const covered = [1, 8, 19, 24, 27]; // message type, first and last transaction id byte, the first attribute's value
        for (const index of covered) {
          const tampered = flipBit(bytes, index);
          expect(checkIntegrity(tampered, password), `byte ${index}`).toBe(false);
          if (hasFingerprint) expect(checkFingerprint(tampered), `byte ${index}`).toBe(false);
        }
      });

      it('fails both checks when the MESSAGE-INTEGRITY value itself changes', () => {
        const integrityValueAt = vector.bytes.length - (hasFingerprint ? 8 : 0) - 20;
        const tampered = flipBit(vector.bytes, integrityValueAt + 7, 3);
        expect(checkIntegrity(tampered, password)).toBe(false);
        if (hasFingerprint) expect(checkFingerprint(tampered)).toBe(false);
      });

      it('throws BAD_LENGTH from both checks when the header length no longer frames the message', () => {
        const broken = withLength(vector.bytes, expected.length + 4);
        expect(errorCode(() => checkIntegrity(broken, password))).toBe('BAD_LENGTH');
        expect(errorCode(() => checkFingerprint(broken))).toBe('BAD_LENGTH');
      });
    });
  });

  it('§2.1: a changed FINGERPRINT fails FINGERPRINT only: MESSAGE-INTEGRITY does not cover what follows it', () => {
    const { bytes } = RFC5769_VECTORS[0]!;
    const tampered = flipBit(bytes, bytes.length - 1, 7);
    expect(checkFingerprint(tampered)).toBe(false);
    expect(checkIntegrity(tampered, 'VOkJxbRl1RmTxUk/WvJxBt')).toBe(true);
  });

  it('§2.1 with zero padding: other bytes, other MESSAGE-INTEGRITY and FINGERPRINT, the same attributes', () => {
    const vector = RFC5769_VECTORS[0]!;
    const message = decodeStunMessage(vector.bytes);
    const fields = { ...message, attributes: message.attributes.slice(0, 4) };
    const zeroPadded = encodeStunMessage(fields, { password: 'VOkJxbRl1RmTxUk/WvJxBt', fingerprint: true });
    expect(zeroPadded).toHaveLength(vector.bytes.length);
    expect(toHex(zeroPadded.subarray(72, 76))).toBe('59000000'); // the end of USERNAME, padded with zeros
    expect(toHex(zeroPadded)).not.toBe(toHex(vector.bytes));
    expect(pairs(decodeStunMessage(zeroPadded).attributes.slice(0, 4))).toEqual(EXPECTED[0]!.attributes.slice(0, 4));
    expect(checkIntegrity(zeroPadded, 'VOkJxbRl1RmTxUk/WvJxBt')).toBe(true);
    expect(checkFingerprint(zeroPadded)).toBe(true);
  });

  it('§2.2 and §2.3: XOR-MAPPED-ADDRESS is 192.0.2.1 and 2001:db8:1234:5678:11:2233:4455:6677, port 32853', () => {
    const addresses = RFC5769_VECTORS.slice(1, 3).map((vector) => {
      const message = decodeStunMessage(vector.bytes);
      const value = message.attributes.find(({ type }) => type === 0x0020)!.value;
      const address = decodeXorMappedAddress(value, message.transactionId);
      expect(toHex(encodeXorMappedAddress(address, message.transactionId))).toBe(toHex(value));
      return address;
    });
    expect(addresses).toEqual([
      { family: 'IPv4', address: '192.0.2.1', port: 32853 },
      { family: 'IPv6', address: '2001:db8:1234:5678:11:2233:4455:6677', port: 32853 },
    ]);
  });

  it('§2.4: the long-term key is MD5(username:realm:password), so the password alone as a short-term key fails', () => {
    const vector = RFC5769_VECTORS[3]!;
    expect(checkIntegrity(vector.bytes, { username: '\u30de\u30c8\u30ea\u30c3\u30af\u30b9', realm: 'example.org', password: 'TheMatrIX' })).toBe(true);
    expect(checkIntegrity(vector.bytes, 'TheMatrIX')).toBe(false);
    expect(checkIntegrity(vector.bytes, { username: '\u30de\u30c8\u30ea\u30c3\u30af\u30b9', realm: 'example.com', password: 'TheMatrIX' })).toBe(false);
  });
});
