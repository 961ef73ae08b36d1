/**
 * Grading for srtp-kdf.ts: splitting the DTLS-SRTP keying material (RFC 5764 §4.2) and SRTP key
 * derivation (RFC 3711 §4.3).
 *
 * Vectors:
 * - RFC 3711 Appendix B.3 (SRTP labels 0x00-0x02 of one master key and salt).
 * - The SRTCP labels 0x03-0x05 and the 12-byte AEAD salt have no RFC vector: their values were
 *   computed with `openssl enc -aes-128-ctr -K <master key> -iv <(label || 0) XOR salt, then 00 00>`
 *   over zero bytes, which is §4.3.3's PRF written out.
 * - Real traffic: Chromium 156's SRTP and SRTCP with the master keys of srtp-keys.json; the session
 *   keys you derive must decrypt them (the SFU's SRTP transform does the decrypting).
 */
import { listFixtures, readFixture } from '#fixtures/index.ts';
import { createSrtpSessionFromKeys } from '#server/srtp/index.ts';
import { describe, expect, it } from 'vitest';
import { deriveSessionKey, deriveSessionKeys, splitKeyingMaterial, type SrtpSessionKeys } from '../srtp-kdf.ts';
import { CHROMIUM_SRTP_DIR, chromiumSrtpKeys } from './chromium-capture.ts';

function hex(text: string): Buffer {
  return Buffer.from(text.replace(/\s+/g, ''), 'hex');
}

function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** The keys as hex, to compare all six at once. */
function keysHex(keys: SrtpSessionKeys) {
  const one = ({ encryptionKey, authKey, salt }: SrtpSessionKeys['rtp']) => ({ encryptionKey: toHex(encryptionKey), authKey: toHex(authKey), salt: toHex(salt) });
  return { rtp: one(keys.rtp), rtcp: one(keys.rtcp) };
}

/** RFC 3711 Appendix B.3. */
const B3_MASTER_KEY = hex('E1F97A0D3E018BE0D64FA32C06DE4139');
const B3_MASTER_SALT = hex('0EC675AD498AFEEBB6960B3AABE6');

describe('10-dtls-srtp: deriveSessionKey (RFC 3711 §4.3.1, §4.3.3)', () => {
  it.each([
    { name: 'B.3 cipher key, label 0x00, 128 bits', label: 0x00, want: 'C61E7A93744F39EE10734AFE3FF7A087' },
    { name: 'B.3 cipher salt, label 0x02, 112 bits', label: 0x02, want: '30CBBC08863D8C85D49DB34A9AE1' },
    {
      name: 'B.3 auth key, label 0x01, all 94 bytes the RFC lists (several AES blocks)',
      label: 0x01,
      want: `CEBE321F6FF7716B6FD4AB49AF256A15 6D38BAA48F0A0ACF3C34E2359E6CDBCE E049646C43D9327AD175578EF7227098
             6371C10C9A369AC2F94A8C5FBCDDDC25 6D6E919A48B610EF17C2041E474035766B68642C59BBFC2F34DB60DBDFB2`,
    },
  ])('RFC 3711 $name', ({ label, want }) => {
    const expected = toHex(hex(want));
    expect(toHex(deriveSessionKey(B3_MASTER_KEY, B3_MASTER_SALT, label, expected.length / 2))).toBe(expected);
  });

  it.each([
    { name: 'SRTCP encryption key, label 0x03', label: 0x03, want: '4c1aa45a81f73d61c800bbb00fbb1eaa' },
    { name: 'SRTCP authentication key, label 0x04', label: 0x04, want: '8d54534feb49ae8e7993a6bd0b844fc323a93dfd' },
    { name: 'SRTCP salt, label 0x05', label: 0x05, want: '9581c7ad87b3e530bf3e4454a8b3' },
  ])('B.3 master key and salt, $name', ({ label, want }) => {
    expect(toHex(deriveSessionKey(B3_MASTER_KEY, B3_MASTER_SALT, label, want.length / 2))).toBe(want);
  });

  it('refuses a master salt over 14 bytes with a TypeError', () => {
    expect(() => deriveSessionKey(B3_MASTER_KEY, hex('00'.repeat(15)), 0x00, 16)).toThrow(TypeError);
  });
});

