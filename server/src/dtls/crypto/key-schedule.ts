/**
 * The TLS 1.2 key schedule on top of the PRF (RFC 5246 §6.3, §7.4.9, §8.1; RFC 7627 §4).
 *
 *   master_secret = PRF(pre_master_secret, "master secret",
 *                       ClientHello.random + ServerHello.random)[0..47]
 *   master_secret = PRF(pre_master_secret, "extended master secret",
 *                       session_hash)[0..47]                              (RFC 7627 §4)
 *   key_block     = PRF(master_secret, "key expansion",
 *                       server_random + client_random)
 *   verify_data   = PRF(master_secret, finished_label, Hash(handshake_messages))
 *                       [0..verify_data_length-1]
 *
 * session_hash is Hash(handshake messages up to and including ClientKeyExchange),
 * hashed with the PRF hash (RFC 7627 §3): `transcript.hash(suite.prfHash)` taken
 * right after the ClientKeyExchange is added.
 */
import { timingSafeEqual } from 'node:crypto';
import { DtlsError } from '../errors.ts';
import { RANDOM_LENGTH } from '../messages/client-hello.ts';
import { checkLength, concatBytes } from '../wire.ts';
import type { CipherSuite, PrfHash } from './cipher-suite.ts';
import { prf } from './prf.ts';

export const MASTER_SECRET_LENGTH = 48;

/** Throws a RangeError unless both hello randoms are 32 bytes (RFC 5246 §7.4.1.2). */
export function checkRandoms(clientRandom: Uint8Array, serverRandom: Uint8Array): void {
  checkLength('clientRandom', clientRandom, RANDOM_LENGTH);
  checkLength('serverRandom', serverRandom, RANDOM_LENGTH);
}

export function masterSecret(options: {
  hash: PrfHash;
  preMasterSecret: Uint8Array;
  clientRandom: Uint8Array;
  serverRandom: Uint8Array;
}): Uint8Array {
  checkRandoms(options.clientRandom, options.serverRandom);
  const seed = concatBytes(options.clientRandom, options.serverRandom);
  return prf(options.hash, options.preMasterSecret, 'master secret', seed, MASTER_SECRET_LENGTH);
}

/** RFC 7627 §4; `sessionHash` = Hash(ClientHello … ClientKeyExchange) with the PRF hash. */
export function extendedMasterSecret(options: { hash: PrfHash; preMasterSecret: Uint8Array; sessionHash: Uint8Array }): Uint8Array {
  return prf(options.hash, options.preMasterSecret, 'extended master secret', options.sessionHash, MASTER_SECRET_LENGTH);
}

/** The per-direction traffic keys of an AEAD suite (RFC 5246 §6.3; the MAC keys are empty). */
export interface TrafficKeys {
  readonly clientWriteKey: Uint8Array;
  readonly serverWriteKey: Uint8Array;
  readonly clientWriteIv: Uint8Array;
  readonly serverWriteIv: Uint8Array;
}

/**
 * RFC 5246 §6.3: the key block is partitioned as client_write_MAC_key,
 * server_write_MAC_key (both empty for AEAD), client_write_key, server_write_key,
 * client_write_IV, server_write_IV. Note the seed order: server_random first.
 */
export function expandTrafficKeys(options: {
  suite: CipherSuite;
  masterSecret: Uint8Array;
  clientRandom: Uint8Array;
  serverRandom: Uint8Array;
}): TrafficKeys {
  const { suite } = options;
  checkLength('masterSecret', options.masterSecret, MASTER_SECRET_LENGTH);
  checkRandoms(options.clientRandom, options.serverRandom);
  const seed = concatBytes(options.serverRandom, options.clientRandom);
  const length = 2 * suite.keyLength + 2 * suite.fixedIvLength;
  const block = prf(suite.prfHash, options.masterSecret, 'key expansion', seed, length);
  let offset = 0;
  const take = (count: number): Uint8Array => block.slice(offset, (offset += count));
  return {
    clientWriteKey: take(suite.keyLength),
    serverWriteKey: take(suite.keyLength),
    clientWriteIv: take(suite.fixedIvLength),
    serverWriteIv: take(suite.fixedIvLength),
  };
}

/** Who sent the Finished message: the client uses "client finished", the server "server finished". */
export type Role = 'client' | 'server';

/**
 * RFC 5246 §7.4.9 verify_data. `handshakeHash` is Hash(all handshake messages
 * before this Finished), in DTLS computed on the unfragmented form (RFC 6347 §4.2.6):
 * `transcript.hash(suite.prfHash)`.
 */
export function computeVerifyData(options: { suite: CipherSuite; masterSecret: Uint8Array; sender: Role; handshakeHash: Uint8Array }): Uint8Array {
  const label = options.sender === 'client' ? 'client finished' : 'server finished';
  return prf(options.suite.prfHash, options.masterSecret, label, options.handshakeHash, options.suite.verifyDataLength);
}

/** Compares a received verify_data in constant time; throws DECRYPT_ERROR on a mismatch (RFC 5246 §7.4.9). */
export function checkVerifyData(received: Uint8Array, expected: Uint8Array): void {
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
    throw new DtlsError('DECRYPT_ERROR', 'dtls: Finished verify_data does not match the handshake');
  }
}
