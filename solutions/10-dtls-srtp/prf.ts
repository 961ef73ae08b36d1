/**
 * Exercise 10-dtls-srtp, part 1: the TLS 1.2 PRF and the exporter (reference solution).
 * See exercises/10-dtls-srtp/prf.ts for the contract.
 *
 * The SFU's DTLS already has both: server/src/dtls/crypto/prf.ts (P_hash and the PRF, one loop)
 * and server/src/dtls/crypto/exporter.ts (RFC 5705). This file only gives them the exercise's
 * names. P_hash is the PRF with an empty label, since the label is just a prefix of the seed.
 */
import { exportKeyingMaterial as dtlsExportKeyingMaterial, prf as dtlsPrf, type PrfHash } from '#server/dtls/index.ts';

export type { PrfHash };

/** The production exporter's options: hash, masterSecret, label, clientRandom, serverRandom, context?, length. */
export type ExporterOptions = Parameters<typeof dtlsExportKeyingMaterial>[0];

export function pHash(hash: PrfHash, secret: Uint8Array, seed: Uint8Array, length: number): Uint8Array {
  return dtlsPrf(hash, secret, '', seed, length);
}

export function prf(hash: PrfHash, secret: Uint8Array, label: string, seed: Uint8Array, length: number): Uint8Array {
  return dtlsPrf(hash, secret, label, seed, length);
}

export function exportKeyingMaterial(options: ExporterOptions): Uint8Array {
  return dtlsExportKeyingMaterial(options);
}
