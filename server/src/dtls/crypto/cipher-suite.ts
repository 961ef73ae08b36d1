/**
 * The cipher suites this implementation speaks: ECDHE key exchange, ECDSA
 * authentication, AEAD record protection (RFC 8422 §6, RFC 5289 §3.2, RFC 7905 §2).
 *
 *   TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256       {0xC0,0x2B}  RFC 5289
 *   TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384       {0xC0,0x2C}  RFC 5289
 *   TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 {0xCC,0xA9}  RFC 7905
 *
 * AEAD suites have no MAC key (RFC 5246 §6.3: mac_key_length 0). GCM uses a 4-byte
 * implicit salt plus an 8-byte explicit nonce sent in each record (RFC 5288 §3);
 * ChaCha20-Poly1305 uses a 12-byte IV XORed with the record number and sends no
 * explicit nonce (RFC 7905 §2).
 */
import { getCiphers } from 'node:crypto';
import { DtlsError } from '../errors.ts';

export const CipherSuiteId = {
  TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: 0xc02b,
  TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: 0xc02c,
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256: 0xcca9,
} as const;
export type CipherSuiteId = (typeof CipherSuiteId)[keyof typeof CipherSuiteId];

/** RFC 5746 §3.3: signals secure renegotiation support in place of an empty renegotiation_info. */
export const TLS_EMPTY_RENEGOTIATION_INFO_SCSV = 0x00ff;

export type PrfHash = 'sha256' | 'sha384';
export type AeadAlgorithm = 'aes-128-gcm' | 'aes-256-gcm' | 'chacha20-poly1305';

export interface CipherSuite {
  readonly id: CipherSuiteId;
  readonly name: keyof typeof CipherSuiteId;
  /** The OpenSSL/Node cipher name. */
  readonly aead: AeadAlgorithm;
  /** enc_key_length (RFC 5246 §6.3). */
  readonly keyLength: number;
  /** fixed_iv_length: the implicit part of the nonce taken from the key block. */
  readonly fixedIvLength: number;
  /** record_iv_length: the explicit nonce carried in front of each ciphertext (RFC 5288 §3). */
  readonly explicitNonceLength: number;
  readonly tagLength: number;
  /** The PRF hash (RFC 5246 §5, RFC 5289 §3.2), also used for Finished and the exporter. */
  readonly prfHash: PrfHash;
  /** RFC 5246 §7.4.9: verify_data_length, 12 unless a suite says otherwise. */
  readonly verifyDataLength: number;
}

const SUITES: readonly CipherSuite[] = [
  {
    id: CipherSuiteId.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
    name: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
    aead: 'aes-128-gcm',
    keyLength: 16,
    fixedIvLength: 4,
    explicitNonceLength: 8,
    tagLength: 16,
    prfHash: 'sha256',
    verifyDataLength: 12,
  },
  {
    id: CipherSuiteId.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    name: 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
    aead: 'aes-256-gcm',
    keyLength: 32,
    fixedIvLength: 4,
    explicitNonceLength: 8,
    tagLength: 16,
    prfHash: 'sha384',
    verifyDataLength: 12,
  },
  {
    id: CipherSuiteId.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    name: 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
    aead: 'chacha20-poly1305',
    keyLength: 32,
    fixedIvLength: 12,
    explicitNonceLength: 0,
    tagLength: 16,
    prfHash: 'sha256',
    verifyDataLength: 12,
  },
];

const AVAILABLE_CIPHERS = new Set(getCiphers());

/** The suites whose AEAD this Node build has (chacha20-poly1305 needs OpenSSL ≥ 1.1.0), in our preference order. */
export const SUPPORTED_CIPHER_SUITES: readonly CipherSuite[] = SUITES.filter((suite) => AVAILABLE_CIPHERS.has(suite.aead));

const BY_ID = new Map<number, CipherSuite>(SUPPORTED_CIPHER_SUITES.map((suite) => [suite.id, suite]));

/** The suite with this id, or undefined if we do not implement it. */
export function findCipherSuite(id: number): CipherSuite | undefined {
  return BY_ID.get(id);
}

/** The suite with this id; throws UNSUPPORTED_CIPHER_SUITE (e.g. a ServerHello choosing one we did not offer). */
export function requireCipherSuite(id: number): CipherSuite {
  const suite = BY_ID.get(id);
  if (suite === undefined) {
    throw new DtlsError('UNSUPPORTED_CIPHER_SUITE', `dtls: cipher suite 0x${id.toString(16).padStart(4, '0')} is not supported`);
  }
  return suite;
}
