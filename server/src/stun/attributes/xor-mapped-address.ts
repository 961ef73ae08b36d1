/**
 * XOR-MAPPED-ADDRESS (0x0020, RFC 8489 §14.2): the reflexive transport address,
 * XORed so that NATs which rewrite any 4 bytes equal to their public address
 * leave it alone. In ICE the success response carries the source address of
 * the request, which is how peer-reflexive candidates are learnt (RFC 8445 §7.2.5.3.1).
 *
 * Same layout as MAPPED-ADDRESS (address.ts), with (RFC 8489 §14.2):
 *   X-Port    = port XOR the most significant 16 bits of the magic cookie
 *   X-Address = IPv4: address XOR magic cookie
 *               IPv6: address XOR (magic cookie ‖ 96-bit transaction id)
 */
import { viewOf } from '../bytes.ts';
import { MAGIC_COOKIE } from '../header.ts';
import { IPV6_SIZE } from '../ip-address.ts';
import { type AddressMask, type TransportAddress, parseAddressValue, serializeAddressValue } from './address.ts';
import type { AttributeContext } from './codec.ts';

export interface XorMappedAddressAttribute {
  readonly kind: 'XOR-MAPPED-ADDRESS';
  readonly address: TransportAddress;
}

function maskFor({ transactionId }: AttributeContext): AddressMask {
  const address = new Uint8Array(IPV6_SIZE);
  viewOf(address).setUint32(0, MAGIC_COOKIE);
  address.set(transactionId, 4);
  return { port: MAGIC_COOKIE >>> 16, address };
}

export function parseXorMappedAddress(value: Uint8Array, context: AttributeContext): XorMappedAddressAttribute {
  return { kind: 'XOR-MAPPED-ADDRESS', address: parseAddressValue(value, 'XOR-MAPPED-ADDRESS', maskFor(context)) };
}

export function serializeXorMappedAddress(attribute: XorMappedAddressAttribute, context: AttributeContext): Uint8Array {
  return serializeAddressValue(attribute.address, maskFor(context));
}
