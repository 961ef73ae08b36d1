import { attributeFailure } from '../errors.ts';
import { isToken, splitOnce } from '../grammar.ts';
import { attributeCodec } from './attribute-list.ts';

/**
 * RFC 8122 §5: `a=fingerprint:<hash-func> <fingerprint>`, the fingerprint as
 * colon-separated hex pairs, e.g. `sha-256 F9:83:…:AA`. At session or media
 * level; a media-level one applies to that section only.
 */
export interface Fingerprint {
  /** `sha-256`, `sha-1`, … as written (the IANA names are lowercase). */
  hashFunction: string;
  bytes: Uint8Array;
}

/**
 * RFC 8122 §5: fingerprint = 2UHEX *(":" 2UHEX), UHEX being uppercase. Some
 * stacks send lowercase; the bytes are the same, so it is accepted.
 */
const HEX_PAIRS = /^[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2})*$/;

const bad = attributeFailure('BAD_FINGERPRINT', 'fingerprint');

export function parseFingerprint(value: string): Fingerprint {
  const [hashFunction, hex] = splitOnce(value, ' ');
  if (!isToken(hashFunction)) throw bad(value, 'hash function is not a token');
  if (hex === undefined || !HEX_PAIRS.test(hex)) throw bad(value, 'fingerprint is not colon-separated hex pairs');
  return { hashFunction, bytes: Uint8Array.from(hex.split(':'), (pair) => parseInt(pair, 16)) };
}

export function serializeFingerprint(fingerprint: Fingerprint): string {
  const hex = Array.from(fingerprint.bytes, (byte) => byte.toString(16).toUpperCase().padStart(2, '0'));
  return `${fingerprint.hashFunction} ${hex.join(':')}`;
}

export const fingerprintAttribute = attributeCodec('fingerprint', parseFingerprint, serializeFingerprint);
