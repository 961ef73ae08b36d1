/**
 * Exercise 10-dtls-srtp, part 1: the TLS 1.2 pseudorandom function (RFC 5246 §5) and the
 * keying-material exporter built on it (RFC 5705 §4), which DTLS-SRTP uses to hand keys to SRTP.
 *
 * Every secret of a DTLS 1.2 session comes out of this one function: the master secret, the
 * key block that encrypts the records, the Finished messages' verify_data, and the SRTP master
 * keys. Write it once and the whole key schedule is a few calls.
 *
 * pHash(hash, secret, seed, length)                                     RFC 5246 §5, P_hash
 *
 *   A(0) = seed
 *   A(i) = HMAC_hash(secret, A(i-1))
 *   P_hash(secret, seed) = HMAC_hash(secret, A(1) + seed) +
 *                          HMAC_hash(secret, A(2) + seed) +
 *                          HMAC_hash(secret, A(3) + seed) + ...      ('+' is concatenation)
 *
 *   Iterate as far as needed for `length` bytes and return exactly the first `length` of them
 *   (a new Uint8Array; 0 gives an empty one). `hash` is 'sha256' (32-byte blocks, every TLS 1.2
 *   suite unless it names another) or 'sha384' (48-byte blocks, the *_SHA384 suites, RFC 5289).
 *   node:crypto's createHmac(hash, secret).update(...).digest() is the HMAC.
 *   RangeError when `length` is not a non-negative integer.
 *
 * prf(hash, secret, label, seed, length)                                RFC 5246 §5, PRF
 *
 *   PRF(secret, label, seed) = P_<hash>(secret, label + seed)
 *
 *   `label` is ASCII text, used as its bytes, "without a length byte or trailing null".
 *   The labels of TLS 1.2: "master secret", "extended master secret" (RFC 7627), "key expansion",
 *   "client finished", "server finished", and exporter labels such as "EXTRACTOR-dtls_srtp".
 *   RangeError as for pHash.
 *
 *   prf('sha256', <16 bytes 9b be 43 …>, 'test label', <16 bytes a0 ba 9f …>, 100)
 *     -> e3 f2 29 ba 72 7b e1 7b …   (100 bytes)
 *
 * exportKeyingMaterial({ hash, masterSecret, label, clientRandom, serverRandom, context?, length })
 *                                                                          RFC 5705 §4
 *   PRF(master_secret, label, client_random + server_random [+ context_length + context])[length]
 *
 *   clientRandom and serverRandom are the 32-byte randoms of ClientHello and ServerHello
 *   (RangeError for any other length), client first. Without `context` (undefined) the seed is
 *   just the two randoms. With a context, even an empty one, the seed continues with its length
 *   as a 2-byte big-endian number and then its bytes, so "no context" and "empty context" give
 *   different keys, as RFC 5705 requires (RangeError for a context over 65535 bytes).
 *
 *   DTLS-SRTP (RFC 5764 §4.2) calls it with label "EXTRACTOR-dtls_srtp", no context, and
 *   length 2 × (master key + master salt) of the negotiated SRTP profile: 60 bytes for
 *   SRTP_AES128_CM_HMAC_SHA1_80, 56 for SRTP_AEAD_AES_128_GCM. srtp-kdf.ts splits the result.
 */

export type PrfHash = 'sha256' | 'sha384';

export interface ExporterOptions {
  readonly hash: PrfHash;
  readonly masterSecret: Uint8Array;
  readonly label: string;
  readonly clientRandom: Uint8Array;
  readonly serverRandom: Uint8Array;
  readonly context?: Uint8Array;
  readonly length: number;
}

export function pHash(hash: PrfHash, secret: Uint8Array, seed: Uint8Array, length: number): Uint8Array {
  throw new Error('TODO: P_hash: A(i) = HMAC(secret, A(i-1)), output HMAC(secret, A(i) + seed) blocks, cut to length');
}

export function prf(hash: PrfHash, secret: Uint8Array, label: string, seed: Uint8Array, length: number): Uint8Array {
  throw new Error('TODO: PRF(secret, label, seed) = P_hash(secret, label bytes + seed)');
}

export function exportKeyingMaterial(options: ExporterOptions): Uint8Array {
  throw new Error('TODO: PRF(master secret, label, client random + server random [+ 2-byte context length + context])');
}
