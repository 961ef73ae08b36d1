/**
 * RFC 7714 §16 (SRTP) and §17 (SRTCP) test vectors, byte for byte. The RFC
 * publishes session keys, not master keys, so the sessions skip key derivation.
 * Its §16.x.3/§16.x.4 "authentication tagging" vectors are for SRTP without
 * encryption, which no DTLS-SRTP profile negotiates, so they are not run.
 */
import { describe, expect, it } from 'vitest';
import type { SrtpSessionKeys } from './key-derivation.ts';
import type { SrtpProfileName } from './profiles.ts';
import { createSrtpSessionFromKeys, type SrtpSession } from './srtp-session.ts';
import { hex, thrownCode, toHex } from './test-helpers.ts';

/** §16: "The 16-octet (128-bit) key is 00 01 02 ... 0f, and the 32-octet (256-bit) key is 00 01 02 ... 1f." */
const KEY_128 = hex('00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f');
const KEY_256 = hex('00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f');
/** §16: "The salt used (51756964 2070726f 2071756f) comes from the ASCII string 'Quid pro quo'." */
const SALT = hex('51756964 2070726f 2071756f');

function rfcSession(profile: SrtpProfileName, options: { encryptRtcp?: boolean } = {}): SrtpSession {
  const key = Buffer.from(profile === 'SRTP_AEAD_AES_256_GCM' ? KEY_256 : KEY_128);
  const direction = { encryptionKey: key, salt: Buffer.from(SALT), authKey: Buffer.alloc(0) };
  const keys: SrtpSessionKeys = { rtp: direction, rtcp: direction };
  return createSrtpSessionFromKeys(profile, keys, options);
}

/** What `unprotect` throws for `wire` with the low bit of octet `at` flipped. */
function codeWithBitFlipped(wire: Uint8Array, at: number, unprotect: (tampered: Uint8Array) => unknown): string {
  const tampered = Uint8Array.from(wire);
  tampered[at]! ^= 0x01;
  return thrownCode(() => unprotect(tampered));
}

/** §16: "a 12-octet header (8040f17b 8041f8d3 5501a0b2) and a 38-octet payload ... 'Gallia est omnis divisa in partes tres'". */
const RTP_PACKET = hex(`8040f17b 8041f8d3 5501a0b2   // V=2 PT=64 seq=0xf17b ts=0x8041f8d3 ssrc=0x5501a0b2
                        47616c6c 69612065 7374206f 6d6e6973
                        20646976 69736120 696e2070 61727465
                        73207472 6573`);

const srtpRows = [
  {
    name: 'RFC 7714 §16.1.1/§16.1.2 SRTP AEAD_AES_128_GCM',
    profile: 'SRTP_AEAD_AES_128_GCM' as const,
    wire: hex(`8040f17b 8041f8d3 5501a0b2   // header, the AAD
               f24de3a3 fb34de6c acba861c 9d7e4bca
               be633bd5 0d294e6f 42a5f47a 51c7d19b
               36de3adf 8833
               899d 7f27beb1 6a9152cf 765ee439 0cce   // tag`),
  },
  {
    name: 'RFC 7714 §16.2.1/§16.2.2 SRTP AEAD_AES_256_GCM',
    profile: 'SRTP_AEAD_AES_256_GCM' as const,
    wire: hex(`8040f17b 8041f8d3 5501a0b2
               32b1de78 a822fe12 ef9f78fa 332e33aa
               b1801238 9a58e2f3 b50b2a02 76ffae0f
               1ba63799 b87b
               7aa3 db36dfff d6b0f9bb 7878d7a7 6c13   // tag`),
  },
];

describe('RFC 7714 §16: SRTP test vectors', () => {
  it.each(srtpRows)('$name: encrypting the packet gives the RFC\'s "encrypted and tagged packet"', ({ profile, wire }) => {
    expect(toHex(rfcSession(profile).protectRtp(RTP_PACKET))).toBe(toHex(wire));
  });

  it.each(srtpRows)('$name: decrypting the RFC\'s packet gives the header and "Gallia est omnis ..."', ({ profile, wire }) => {
    const plain = rfcSession(profile).unprotectRtp(wire);
    expect(toHex(plain)).toBe(toHex(RTP_PACKET));
    expect(plain.subarray(12).toString('latin1')).toBe('Gallia est omnis divisa in partes tres');
  });

  it.each(srtpRows.flatMap((row) => [
    { ...row, where: 'a header octet (AAD)', at: 3 },
    { ...row, where: 'the first ciphertext octet', at: 12 },
    { ...row, where: 'the last tag octet', at: row.wire.length - 1 },
  ]))('$name: one flipped bit in $where fails with AUTH_FAILED', ({ profile, wire, at }) => {
    expect(codeWithBitFlipped(wire, at, (tampered) => rfcSession(profile).unprotectRtp(tampered))).toBe('AUTH_FAILED');
  });
});

