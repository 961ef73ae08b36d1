/**
 * Hello extensions (RFC 5246 §7.4.1.4).
 *
 *   struct {
 *       ExtensionType extension_type;
 *       opaque extension_data<0..2^16-1>;
 *   } Extension;
 *
 *   Extension extensions<0..2^16-1>;       // at the end of ClientHello / ServerHello
 *
 * The extensions DTLS 1.2 negotiation needs are typed; every other one (including
 * the DTLS 1.3 ones Chromium sends: supported_versions, key_share,
 * psk_key_exchange_modes, cookie…) is kept raw. Order is preserved either way, so a
 * hello re-serializes byte for byte.
 */
import { DtlsError } from '../../errors.ts';
import { Reader, Writer } from '../../wire.ts';
import { type Codec, type CodecTable, kindByWireType } from '../codec.ts';
import { type EcPointFormatsExtension, parseEcPointFormats, serializeEcPointFormats } from './ec-point-formats.ts';
import { type ExtendedMasterSecretExtension, parseExtendedMasterSecret, serializeExtendedMasterSecret } from './extended-master-secret.ts';
import { type RenegotiationInfoExtension, parseRenegotiationInfo, serializeRenegotiationInfo } from './renegotiation-info.ts';
import { type SignatureAlgorithmsExtension, parseSignatureAlgorithms, serializeSignatureAlgorithms } from './signature-algorithms.ts';
import { type SupportedGroupsExtension, parseSupportedGroups, serializeSupportedGroups } from './supported-groups.ts';
import { type UseSrtpExtension, parseUseSrtp, serializeUseSrtp } from './use-srtp.ts';

/** IANA TLS ExtensionType values that appear in WebRTC hellos. */
export const ExtensionType = {
  server_name: 0,
  supported_groups: 10,
  ec_point_formats: 11,
  signature_algorithms: 13,
  use_srtp: 14,
  application_layer_protocol_negotiation: 16,
  padding: 21,
  encrypt_then_mac: 22,
  extended_master_secret: 23,
  record_size_limit: 28,
  session_ticket: 35,
  pre_shared_key: 41,
  early_data: 42,
  supported_versions: 43,
  cookie: 44,
  psk_key_exchange_modes: 45,
  key_share: 51,
  connection_id: 54,
  renegotiation_info: 0xff01,
} as const;

/** An extension we do not interpret, kept as sent. */
export interface RawExtension {
  readonly kind: 'raw';
  readonly type: number;
  readonly data: Uint8Array;
}

export type Extension =
  | UseSrtpExtension
  | ExtendedMasterSecretExtension
  | RenegotiationInfoExtension
  | SupportedGroupsExtension
  | EcPointFormatsExtension
  | SignatureAlgorithmsExtension
  | RawExtension;

export type TypedExtension = Exclude<Extension, RawExtension>;

const CODECS: CodecTable<TypedExtension> = {
  use_srtp: { parse: parseUseSrtp, serialize: serializeUseSrtp },
  extended_master_secret: { parse: parseExtendedMasterSecret, serialize: serializeExtendedMasterSecret },
  renegotiation_info: { parse: parseRenegotiationInfo, serialize: serializeRenegotiationInfo },
  supported_groups: { parse: parseSupportedGroups, serialize: serializeSupportedGroups },
  ec_point_formats: { parse: parseEcPointFormats, serialize: serializeEcPointFormats },
  signature_algorithms: { parse: parseSignatureAlgorithms, serialize: serializeSignatureAlgorithms },
};

const KIND_BY_TYPE = kindByWireType(ExtensionType, Object.keys(CODECS) as TypedExtension['kind'][]);

/** The wire extension_type of an extension. */
export function extensionType(extension: Extension): number {
  return extension.kind === 'raw' ? extension.type : ExtensionType[extension.kind];
}

/**
 * Reads the extensions block if any bytes remain (RFC 5246 §7.4.1.2: a hello may
 * end without one). Throws DUPLICATE_EXTENSION for a repeated type, and the codec's
 * DtlsError for a typed extension whose data is malformed.
 */
export function readExtensions(reader: Reader, context: string): Extension[] {
  if (reader.remaining === 0) return [];
  const block = reader.vector(2, 'extensions');
  const inner = new Reader(block, `${context} extensions`);
  const extensions: Extension[] = [];
  const seen = new Set<number>();
  while (inner.remaining > 0) {
    const type = inner.u16('extension_type');
    const data = inner.vector(2, 'extension_data');
    if (seen.has(type)) {
      throw new DtlsError('DUPLICATE_EXTENSION', `dtls: ${context} repeats extension ${type} (0x${type.toString(16)})`);
    }
    seen.add(type);
    const kind = KIND_BY_TYPE.get(type);
    extensions.push(kind === undefined ? { kind: 'raw', type, data } : CODECS[kind].parse(data));
  }
  return extensions;
}

/** Writes the extensions block; nothing at all for an empty list (RFC 5246 §7.4.1.2 allows omitting it). */
export function writeExtensions(writer: Writer, extensions: readonly Extension[]): void {
  if (extensions.length === 0) return;
  const block = new Writer();
  for (const extension of extensions) {
    const data = extension.kind === 'raw' ? extension.data : (CODECS[extension.kind] as Codec<TypedExtension>).serialize(extension);
    block.u16('extension_type', extensionType(extension)).vector(2, 'extension_data', data);
  }
  writer.vector(2, 'extensions', block.finish());
}

/** The first extension of a kind, typed: `findExtension(hello.extensions, 'use_srtp')?.profiles`. */
export function findExtension<K extends Extension['kind']>(extensions: readonly Extension[], kind: K): Extract<Extension, { kind: K }> | undefined {
  return extensions.find((extension): extension is Extract<Extension, { kind: K }> => extension.kind === kind);
}

/** A raw extension by wire type (for the DTLS 1.3 ones kept raw). */
export function findRawExtension(extensions: readonly Extension[], type: number): RawExtension | undefined {
  return extensions.find((extension): extension is RawExtension => extension.kind === 'raw' && extension.type === type);
}
