/**
 * The Internet checksum (RFC 1071): the 16-bit ones' complement of the ones' complement sum
 * of the data taken as 16-bit big-endian words. IPv4 protects its header with it (RFC 791
 * §3.1), TCP (RFC 9293 §3.1) and UDP (RFC 768) their header, data and a pseudo-header of IP
 * addresses; ICMP and ICMPv6 use it too.
 *
 * Ones' complement addition is ordinary addition with the carry out of bit 15 added back in
 * at bit 0 ("end-around carry", RFC 1071 §1 and §2(C)). The sum does not depend on word order,
 * so it can be built from pieces (a pseudo-header, then the segment) and fixed up
 * incrementally. A receiver checks by summing everything including the checksum field: all
 * ones (0xFFFF) means intact.
 */

/**
 * The ones' complement sum of `bytes` as 16-bit big-endian words, added to `initial` and folded
 * to 16 bits (RFC 1071 §4.1). An odd final byte is the high half of a last word whose low half
 * is zero.
 */
export function onesComplementSum(bytes: Uint8Array, initial = 0): number {
  let sum = initial;
  const evenLength = bytes.length & ~1;
  for (let i = 0; i < evenLength; i += 2) sum += (bytes[i]! << 8) | bytes[i + 1]!;
  if (evenLength < bytes.length) sum += bytes[evenLength]! << 8;
  return fold(sum);
}

/** Adds the carries above bit 15 back in until none are left ("end-around carry"). */
export function fold(sum: number): number {
  let folded = sum;
  // Division, not >>>, so sums past 2^32 (over 64 KiB of 0xFF) still fold correctly.
  while (folded > 0xffff) folded = (folded & 0xffff) + Math.floor(folded / 0x10000);
  return folded;
}

/** The checksum to write: the complement of the sum (RFC 1071 §1 (3)). */
export function internetChecksum(bytes: Uint8Array, initial = 0): number {
  return ~onesComplementSum(bytes, initial) & 0xffff;
}
