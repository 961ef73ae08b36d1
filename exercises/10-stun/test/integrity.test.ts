/**
 * MESSAGE-INTEGRITY (RFC 8489 §14.5) and FINGERPRINT (§14.7) on hand-built messages. The expected
 * HMACs and CRCs come from node:crypto and node:zlib (support.ts: integrityTlv, fingerprintTlv), each
 * computed over the bytes before the attribute with Message Length patched to end right after it.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkFingerprint, checkIntegrity, encodeStunMessage } from '../stun-codec.ts';
import { BINDING_REQUEST, TID, append, concat, errorCode, fingerprintTlv, hex, integrityTlv, stun, toHex, utf8 } from './support.ts';

const PASSWORD = 'njosRyqauPjL0dFmddQFxdrB';
const SOFTWARE = '8022 0003 616263 00';
const USERNAME = '0006 0009 7366754c3a59695455 000000'; // "sfuL:YiTU"

const unsigned = stun(BINDING_REQUEST, `${USERNAME} | ${SOFTWARE}`);
const signed = append(unsigned, integrityTlv(unsigned, PASSWORD));
const signedAndFingerprinted = append(signed, fingerprintTlv(signed));

describe('10-stun: encodeStunMessage appends MESSAGE-INTEGRITY and FINGERPRINT', () => {
  const attributes = [
    { type: 0x0006, value: utf8('sfuL:YiTU') },
    { type: 0x8022, value: utf8('abc') },
  ];

  it('MESSAGE-INTEGRITY: HMAC-SHA1 keyed with the password, over a header whose length already counts it', () => {
    const bytes = encodeStunMessage({ type: BINDING_REQUEST, transactionId: TID, attributes }, { password: PASSWORD });
    expect(toHex(bytes)).toBe(toHex(signed));
  });

  it('FINGERPRINT: CRC-32 XOR 0x5354554E, the length counting FINGERPRINT too; MESSAGE-INTEGRITY still counts only itself', () => {
    const bytes = encodeStunMessage({ type: BINDING_REQUEST, transactionId: TID, attributes }, { password: PASSWORD, fingerprint: true });
    expect(toHex(bytes)).toBe(toHex(signedAndFingerprinted));
  });

  it('FINGERPRINT alone, on a message without attributes', () => {
    const bare = stun(BINDING_REQUEST);
    const bytes = encodeStunMessage({ type: BINDING_REQUEST, transactionId: TID, attributes: [] }, { fingerprint: true });
    expect(toHex(bytes)).toBe(toHex(append(bare, fingerprintTlv(bare))));
  });

  it('long-term credentials: the key is MD5("username:realm:password")', () => {
    const credentials = { username: 'user', realm: 'example.org', password: 'secret' };
    const key = createHash('md5').update('user:example.org:secret').digest();
    const bytes = encodeStunMessage({ type: BINDING_REQUEST, transactionId: TID, attributes }, { password: credentials });
    expect(toHex(bytes)).toBe(toHex(append(unsigned, integrityTlv(unsigned, key))));
  });
});

describe('10-stun: checkIntegrity', () => {
  it('is true for a MESSAGE-INTEGRITY computed as RFC 8489 §14.5 says, with or without FINGERPRINT after it', () => {
    expect(checkIntegrity(signed, PASSWORD)).toBe(true);
    expect(checkIntegrity(signedAndFingerprinted, PASSWORD)).toBe(true);
  });

  it('is false with another password', () => {
    expect(checkIntegrity(signed, 'njosRyqauPjL0dFmddQFxdrC')).toBe(false);
    expect(checkIntegrity(signed, '')).toBe(false);
  });

  it('is false for a message without MESSAGE-INTEGRITY', () => {
    expect(checkIntegrity(unsigned, PASSWORD)).toBe(false);
    expect(checkIntegrity(append(unsigned, fingerprintTlv(unsigned)), PASSWORD)).toBe(false);
  });

  it('is false for a MESSAGE-INTEGRITY that is not 20 bytes', () => {
    const short = append(unsigned, '0008 0010 ' + '00'.repeat(16));
    expect(checkIntegrity(short, PASSWORD)).toBe(false);
  });

  it('ignores attributes after MESSAGE-INTEGRITY: the length it is computed with ends at it', () => {
    expect(checkIntegrity(append(signed, SOFTWARE), PASSWORD)).toBe(true);
  });

  it('uses the first MESSAGE-INTEGRITY', () => {
    expect(checkIntegrity(append(signed, '0008 0014 ' + '00'.repeat(20)), PASSWORD)).toBe(true);
    const wrongFirst = append(unsigned, '0008 0014 ' + '00'.repeat(20));
    expect(checkIntegrity(append(wrongFirst, integrityTlv(wrongFirst, PASSWORD)), PASSWORD)).toBe(false);
  });

  it('does not count a MESSAGE-INTEGRITY after FINGERPRINT, even a correct one', () => {
    const fingerprinted = append(unsigned, fingerprintTlv(unsigned));
    expect(checkIntegrity(append(fingerprinted, integrityTlv(fingerprinted, PASSWORD)), PASSWORD)).toBe(false);
  });

  it('works on a message inside a larger buffer', () => {
    const buffer = concat(hex('deadbeef'), signedAndFingerprinted, hex('ff'));
    expect(checkIntegrity(buffer.subarray(4, 4 + signedAndFingerprinted.length), PASSWORD)).toBe(true);
  });
});

describe('10-stun: checkFingerprint', () => {
  it('is true when the last attribute is a matching FINGERPRINT', () => {
    expect(checkFingerprint(signedAndFingerprinted)).toBe(true);
    expect(checkFingerprint(append(unsigned, fingerprintTlv(unsigned)))).toBe(true);
  });

  it('is false without FINGERPRINT', () => {
    expect(checkFingerprint(signed)).toBe(false);
    expect(checkFingerprint(stun(BINDING_REQUEST))).toBe(false);
  });

  it('is false when FINGERPRINT is not the last attribute', () => {
    expect(checkFingerprint(append(signedAndFingerprinted, SOFTWARE))).toBe(false);
  });

  it('is false for a FINGERPRINT that is not 4 bytes', () => {
    expect(checkFingerprint(append(signed, '8028 0008 0000000000000000'))).toBe(false);
  });

  it('is false for a wrong value, such as the CRC-32 without the XOR', () => {
    const withoutXor = (Number.parseInt(fingerprintTlv(signed).slice(-8), 16) ^ 0x5354554e) >>> 0;
    expect(checkFingerprint(append(signed, `8028 0004 ${withoutXor.toString(16).padStart(8, '0')}`))).toBe(false);
  });

  it('works on a message inside a larger buffer', () => {
    const buffer = concat(hex('0001'), signedAndFingerprinted, hex('0000'));
    expect(checkFingerprint(buffer.subarray(2, 2 + signedAndFingerprinted.length))).toBe(true);
  });
});

describe('10-stun: both checks throw the decoder\'s StunCodecError for what is not a STUN message', () => {
  const cases: Array<{ name: string; bytes: Uint8Array; code: string }> = [
    { name: '8 bytes', bytes: hex('0001 0000 2112a442'), code: 'TOO_SHORT' },
    { name: 'an RTP packet', bytes: hex(`80ef1234 000003c0 0000002a ${'00'.repeat(12)}`), code: 'NOT_STUN' },
    { name: 'a wrong cookie', bytes: Uint8Array.from(signedAndFingerprinted).fill(0, 4, 8), code: 'BAD_COOKIE' },
    { name: 'a message cut short', bytes: signedAndFingerprinted.subarray(0, signedAndFingerprinted.length - 4), code: 'BAD_LENGTH' },
    { name: 'an attribute running past the end', bytes: append(stun(BINDING_REQUEST), '0008 0014'), code: 'TRUNCATED_ATTRIBUTE' },
  ];
  for (const { name, bytes, code } of cases) {
    it(`${name}: ${code}`, () => {
      expect(errorCode(() => checkIntegrity(bytes, PASSWORD))).toBe(code);
      expect(errorCode(() => checkFingerprint(bytes))).toBe(code);
    });
  }
});
