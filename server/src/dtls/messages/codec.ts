/**
 * The parse/serialize pair behind every handshake body and hello extension, and the
 * helpers the two dispatch tables (handshake-body.ts, extensions/extension.ts) share.
 */
import { readAll } from '../wire.ts';

export interface Codec<T> {
  /** Throws DtlsError for malformed input. */
  readonly parse: (bytes: Uint8Array) => T;
  /** Throws RangeError for a value that cannot be encoded. */
  readonly serialize: (value: T) => Uint8Array;
}

/** One codec per member of a union tagged by `kind`. */
export type CodecTable<U extends { readonly kind: string }> = { readonly [K in U['kind']]: Codec<Extract<U, { kind: K }>> };

/** A codec for `struct { }` (HelloRequest, ServerHelloDone, extended_master_secret): any byte is TRAILING_BYTES. */
export function emptyCodec<K extends string>(kind: K, context: string): Codec<{ readonly kind: K }> {
  return {
    parse: (bytes) => readAll(bytes, context, () => ({ kind })),
    serialize: () => new Uint8Array(0),
  };
}

/** The kind for each wire type number, for dispatching on a parsed type field. */
export function kindByWireType<K extends string>(wireTypes: { readonly [P in K]: number }, kinds: readonly K[]): ReadonlyMap<number, K> {
  return new Map(kinds.map((kind) => [wireTypes[kind], kind]));
}
