/** ECDHE key agreement (RFC 8422) over X25519 (RFC 7748) and secp256r1. */
import { describe, expect, it } from 'vitest';
import { hexBytes, toHex } from '../test-support.ts';
import { NamedGroup, generateEcdheKeyPair } from './ecdhe.ts';

/** RFC 7748 §6.1. */
const RFC7748 = {
  alicePrivate: '77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a',
  alicePublic: '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a',
  bobPrivate: '5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb',
  bobPublic: 'de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f',
  shared: '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742',
};

describe('ECDHE', () => {
  it('x25519 reproduces RFC 7748 §6.1: raw 32-byte public keys and shared secret', () => {
    const alice = generateEcdheKeyPair(NamedGroup.x25519, { privateKey: hexBytes(RFC7748.alicePrivate) });
    const bob = generateEcdheKeyPair(NamedGroup.x25519, { privateKey: hexBytes(RFC7748.bobPrivate) });
    expect(toHex(alice.publicKey)).toBe(RFC7748.alicePublic);
    expect(toHex(bob.publicKey)).toBe(RFC7748.bobPublic);
    expect(toHex(alice.computePreMasterSecret(bob.publicKey))).toBe(RFC7748.shared);
    expect(toHex(bob.computePreMasterSecret(alice.publicKey))).toBe(RFC7748.shared);
  });

  it.each([NamedGroup.x25519, NamedGroup.secp256r1])('group 0x%s: two fresh key pairs agree on a 32-byte premaster secret', (group) => {
    const a = generateEcdheKeyPair(group);
    const b = generateEcdheKeyPair(group);
    expect(a.publicKey.length).toBe(group === NamedGroup.x25519 ? 32 : 65);
    const secret = a.computePreMasterSecret(b.publicKey);
    expect(secret.length).toBe(32);
    expect(b.computePreMasterSecret(a.publicKey)).toEqual(secret);
    expect(generateEcdheKeyPair(group).publicKey).not.toEqual(a.publicKey);
  });

  it('secp256r1 public keys are uncompressed points (0x04 ‖ X ‖ Y)', () => {
    expect(generateEcdheKeyPair(NamedGroup.secp256r1).publicKey[0]).toBe(0x04);
  });

  const p256 = generateEcdheKeyPair(NamedGroup.secp256r1);
  const compressed = Uint8Array.of(0x02, ...p256.publicKey.subarray(1, 33));
  const offCurve = Uint8Array.from(p256.publicKey);
  offCurve[64]! ^= 0x01;
  it.each([
    { name: 'x25519 key of 31 bytes', group: NamedGroup.x25519, peer: new Uint8Array(31) },
    { name: 'x25519 all-zero key (small order: shared secret all zeros, RFC 8422 §5.11)', group: NamedGroup.x25519, peer: new Uint8Array(32) },
    { name: 'x25519 key u=1 (small order)', group: NamedGroup.x25519, peer: Uint8Array.of(1, ...new Uint8Array(31)) },
    { name: 'secp256r1 compressed point (RFC 8422 §5.4.1 allows only uncompressed)', group: NamedGroup.secp256r1, peer: compressed },
    { name: 'secp256r1 point off the curve', group: NamedGroup.secp256r1, peer: offCurve },
    { name: 'secp256r1 x25519-sized key', group: NamedGroup.secp256r1, peer: new Uint8Array(32) },
  ])('rejects a $name with BAD_PUBLIC_KEY', ({ group, peer }) => {
    expect(() => generateEcdheKeyPair(group).computePreMasterSecret(peer)).toThrow(expect.objectContaining({ code: 'BAD_PUBLIC_KEY' }));
  });

  it('refuses groups it cannot compute (X25519MLKEM768, secp384r1) with UNSUPPORTED_GROUP', () => {
    for (const group of [NamedGroup.X25519MLKEM768, NamedGroup.secp384r1]) {
      expect(() => generateEcdheKeyPair(group)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_GROUP' }));
    }
  });
});
