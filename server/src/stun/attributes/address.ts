/**
 * The address layout shared by MAPPED-ADDRESS and XOR-MAPPED-ADDRESS.
 *
 * RFC 8489 §14.1, Figure 5:
 *
 *        0                   1                   2                   3
 *        0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       |0 0 0 0 0 0 0 0|    Family     |           Port                |
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       |                                                               |
 *       |                 Address (32 bits or 128 bits)                 |
 *       |                                                               |
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The first byte "MUST be set to 0 and MUST be ignored by receivers" (§14.1).
 */
import { checkUint, viewOf } from '../bytes.ts';
import { StunParseError, requireAttributeLength } from '../errors.ts';
import { type IpFamily, IPV4_SIZE, IPV6_SIZE, formatIp, parseIp } from '../ip-address.ts';

/** A transport address; the same shape as Node's `AddressInfo` and dgram's `rinfo`. */
export interface TransportAddress {
  readonly family: IpFamily;
  /** '192.0.2.1', or IPv6 in RFC 5952 form. */
  readonly address: string;
  readonly port: number;
}

/**
 * XOR-MAPPED-ADDRESS obfuscation (RFC 8489 §14.2): the port is XORed with the
 * cookie's top 16 bits, the address with the cookie followed by the transaction id.
 */
export interface AddressMask {
  readonly port: number;
  /** 16 bytes; IPv4 uses the first 4. */
  readonly address: Uint8Array;
}

const FAMILY_CODES: Readonly<Record<IpFamily, number>> = { IPv4: 0x01, IPv6: 0x02 };
const PORT_OFFSET = 2;
const ADDRESS_OFFSET = 4;

function xorInto(bytes: Uint8Array, mask: AddressMask | undefined): Uint8Array {
  if (mask) for (let i = 0; i < bytes.length; i++) bytes[i]! ^= mask.address[i]!;
  return bytes;
}

export function parseAddressValue(value: Uint8Array, name: string, mask?: AddressMask): TransportAddress {
  requireAttributeLength(value.length >= ADDRESS_OFFSET, name, value.length, '8 or 20');
  const code = value[1]!;
  const family = code === FAMILY_CODES.IPv4 ? 'IPv4' : code === FAMILY_CODES.IPv6 ? 'IPv6' : undefined;
  if (family === undefined) {
    throw new StunParseError('BAD_ADDRESS_FAMILY', `stun: ${name} family 0x${code.toString(16)} is neither IPv4 (1) nor IPv6 (2)`);
  }
  const addressSize = family === 'IPv4' ? IPV4_SIZE : IPV6_SIZE;
  requireAttributeLength(value.length === ADDRESS_OFFSET + addressSize, name, value.length, `${ADDRESS_OFFSET + addressSize} for ${family}`);
  const port = viewOf(value).getUint16(PORT_OFFSET) ^ (mask?.port ?? 0);
  const address = xorInto(new Uint8Array(value.subarray(ADDRESS_OFFSET)), mask);
  return { family, address: formatIp(address), port };
}

export function serializeAddressValue(transport: TransportAddress, mask?: AddressMask): Uint8Array {
  const address = xorInto(parseIp(transport.address, transport.family), mask);
  const out = new Uint8Array(ADDRESS_OFFSET + address.length);
  out[1] = FAMILY_CODES[transport.family];
  viewOf(out).setUint16(PORT_OFFSET, checkUint('port', transport.port, 16) ^ (mask?.port ?? 0));
  out.set(address, ADDRESS_OFFSET);
  return out;
}
