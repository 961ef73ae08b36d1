/** Handshake signatures (RFC 5246 §7.4.8, RFC 8422 §5.4) over node:crypto keys. */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SignatureScheme, serverKeyExchangeSignedData, signWithScheme, verifyWithScheme } from './signature.ts';

const ecdsa = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ed25519 = generateKeyPairSync('ed25519');
const DATA = new TextEncoder().encode('client_random ‖ server_random ‖ params');

describe('handshake signatures', () => {
  it.each([
    { scheme: SignatureScheme.ecdsa_secp256r1_sha256, keys: ecdsa },
    { scheme: SignatureScheme.ecdsa_secp384r1_sha384, keys: ecdsa },
    { scheme: SignatureScheme.rsa_pkcs1_sha256, keys: rsa },
    { scheme: SignatureScheme.rsa_pss_rsae_sha256, keys: rsa },
    { scheme: SignatureScheme.rsa_pss_rsae_sha512, keys: rsa },
    { scheme: SignatureScheme.ed25519, keys: ed25519 },
  ])('scheme 0x$scheme signs and verifies; a changed byte gives DECRYPT_ERROR', ({ scheme, keys }) => {
    const signature = signWithScheme(scheme, keys.privateKey, DATA);
    expect(() => verifyWithScheme(scheme, keys.publicKey, DATA, signature)).not.toThrow();
    const changed = Uint8Array.from(DATA);
    changed[0]! ^= 1;
    expect(() => verifyWithScheme(scheme, keys.publicKey, changed, signature)).toThrow(expect.objectContaining({ code: 'DECRYPT_ERROR' }));
  });

  it('ECDSA signatures are DER ECDSA-Sig-Value (a SEQUENCE of two INTEGERs, RFC 8422 §5.4)', () => {
    const signature = signWithScheme(SignatureScheme.ecdsa_secp256r1_sha256, ecdsa.privateKey, DATA);
    expect(signature[0]).toBe(0x30);
    expect(signature[1]).toBe(signature.length - 2);
    expect(signature.length).toBeLessThanOrEqual(72);
  });

  it.each([
    { name: 'garbage instead of DER', signature: Uint8Array.of(1, 2, 3) },
    { name: 'an empty signature', signature: new Uint8Array(0) },
  ])('a malformed signature ($name) is DECRYPT_ERROR, not an exception from OpenSSL', ({ signature }) => {
    expect(() => verifyWithScheme(SignatureScheme.ecdsa_secp256r1_sha256, ecdsa.publicKey, DATA, signature)).toThrow(
      expect.objectContaining({ code: 'DECRYPT_ERROR' }),
    );
  });

  it('a key that does not fit the scheme is BAD_CERTIFICATE; an unknown scheme is UNSUPPORTED_SIGNATURE_SCHEME', () => {
    expect(() => signWithScheme(SignatureScheme.ecdsa_secp256r1_sha256, rsa.privateKey, DATA)).toThrow(expect.objectContaining({ code: 'BAD_CERTIFICATE' }));
    expect(() => verifyWithScheme(SignatureScheme.rsa_pkcs1_sha256, ecdsa.publicKey, DATA, new Uint8Array(64))).toThrow(
      expect.objectContaining({ code: 'BAD_CERTIFICATE' }),
    );
    expect(() => verifyWithScheme(SignatureScheme.rsa_pkcs1_sha1, rsa.publicKey, DATA, new Uint8Array(256))).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_SIGNATURE_SCHEME' }),
    );
  });

  it('ServerKeyExchange signs client_random ‖ server_random ‖ params, in that order', () => {
    const client = new Uint8Array(32).fill(1);
    const server = new Uint8Array(32).fill(2);
    expect(serverKeyExchangeSignedData(client, server, Uint8Array.of(3, 0, 29))).toEqual(Uint8Array.of(...client, ...server, 3, 0, 29));
    expect(() => serverKeyExchangeSignedData(client, new Uint8Array(31), new Uint8Array(0))).toThrow(RangeError);
  });
});
