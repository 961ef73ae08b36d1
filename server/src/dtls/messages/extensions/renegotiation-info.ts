/**
 * renegotiation_info (RFC 5746 §3.2), extension type 0xff01.
 *
 *   struct {
 *       opaque renegotiated_connection<0..255>;
 *   } RenegotiationInfo;
 *
 * Empty on an initial handshake (§3.4, §3.6). We never renegotiate, so the server
 * only ever echoes the empty form to signal secure-renegotiation support.
 */
import { Writer, readAll } from '../../wire.ts';

export interface RenegotiationInfoExtension {
  readonly kind: 'renegotiation_info';
  readonly renegotiatedConnection: Uint8Array;
}

export function parseRenegotiationInfo(data: Uint8Array): RenegotiationInfoExtension {
  return readAll(data, 'renegotiation_info', (reader) => ({
    kind: 'renegotiation_info',
    renegotiatedConnection: reader.vector(1, 'renegotiated_connection'),
  }));
}

export function serializeRenegotiationInfo(extension: RenegotiationInfoExtension): Uint8Array {
  return new Writer().vector(1, 'renegotiated_connection', extension.renegotiatedConnection).finish();
}
