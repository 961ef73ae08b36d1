import { describe, expect, it } from 'vitest';
import { readFixture } from '#fixtures/index.ts';
import { AttributeType as T } from './attribute-type.ts';
import { StunParseError } from './errors.ts';
import { longTermKey, shortTermKey, verifyMessageIntegrity, verifyMessageIntegritySha256 } from './integrity.ts';
import { type StunMessage, parseStunMessage, serializeStunMessage } from './message.ts';
import { bindingRequestWith, fromHex } from './test-support.ts';

// c2c-03: Chromium's controlling check from PC A to PC B, signed with B's ice-pwd (plain-answer.sdp).
const CHECK = new Uint8Array(readFixture('stun/c2c-03-offerer-request-controlling-use-candidate.bin'));
const KEY = shortTermKey('njosRyqauPjL0dFmddQFxdrB');
const MI_OFFSET = 0x44; // the MESSAGE-INTEGRITY attribute header
const FINGERPRINT_OFFSET = 0x5c;

function flipped(bytes: Uint8Array, offset: number): Uint8Array {
  const out = Uint8Array.from(bytes);
  out[offset]! ^= 0x01;
  return out;
}

/** A Binding request with USERNAME "abcd:efgh" and PRIORITY 1, to be signed. */
const MESSAGE: StunMessage = parseStunMessage(bindingRequestWith([T.Username, '61626364 3a656667 68'], [T.Priority, '00000001']));

describe('MESSAGE-INTEGRITY (RFC 8489 §14.5)', () => {
  const tamperings: readonly { name: string; offset: number }[] = [
    { name: 'the message type', offset: 1 },
    { name: 'the transaction id', offset: 8 },
    { name: 'the USERNAME value', offset: 0x18 },
    { name: 'the GOOG-NETWORK-INFO value (an unknown attribute is covered too)', offset: 0x2b },
    { name: 'the tie-breaker', offset: 0x30 },
    { name: 'the PRIORITY value', offset: 0x40 },
    { name: 'the HMAC itself', offset: MI_OFFSET + 4 },
    { name: 'the last HMAC byte', offset: MI_OFFSET + 23 },
  ];

  it('verifies the untouched check', () => {
    expect(verifyMessageIntegrity(CHECK, KEY)).toBe(true);
  });

  for (const { name, offset } of tamperings) {
    it(`rejects the check with one bit flipped in ${name}`, () => {
      expect(verifyMessageIntegrity(flipped(CHECK, offset), KEY)).toBe(false);
    });
  }

  it('does not cover FINGERPRINT, which follows it', () => {
    expect(verifyMessageIntegrity(flipped(CHECK, FINGERPRINT_OFFSET + 4), KEY)).toBe(true);
  });

  it('is false for a message without MESSAGE-INTEGRITY, and for an empty key', () => {
    expect(verifyMessageIntegrity(bindingRequestWith([T.Priority, '00000001']), KEY)).toBe(false);
    expect(verifyMessageIntegrity(CHECK, new Uint8Array(0))).toBe(false);
  });

  it('is false for a MESSAGE-INTEGRITY of the wrong length, rather than throwing', () => {
    expect(verifyMessageIntegrity(bindingRequestWith([T.MessageIntegrity, '00'.repeat(16)]), KEY)).toBe(false);
  });

  it('uses the first MESSAGE-INTEGRITY: a second one after it is ignored (RFC 8489 §14.5)', () => {
    const signed = serializeStunMessage(MESSAGE, { integrityKey: KEY });
    const doubled = new Uint8Array(signed.length + 24);
    doubled.set(signed);
    doubled.set(fromHex('0008 0014', 'ff'.repeat(20)), signed.length);
    new DataView(doubled.buffer).setUint16(2, doubled.length - 20);
    // The first one was computed with a length that ended at it, so it still verifies.
    expect(verifyMessageIntegrity(doubled, KEY)).toBe(true);
  });

  it('throws StunParseError for bytes that are not a STUN message', () => {
    expect(() => verifyMessageIntegrity(CHECK.subarray(0, 19), KEY)).toThrow(StunParseError);
  });
});

