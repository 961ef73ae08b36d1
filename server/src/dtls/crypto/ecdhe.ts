/**
 * Ephemeral ECDH for the ECDHE suites (RFC 8422): X25519 (RFC 7748) and secp256r1.
 *
 * Public keys travel as the ServerKeyExchange/ClientKeyExchange `point` (RFC 8422 §5.4, §5.7):
 * - x25519: the raw 32-byte u-coordinate (RFC 8422 §5.11).
 * - secp256r1: the 65-byte uncompressed point 0x04 ‖ X ‖ Y (RFC 8422 §5.4.1: compressed
 *   points are deprecated and only the uncompressed format may be used).
 *
 * The premaster secret is the raw shared secret: the 32-byte X25519 output, or the
 * 32-byte x-coordinate of the shared P-256 point (RFC 8422 §5.10).
 */
import { type ECDH, type KeyObject, createECDH, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync } from 'node:crypto';
import { DtlsError } from '../errors.ts';

/** RFC 8422 §5.1.1 / RFC 8446 §4.2.7 NamedGroup values seen in WebRTC ClientHellos. */
export const NamedGroup = {
  secp256r1: 0x0017,
  secp384r1: 0x0018,
  secp521r1: 0x0019,
  x25519: 0x001d,
  x448: 0x001e,
  /** draft-ietf-tls-ecdhe-mlkem: hybrid post-quantum, TLS/DTLS 1.3 only (Chromium offers it). */
  X25519MLKEM768: 0x11ec,
} as const;

/** The groups we can compute with, in our preference order (X25519 first). */
export const SUPPORTED_GROUPS = [NamedGroup.x25519, NamedGroup.secp256r1] as const;
export type SupportedGroup = (typeof SUPPORTED_GROUPS)[number];

export function isSupportedGroup(group: number): group is SupportedGroup {
  return (SUPPORTED_GROUPS as readonly number[]).includes(group);
}

const X25519_KEY_LENGTH = 32;
const P256_POINT_LENGTH = 65;
const UNCOMPRESSED_POINT = 0x04;
/** PKCS #8 wrapping of a raw X25519 private key (RFC 8410 §7): SEQUENCE { 0, { id-X25519 }, OCTET STRING { OCTET STRING key } }. */
const X25519_PKCS8_PREFIX = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20]);

/** One side's ephemeral key pair. The private key never leaves the object. */
export interface EcdheKeyPair {
  readonly group: SupportedGroup;
  /** The encoded public point to send. */
  readonly publicKey: Uint8Array;
  /** The premaster secret with the peer's encoded point; throws BAD_PUBLIC_KEY for an invalid point. */
  computePreMasterSecret(peerPublicKey: Uint8Array): Uint8Array;
}

/**
 * A fresh key pair for `group`. `privateKey` (raw scalar: 32 bytes for either group)
 * exists for test vectors; production code leaves it out.
 */
export function generateEcdheKeyPair(group: number, options: { privateKey?: Uint8Array } = {}): EcdheKeyPair {
  if (group === NamedGroup.x25519) return new X25519KeyPair(options.privateKey);
  if (group === NamedGroup.secp256r1) return new P256KeyPair(options.privateKey);
  throw new DtlsError('UNSUPPORTED_GROUP', `dtls: named group 0x${group.toString(16).padStart(4, '0')} is not supported`);
}

class X25519KeyPair implements EcdheKeyPair {
  readonly group = NamedGroup.x25519;
  readonly publicKey: Uint8Array;
  readonly #privateKey: KeyObject;

  constructor(rawPrivateKey?: Uint8Array) {
    if (rawPrivateKey === undefined) {
      this.#privateKey = generateKeyPairSync('x25519').privateKey;
    } else {
      if (rawPrivateKey.length !== X25519_KEY_LENGTH) throw new RangeError(`dtls: X25519 private key must be 32 bytes, got ${rawPrivateKey.length}`);
      const der = Buffer.concat([X25519_PKCS8_PREFIX, rawPrivateKey]);
      this.#privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    }
    this.publicKey = rawX25519PublicKey(createPublicKey(this.#privateKey));
  }

  computePreMasterSecret(peerPublicKey: Uint8Array): Uint8Array {
    if (peerPublicKey.length !== X25519_KEY_LENGTH) {
      throw new DtlsError('BAD_PUBLIC_KEY', `dtls: x25519 public key of ${peerPublicKey.length} bytes, want ${X25519_KEY_LENGTH}`);
    }
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: Buffer.from(peerPublicKey).toString('base64url') }, format: 'jwk' });
    let secret: Uint8Array;
    try {
      secret = new Uint8Array(diffieHellman({ privateKey: this.#privateKey, publicKey }));
    } catch (error) {
      throw new DtlsError('BAD_PUBLIC_KEY', 'dtls: x25519 key agreement failed', { cause: error });
    }
    // RFC 8422 §5.11: abort if the shared secret is all zeros (a small-order peer point).
    if (secret.every((byte) => byte === 0)) throw new DtlsError('BAD_PUBLIC_KEY', 'dtls: x25519 shared secret is all zeros');
    return secret;
  }
}

function rawX25519PublicKey(key: KeyObject): Uint8Array {
  const jwk = key.export({ format: 'jwk' });
  return new Uint8Array(Buffer.from(jwk.x ?? '', 'base64url'));
}

class P256KeyPair implements EcdheKeyPair {
  readonly group = NamedGroup.secp256r1;
  readonly publicKey: Uint8Array;
  readonly #ecdh: ECDH;

  constructor(rawPrivateKey?: Uint8Array) {
    this.#ecdh = createECDH('prime256v1');
    if (rawPrivateKey === undefined) this.#ecdh.generateKeys();
    else this.#ecdh.setPrivateKey(rawPrivateKey);
    this.publicKey = new Uint8Array(this.#ecdh.getPublicKey(null, 'uncompressed'));
  }

  computePreMasterSecret(peerPublicKey: Uint8Array): Uint8Array {
    if (peerPublicKey.length !== P256_POINT_LENGTH || peerPublicKey[0] !== UNCOMPRESSED_POINT) {
      throw new DtlsError('BAD_PUBLIC_KEY', `dtls: secp256r1 point must be 65 bytes starting 0x04 (uncompressed), got ${peerPublicKey.length} bytes`);
    }
    try {
      // OpenSSL rejects points that are not on the curve (and the point at infinity).
      return new Uint8Array(this.#ecdh.computeSecret(peerPublicKey));
    } catch (error) {
      throw new DtlsError('BAD_PUBLIC_KEY', 'dtls: secp256r1 point is not on the curve', { cause: error });
    }
  }
}
