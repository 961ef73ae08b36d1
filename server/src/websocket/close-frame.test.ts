/** Close payloads (RFC 6455 §5.5.1) and which status codes may travel (§7.4). */
import { describe, expect, it } from 'vitest';
import { isValidCloseCode } from './close-codes.ts';
import { MAX_CLOSE_REASON_BYTES, parseClosePayload, serializeClosePayload, truncateUtf8 } from './close-frame.ts';

describe('close payloads', () => {
  it('round-trips status and UTF-8 reason', () => {
    const payload = serializeClosePayload(1000, 'au revoir ✋');
    expect(payload.subarray(0, 2)).toEqual(Uint8Array.of(0x03, 0xe8));
    expect(parseClosePayload(payload)).toEqual({ code: 1000, reason: 'au revoir ✋' });
  });

  it('no status gives an empty payload, which reads back as 1005', () => {
    expect(serializeClosePayload(undefined)).toHaveLength(0);
    expect(parseClosePayload(new Uint8Array(0))).toEqual({ code: 1005, reason: '' });
    expect(() => serializeClosePayload(undefined, 'why')).toThrow(RangeError);
  });

  it('refuses to send reserved codes and reasons over 123 bytes', () => {
    for (const code of [0, 999, 1004, 1005, 1006, 1015, 2000, 5000, 1000.5]) expect(() => serializeClosePayload(code)).toThrow(RangeError);
    expect(serializeClosePayload(1000, 'x'.repeat(MAX_CLOSE_REASON_BYTES))).toHaveLength(125);
    expect(() => serializeClosePayload(1000, 'x'.repeat(MAX_CLOSE_REASON_BYTES + 1))).toThrow(RangeError);
  });

  it('truncateUtf8 never splits a character', () => {
    const text = '€'.repeat(50); // 3 bytes each
    const cut = truncateUtf8(text);
    expect(Buffer.byteLength(cut)).toBe(123);
    expect(cut).toBe('€'.repeat(41));
    expect(truncateUtf8('é'.repeat(62))).toBe('é'.repeat(61));
    expect(truncateUtf8('short')).toBe('short');
  });

  it('isValidCloseCode follows RFC 6455 §7.4 and the IANA registry', () => {
    const valid = [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4999];
    const invalid = [-1, 0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535];
    for (const code of valid) expect(isValidCloseCode(code)).toBe(true);
    for (const code of invalid) expect(isValidCloseCode(code)).toBe(false);
  });
});
