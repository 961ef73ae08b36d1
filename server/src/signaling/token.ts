/**
 * Room tokens: who may join which room, until when. An application server that
 * knows the user mints one with the shared secret; the signaling server checks
 * it on `join` without a database.
 *
 *   token = base64url(JSON { room, identity, exp }) "." base64url(HMAC-SHA256(secret, first part))
 *
 * The shape of a JWT (RFC 7519) without its header: there is one algorithm,
 * so there is nothing to negotiate and no "alg: none" to get wrong. `exp` is in
 * seconds since the Unix epoch, as in RFC 7519 §4.1.4.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { SignalingError } from './errors.ts';

export interface TokenClaims {
  room: string;
  identity: string;
  /** Expiry, seconds since the Unix epoch. */
  exp: number;
}

/** RFC 2104 recommends a key at least as long as the hash output (32 bytes for SHA-256). */
export const MIN_SECRET_BYTES = 16;
/** Tokens longer than this are refused before any parsing or hashing. */
const MAX_TOKEN_LENGTH = 2048;
const SIGNATURE_BYTES = 32;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function sign(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

function checkSecret(secret: string): void {
  if (Buffer.byteLength(secret) < MIN_SECRET_BYTES) {
    throw new RangeError(`signaling: token secret of ${Buffer.byteLength(secret)} bytes, want at least ${MIN_SECRET_BYTES}`);
  }
}

/** A token for `claims`. Throws RangeError for a short secret or claims that are not a room, identity and integer exp. */
export function mintToken(claims: TokenClaims, secret: string): string {
  checkSecret(secret);
  if (typeof claims.room !== 'string' || claims.room === '' || typeof claims.identity !== 'string' || claims.identity === '') {
    throw new RangeError('signaling: a token needs a room and an identity');
  }
  if (!Number.isSafeInteger(claims.exp)) throw new RangeError('signaling: token exp must be an integer number of seconds');
  const payload = Buffer.from(JSON.stringify({ room: claims.room, identity: claims.identity, exp: claims.exp })).toString('base64url');
  return `${payload}.${sign(secret, payload).toString('base64url')}`;
}

/** Convenience: a token valid for `ttlSeconds` from `nowMs`. */
export function mintTokenFor(room: string, identity: string, ttlSeconds: number, secret: string, nowMs = Date.now()): string {
  return mintToken({ room, identity, exp: Math.floor(nowMs / 1000) + ttlSeconds }, secret);
}

/**
 * The claims of `token` if its signature is right, it has not expired, and
 * (when `room` is given) it is for that room. Throws SignalingError:
 * TOKEN_INVALID, TOKEN_EXPIRED or TOKEN_WRONG_ROOM.
 *
 * The signature is checked before the payload is parsed, so only JSON we
 * signed ourselves ever reaches JSON.parse, and it is compared in constant
 * time so its bytes cannot be guessed one by one from response times.
 */
export function verifyToken(token: string, secret: string, options: { room?: string; nowMs?: number } = {}): TokenClaims {
  checkSecret(secret);
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) throw invalid('not a token');
  const dot = token.indexOf('.');
  const payload = token.slice(0, dot);
  const signature = token.slice(dot + 1);
  if (dot <= 0 || !BASE64URL.test(payload) || !BASE64URL.test(signature)) throw invalid('not two base64url parts');
  const given = Buffer.from(signature, 'base64url');
  const expected = sign(secret, payload);
  // timingSafeEqual needs equal lengths; the length of a valid signature is public anyway.
  if (given.length !== SIGNATURE_BYTES || !timingSafeEqual(given, expected)) throw invalid('bad signature');

  const claims = parseClaims(Buffer.from(payload, 'base64url').toString('utf8'));
  const nowSeconds = (options.nowMs ?? Date.now()) / 1000;
  if (claims.exp <= nowSeconds) throw new SignalingError('TOKEN_EXPIRED', `signaling: token expired at ${new Date(claims.exp * 1000).toISOString()}`);
  if (options.room !== undefined && claims.room !== options.room) {
    throw new SignalingError('TOKEN_WRONG_ROOM', `signaling: token is for another room than "${options.room}"`);
  }
  return claims;
}

function parseClaims(json: string): TokenClaims {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (cause) {
    throw invalid('payload is not JSON', cause);
  }
  if (typeof value !== 'object' || value === null) throw invalid('payload is not an object');
  const { room, identity, exp } = value as Record<string, unknown>;
  if (typeof room !== 'string' || typeof identity !== 'string' || typeof exp !== 'number' || !Number.isFinite(exp)) {
    throw invalid('payload lacks room, identity or exp');
  }
  return { room, identity, exp };
}

function invalid(why: string, cause?: unknown): SignalingError {
  return new SignalingError('TOKEN_INVALID', `signaling: invalid token (${why})`, { cause });
}
