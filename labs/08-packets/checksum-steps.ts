/**
 * The Internet checksum of some bytes, worked the way RFC 1071 §3 works its example: add the
 * 16-bit words with ordinary addition, then fold the carries back in, then complement.
 */
import { fold, internetChecksum } from '#server/net/index.ts';

const hex = (value: number, digits = 4): string => value.toString(16).padStart(digits, '0');

export function checksumSteps(bytes: Uint8Array): string[] {
  const lines = [`${bytes.length} bytes${bytes.length % 2 === 1 ? ' (odd: the last byte is the high half of a word ending in 00)' : ''}`];
  let total = 0;
  for (let i = 0; i < bytes.length; i += 2) {
    const word = (bytes[i]! << 8) | (bytes[i + 1] ?? 0);
    total += word;
    lines.push(`  + ${hex(word)}  = ${hex(total, 5)}`);
  }
  let folded = total;
  while (folded > 0xffff) {
    const next = (folded & 0xffff) + Math.floor(folded / 0x10000);
    lines.push(`  fold: ${hex(folded & 0xffff)} + ${hex(Math.floor(folded / 0x10000), 1)} (the carries) = ${hex(next)}`);
    folded = next;
  }
  const checksum = ~folded & 0xffff;
  lines.push(`  sum ${hex(folded)}, checksum = ~sum = ${hex(checksum)}`);
  // The same through the SFU's implementation, as a cross-check of the arithmetic above.
  if (folded !== fold(total) || checksum !== internetChecksum(bytes)) lines.push('  (server/src/net disagrees: a bug somewhere!)');
  lines.push(`  check: the sum of the data and ${hex(checksum)} is ${hex(fold(total + checksum))} (all ones means intact)`);
  return lines;
}
