/**
 * Grading for prf.ts: P_hash, the TLS 1.2 PRF and the RFC 5705 exporter.
 *
 * Vectors:
 * - RFC 5246 has no PRF vectors. The P_SHA256 and P_SHA384 "test label" vectors posted to the IETF
 *   TLS list (https://www.ietf.org/mail-archive/web/tls/current/msg03416.html) are the ones
 *   GnuTLS, Botan and others test with; both were rechecked with `openssl kdf … TLS1-PRF`.
 * - The exporter values were computed with `openssl kdf -kdfopt digest:SHA256 … TLS1-PRF` over
 *   label ‖ client_random ‖ server_random [‖ context length ‖ context].
 * - Real traffic: Chromium 156's DTLS 1.2 handshake with openssl's keylog (chromium-capture.ts).
 */
import { createHmac } from 'node:crypto';
import { RecordProtection, type TrafficKeys } from '#server/dtls/index.ts';
import { describe, expect, it } from 'vitest';
import { exportKeyingMaterial, pHash, prf } from '../prf.ts';
import { chromiumHandshake, chromiumSrtpKeys } from './chromium-capture.ts';

function hex(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
}

function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** `length` bytes counting up from `start`. */
function counting(length: number, start: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (start + i) & 0xff);
}

const IETF_VECTORS = [
  {
    name: 'P_SHA256, 100 bytes',
    hash: 'sha256',
    secret: '9bbe436ba940f017b17652849a71db35',
    seed: 'a0ba9f936cda311827a6f796ffd5198c',
    output: `e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab
             4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff70187347b66`,
  },
  {
    name: 'P_SHA384, 148 bytes',
    hash: 'sha384',
    secret: 'b80b733d6ceefcdc71566ea48e5567df',
    seed: 'cd665cf6a8447dd6ff8b27555edb7465',
    output: `7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cde9ca0faa60be9fe34f82b1233c9146a0e534cb400fed2700884f9dc236f80edd
             8bfa961144c9e8d792eca722a7b32fc3d416d473ebc2c5fd4abfdad05d9184259b5bf8cd4d90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9aee6
             91c8f3a26854308d5eaa3be85e0990703d73e56f`,
  },
] as const;

describe('10-dtls-srtp: the TLS 1.2 PRF (RFC 5246 §5)', () => {
  it.each(IETF_VECTORS)('PRF, $name: the IETF TLS list vector with label "test label"', ({ hash, secret, seed, output }) => {
    const expected = toHex(hex(output));
    expect(toHex(prf(hash, hex(secret), 'test label', hex(seed), expected.length / 2))).toBe(expected);
  });

  it.each(IETF_VECTORS)('pHash, $name: P_hash(secret, "test label" + seed) is the same output (the PRF only prefixes the label)', ({ hash, secret, seed, output }) => {
    const expected = toHex(hex(output));
    const labelAndSeed = new Uint8Array([...Buffer.from('test label', 'ascii'), ...hex(seed)]);
    expect(toHex(pHash(hash, hex(secret), labelAndSeed, expected.length / 2))).toBe(expected);
  });

  it('pHash: block i is HMAC(secret, A(i) + seed), with A(0) = seed and A(i) = HMAC(secret, A(i-1))', () => {
    const secret = counting(20, 1);
    const seed = counting(13, 0x40);
    const hmac = (...parts: Uint8Array[]): Buffer => parts.reduce((h, part) => h.update(part), createHmac('sha256', secret)).digest();
    const a1 = hmac(seed);
    const a2 = hmac(a1);
    const a3 = hmac(a2);
    const expected = Buffer.concat([hmac(a1, seed), hmac(a2, seed), hmac(a3, seed)]);
    expect(toHex(pHash('sha256', secret, seed, 96))).toBe(toHex(expected));
  });

  it('cuts the stream at any length: each shorter output is a prefix of a longer one', () => {
    const secret = counting(48, 7);
    const seed = counting(64, 9);
    for (const hash of ['sha256', 'sha384'] as const) {
      const long = prf(hash, secret, 'key expansion', seed, 200);
      expect(long.length).toBe(200);
      for (const length of [0, 1, 12, 31, 32, 33, 47, 48, 49, 60, 97]) {
        const short = prf(hash, secret, 'key expansion', seed, length);
        expect(short.length, `${hash}, ${length} bytes`).toBe(length);
        expect(toHex(short), `${hash}, ${length} bytes`).toBe(toHex(long.subarray(0, length)));
      }
    }
  });

  it('the label is part of the input: another label gives other bytes', () => {
    const secret = counting(48, 1);
    const seed = counting(64, 2);
    expect(toHex(prf('sha256', secret, 'client finished', seed, 12))).not.toBe(toHex(prf('sha256', secret, 'server finished', seed, 12)));
  });

  it.each([-1, 1.5, Number.NaN])('refuses length %s with a RangeError', (length) => {
    expect(() => prf('sha256', counting(16, 0), 'test label', counting(16, 0), length)).toThrow(RangeError);
    expect(() => pHash('sha256', counting(16, 0), counting(16, 0), length)).toThrow(RangeError);
  });
});