describe('MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6)', () => {
  const key = shortTermKey('VOkJxbRl1RmTxUk/WvJxBt');

  for (const length of [16, 20, 24, 28, 32]) {
    it(`verifies a ${length}-byte (truncated to the leading bytes) HMAC-SHA256`, () => {
      const bytes = serializeStunMessage(MESSAGE, { integritySha256: { key, length }, fingerprint: true });
      expect(parseStunMessage(bytes).attributes.at(-2)).toMatchObject({ kind: 'MESSAGE-INTEGRITY-SHA256' });
      expect((parseStunMessage(bytes).attributes.at(-2) as { hmac: Uint8Array }).hmac.length).toBe(length);
      expect(verifyMessageIntegritySha256(bytes, key)).toBe(true);
      expect(verifyMessageIntegritySha256(bytes, KEY)).toBe(false);
      expect(verifyMessageIntegrity(bytes, key)).toBe(false);
    });
  }

  it('defaults to the full 32 bytes', () => {
    const bytes = serializeStunMessage(MESSAGE, { integritySha256: { key } });
    expect(bytes.length).toBe(20 + 16 + 8 + 36);
  });

  it('rejects truncations RFC 8489 §14.6 forbids when sending', () => {
    for (const length of [0, 12, 18, 33, 36]) {
      expect(() => serializeStunMessage(MESSAGE, { integritySha256: { key, length } }), String(length)).toThrow(RangeError);
    }
  });

  it('follows MESSAGE-INTEGRITY when both are sent, and covers it', () => {
    const bytes = serializeStunMessage(MESSAGE, { integrityKey: key, integritySha256: { key }, fingerprint: true });
    expect(parseStunMessage(bytes).attributes.map((a) => a.kind)).toEqual([
      'USERNAME',
      'PRIORITY',
      'MESSAGE-INTEGRITY',
      'MESSAGE-INTEGRITY-SHA256',
      'FINGERPRINT',
    ]);
    expect(verifyMessageIntegrity(bytes, key)).toBe(true);
    expect(verifyMessageIntegritySha256(bytes, key)).toBe(true);
    // MESSAGE-INTEGRITY-SHA256 covers MESSAGE-INTEGRITY, so tampering with the SHA-1 HMAC breaks both.
    const tampered = flipped(bytes, 20 + 16 + 8 + 4);
    expect(verifyMessageIntegrity(tampered, key)).toBe(false);
    expect(verifyMessageIntegritySha256(tampered, key)).toBe(false);
  });

  it('ignores a MESSAGE-INTEGRITY that follows MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6)', () => {
    const sha256Only = serializeStunMessage(MESSAGE, { integritySha256: { key } });
    const withLateSha1 = new Uint8Array(sha256Only.length + 24);
    withLateSha1.set(sha256Only);
    withLateSha1.set(fromHex('0008 0014', '00'.repeat(20)), sha256Only.length);
    new DataView(withLateSha1.buffer).setUint16(2, withLateSha1.length - 20);
    expect(parseStunMessage(withLateSha1).attributes.map((a) => a.kind)).toEqual(['USERNAME', 'PRIORITY', 'MESSAGE-INTEGRITY-SHA256']);
    expect(verifyMessageIntegrity(withLateSha1, key)).toBe(false);
    expect(verifyMessageIntegritySha256(withLateSha1, key)).toBe(true);
  });
});

describe('credential keys (RFC 8489 §9.1.1, §9.2.2)', () => {
  it('short-term: the password as UTF-8', () => {
    expect(shortTermKey('njosRyqauPjL0dFmddQFxdrB')).toEqual(new TextEncoder().encode('njosRyqauPjL0dFmddQFxdrB'));
  });

  it('long-term: MD5(username ":" realm ":" password), or SHA-256 when PASSWORD-ALGORITHM asks', () => {
    const credentials = { username: 'user', realm: 'realm', password: 'pass' };
    // md5("user:realm:pass") and sha256("user:realm:pass"), from coreutils md5sum/sha256sum.
    expect(Buffer.from(longTermKey(credentials)).toString('hex')).toBe('8493fbc53ba582fb4c044c456bdc40eb');
    expect(Buffer.from(longTermKey({ ...credentials, algorithm: 'sha256' })).toString('hex')).toBe(
      '07e934117abd40836e7c6329b54731b2b2d2a5f9a71f544922d75e0730d8251b',
    );
  });
});
