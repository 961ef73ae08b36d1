import { describe, expect, it } from 'vitest';
import { AesCmKeystream, writeAesCmIv } from './aes-cm.ts';
import { KeyDerivationLabel, deriveSessionKey, deriveSrtpSessionKeys } from './key-derivation.ts';
import { SRTP_PROFILES } from './profiles.ts';
import { hex, toHex } from './test-helpers.ts';

describe('RFC 3711 Appendix B.2: AES-CM test vectors', () => {
  const sessionKey = hex('2B7E151628AED2A6ABF7158809CF4F3C');
  // The RFC prints the salt "already shifted"; as a 14-octet session salt it is:
  const sessionSalt = hex('F0F1F2F3F4F5F6F7F8F9FAFBFCFD');
  const segmentBlocks = 65282; // "Keystream segment length: 1044512 octets (65282 AES blocks)"

  const iv = new Uint8Array(16);
  writeAesCmIv(iv, sessionSalt, 0x00000000, 0); // SSRC 0, ROC 0, SEQ 0
  const keystream = new Uint8Array(segmentBlocks * 16);
  new AesCmKeystream(sessionKey).xor(iv, keystream, 0, keystream.length);

  it('forms the IV (the "Offset") from the salt, SSRC and index as §4.1.1 says', () => {
    expect(toHex(iv)).toBe('f0f1f2f3f4f5f6f7f8f9fafbfcfd0000');
  });

  const rows = [
    { name: 'B.2 first block', counter: 'F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000', keystream: 'E03EAD0935C95E80E166B16DD92B4EB4' },
    { name: 'B.2 second block', counter: 'F0F1F2F3F4F5F6F7F8F9FAFBFCFD0001', keystream: 'D23513162B02D0F72A43A2FE4A5F97AB' },
    { name: 'B.2 third block', counter: 'F0F1F2F3F4F5F6F7F8F9FAFBFCFD0002', keystream: '41E95B3BB0A2E8DD477901E4FCA894C0' },
    { name: 'B.2 block 0xfeff', counter: 'F0F1F2F3F4F5F6F7F8F9FAFBFCFDFEFF', keystream: 'EC8CDF7398607CB0F2D21675EA9EA1E4' },
    { name: 'B.2 block 0xff00', counter: 'F0F1F2F3F4F5F6F7F8F9FAFBFCFDFF00', keystream: '362B7C3C6773516318A077D7FC5073AE' },
    { name: 'B.2 last block', counter: 'F0F1F2F3F4F5F6F7F8F9FAFBFCFDFF01', keystream: '6A2CC3787889374FBEB4C81B17BA6C44' },
  ];

  it.each(rows)('$name: counter $counter gives keystream $keystream', ({ counter, keystream: expected }) => {
    const block = parseInt(counter.slice(-4), 16);
    expect(toHex(keystream.subarray(block * 16, block * 16 + 16))).toBe(expected.toLowerCase());
  });

  it('XORs the same keystream into a buffer that is not 8-aligned', () => {
    const unaligned = new Uint8Array(3 + 100).fill(0xff);
    new AesCmKeystream(sessionKey).xor(iv, unaligned, 3, 100);
    const expected = Buffer.from(keystream.subarray(0, 100)).map((byte) => byte ^ 0xff);
    expect(toHex(unaligned.subarray(3))).toBe(toHex(expected));
    expect(toHex(unaligned.subarray(0, 3))).toBe('ffffff');
  });
});

