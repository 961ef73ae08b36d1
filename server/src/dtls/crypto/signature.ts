/**
 * Handshake signatures: ServerKeyExchange (RFC 8422 §5.4) and CertificateVerify
 * (RFC 5246 §7.4.8).
 *
 * In TLS 1.2 a SignatureAndHashAlgorithm is {hash, signature} (RFC 5246 §7.4.1.4.1);
 * its two bytes are the same code points TLS 1.3 calls SignatureScheme, which is the
 * name used here. Signing hashes the data itself, so callers pass the signed bytes:
 *
 *   ServerKeyExchange: client_random ‖ server_random ‖ ServerECDHParams   (RFC 8422 §5.4)
 *   CertificateVerify: handshake_messages, all messages up to but not including
 *                      this one, in their unfragmented DTLS form (RFC 6347 §4.2.6):
 *                      `transcript.bytes()`.
 *
 * ECDSA signatures are DER `ECDSA-Sig-Value` (RFC 8422 §5.4), hence dsaEncoding 'der'.
 * We sign only with ecdsa_secp256r1_sha256 (our certificate is P-256); verification
 * also accepts the RSA and other ECDSA schemes a peer certificate may need.
 */
import { type KeyObject, constants, sign, verify } from 'node:crypto';
import { DtlsError } from '../errors.ts';
import { concatBytes } from '../wire.ts';
import { checkRandoms } from './key-schedule.ts';

export const SignatureScheme = {
  rsa_pkcs1_sha256: 0x0401,
  ecdsa_secp256r1_sha256: 0x0403,
  rsa_pkcs1_sha384: 0x0501,
  ecdsa_secp384r1_sha384: 0x0503,
  rsa_pkcs1_sha512: 0x0601,
  ecdsa_secp521r1_sha512: 0x0603,
  rsa_pss_rsae_sha256: 0x0804,
  rsa_pss_rsae_sha384: 0x0805,
  rsa_pss_rsae_sha512: 0x0806,
  ed25519: 0x0807,
  /** {sha1, rsa}: offered by Chromium for legacy peers; never used here. */
  rsa_pkcs1_sha1: 0x0201,
} as const;

/** What we sign with, in preference order (a WebRTC certificate is ECDSA P-256). */
export const SUPPORTED_SIGNATURE_SCHEMES = [SignatureScheme.ecdsa_secp256r1_sha256] as const;

interface SchemeParameters {
  /** Digest for node:crypto, or null for EdDSA (which hashes internally). */
  readonly hash: 'sha256' | 'sha384' | 'sha512' | null;
  /** The KeyObject.asymmetricKeyType values the scheme accepts. */
  readonly keyTypes: readonly string[];
  readonly pss?: true;
}

const SCHEMES = new Map<number, SchemeParameters>([
  [SignatureScheme.ecdsa_secp256r1_sha256, { hash: 'sha256', keyTypes: ['ec'] }],
  [SignatureScheme.ecdsa_secp384r1_sha384, { hash: 'sha384', keyTypes: ['ec'] }],
  [SignatureScheme.ecdsa_secp521r1_sha512, { hash: 'sha512', keyTypes: ['ec'] }],
  [SignatureScheme.rsa_pkcs1_sha256, { hash: 'sha256', keyTypes: ['rsa'] }],
  [SignatureScheme.rsa_pkcs1_sha384, { hash: 'sha384', keyTypes: ['rsa'] }],
  [SignatureScheme.rsa_pkcs1_sha512, { hash: 'sha512', keyTypes: ['rsa'] }],
  [SignatureScheme.rsa_pss_rsae_sha256, { hash: 'sha256', keyTypes: ['rsa'], pss: true }],
  [SignatureScheme.rsa_pss_rsae_sha384, { hash: 'sha384', keyTypes: ['rsa'], pss: true }],
  [SignatureScheme.rsa_pss_rsae_sha512, { hash: 'sha512', keyTypes: ['rsa'], pss: true }],
  [SignatureScheme.ed25519, { hash: null, keyTypes: ['ed25519'] }],
]);

function schemeFor(scheme: number, key: KeyObject, use: string): SchemeParameters {
  const parameters = SCHEMES.get(scheme);
  if (parameters === undefined) {
    throw new DtlsError('UNSUPPORTED_SIGNATURE_SCHEME', `dtls: signature scheme 0x${scheme.toString(16).padStart(4, '0')} is not supported`);
  }
  if (!parameters.keyTypes.includes(key.asymmetricKeyType ?? '')) {
    throw new DtlsError('BAD_CERTIFICATE', `dtls: a ${key.asymmetricKeyType ?? 'non-asymmetric'} key cannot ${use} with scheme 0x${scheme.toString(16)}`);
  }
  return parameters;
}

function keyOptions(key: KeyObject, parameters: SchemeParameters) {
  // RFC 8446 §4.2.3: RSASSA-PSS salt length equals the digest length.
  return parameters.pss
    ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
    : { key, dsaEncoding: 'der' as const };
}

/** Signs `data` with `privateKey` under `scheme`. */
export function signWithScheme(scheme: number, privateKey: KeyObject, data: Uint8Array): Uint8Array {
  const parameters = schemeFor(scheme, privateKey, 'sign');
  return new Uint8Array(sign(parameters.hash, data, keyOptions(privateKey, parameters)));
}

/**
 * Checks `signature` over `data`; throws DECRYPT_ERROR if it does not verify
 * (RFC 5246 §7.4.8 / RFC 8422 §5.4 call for decrypt_error), BAD_CERTIFICATE if the
 * key cannot be used with `scheme`, UNSUPPORTED_SIGNATURE_SCHEME for an unknown scheme.
 */
export function verifyWithScheme(scheme: number, publicKey: KeyObject, data: Uint8Array, signature: Uint8Array): void {
  const parameters = schemeFor(scheme, publicKey, 'verify');
  let valid: boolean;
  try {
    valid = verify(parameters.hash, data, keyOptions(publicKey, parameters), signature);
  } catch (error) {
    // OpenSSL throws rather than returning false for some malformed signatures.
    throw new DtlsError('DECRYPT_ERROR', 'dtls: malformed signature', { cause: error });
  }
  if (!valid) throw new DtlsError('DECRYPT_ERROR', `dtls: signature (scheme 0x${scheme.toString(16)}) does not verify`);
}

/** RFC 8422 §5.4: the bytes a ServerKeyExchange signature covers. `params` is the serialized ServerECDHParams. */
export function serverKeyExchangeSignedData(clientRandom: Uint8Array, serverRandom: Uint8Array, params: Uint8Array): Uint8Array {
  checkRandoms(clientRandom, serverRandom);
  return concatBytes(clientRandom, serverRandom, params);
}