describe('10-dtls-srtp: the keying-material exporter (RFC 5705 §4)', () => {
  const base = {
    hash: 'sha256',
    masterSecret: counting(48, 0x40),
    label: 'EXPORTER-lab-test',
    clientRandom: counting(32, 0x00),
    serverRandom: counting(32, 0x80),
    length: 32,
  } as const;

  it.each([
    { name: 'no context: the seed is client_random + server_random', context: undefined, output: 'a74b7dd24b1584edc4bcd8ba226fdd658f961ec9ab981c3931a6fb462e19062b' },
    { name: 'an empty context: the seed ends with the length 00 00', context: new Uint8Array(0), output: '6040d18093df848b7959efceaf4fc02bc65e2444ed116d582a122110755127ff' },
    { name: 'context "abc": the seed ends with 00 03 61 62 63', context: Uint8Array.from(Buffer.from('abc')), output: '9e47da18649021ad0a267a413e091b93cee528723e86abe3d909a96457a85f1f' },
  ])('$name', ({ context, output }) => {
    expect(toHex(exportKeyingMaterial(context === undefined ? base : { ...base, context }))).toBe(output);
  });

  it('EXTRACTOR-dtls_srtp for SRTP_AEAD_AES_128_GCM under a SHA-384 suite: 56 bytes', () => {
    const material = exportKeyingMaterial({ ...base, hash: 'sha384', label: 'EXTRACTOR-dtls_srtp', length: 56 });
    expect(toHex(material)).toBe('af83c76bfacf2ab47c616d43a3b771cf3809bfeed997b13e58bda3e720ef25d3b2faa072aa157b8fd18b86090f799c0b093f501af01ee962');
  });

  it('puts the client random first: swapping the randoms changes the keys', () => {
    const swapped = { ...base, clientRandom: base.serverRandom, serverRandom: base.clientRandom };
    expect(toHex(exportKeyingMaterial(swapped))).not.toBe('a74b7dd24b1584edc4bcd8ba226fdd658f961ec9ab981c3931a6fb462e19062b');
  });

  it('refuses hello randoms that are not 32 bytes with a RangeError', () => {
    expect(() => exportKeyingMaterial({ ...base, clientRandom: counting(31, 0) })).toThrow(RangeError);
    expect(() => exportKeyingMaterial({ ...base, serverRandom: counting(33, 0) })).toThrow(RangeError);
  });
});

describe('10-dtls-srtp: your PRF on a real Chromium 156 handshake (openssl keylog)', () => {
  const handshake = chromiumHandshake();

  it('the key block PRF(master, "key expansion", server_random + client_random) decrypts Chromium\'s Finished record', () => {
    // TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 (RFC 5246 §6.3, RFC 5288): two 16-byte keys, two 4-byte IVs, no MAC keys.
    expect(handshake.suite.name).toBe('TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256');
    const seed = new Uint8Array([...handshake.serverRandom, ...handshake.clientRandom]);
    const block = prf('sha256', handshake.masterSecret, 'key expansion', seed, 40);
    const keys: TrafficKeys = {
      clientWriteKey: block.slice(0, 16),
      serverWriteKey: block.slice(16, 32),
      clientWriteIv: block.slice(32, 36),
      serverWriteIv: block.slice(36, 40),
    };
    const plaintext = RecordProtection.forSender(handshake.suite, keys, 'client').open(handshake.finishedRecord);
    expect(toHex(plaintext)).toBe(toHex(handshake.finishedPlaintext));
  });

  it('Chromium\'s verify_data is PRF(master, "client finished", SHA-256(handshake messages))[0..11]', () => {
    const verifyData = handshake.finishedPlaintext.subarray(12);
    expect(verifyData.length).toBe(12);
    expect(toHex(prf('sha256', handshake.masterSecret, 'client finished', handshake.handshakeHash, 12))).toBe(toHex(verifyData));
  });

  it('EXTRACTOR-dtls_srtp gives the 60 bytes of SRTP master keys and salts in srtp-keys.json', () => {
    const keys = chromiumSrtpKeys();
    expect(toHex(handshake.clientRandom)).toBe(keys.client_random);
    expect(toHex(handshake.masterSecret)).toBe(keys.master_secret);
    const material = exportKeyingMaterial({
      hash: 'sha256',
      masterSecret: handshake.masterSecret,
      label: 'EXTRACTOR-dtls_srtp',
      clientRandom: handshake.clientRandom,
      serverRandom: handshake.serverRandom,
      length: 60,
    });
    expect(toHex(material)).toBe(keys.client_write_master_key + keys.server_write_master_key + keys.client_write_master_salt + keys.server_write_master_salt);
  });
});