describe('RFC 3711 Appendix B.3: key derivation test vectors', () => {
  const masterKey = hex('E1F97A0D3E018BE0D64FA32C06DE4139');
  const masterSalt = hex('0EC675AD498AFEEBB6960B3AABE6');

  const rows = [
    {
      name: 'B.3 cipher key (label 0x00, 128 bits)',
      label: KeyDerivationLabel.RTP_ENCRYPTION,
      want: 'C61E7A93744F39EE10734AFE3FF7A087',
    },
    {
      name: 'B.3 cipher salt (label 0x02, 112 bits)',
      label: KeyDerivationLabel.RTP_SALT,
      want: '30CBBC08863D8C85D49DB34A9AE1',
    },
    {
      name: 'B.3 auth key (label 0x01, all 94 octets the RFC lists)',
      label: KeyDerivationLabel.RTP_AUTHENTICATION,
      want: `CEBE321F6FF7716B6FD4AB49AF256A15
             6D38BAA48F0A0ACF3C34E2359E6CDBCE
             E049646C43D9327AD175578EF7227098
             6371C10C9A369AC2F94A8C5FBCDDDC25
             6D6E919A48B610EF17C2041E47403576
             6B68642C59BBFC2F34DB60DBDFB2`,
    },
  ];

  it.each(rows)('$name', ({ label, want }) => {
    const expected = toHex(hex(want));
    expect(toHex(deriveSessionKey(masterKey, masterSalt, label, expected.length / 2))).toBe(expected);
  });

  it('gives SRTP_AES128_CM_HMAC_SHA1_80 the B.3 keys, with the 160-bit auth key of §4.2.1', () => {
    const { rtp } = deriveSrtpSessionKeys(SRTP_PROFILES.SRTP_AES128_CM_HMAC_SHA1_80, masterKey, masterSalt);
    expect(toHex(rtp.encryptionKey)).toBe('c61e7a93744f39ee10734afe3ff7a087');
    expect(toHex(rtp.salt)).toBe('30cbbc08863d8c85d49db34a9ae1');
    expect(toHex(rtp.authKey)).toBe('cebe321f6ff7716b6fd4ab49af256a156d38baa4');
  });

  it('derives the SRTCP keys with their own labels 0x03-0x05, so they differ from the SRTP keys', () => {
    const { rtp, rtcp } = deriveSrtpSessionKeys(SRTP_PROFILES.SRTP_AES128_CM_HMAC_SHA1_80, masterKey, masterSalt);
    expect(toHex(rtcp.encryptionKey)).toBe(toHex(deriveSessionKey(masterKey, masterSalt, KeyDerivationLabel.RTCP_ENCRYPTION, 16)));
    expect(toHex(rtcp.encryptionKey)).not.toBe(toHex(rtp.encryptionKey));
    expect(toHex(rtcp.salt)).not.toBe(toHex(rtp.salt));
    expect(toHex(rtcp.authKey)).not.toBe(toHex(rtp.authKey));
  });

  it('uses both halves of a 256-bit master key (RFC 7714 §11: AES-256 as the PRF)', () => {
    const profile = SRTP_PROFILES.SRTP_AEAD_AES_256_GCM;
    const key = new Uint8Array(32).fill(7);
    const other = Uint8Array.from(key);
    other[31] = 8;
    const salt = new Uint8Array(12);
    const a = deriveSrtpSessionKeys(profile, key, salt).rtp;
    const b = deriveSrtpSessionKeys(profile, other, salt).rtp;
    expect(a.encryptionKey.length).toBe(32);
    expect(a.salt.length).toBe(12);
    expect(a.authKey.length).toBe(0);
    expect(toHex(a.encryptionKey)).not.toBe(toHex(b.encryptionKey));
  });

  it.each([
    { name: 'a short master key', key: new Uint8Array(15), salt: new Uint8Array(14) },
    { name: 'a long master salt', key: new Uint8Array(16), salt: new Uint8Array(16) },
    { name: 'a GCM-sized salt for an AES-CM profile', key: new Uint8Array(16), salt: new Uint8Array(12) },
  ])('refuses $name with a TypeError', ({ key, salt }) => {
    expect(() => deriveSrtpSessionKeys(SRTP_PROFILES.SRTP_AES128_CM_HMAC_SHA1_80, key, salt)).toThrow(TypeError);
  });
});
