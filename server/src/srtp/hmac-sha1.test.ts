import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HMAC_SHA1_PAD_SIZE, HmacSha1, tagsEqual } from './hmac-sha1.ts';
import { hex, toHex } from './test-helpers.ts';

describe('HmacSha1 (RFC 2104) against the RFC 2202 §3 HMAC-SHA-1 test cases', () => {
  const ascii = (text: string): Uint8Array => Buffer.from(text, 'latin1');
  const rows = [
    { name: 'RFC 2202 test case 1', key: new Uint8Array(20).fill(0x0b), data: ascii('Hi There'), digest: 'b617318655057264e28bc0b6fb378c8ef146be00' },
    { name: 'RFC 2202 test case 2', key: ascii('Jefe'), data: ascii('what do ya want for nothing?'), digest: 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79' },
    { name: 'RFC 2202 test case 3', key: new Uint8Array(20).fill(0xaa), data: new Uint8Array(50).fill(0xdd), digest: '125d7342b9ac11cd91a39af48aa17b4f63f175d3' },
    {
      name: 'RFC 2202 test case 6 (a key longer than the 64-byte block is hashed first)',
      key: new Uint8Array(80).fill(0xaa),
      data: ascii('Test Using Larger Than Block-Size Key - Hash Key First'),
      digest: 'aa4ae5e15272d00e95705637ce8a3b55ed402112',
    },
  ];

  it.each(rows)('$name', ({ key, data, digest }) => {
    expect(toHex(new HmacSha1(key).digest(data))).toBe(digest);
    expect(toHex(createHmac('sha1', key).update(data).digest())).toBe(digest);
  });

  it('hashes in place after the inner pad, leaving the bytes around the range alone', () => {
    const key = hex('cebe321f6ff7716b6fd4ab49af256a156d38baa4');
    const message = Buffer.from('an authenticated portion followed by a ROC');
    const hmac = new HmacSha1(key);
    const buf = Buffer.alloc(5 + HMAC_SHA1_PAD_SIZE + message.length + 3, 0xee);
    hmac.writeInnerPad(buf, 5);
    buf.set(message, 5 + HMAC_SHA1_PAD_SIZE);
    const digest = hmac.digestPadded(buf, 5, 5 + HMAC_SHA1_PAD_SIZE + message.length);
    expect(toHex(digest)).toBe(createHmac('sha1', key).update(message).digest('hex'));
    expect(buf[4]).toBe(0xee);
    expect(buf[buf.length - 1]).toBe(0xee);
  });

  it('compares tags over the given length only', () => {
    const computed = hex('00112233445566778899');
    expect(tagsEqual(computed, hex('ff 0011 2233'), 1, 4)).toBe(true);
    expect(tagsEqual(computed, hex('ff 0011 2234'), 1, 4)).toBe(false);
  });
});
