import { describe, expect, it } from 'vitest';
import { readFixture } from '#fixtures/index.ts';
import { AttributeType as T } from './attribute-type.ts';
import { crc32 } from './crc32.ts';
import { StunParseError } from './errors.ts';
import { verifyFingerprint } from './fingerprint.ts';
import { parseStunMessage, serializeStunMessage } from './message.ts';
import { TEST_TRANSACTION_ID, bindingRequestWith, fromHex } from './test-support.ts';

const RESPONSE = new Uint8Array(readFixture('stun/c2c-04-answerer-success-response.bin'));

describe('crc32 (ITU-T V.42, as FINGERPRINT uses it)', () => {
  const vectors: readonly { name: string; input: Uint8Array; crc: number }[] = [
    { name: 'the empty string', input: new Uint8Array(0), crc: 0x00000000 },
    { name: 'the CRC-32 check value "123456789"', input: new TextEncoder().encode('123456789'), crc: 0xcbf43926 },
    { name: 'one zero byte', input: new Uint8Array(1), crc: 0xd202ef8d },
    { name: '"The quick brown fox jumps over the lazy dog"', input: new TextEncoder().encode('The quick brown fox jumps over the lazy dog'), crc: 0x414fa339 },
  ];

  for (const { name, input, crc } of vectors) {
    it(`of ${name} is 0x${crc.toString(16).padStart(8, '0')}`, () => {
      expect(crc32(input)).toBe(crc);
    });
  }

  it('continues over a message given in parts', () => {
    for (let split = 0; split <= RESPONSE.length; split++) {
      expect(crc32(RESPONSE.subarray(split), crc32(RESPONSE.subarray(0, split)))).toBe(crc32(RESPONSE));
    }
  });
});

describe('FINGERPRINT (RFC 8489 §14.7)', () => {
  it('verifies a Chromium response', () => {
    expect(verifyFingerprint(RESPONSE)).toBe(true);
  });

  it('never verifies with one bit flipped anywhere (it is false, or the bytes no longer frame as STUN)', () => {
    const outcomes = new Set<string>();
    for (let offset = 0; offset < RESPONSE.length; offset++) {
      for (let bit = 0; bit < 8; bit++) {
        const tampered = Uint8Array.from(RESPONSE);
        tampered[offset]! ^= 1 << bit;
        try {
          expect(verifyFingerprint(tampered), `byte ${offset} bit ${bit}`).toBe(false);
          outcomes.add('false');
        } catch (error) {
          if (!(error instanceof StunParseError)) throw error;
          outcomes.add(error.code);
        }
      }
    }
    expect([...outcomes].sort()).toEqual(['ATTRIBUTE_TRUNCATED', 'BAD_LENGTH', 'BAD_MAGIC_COOKIE', 'NOT_STUN', 'false']);
  });

  it('is false without FINGERPRINT', () => {
    expect(verifyFingerprint(bindingRequestWith([T.Priority, '00000001']))).toBe(false);
  });

  it('is false when FINGERPRINT is not the last attribute (RFC 8489 §14.7: MUST be last), and the parser drops what follows', () => {
    const message = { method: 1, messageClass: 'request', transactionId: TEST_TRANSACTION_ID, attributes: [] } as const;
    const fingerprinted = serializeStunMessage(message, { fingerprint: true });
    const trailing = new Uint8Array(fingerprinted.length + 8);
    trailing.set(fingerprinted);
    trailing.set(fromHex('0024 0004 00000001'), fingerprinted.length);
    new DataView(trailing.buffer).setUint16(2, trailing.length - 20);
    expect(verifyFingerprint(trailing)).toBe(false);
    expect(parseStunMessage(trailing).attributes.map((a) => a.kind)).toEqual(['FINGERPRINT']);
  });

  it('is false for a FINGERPRINT of the wrong length, rather than throwing', () => {
    expect(verifyFingerprint(bindingRequestWith([T.Fingerprint, '00'.repeat(8)]))).toBe(false);
  });

  it('is not the plain CRC-32: the value is XORed with 0x5354554e', () => {
    const bytes = serializeStunMessage({ method: 1, messageClass: 'request', transactionId: TEST_TRANSACTION_ID, attributes: [] }, { fingerprint: true });
    const crc = crc32(bytes.subarray(0, 20));
    expect(new DataView(bytes.buffer).getUint32(24)).toBe((crc ^ 0x5354554e) >>> 0);
  });
});
