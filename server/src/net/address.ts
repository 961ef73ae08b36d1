/**
 * IP addresses as the decoders report them: text, as Node's sockets write them ('127.0.0.1',
 * '::1', RFC 5952 canonical IPv6), by the same conversion STUN and X.509 use.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { IPV4_SIZE, IPV6_SIZE, formatIp, parseIp } from '../stun/ip-address.ts';

export { IPV4_SIZE, IPV6_SIZE, formatIp as formatAddress };

/** The 4 or 16 bytes of an address written as text; RangeError for anything else. */
export function addressBytes(text: string, version: 4 | 6): Uint8Array {
  if (version === 4 ? !isIPv4(text) : !isIPv6(text)) throw new RangeError(`net: ${JSON.stringify(text)} is not an IPv${version} address`);
  return parseIp(text, version === 4 ? 'IPv4' : 'IPv6');
}
