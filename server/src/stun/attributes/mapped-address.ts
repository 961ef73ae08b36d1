/**
 * MAPPED-ADDRESS (0x0001, RFC 8489 §14.1): the reflexive transport address in
 * the clear. Kept for RFC 3489 clients; a server answers with
 * XOR-MAPPED-ADDRESS instead, since some NATs rewrite addresses they find in
 * payloads (RFC 8489 §14.2). Layout in address.ts.
 */
import { type TransportAddress, parseAddressValue, serializeAddressValue } from './address.ts';

export interface MappedAddressAttribute {
  readonly kind: 'MAPPED-ADDRESS';
  readonly address: TransportAddress;
}

export function parseMappedAddress(value: Uint8Array): MappedAddressAttribute {
  return { kind: 'MAPPED-ADDRESS', address: parseAddressValue(value, 'MAPPED-ADDRESS') };
}

export function serializeMappedAddress(attribute: MappedAddressAttribute): Uint8Array {
  return serializeAddressValue(attribute.address);
}
