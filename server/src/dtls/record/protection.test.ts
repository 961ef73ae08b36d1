/**
 * AEAD record protection (RFC 5246 §6.2.3.3, RFC 6347 §4.1.2.1; RFC 5288 §3 for
 * AES-GCM, RFC 7905 §2 for ChaCha20-Poly1305). The real Chromium records are
 * decrypted in keylog.test.ts; this checks the construction piece by piece.
 */
import { createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CipherSuiteId, type CipherSuite, requireCipherSuite } from '../crypto/cipher-suite.ts';
import { toHex } from '../test-support.ts';
import { RecordProtection, additionalData } from './protection.ts';
import { MAX_PLAINTEXT_LENGTH } from './record.ts';

const SUITES = Object.values(CipherSuiteId).map(requireCipherSuite);
const HEADER = { contentType: 23, version: 0xfefd, epoch: 1, sequenceNumber: 0x0203_0405_0607 };
const PLAINTEXT = new TextEncoder().encode('an SCTP packet, say');

function protectionFor(suite: CipherSuite): RecordProtection {
  const key = Uint8Array.from({ length: suite.keyLength }, (_, i) => i);
  const iv = Uint8Array.from({ length: suite.fixedIvLength }, (_, i) => 0xa0 + i);
  return new RecordProtection(suite, key, iv);
}

describe('RecordProtection', () => {
  it('additional_data = epoch ‖ sequence_number ‖ type ‖ version ‖ plaintext length (13 bytes)', () => {
    expect(toHex(additionalData(HEADER, 300))).toBe(['0001', '020304050607', '17', 'fefd', '012c'].join(''));
  });

  it.each(SUITES)('$name: seals and opens, adding explicit nonce + 16-byte tag', (suite) => {
    const protection = protectionFor(suite);
    const record = protection.seal(HEADER, PLAINTEXT);
    expect(record).toMatchObject(HEADER);
    expect(record.fragment.length).toBe(PLAINTEXT.length + protection.overhead);
    expect(protection.overhead).toBe(suite.explicitNonceLength + 16);
    expect(protectionFor(suite).open(record)).toEqual(PLAINTEXT);
  });

  it('AES-GCM: the explicit nonce is epoch ‖ sequence_number, after the 4-byte write IV (RFC 5288 §3)', () => {
    const suite = requireCipherSuite(CipherSuiteId.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
    const record = protectionFor(suite).seal(HEADER, PLAINTEXT);
    expect(toHex(record.fragment.subarray(0, 8))).toBe('0001020304050607');
    const decipher = createDecipheriv('aes-128-gcm', Uint8Array.from({ length: 16 }, (_, i) => i), Uint8Array.of(0xa0, 0xa1, 0xa2, 0xa3, ...record.fragment.subarray(0, 8)));
    decipher.setAAD(additionalData(HEADER, PLAINTEXT.length));
    decipher.setAuthTag(record.fragment.subarray(-16));
    expect(Buffer.concat([decipher.update(record.fragment.subarray(8, -16)), decipher.final()])).toEqual(Buffer.from(PLAINTEXT));
  });

  it('ChaCha20-Poly1305: nonce = write IV XOR (0^32 ‖ epoch ‖ sequence_number), no explicit nonce (RFC 7905 §2)', () => {
    const suite = requireCipherSuite(CipherSuiteId.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256);
    const record = protectionFor(suite).seal(HEADER, PLAINTEXT);
    const iv = Uint8Array.from({ length: 12 }, (_, i) => 0xa0 + i);
    const recordNumber = Uint8Array.of(0, 0, 0, 0, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07);
    const nonce = iv.map((byte, i) => byte ^ recordNumber[i]!);
    const decipher = createDecipheriv('chacha20-poly1305', Uint8Array.from({ length: 32 }, (_, i) => i), nonce, { authTagLength: 16 });
    decipher.setAAD(additionalData(HEADER, PLAINTEXT.length), { plaintextLength: PLAINTEXT.length });
    decipher.setAuthTag(record.fragment.subarray(-16));
    expect(Buffer.concat([decipher.update(record.fragment.subarray(0, -16)), decipher.final()])).toEqual(Buffer.from(PLAINTEXT));
  });

  const flipAt = (bytes: Uint8Array, index: number): Uint8Array => {
    const out = Uint8Array.from(bytes);
    out.at(index) === undefined || (out[(index + out.length) % out.length]! ^= 0x80);
    return out;
  };

  describe.each(SUITES)('$name rejects with BAD_RECORD_MAC', (suite) => {
    const protection = protectionFor(suite);
    const record = protection.seal(HEADER, PLAINTEXT);
    it.each([
      { name: 'a changed ciphertext byte', changed: { ...record, fragment: flipAt(record.fragment, suite.explicitNonceLength) } },
      { name: 'a changed tag byte', changed: { ...record, fragment: flipAt(record.fragment, -1) } },
      { name: 'another content type', changed: { ...record, contentType: 22 } },
      { name: 'another epoch', changed: { ...record, epoch: 2 } },
      { name: 'another sequence number', changed: { ...record, sequenceNumber: 8 } },
      { name: 'another version', changed: { ...record, version: 0xfeff } },
      { name: 'a fragment shorter than nonce + tag', changed: { ...record, fragment: record.fragment.subarray(0, suite.explicitNonceLength + 15) } },
      { name: 'an empty fragment', changed: { ...record, fragment: new Uint8Array(0) } },
    ])('$name', ({ changed }) => {
      expect(() => protection.open(changed)).toThrow(expect.objectContaining({ code: 'BAD_RECORD_MAC' }));
    });
  });

  it('a ciphertext that would hold more than 2^14 plaintext bytes is RECORD_OVERFLOW', () => {
    const suite = requireCipherSuite(CipherSuiteId.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
    const fragment = new Uint8Array(8 + MAX_PLAINTEXT_LENGTH + 1 + 16);
    expect(() => protectionFor(suite).open({ ...HEADER, fragment })).toThrow(expect.objectContaining({ code: 'RECORD_OVERFLOW' }));
    expect(() => protectionFor(suite).seal(HEADER, new Uint8Array(MAX_PLAINTEXT_LENGTH + 1))).toThrow(RangeError);
  });

  it('refuses keys and IVs of the wrong length (RangeError)', () => {
    const suite = requireCipherSuite(CipherSuiteId.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384);
    expect(() => new RecordProtection(suite, new Uint8Array(16), new Uint8Array(4))).toThrow(RangeError);
    expect(() => new RecordProtection(suite, new Uint8Array(32), new Uint8Array(12))).toThrow(RangeError);
  });
});
