/**
 * Keying material exporters (RFC 5705 §4).
 *
 *   PRF(master_secret, label, client_random + server_random
 *       [+ context_value_length + context_value])[length]
 *
 * DTLS-SRTP (RFC 5764 §4.2) calls this with the label "EXTRACTOR-dtls_srtp" and no
 * context; how the output splits into SRTP keys and salts belongs to the srtp
 * module (`splitKeyingMaterial`), which knows the profiles' key lengths.
 */
import { concatBytes, writeU16 } from '../wire.ts';
import type { PrfHash } from './cipher-suite.ts';
import { checkRandoms } from './key-schedule.ts';
import { prf } from './prf.ts';

/** RFC 5705 §4. Omitting `context` and passing an empty one give different results, as the RFC requires. */
export function exportKeyingMaterial(options: {
  hash: PrfHash;
  masterSecret: Uint8Array;
  label: string;
  clientRandom: Uint8Array;
  serverRandom: Uint8Array;
  context?: Uint8Array;
  length: number;
}): Uint8Array {
  checkRandoms(options.clientRandom, options.serverRandom);
  const parts = [options.clientRandom, options.serverRandom];
  if (options.context !== undefined) {
    if (options.context.length > 0xffff) throw new RangeError(`dtls: exporter context of ${options.context.length} bytes > 65535`);
    const contextLength = new Uint8Array(2);
    writeU16(contextLength, 0, options.context.length);
    parts.push(contextLength, options.context);
  }
  return prf(options.hash, options.masterSecret, options.label, concatBytes(...parts), options.length);
}
