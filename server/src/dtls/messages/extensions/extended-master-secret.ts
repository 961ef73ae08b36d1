/**
 * extended_master_secret (RFC 7627 §5.1), extension type 23: "The
 * 'extension_data' field of this extension is empty." When both hellos carry it,
 * the master secret is derived from the session hash (crypto/key-schedule.ts).
 */
import { emptyCodec } from '../codec.ts';

export interface ExtendedMasterSecretExtension {
  readonly kind: 'extended_master_secret';
}

const codec = emptyCodec('extended_master_secret', 'extended_master_secret');
export const parseExtendedMasterSecret: (data: Uint8Array) => ExtendedMasterSecretExtension = codec.parse;
export const serializeExtendedMasterSecret: (extension: ExtendedMasterSecretExtension) => Uint8Array = codec.serialize;
