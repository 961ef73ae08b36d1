/** Room tokens: HMAC-SHA256 over the claims, checked before anything is parsed. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SignalingError } from './errors.ts';
import type { SignalingErrorCode } from './messages.ts';
import { mintToken, mintTokenFor, verifyToken } from './token.ts';

const SECRET = 'a-test-secret-of-32-bytes-length';
const NOW = Date.UTC(2026, 0, 1);
const EXP = NOW / 1000 + 3600;

function codeOf(run: () => unknown): SignalingErrorCode {
  try {
    run();
  } catch (error) {
    if (error instanceof SignalingError) return error.code;
    throw error;
  }
  throw new Error('did not throw');
}

describe('tokens', () => {
  it('round-trips the claims', () => {
    const token = mintToken({ room: 'demo', identity: 'alice', exp: EXP }, SECRET);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyToken(token, SECRET, { room: 'demo', nowMs: NOW })).toEqual({ room: 'demo', identity: 'alice', exp: EXP });
  });

  it('is the documented format: base64url(JSON) "." base64url(HMAC-SHA256(secret, first part))', () => {
    const payload = Buffer.from(JSON.stringify({ room: 'r', identity: 'i', exp: EXP })).toString('base64url');
    const signature = createHmac('sha256', SECRET).update(payload).digest('base64url');
    expect(mintToken({ room: 'r', identity: 'i', exp: EXP }, SECRET)).toBe(`${payload}.${signature}`);
  });

  it('mintTokenFor counts the TTL from now', () => {
    const token = mintTokenFor('demo', 'bob', 60, SECRET, NOW);
    expect(verifyToken(token, SECRET, { nowMs: NOW + 59_000 }).exp).toBe(NOW / 1000 + 60);
    expect(codeOf(() => verifyToken(token, SECRET, { nowMs: NOW + 60_000 }))).toBe('TOKEN_EXPIRED');
  });

  it('refuses another room, another secret, and any change to payload or signature', () => {
    const token = mintToken({ room: 'demo', identity: 'alice', exp: EXP }, SECRET);
    const [payload, signature] = token.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ room: 'demo', identity: 'admin', exp: EXP })).toString('base64url');
    expect(codeOf(() => verifyToken(token, SECRET, { room: 'other', nowMs: NOW }))).toBe('TOKEN_WRONG_ROOM');
    expect(codeOf(() => verifyToken(token, 'another-secret-of-enough-bytes!!', { nowMs: NOW }))).toBe('TOKEN_INVALID');
    expect(codeOf(() => verifyToken(`${forged}.${signature}`, SECRET, { nowMs: NOW }))).toBe('TOKEN_INVALID');
    const flipped = signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.at(-1);
    expect(codeOf(() => verifyToken(`${payload}.${flipped}`, SECRET, { nowMs: NOW }))).toBe('TOKEN_INVALID');
  });

  it.each(['', '.', 'abc', 'abc.', '.abc', 'a.b.c', 'a b.c', 'x'.repeat(3000), 'eyJ9.' + 'A'.repeat(43)])('refuses the malformed token %j', (token) => {
    expect(codeOf(() => verifyToken(token, SECRET, { nowMs: NOW }))).toBe('TOKEN_INVALID');
  });

  it('refuses a correctly signed payload without the claims', () => {
    const payload = Buffer.from(JSON.stringify({ room: 'demo' })).toString('base64url');
    const token = `${payload}.${createHmac('sha256', SECRET).update(payload).digest('base64url')}`;
    expect(codeOf(() => verifyToken(token, SECRET, { nowMs: NOW }))).toBe('TOKEN_INVALID');
  });

  it('refuses short secrets and empty claims when minting', () => {
    expect(() => mintToken({ room: 'r', identity: 'i', exp: EXP }, 'short')).toThrow(RangeError);
    expect(() => mintToken({ room: '', identity: 'i', exp: EXP }, SECRET)).toThrow(RangeError);
    expect(() => mintToken({ room: 'r', identity: 'i', exp: 1.5 }, SECRET)).toThrow(RangeError);
  });
});
