/**
 * The TLS 1.2 PRF (RFC 5246 §5) and what is built on it (RFC 5246 §6.3, §8.1;
 * RFC 7627 §4; RFC 5705 §4).
 *
 * Vectors: the widely used P_SHA256 / P_SHA384 "test label" set posted to the IETF
 * TLS list (https://www.ietf.org/mail-archive/web/tls/current/msg03416.html), used
 * by GnuTLS, Botan and others. Where the `openssl` CLI (OpenSSL 3, `openssl kdf …
 * TLS1-PRF`) is available, every derivation is also recomputed by it.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hexBytes, toHex } from '../test-support.ts';
import { CipherSuiteId, requireCipherSuite } from './cipher-suite.ts';
import { exportKeyingMaterial } from './exporter.ts';
import { expandTrafficKeys, extendedMasterSecret, masterSecret } from './key-schedule.ts';
import { prf } from './prf.ts';

const VECTORS = [
  {
    name: 'P_SHA256, 100 bytes (IETF TLS list msg03416)',
    hash: 'sha256',
    secret: '9bbe436ba940f017b17652849a71db35',
    seed: 'a0ba9f936cda311827a6f796ffd5198c',
    output:
      'e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab' +
      '4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff70187347b66',
  },
  {
    name: 'P_SHA384, 148 bytes (IETF TLS list msg03416)',
    hash: 'sha384',
    secret: 'b80b733d6ceefcdc71566ea48e5567df',
    seed: 'cd665cf6a8447dd6ff8b27555edb7465',
    output:
      '7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cde9ca0faa60be9fe34f82b1233c9146a0e534cb400fed2700884f9dc236f80edd' +
      '8bfa961144c9e8d792eca722a7b32fc3d416d473ebc2c5fd4abfdad05d9184259b5bf8cd4d90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9aee6' +
      '91c8f3a26854308d5eaa3be85e0990703d73e56f',
  },
] as const;

/** OpenSSL 3's TLS1-PRF; undefined when the CLI is missing or too old. */
function opensslPrf(hash: 'sha256' | 'sha384', secret: Uint8Array, label: string, seed: Uint8Array, length: number): string | undefined {
  const labelAndSeed = toHex(new TextEncoder().encode(label)) + toHex(seed);
  try {
    const args = ['kdf', '-keylen', String(length), '-kdfopt', `digest:${hash.toUpperCase()}`, '-kdfopt', `hexsecret:${toHex(secret)}`, '-kdfopt', `hexseed:${labelAndSeed}`, 'TLS1-PRF'];
    return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().replaceAll(':', '').toLowerCase();
  } catch {
    return undefined;
  }
}

const HAVE_OPENSSL = opensslPrf('sha256', Uint8Array.of(1), 'x', Uint8Array.of(2), 4) !== undefined;
const bytes = (length: number, start: number): Uint8Array => Uint8Array.from({ length }, (_, i) => (start + i) & 0xff);
const CLIENT_RANDOM = bytes(32, 0x10);
const SERVER_RANDOM = bytes(32, 0x80);
const PRE_MASTER = bytes(32, 0xc0);

describe('TLS 1.2 PRF (RFC 5246 §5)', () => {
  it.each(VECTORS)('$name', ({ hash, secret, seed, output }) => {
    expect(toHex(prf(hash, hexBytes(secret), 'test label', hexBytes(seed), output.length / 2))).toBe(output);
  });

  it('a shorter output is a prefix of a longer one (P_hash is a stream)', () => {
    const long = prf('sha256', bytes(16, 1), 'test label', bytes(16, 2), 100);
    for (const length of [0, 1, 31, 32, 33, 64, 99]) expect(prf('sha256', bytes(16, 1), 'test label', bytes(16, 2), length)).toEqual(long.subarray(0, length));
  });

  it.runIf(HAVE_OPENSSL)('agrees with openssl kdf TLS1-PRF for several lengths and both hashes', () => {
    for (const hash of ['sha256', 'sha384'] as const) {
      for (const length of [1, 12, 48, 100, 200]) {
        expect(toHex(prf(hash, bytes(48, 7), 'key expansion', bytes(64, 9), length))).toBe(opensslPrf(hash, bytes(48, 7), 'key expansion', bytes(64, 9), length));
      }
    }
  });
});

describe('key schedule on the PRF', () => {
  it.runIf(HAVE_OPENSSL)('master_secret = PRF(pre_master, "master secret", client_random ‖ server_random)[0..47] (RFC 5246 §8.1)', () => {
    const secret = masterSecret({ hash: 'sha256', preMasterSecret: PRE_MASTER, clientRandom: CLIENT_RANDOM, serverRandom: SERVER_RANDOM });
    expect(toHex(secret)).toBe(opensslPrf('sha256', PRE_MASTER, 'master secret', new Uint8Array([...CLIENT_RANDOM, ...SERVER_RANDOM]), 48));
  });

  it.runIf(HAVE_OPENSSL)('extended master secret = PRF(pre_master, "extended master secret", session_hash)[0..47] (RFC 7627 §4)', () => {
    const sessionHash = bytes(48, 0x33);
    const secret = extendedMasterSecret({ hash: 'sha384', preMasterSecret: PRE_MASTER, sessionHash });
    expect(toHex(secret)).toBe(opensslPrf('sha384', PRE_MASTER, 'extended master secret', sessionHash, 48));
  });

  it('the key block seed is server_random ‖ client_random, split key, key, IV, IV (RFC 5246 §6.3)', () => {
    const master = bytes(48, 0x44);
    for (const id of Object.values(CipherSuiteId)) {
      const suite = requireCipherSuite(id);
      const block = prf(suite.prfHash, master, 'key expansion', new Uint8Array([...SERVER_RANDOM, ...CLIENT_RANDOM]), 2 * (suite.keyLength + suite.fixedIvLength));
      const keys = expandTrafficKeys({ suite, masterSecret: master, clientRandom: CLIENT_RANDOM, serverRandom: SERVER_RANDOM });
      expect(new Uint8Array([...keys.clientWriteKey, ...keys.serverWriteKey, ...keys.clientWriteIv, ...keys.serverWriteIv])).toEqual(block);
      expect([keys.clientWriteKey.length, keys.clientWriteIv.length]).toEqual([suite.keyLength, suite.fixedIvLength]);
    }
  });

  it('the RFC 5705 exporter distinguishes no context from an empty context', () => {
    const base = { hash: 'sha256', masterSecret: bytes(48, 1), label: 'EXPORTER-test', clientRandom: CLIENT_RANDOM, serverRandom: SERVER_RANDOM, length: 32 } as const;
    const none = exportKeyingMaterial(base);
    const empty = exportKeyingMaterial({ ...base, context: new Uint8Array(0) });
    expect(none).toEqual(prf('sha256', base.masterSecret, base.label, new Uint8Array([...CLIENT_RANDOM, ...SERVER_RANDOM]), 32));
    expect(empty).toEqual(prf('sha256', base.masterSecret, base.label, new Uint8Array([...CLIENT_RANDOM, ...SERVER_RANDOM, 0, 0]), 32));
    expect(none).not.toEqual(empty);
  });

  it('rejects randoms that are not 32 bytes with a RangeError naming them', () => {
    expect(() => masterSecret({ hash: 'sha256', preMasterSecret: PRE_MASTER, clientRandom: bytes(31, 0), serverRandom: SERVER_RANDOM })).toThrow(/clientRandom must be 32 bytes/);
  });
});
