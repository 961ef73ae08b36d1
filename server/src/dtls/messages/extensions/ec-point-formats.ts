/**
 * ec_point_formats (RFC 8422 §5.1.2), extension type 11.
 *
 *   enum { uncompressed (0), deprecated (1..2), reserved (248..255) } ECPointFormat;
 *   struct {
 *       ECPointFormat ec_point_format_list<1..2^8-1>
 *   } ECPointFormatList;
 *
 * Only uncompressed (0) is used; RFC 8422 §5.1.2 says a list without it, sent
 * together with supported_groups, must fail the handshake with illegal_parameter.
 */
import { Writer, readAll } from '../../wire.ts';

export const EC_POINT_FORMAT_UNCOMPRESSED = 0;

export interface EcPointFormatsExtension {
  readonly kind: 'ec_point_formats';
  readonly formats: readonly number[];
}

export function parseEcPointFormats(data: Uint8Array): EcPointFormatsExtension {
  return readAll(data, 'ec_point_formats', (reader) => ({ kind: 'ec_point_formats', formats: reader.u8List('ec_point_format_list', { min: 1 }) }));
}

export function serializeEcPointFormats(extension: EcPointFormatsExtension): Uint8Array {
  return new Writer().u8List('ec_point_format_list', extension.formats, { min: 1 }).finish();
}
