/**
 * Text ↔ bytes for the IP addresses inside MAPPED-ADDRESS and XOR-MAPPED-ADDRESS.
 * Node's dgram reports peers as text ('127.0.0.1', '::1'), so the attributes use
 * text too. IPv6 is written in the RFC 5952 §4 canonical form, and IPv4-mapped
 * addresses in the §5 mixed form ('::ffff:192.0.2.1'), as Node writes them, so
 * that text from a parse compares equal to text from a socket.
 */
import { isIPv4, isIPv6 } from 'node:net';

export type IpFamily = 'IPv4' | 'IPv6';

export const IPV4_SIZE = 4;
export const IPV6_SIZE = 16;
const GROUPS = 8;

export function formatIp(bytes: Uint8Array): string {
  if (bytes.length === IPV4_SIZE) return bytes.join('.');
  const groups = Array.from({ length: GROUPS }, (_, i) => (bytes[2 * i]! << 8) | bytes[2 * i + 1]!);
  // RFC 5952 §5: ::ffff:0:0/96 keeps its dotted IPv4 tail.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${bytes.subarray(12).join('.')}`;
  }
  // RFC 5952 §4.2: "::" replaces the longest run of two or more zero groups, the first one on a tie.
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < GROUPS; start++) {
    let end = start;
    while (end < GROUPS && groups[end] === 0) end++;
    if (end - start > bestLength) [bestStart, bestLength] = [start, end - start];
    start = Math.max(start, end);
  }
  // RFC 5952 §4.3: lowercase, no leading zeros.
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** Parses `text` as an address of `family`; throws RangeError naming the text otherwise. */
export function parseIp(text: string, family: IpFamily): Uint8Array {
  if (family === 'IPv4' && isIPv4(text)) return Uint8Array.from(text.split('.'), Number);
  // Zone ids (fe80::1%eth0) are local to a host and have no place on the wire.
  if (family === 'IPv6' && isIPv6(text) && !text.includes('%')) return parseIPv6(text);
  throw new RangeError(`stun: ${JSON.stringify(text)} is not an ${family} address`);
}

/** `text` already passed isIPv6, so only its shape needs undoing: "::" and a dotted tail. */
function parseIPv6(text: string): Uint8Array {
  const out = new Uint8Array(IPV6_SIZE);
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  let hexPart = text;
  if (dotted) {
    out.set(Uint8Array.from(dotted[1]!.split('.'), Number), 12);
    hexPart = `${text.slice(0, dotted.index)}0:0`; // two placeholder groups, overwritten below
  }
  const [head = '', tail] = hexPart.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = GROUPS - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(tail === undefined ? 0 : zeros).fill('0'), ...tailGroups];
  const lastHexGroup = dotted ? 6 : GROUPS;
  for (let i = 0; i < lastHexGroup; i++) {
    const value = Number.parseInt(groups[i]!, 16);
    out[2 * i] = value >> 8;
    out[2 * i + 1] = value & 0xff;
  }
  return out;
}
