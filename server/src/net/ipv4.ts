/**
 * IPv4 (RFC 791 §3.1; DSCP and ECN from RFC 2474 and RFC 3168).
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |Version|  IHL  |   DSCP    |ECN|          Total Length         |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |         Identification        |0|D|M|     Fragment Offset     |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  Time to Live |    Protocol   |         Header Checksum       |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                       Source Address                          |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                    Destination Address                        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                    Options (IHL > 5)          |    Padding    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * IHL counts 32-bit words (5-15: a 20-60 byte header); Total Length counts header and data
 * bytes; Fragment Offset counts 8-byte units. The header checksum covers the header only.
 */
import { IPV4_SIZE, addressBytes, formatAddress } from './address.ts';
import { internetChecksum } from './checksum.ts';
import { NetParseError, viewOfAtLeast } from './errors.ts';
import { checkField } from './field.ts';

export const IPV4_MIN_HEADER_LENGTH = 20;
const IPV4_MAX_HEADER_LENGTH = 60;
const MAX_TOTAL_LENGTH = 0xffff;

export interface Ipv4Header {
  readonly version: 4;
  /** IHL × 4: 20 to 60 bytes. */
  readonly headerLength: number;
  readonly dscp: number;
  readonly ecn: number;
  /** As on the wire; 0 when the packet was captured before TCP segmentation offload split it. */
  readonly totalLength: number;
  readonly identification: number;
  readonly dontFragment: boolean;
  readonly moreFragments: boolean;
  /** In units of 8 bytes, as on the wire. */
  readonly fragmentOffset: number;
  readonly ttl: number;
  readonly protocol: number;
  readonly headerChecksum: number;
  readonly source: string;
  readonly destination: string;
  /** The option bytes (RFC 791 §3.1), padding included; empty for a 20-byte header. */
  readonly options: Uint8Array;
}

/** Common to IPv4 and IPv6 packets, so the transport layer needs not care which it got. */
export interface IpPacketView {
  readonly source: string;
  readonly destination: string;
  /** The upper-layer protocol (IANA protocol number): 6 TCP, 17 UDP, ... */
  readonly protocol: number;
  /** The upper-layer bytes as captured: shorter than payloadLength when the capture cut the packet. */
  readonly payload: Uint8Array;
  /** The upper-layer length the header states. */
  readonly payloadLength: number;
  /** Set for a fragment: the payload is then only a piece of the upper-layer packet. */
  readonly fragment: { readonly offset: number; readonly moreFragments: boolean } | undefined;
}

export interface Ipv4Packet extends IpPacketView {
  readonly version: 4;
  readonly header: Ipv4Header;
  /** RFC 791 §3.1: the ones' complement sum over the header, checksum included, is all ones. */
  readonly headerChecksumValid: boolean;
}

/** What serializeIpv4Packet needs; a parsed Ipv4Header fits it, so a parsed packet can be written back. */
export interface Ipv4HeaderInput {
  readonly dscp?: number;
  readonly ecn?: number;
  readonly identification?: number;
  readonly dontFragment?: boolean;
  readonly moreFragments?: boolean;
  readonly fragmentOffset?: number;
  /** Default 64, Linux's. */
  readonly ttl?: number;
  readonly protocol: number;
  readonly source: string;
  readonly destination: string;
  /** A multiple of 4 bytes, at most 40. */
  readonly options?: Uint8Array;
}

