import { exportKeyingMaterial } from '#server/dtls/crypto/exporter.ts';
import { describe, expect, it } from 'vitest';
import { DTLS_SRTP_EXPORTER_LABEL, splitKeyingMaterial, srtpKeyingMaterialLength } from './keying-material.ts';
import { SRTP_PROFILES, srtpProfileById, type SrtpProfileName } from './profiles.ts';
import { createSrtpSession } from './srtp-session.ts';
import { CHROMIUM_SRTP_DIR, chromiumKeys, toHex } from './test-helpers.ts';
import { listFixtures, readFixture } from '#fixtures/index.ts';

describe('protection profiles (RFC 5764 §4.1.2, RFC 7714 §14.2)', () => {
  const rows = [
    { name: 'SRTP_AES128_CM_HMAC_SHA1_80', id: 0x0001, key: 16, salt: 14, rtpTag: 10, rtcpTag: 10, material: 60 },
    { name: 'SRTP_AES128_CM_HMAC_SHA1_32', id: 0x0002, key: 16, salt: 14, rtpTag: 4, rtcpTag: 10, material: 60 },
    { name: 'SRTP_AEAD_AES_128_GCM', id: 0x0007, key: 16, salt: 12, rtpTag: 16, rtcpTag: 16, material: 56 },
    { name: 'SRTP_AEAD_AES_256_GCM', id: 0x0008, key: 32, salt: 12, rtpTag: 16, rtcpTag: 16, material: 88 },
  ] as const;

  it.each(rows)('$name is id $id with $key/$salt-byte key/salt, tags $rtpTag/$rtcpTag, $material bytes of keying material', (row) => {
    const profile = srtpProfileById(row.id)!;
    expect(profile).toBe(SRTP_PROFILES[row.name]);
    expect([profile.keyLength, profile.saltLength, profile.rtpTagLength, profile.rtcpTagLength]).toEqual([row.key, row.salt, row.rtpTag, row.rtcpTag]);
    expect(srtpKeyingMaterialLength(profile)).toBe(row.material);
  });

  it.each([0x0000, 0x0003, 0x0005, 0x0006, 0x0009, 0xffff])('knows no profile with id %s (NULL ciphers and unassigned ids)', (id) => {
    expect(srtpProfileById(id)).toBeUndefined();
  });
});

describe('splitKeyingMaterial (RFC 5764 §4.2)', () => {
  /** Bytes 0, 1, 2, ... so every field shows where it came from. */
  const counting = (length: number): Uint8Array => Uint8Array.from({ length }, (_, i) => i);

  it.each(Object.keys(SRTP_PROFILES) as SrtpProfileName[])('%s: client key | server key | client salt | server salt', (name) => {
    const profile = SRTP_PROFILES[name];
    const material = counting(srtpKeyingMaterialLength(profile));
    const k = profile.keyLength;
    const s = profile.saltLength;
    const client = splitKeyingMaterial({ profile, material, role: 'client' });
    expect(toHex(client.local.masterKey)).toBe(toHex(material.subarray(0, k)));
    expect(toHex(client.remote.masterKey)).toBe(toHex(material.subarray(k, 2 * k)));
    expect(toHex(client.local.masterSalt)).toBe(toHex(material.subarray(2 * k, 2 * k + s)));
    expect(toHex(client.remote.masterSalt)).toBe(toHex(material.subarray(2 * k + s)));
    const server = splitKeyingMaterial({ profile, material, role: 'server' });
    expect(server.local).toEqual(client.remote);
    expect(server.remote).toEqual(client.local);
  });

  it('gives the capture\'s keys from its master secret, and the keys decrypt what Chromium (the client) sent', () => {
    const keys = chromiumKeys();
    const profile = SRTP_PROFILES.SRTP_AES128_CM_HMAC_SHA1_80;
    const material = exportKeyingMaterial({
      hash: 'sha256',
      masterSecret: Buffer.from(keys.master_secret, 'hex'),
      label: DTLS_SRTP_EXPORTER_LABEL,
      clientRandom: Buffer.from(keys.client_random, 'hex'),
      serverRandom: Buffer.from(keys.server_random, 'hex'),
      length: srtpKeyingMaterialLength(profile),
    });
    // We were the DTLS server in that capture: what we receive is the client's.
    const { local, remote } = splitKeyingMaterial({ profile, material, role: 'server' });
    expect(toHex(remote.masterKey)).toBe(keys.client_write_master_key);
    expect(toHex(remote.masterSalt)).toBe(keys.client_write_master_salt);
    expect(toHex(local.masterKey)).toBe(keys.server_write_master_key);
    expect(toHex(local.masterSalt)).toBe(keys.server_write_master_salt);
    const [wire] = listFixtures(CHROMIUM_SRTP_DIR).filter((file) => file.endsWith('.srtp.bin'));
    const inbound = createSrtpSession({ profile, ...remote });
    expect(toHex(inbound.unprotectRtp(readFixture(wire!)))).toBe(toHex(readFixture(wire!.replace('.srtp.bin', '.rtp.bin'))));
  });

  it.each([
    { name: 'material one byte short', material: new Uint8Array(59), role: 'client' },
    { name: 'GCM-sized material for an AES-CM profile', material: new Uint8Array(56), role: 'client' },
    { name: 'a role that is not client or server', material: new Uint8Array(60), role: 'controlling' },
  ])('refuses $name with a TypeError', ({ material, role }) => {
    const profile = SRTP_PROFILES.SRTP_AES128_CM_HMAC_SHA1_80;
    expect(() => splitKeyingMaterial({ profile, material, role: role as 'client' })).toThrow(TypeError);
  });
});
