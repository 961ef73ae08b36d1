/**
 * IPv6 (RFC 8200 §3) and the extension headers between it and the upper layer (§4).
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |Version| Traffic Class |           Flow Label                  |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |         Payload Length        |  Next Header  |   Hop Limit   |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                 Source Address (128 bits)                     |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |              Destination Address (128 bits)                   |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Payload Length counts everything after these 40 bytes, extension headers included. Next
 * Header names what follows: an extension header (each starts with its own Next Header byte,
 * so they form a chain) or the upper-layer protocol. The chain is walked to find TCP or UDP:
 *
 *   Hop-by-Hop (0), Routing (43), Destination Options (60), Mobility (135), HIP (139),
 *   Shim6 (140): | next | length in 8-octet units, not counting the first 8 | ...
 *   Fragment (44): 8 bytes | next | 0 | offset:13 | res:2 | M | identification:32 |
 *   AH (51, RFC 4302 §2.2): | next | length in 4-octet units, minus 2 | ...
 *
 * ESP (50) encrypts what follows and No Next Header (59) ends the packet; the walk stops at
 * either, and at a fragment other than the first, whose bytes start mid-packet.
 */
import { IPV6_SIZE, addressBytes, formatAddress } from './address.ts';
import { NetParseError, viewOfAtLeast } from './errors.ts';
import { checkField } from './field.ts';
import type { IpPacketView } from './ipv4.ts';
import { IpProtocol } from './ip-protocol.ts';

export const IPV6_HEADER_LENGTH = 40;
const FRAGMENT_HEADER_LENGTH = 8;

export interface Ipv6Header {
  readonly version: 6;
  readonly trafficClass: number;
  readonly flowLabel: number;
  /** As on the wire; 0 for a jumbogram (RFC 2675) or a Linux BIG TCP packet. */
  readonly payloadLength: number;
  /** The first Next Header: an extension header or the upper-layer protocol. */
  readonly nextHeader: number;
  readonly hopLimit: number;
  readonly source: string;
  readonly destination: string;
}

export interface Ipv6ExtensionHeader {
  /** The protocol number that announced it (0 Hop-by-Hop, 43 Routing, 44 Fragment, ...). */
  readonly type: number;
  /** The whole extension header, its Next Header and length bytes included. */
  readonly bytes: Uint8Array;
}

export interface Ipv6Packet extends IpPacketView {
  readonly version: 6;
  readonly header: Ipv6Header;
  readonly extensionHeaders: readonly Ipv6ExtensionHeader[];
}

/** What serializeIpv6Packet needs; a parsed packet's header, protocol and extension headers fit it. */
export interface Ipv6HeaderInput {
  readonly trafficClass?: number;
  readonly flowLabel?: number;
  /** Default 64, Linux's. */
  readonly hopLimit?: number;
  /** The upper-layer protocol, written in the last Next Header of the chain. */
  readonly protocol: number;
  readonly source: string;
  readonly destination: string;
  /** Written in order; their Next Header bytes are set to chain them. */
  readonly extensionHeaders?: readonly Ipv6ExtensionHeader[];
}

/** Extension headers with the generic "next header, length in 8-octet units" layout (RFC 8200 §4, RFC 6564). */
const GENERIC_EXTENSIONS: ReadonlySet<number> = new Set([
  IpProtocol.HOP_BY_HOP,
  IpProtocol.ROUTING,
  IpProtocol.DESTINATION_OPTIONS,
  IpProtocol.MOBILITY,
  IpProtocol.HIP,
  IpProtocol.SHIM6,
]);

export function isIpv6ExtensionHeader(protocol: number): boolean {
  return GENERIC_EXTENSIONS.has(protocol) || protocol === IpProtocol.FRAGMENT || protocol === IpProtocol.AH;
}

/** The length of the extension header of `type` whose first two bytes are at `offset`. */
function extensionLength(type: number, bytes: Uint8Array, offset: number): number {
  if (type === IpProtocol.FRAGMENT) return FRAGMENT_HEADER_LENGTH;
  if (type === IpProtocol.AH) return (bytes[offset + 1]! + 2) * 4;
  return (bytes[offset + 1]! + 1) * 8;
}