export function parseIpv4Packet(bytes: Uint8Array): Ipv4Packet {
  const view = viewOfAtLeast(bytes, IPV4_MIN_HEADER_LENGTH, 'ipv4: packet');
  const version = bytes[0]! >> 4;
  if (version !== 4) throw new NetParseError('BAD_VERSION', `ipv4: version ${version}, want 4`);
  const headerLength = (bytes[0]! & 0x0f) * 4;
  if (headerLength < IPV4_MIN_HEADER_LENGTH) {
    throw new NetParseError('BAD_HEADER_LENGTH', `ipv4: IHL ${headerLength / 4} is under the minimum of 5`);
  }
  if (bytes.length < headerLength) {
    throw new NetParseError('TOO_SHORT', `ipv4: header of ${headerLength} bytes cut off (size ${bytes.length})`);
  }
  const totalLength = view.getUint16(2);
  // A zero total length is a packet captured on its way to TCP segmentation offload (or Linux
  // "BIG TCP", over 64 KiB): tcpdump's print-ip.c takes the captured length then, and so do we.
  const statedLength = totalLength === 0 ? bytes.length : totalLength;
  if (statedLength < headerLength) {
    throw new NetParseError('BAD_LENGTH', `ipv4: total length ${totalLength} is shorter than the ${headerLength}-byte header`);
  }
  const flagsAndOffset = view.getUint16(6);
  const header: Ipv4Header = {
    version: 4,
    headerLength,
    dscp: bytes[1]! >> 2,
    ecn: bytes[1]! & 0x03,
    totalLength,
    identification: view.getUint16(4),
    dontFragment: (flagsAndOffset & 0x4000) !== 0,
    moreFragments: (flagsAndOffset & 0x2000) !== 0,
    fragmentOffset: flagsAndOffset & 0x1fff,
    ttl: bytes[8]!,
    protocol: bytes[9]!,
    headerChecksum: view.getUint16(10),
    source: formatAddress(bytes.subarray(12, 12 + IPV4_SIZE)),
    destination: formatAddress(bytes.subarray(16, 16 + IPV4_SIZE)),
    options: bytes.subarray(IPV4_MIN_HEADER_LENGTH, headerLength),
  };
  return {
    version: 4,
    header,
    source: header.source,
    destination: header.destination,
    protocol: header.protocol,
    // Bytes past the total length are link-layer padding (an Ethernet frame is at least 60 bytes).
    payload: bytes.subarray(headerLength, Math.min(bytes.length, statedLength)),
    payloadLength: statedLength - headerLength,
    fragment: header.moreFragments || header.fragmentOffset !== 0 ? { offset: header.fragmentOffset * 8, moreFragments: header.moreFragments } : undefined,
    headerChecksumValid: internetChecksum(bytes.subarray(0, headerLength)) === 0,
  };
}

/** Header and payload, with IHL, Total Length and the header checksum computed. */
export function serializeIpv4Packet(header: Ipv4HeaderInput, payload: Uint8Array): Uint8Array {
  const options = header.options ?? new Uint8Array(0);
  if (options.length % 4 !== 0 || options.length > IPV4_MAX_HEADER_LENGTH - IPV4_MIN_HEADER_LENGTH) {
    throw new RangeError(`ipv4: options must be a multiple of 4 bytes, at most 40, got ${options.length}`);
  }
  const headerLength = IPV4_MIN_HEADER_LENGTH + options.length;
  const totalLength = headerLength + payload.length;
  if (totalLength > MAX_TOTAL_LENGTH) throw new RangeError(`ipv4: total length ${totalLength} is over ${MAX_TOTAL_LENGTH}`);
  const out = new Uint8Array(totalLength);
  const view = new DataView(out.buffer);
  out[0] = 0x40 | (headerLength / 4);
  out[1] = (checkField('ipv4', 'DSCP', header.dscp ?? 0, 6) << 2) | checkField('ipv4', 'ECN', header.ecn ?? 0, 2);
  view.setUint16(2, totalLength);
  view.setUint16(4, checkField('ipv4', 'identification', header.identification ?? 0, 16));
  const fragmentOffset = checkField('ipv4', 'fragment offset', header.fragmentOffset ?? 0, 13);
  view.setUint16(6, (header.dontFragment ? 0x4000 : 0) | (header.moreFragments ? 0x2000 : 0) | fragmentOffset);
  out[8] = checkField('ipv4', 'TTL', header.ttl ?? 64, 8);
  out[9] = checkField('ipv4', 'protocol', header.protocol, 8);
  out.set(addressBytes(header.source, 4), 12);
  out.set(addressBytes(header.destination, 4), 16);
  out.set(options, IPV4_MIN_HEADER_LENGTH);
  view.setUint16(10, internetChecksum(out.subarray(0, headerLength)));
  out.set(payload, headerLength);
  return out;
}
