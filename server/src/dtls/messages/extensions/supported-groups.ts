/**
 * supported_groups (RFC 8422 §5.1.1, formerly elliptic_curves), extension type 10.
 *
 *   struct {
 *       NamedCurve named_curve_list<2..2^16-1>
 *   } NamedCurveList;
 *
 * Values are NamedGroup numbers (crypto/ecdhe.ts), kept even when unknown to us
 * (Chromium lists X25519MLKEM768 first).
 */
import { Writer, readAll } from '../../wire.ts';

export interface SupportedGroupsExtension {
  readonly kind: 'supported_groups';
  readonly groups: readonly number[];
}

export function parseSupportedGroups(data: Uint8Array): SupportedGroupsExtension {
  return readAll(data, 'supported_groups', (reader) => ({ kind: 'supported_groups', groups: reader.u16List(2, 'named_curve_list', { min: 2 }) }));
}

export function serializeSupportedGroups(extension: SupportedGroupsExtension): Uint8Array {
  return new Writer().u16List(2, 'named_curve_list', extension.groups, { min: 2 }).finish();
}