export function parseIpv6Packet(bytes: Uint8Array): Ipv6Packet {
  const view = viewOfAtLeast(bytes, IPV6_HEADER_LENGTH, 'ipv6: packet');
  const version = bytes[0]! >> 4;
  if (version !== 6) throw new NetParseError('BAD_VERSION', `ipv6: version ${version}, want 6`);
  const header: Ipv6Header = {
    version: 6,
    trafficClass: ((bytes[0]! & 0x0f) << 4) | (bytes[1]! >> 4),
    flowLabel: view.getUint32(0) & 0x000fffff,
    payloadLength: view.getUint16(4),
    nextHeader: bytes[6]!,
    hopLimit: bytes[7]!,
    source: formatAddress(bytes.subarray(8, 8 + IPV6_SIZE)),
    destination: formatAddress(bytes.subarray(24, 24 + IPV6_SIZE)),
  };
  // Payload Length 0 without a Jumbo Payload option is what Linux BIG TCP captures show;
  // like tcpdump, take the captured length then.
  const statedEnd = header.payloadLength === 0 ? bytes.length : IPV6_HEADER_LENGTH + header.payloadLength;
  const capturedEnd = Math.min(bytes.length, statedEnd);

  const extensionHeaders: Ipv6ExtensionHeader[] = [];
  let fragment: Ipv6Packet['fragment'];
  let protocol = header.nextHeader;
  let offset = IPV6_HEADER_LENGTH;
  while (isIpv6ExtensionHeader(protocol) && (fragment === undefined || fragment.offset === 0)) {
    if (offset + 2 > statedEnd) throw new NetParseError('BAD_EXTENSION_HEADER', `ipv6: extension header ${protocol} at ${offset} runs past the payload`);
    if (offset + 2 > capturedEnd) throw new NetParseError('TOO_SHORT', `ipv6: extension header ${protocol} at ${offset} cut off by the capture`);
    const length = extensionLength(protocol, bytes, offset);
    if (offset + length > statedEnd) {
      throw new NetParseError('BAD_EXTENSION_HEADER', `ipv6: ${length}-byte extension header ${protocol} at ${offset} runs past the payload`);
    }
    if (offset + length > capturedEnd) throw new NetParseError('TOO_SHORT', `ipv6: extension header ${protocol} at ${offset} cut off by the capture`);
    if (protocol === IpProtocol.FRAGMENT) {
      const offsetAndFlags = view.getUint16(offset + 2);
      fragment = { offset: (offsetAndFlags >> 3) * 8, moreFragments: (offsetAndFlags & 1) !== 0 };
    }
    extensionHeaders.push({ type: protocol, bytes: bytes.subarray(offset, offset + length) });
    protocol = bytes[offset]!;
    offset += length;
  }
  return {
    version: 6,
    header,
    extensionHeaders,
    source: header.source,
    destination: header.destination,
    protocol,
    payload: bytes.subarray(offset, capturedEnd),
    payloadLength: statedEnd - offset,
    fragment,
  };
}

/** Header, extension headers and payload, with Payload Length and the Next Header chain filled in. */
export function serializeIpv6Packet(header: Ipv6HeaderInput, payload: Uint8Array): Uint8Array {
  const extensions = header.extensionHeaders ?? [];
  for (const extension of extensions) {
    const expected = extension.bytes.length >= 2 ? extensionLength(extension.type, extension.bytes, 0) : -1;
    if (!isIpv6ExtensionHeader(extension.type) || expected !== extension.bytes.length) {
      throw new RangeError(`ipv6: extension header ${extension.type} of ${extension.bytes.length} bytes does not match its own length field`);
    }
  }
  const extensionsLength = extensions.reduce((sum, extension) => sum + extension.bytes.length, 0);
  const payloadLength = extensionsLength + payload.length;
  if (payloadLength > 0xffff) throw new RangeError(`ipv6: payload length ${payloadLength} needs a jumbogram`);
  const out = new Uint8Array(IPV6_HEADER_LENGTH + payloadLength);
  const view = new DataView(out.buffer);
  const trafficClass = checkField('ipv6', 'traffic class', header.trafficClass ?? 0, 8);
  view.setUint32(0, ((0x60 | (trafficClass >> 4)) << 24) | ((trafficClass & 0x0f) << 20) | checkField('ipv6', 'flow label', header.flowLabel ?? 0, 20));
  view.setUint16(4, payloadLength);
  const protocol = checkField('ipv6', 'protocol', header.protocol, 8);
  out[6] = extensions[0]?.type ?? protocol;
  out[7] = checkField('ipv6', 'hop limit', header.hopLimit ?? 64, 8);
  out.set(addressBytes(header.source, 6), 8);
  out.set(addressBytes(header.destination, 6), 24);
  let offset = IPV6_HEADER_LENGTH;
  extensions.forEach((extension, i) => {
    out.set(extension.bytes, offset);
    out[offset] = extensions[i + 1]?.type ?? protocol;
    offset += extension.bytes.length;
  });
  out.set(payload, offset);
  return out;
}
