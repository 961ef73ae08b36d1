/**
 * The RTCP common header and the walk over a compound datagram.
 *
 * RFC 3550 §6.4.1 (the first word of every RTCP packet):
 *
 *      0                   1                   2                   3
 *      0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |V=2|P|  RC/FMT |      PT       |             length            |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * `length` is the packet size in 32-bit words minus one, header included, so
 * every RTCP packet is a whole number of words (RFC 3550 §6.4.1).
 */
import { RtcpParseError, requireBytes } from './errors.ts';
import { checkUint, readU16, writeU16 } from './wire.ts';

/** RTCP packet types (RFC 3550 §12.1, RFC 4585 §6.1, RFC 3611 §2). */
export const PacketType = {
  SenderReport: 200,
  ReceiverReport: 201,
  SourceDescription: 202,
  Goodbye: 203,
  ApplicationDefined: 204,
  /** RTPFB: transport layer feedback (RFC 4585 §6.1). */
  TransportFeedback: 205,
  /** PSFB: payload-specific feedback (RFC 4585 §6.1). */
  PayloadFeedback: 206,
  ExtendedReport: 207,
} as const;

export const HEADER_SIZE = 4;
const RTCP_VERSION = 2;
const VERSION_SHIFT = 6;
const PADDING_BIT = 0x20;
const COUNT_MASK = 0x1f;

export interface RtcpHeader {
  /** P: the packet ends in padding whose last byte counts it (RFC 3550 §6.4.1). */
  readonly padding: boolean;
  /** RC, SC or FMT, depending on the packet type (5 bits). */
  readonly count: number;
  readonly packetType: number;
  /** The packet size in bytes, from the length field ((length + 1) × 4). */
  readonly size: number;
}

/** Reads the 4-byte common header at `offset`. RFC 3550 A.2: the version MUST be 2. */
export function parseHeader(bytes: Uint8Array, offset = 0): RtcpHeader {
  requireBytes(bytes.length - offset, HEADER_SIZE, 'header');
  const first = bytes[offset]!;
  const version = first >> VERSION_SHIFT;
  if (version !== RTCP_VERSION) {
    throw new RtcpParseError('BAD_VERSION', `rtcp: version ${version} != 2 at offset ${offset}`);
  }
  return {
    padding: (first & PADDING_BIT) !== 0,
    count: first & COUNT_MASK,
    packetType: bytes[offset + 1]!,
    size: (readU16(bytes, offset + 2) + 1) * 4,
  };
}

/** Writes a header for a packet of `size` bytes (a multiple of 4). */
export function writeHeader(
  buf: Uint8Array,
  offset: number,
  fields: { count: number; packetType: number; padding?: boolean },
  size: number,
): void {
  if (size % 4 !== 0 || size < HEADER_SIZE) throw new RangeError(`rtcp: packet size ${size} is not a whole number of words`);
  const count = checkUint('count', fields.count, 5);
  buf[offset] = (RTCP_VERSION << VERSION_SHIFT) | (fields.padding === true ? PADDING_BIT : 0) | count;
  buf[offset + 1] = checkUint('packet type', fields.packetType, 8);
  writeU16(buf, offset + 2, size / 4 - 1, 'length');
}

/** One packet of a datagram: its header, all its bytes, and its payload without header and padding. */
export interface PacketView {
  readonly header: RtcpHeader;
  readonly packet: Uint8Array;
  readonly body: Uint8Array;
}

function viewAt(bytes: Uint8Array, offset: number): PacketView {
  const header = parseHeader(bytes, offset);
  const available = bytes.length - offset;
  if (header.size > available) {
    throw new RtcpParseError('BAD_LENGTH', `rtcp: length field says ${header.size} bytes but ${available} remain at offset ${offset}`);
  }
  const packet = bytes.subarray(offset, offset + header.size);
  let end = header.size;
  if (header.padding) {
    // RFC 3550 §6.4.1: the last octet counts the padding octets, itself included.
    const padding = packet[header.size - 1]!;
    if (padding === 0 || padding > header.size - HEADER_SIZE) {
      throw new RtcpParseError('BAD_PADDING', `rtcp: padding ${padding} invalid for packet of ${header.size} bytes`);
    }
    end -= padding;
  }
  return { header, packet, body: packet.subarray(HEADER_SIZE, end) };
}

/**
 * Splits a compound (or reduced-size, RFC 5506 §2) datagram into packets.
 * RFC 3550 A.2: the length fields must add up to the datagram exactly, which
 * `viewAt` checks packet by packet; a short tail fails as a short header.
 */
export function* splitPackets(datagram: Uint8Array): Generator<PacketView> {
  requireBytes(datagram.length, HEADER_SIZE, 'datagram');
  for (let offset = 0; offset < datagram.length; ) {
    const view = viewAt(datagram, offset);
    offset += view.packet.length;
    yield view;
  }
}

/**
 * The view of `bytes` as exactly one packet of `packetType` (and of FMT
 * `format` when given), for the single-type parsers.
 */
export function viewPacket(bytes: Uint8Array, packetType: number, format?: number): PacketView {
  const view = viewAt(bytes, 0);
  if (view.packet.length !== bytes.length) {
    throw new RtcpParseError('BAD_LENGTH', `rtcp: length field says ${view.packet.length} bytes, buffer has ${bytes.length}`);
  }
  const { header } = view;
  if (header.packetType !== packetType || (format !== undefined && header.count !== format)) {
    throw new RtcpParseError(
      'WRONG_PACKET_TYPE',
      `rtcp: expected PT ${packetType}${format === undefined ? '' : ` FMT ${format}`}, got PT ${header.packetType} count/FMT ${header.count}`,
    );
  }
  return view;
}

/**
 * What each packet module provides, after Pion's Unmarshal/MarshalSize/MarshalTo:
 * `serializedSize` and `serializeInto` let the hot path write a whole compound
 * packet into one buffer without intermediate copies.
 */
export interface PacketCodec<P> {
  parse(bytes: Uint8Array): P;
  serializedSize(packet: P): number;
  /** Writes `packet` at `offset` and returns the number of bytes written. */
  serializeInto(packet: P, buf: Uint8Array, offset: number): number;
}

export function serializeWith<P>(codec: PacketCodec<P>, packet: P): Uint8Array {
  const buf = new Uint8Array(codec.serializedSize(packet));
  codec.serializeInto(packet, buf, 0);
  return buf;
}

/**
 * Checks `buf` has room for a packet of `size` bytes at `offset`, writes its
 * header, and returns where the body starts: the prologue of every serializeInto.
 */
export function startPacket(
  buf: Uint8Array,
  offset: number,
  fields: { count: number; packetType: number; padding?: boolean },
  size: number,
): number {
  requireRoom(buf, offset, size);
  writeHeader(buf, offset, fields, size);
  return offset + HEADER_SIZE;
}

/** Throws unless `buf` has room for `size` bytes at `offset`. */
export function requireRoom(buf: Uint8Array, offset: number, size: number): void {
  if (offset < 0 || offset + size > buf.length) {
    throw new RangeError(`rtcp: no room for ${size} bytes at offset ${offset} in a buffer of ${buf.length}`);
  }
}