/** §17.1-§17.4 all start from this RTCP packet ("with 32-bit SRTCP index 000005d4"). */
const RTCP_PACKET = hex(`81c8000d 4d617273   // SR, SSRC 0x4d617273: the clear 8 octets
                         4e545031 4e545032 52545020 0000042a
                         0000e930 4c756e61 deadbeef deadbeef
                         deadbeef deadbeef deadbeef`);
const RTCP_SSRC = 0x4d617273;
const SRTCP_INDEX = 0x000005d4;

const srtcpRows = [
  {
    name: 'RFC 7714 §17.1 SRTCP AEAD_AES_128_GCM encryption and tagging',
    profile: 'SRTP_AEAD_AES_128_GCM' as const,
    encrypt: true,
    wire: hex(`81c8000d 4d617273
               63e94885 dcdab67c a727d766 2f6b7e99
               7ff5c0f7 6c06f32d c676a5f1 730d6fda
               4ce09b46 86303ded 0bb9275b            // ciphertext
               c84aa458 96cf4d2f c5abf872 45d9eade   // tag
               800005d4                              // E=1, index 0x5d4`),
  },
  {
    name: 'RFC 7714 §17.2 SRTCP AEAD_AES_256_GCM verification and decryption',
    profile: 'SRTP_AEAD_AES_256_GCM' as const,
    encrypt: true,
    wire: hex(`81c8000d 4d617273
               d50ae4d1 f5ce5d30 4ba297e4 7d470c28
               2c3ece5d bffe0a50 a2eaa5c1 110555be
               8415f658 c61de047 6f1b6fad
               1d1eb30c 4446839f 57ff6f6c b26ac3be   // tag
               800005d4`),
  },
  {
    name: 'RFC 7714 §17.3 SRTCP AEAD_AES_128_GCM tagging only (E=0)',
    profile: 'SRTP_AEAD_AES_128_GCM' as const,
    encrypt: false,
    wire: hex(`81c8000d 4d617273 4e545031 4e545032
               52545020 0000042a 0000e930 4c756e61
               deadbeef deadbeef deadbeef deadbeef
               deadbeef                              // the whole packet, clear (AAD)
               841dd968 3dd78ec9 2ae58790 125f62b3   // tag
               000005d4                              // E=0, index 0x5d4`),
  },
  {
    name: 'RFC 7714 §17.4 SRTCP AEAD_AES_256_GCM tag verification (E=0)',
    profile: 'SRTP_AEAD_AES_256_GCM' as const,
    encrypt: false,
    wire: hex(`81c8000d 4d617273 4e545031 4e545032
               52545020 0000042a 0000e930 4c756e61
               deadbeef deadbeef deadbeef deadbeef
               deadbeef
               91db4afb feee5a97 8fab4393 ed2615fe   // tag
               000005d4`),
  },
];

describe('RFC 7714 §17: SRTCP test vectors', () => {
  it.each(srtcpRows)('$name: protecting the packet at index 0x5d4 gives the RFC\'s bytes', ({ profile, encrypt, wire }) => {
    const session = rfcSession(profile, { encryptRtcp: encrypt });
    session.setNextRtcpIndex(RTCP_SSRC, SRTCP_INDEX);
    expect(toHex(session.protectRtcp(RTCP_PACKET))).toBe(toHex(wire));
  });

  it.each(srtcpRows)('$name: unprotecting the RFC\'s bytes gives the RTCP packet back', ({ profile, wire }) => {
    expect(toHex(rfcSession(profile).unprotectRtcp(wire))).toBe(toHex(RTCP_PACKET));
  });

  it.each(srtcpRows.flatMap((row) => [
    { ...row, where: 'the E-flag', at: row.wire.length - 4 },
    { ...row, where: 'the index', at: row.wire.length - 1 },
    { ...row, where: 'the sender SSRC', at: 7 },
    { ...row, where: 'the tag', at: row.wire.length - 5 },
  ]))('$name: one flipped bit in $where fails with AUTH_FAILED', ({ profile, wire, at }) => {
    expect(codeWithBitFlipped(wire, at, (tampered) => rfcSession(profile).unprotectRtcp(tampered))).toBe('AUTH_FAILED');
  });
});