describe('10-dtls-srtp: deriveSessionKeys for each profile', () => {
  it('SRTP_AES128_CM_HMAC_SHA1_80: the B.3 keys, a 160-bit auth key (§4.2.1), and the SRTCP keys of labels 0x03-0x05', () => {
    expect(keysHex(deriveSessionKeys('SRTP_AES128_CM_HMAC_SHA1_80', B3_MASTER_KEY, B3_MASTER_SALT))).toEqual({
      rtp: { encryptionKey: 'c61e7a93744f39ee10734afe3ff7a087', authKey: 'cebe321f6ff7716b6fd4ab49af256a156d38baa4', salt: '30cbbc08863d8c85d49db34a9ae1' },
      rtcp: { encryptionKey: '4c1aa45a81f73d61c800bbb00fbb1eaa', authKey: '8d54534feb49ae8e7993a6bd0b844fc323a93dfd', salt: '9581c7ad87b3e530bf3e4454a8b3' },
    });
  });

  it('SRTP_AEAD_AES_128_GCM: a 12-byte master salt left-aligned in the 14-byte field, 12-byte session salts, no auth key', () => {
    expect(keysHex(deriveSessionKeys('SRTP_AEAD_AES_128_GCM', B3_MASTER_KEY, B3_MASTER_SALT.subarray(0, 12)))).toEqual({
      rtp: { encryptionKey: '238c882f36f000301573e69383502d9d', authKey: '', salt: 'f2fee04070fc3f65d706e2e4' },
      rtcp: { encryptionKey: '8bd2cdf1fc9db302554e0fc9a5ccb4a6', authKey: '', salt: '9bb741139a5207f61f898db2' },
    });
  });

  it.each([
    { name: 'a 15-byte master key', profile: 'SRTP_AES128_CM_HMAC_SHA1_80', key: 15, salt: 14 },
    { name: 'a 12-byte salt for an AES-CM profile', profile: 'SRTP_AES128_CM_HMAC_SHA1_80', key: 16, salt: 12 },
    { name: 'a 14-byte salt for the GCM profile', profile: 'SRTP_AEAD_AES_128_GCM', key: 16, salt: 14 },
  ] as const)('refuses $name with a TypeError', ({ profile, key, salt }) => {
    expect(() => deriveSessionKeys(profile, new Uint8Array(key), new Uint8Array(salt))).toThrow(TypeError);
  });
});

describe('10-dtls-srtp: splitKeyingMaterial (RFC 5764 §4.2)', () => {
  it.each([
    { profile: 'SRTP_AES128_CM_HMAC_SHA1_80', length: 60, salt: 14 },
    { profile: 'SRTP_AEAD_AES_128_GCM', length: 56, salt: 12 },
  ] as const)('cuts the $length bytes of $profile into client key, server key, client salt, server salt ($salt-byte salts)', ({ profile, length, salt }) => {
    const material = Uint8Array.from({ length }, (_, i) => 100 + i);
    const { client, server } = splitKeyingMaterial(profile, material);
    expect([client.masterKey, server.masterKey, client.masterSalt, server.masterSalt].map(toHex)).toEqual([
      toHex(material.subarray(0, 16)),
      toHex(material.subarray(16, 32)),
      toHex(material.subarray(32, 32 + salt)),
      toHex(material.subarray(32 + salt, length)),
    ]);
  });

  it.each([
    { profile: 'SRTP_AES128_CM_HMAC_SHA1_80', length: 56 },
    { profile: 'SRTP_AES128_CM_HMAC_SHA1_80', length: 61 },
    { profile: 'SRTP_AEAD_AES_128_GCM', length: 60 },
  ] as const)('refuses $length bytes for $profile with a TypeError', ({ profile, length }) => {
    expect(() => splitKeyingMaterial(profile, new Uint8Array(length))).toThrow(TypeError);
  });
});

describe('10-dtls-srtp: your keys on Chromium 156 SRTP (srtp-keys.json)', () => {
  const keys = chromiumSrtpKeys();
  const material = hex(keys.client_write_master_key + keys.server_write_master_key + keys.client_write_master_salt + keys.server_write_master_salt);
  const pairs = (wire: string, plain: string) =>
    listFixtures(CHROMIUM_SRTP_DIR)
      .filter((file) => file.endsWith(wire))
      .map((file) => ({ name: file.slice(CHROMIUM_SRTP_DIR.length + 1), wire: readFixture(file), plain: readFixture(file.replace(wire, plain)) }));
  const srtp = pairs('.srtp.bin', '.rtp.bin');
  const srtcp = pairs('.srtcp.bin', '.rtcp.bin');

  /** Chromium was the DTLS client, so it protected with the client_write key and salt. */
  function chromiumKeys(): SrtpSessionKeys {
    const { client } = splitKeyingMaterial('SRTP_AES128_CM_HMAC_SHA1_80', material);
    return deriveSessionKeys('SRTP_AES128_CM_HMAC_SHA1_80', client.masterKey, client.masterSalt);
  }

  /** The SFU's SRTP session, keyed with your session keys (as Buffers, the type it takes). */
  function chromiumSession() {
    const { rtp, rtcp } = chromiumKeys();
    const buffers = ({ encryptionKey, authKey, salt }: SrtpSessionKeys['rtp']) => ({
      encryptionKey: Buffer.from(encryptionKey),
      authKey: Buffer.from(authKey),
      salt: Buffer.from(salt),
    });
    return createSrtpSessionFromKeys('SRTP_AES128_CM_HMAC_SHA1_80', { rtp: buffers(rtp), rtcp: buffers(rtcp) });
  }

  it('the capture has the packets the manifest lists', () => {
    expect([srtp.length, srtcp.length]).toEqual([6, 2]);
    expect(toHex(chromiumKeys().rtp.encryptionKey)).toBe('5a4339f01b6bca7650287f5a174482db'); // openssl enc -aes-128-ctr, label 0x00
  });

  it.each(srtp)('your SRTP session keys authenticate and decrypt $name', ({ wire, plain }) => {
    expect(toHex(chromiumSession().unprotectRtp(wire))).toBe(toHex(plain));
  });

  it.each(srtcp)('your SRTCP session keys authenticate and decrypt $name', ({ wire, plain }) => {
    expect(toHex(chromiumSession().unprotectRtcp(wire))).toBe(toHex(plain));
  });
});
