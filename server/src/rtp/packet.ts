/**
 * The RTP packet (RFC 3550 §5.1): parse without copying, serialize into a
 * caller's buffer.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                           timestamp                           |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |           synchronization source (SSRC) identifier            |
 *   +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *   |            contributing source (CSRC) identifiers             |
 *   |                             ....                              |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |      header extension (if X), see header-extensions.ts        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                            payload                            |
 *   |                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                               :  padding (if P) ... | count   |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { RtpParseError, requireBytes } from './errors.ts';
import {
  headerExtensionSize,
  parseHeaderExtension,
  serializeHeaderExtensionInto,
  type RtpHeaderExtension,
} from './header-extensions.ts';
import { checkRoom, checkUint, readU16, readU32, writeU16, writeU32 } from './wire.ts';

const FIXED_HEADER_SIZE = 12;
const CSRC_SIZE = 4;
const VERSION = 2;
const VERSION_SHIFT = 6;
const PADDING_BIT = 0x20;
const EXTENSION_BIT = 0x10;
const CSRC_COUNT_MASK = 0x0f;
const MARKER_BIT = 0x80;
const PAYLOAD_TYPE_MASK = 0x7f;
/** RFC 3550 §5.1: CC is 4 bits. */
const MAX_CSRCS = 15;

/** Everything before the payload: RFC 3550 §5.1 fixed header, CSRC list and §5.3.1 extension. */
export interface RtpHeader {
  marker: boolean;
  payloadType: number;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
  csrcs: number[];
  /** Present exactly when the X bit is set. */
  extension: RtpHeaderExtension | undefined;
}

/** RFC 3550 §5.1: a whole packet. `payload` is a view into the received bytes. */
export interface RtpPacket extends RtpHeader {
  payload: Uint8Array;
  /** Padding octets at the end including the count octet; 0 means the P bit is clear. */
  paddingSize: number;
}

/**
 * Parses the header only, for packets whose payload cannot be read yet: SRTP
 * encrypts the payload and padding but leaves the header, extensions included,
 * in the clear (RFC 3711 §3.1). `padding` is the P bit, whose count sits in the
 * still-encrypted last octet.
 */
export function parseRtpHeader(bytes: Uint8Array): { value: RtpHeader; bytesRead: number; padding: boolean } {
  requireBytes(bytes.length, FIXED_HEADER_SIZE, 'packet');
  const first = bytes[0]!;
  const version = first >> VERSION_SHIFT;
  if (version !== VERSION) throw new RtpParseError('BAD_VERSION', `rtp: version ${version}, expected ${VERSION}`);
  const csrcCount = first & CSRC_COUNT_MASK;
  let offset = FIXED_HEADER_SIZE;
  requireBytes(bytes.length, offset + csrcCount * CSRC_SIZE, 'CSRC list');
  const csrcs: number[] = [];
  for (let i = 0; i < csrcCount; i++, offset += CSRC_SIZE) csrcs.push(readU32(bytes, offset));
  let extension: RtpHeaderExtension | undefined;
  if (first & EXTENSION_BIT) {
    const parsed = parseHeaderExtension(bytes, offset);
    extension = parsed.value;
    offset += parsed.bytesRead;
  }
  const value: RtpHeader = {
    marker: (bytes[1]! & MARKER_BIT) !== 0,
    payloadType: bytes[1]! & PAYLOAD_TYPE_MASK,
    sequenceNumber: readU16(bytes, 2),
    timestamp: readU32(bytes, 4),
    ssrc: readU32(bytes, 8),
    csrcs,
    extension,
  };
  return { value, bytesRead: offset, padding: (first & PADDING_BIT) !== 0 };
}

/** Parses a whole (clear or decrypted) packet; the payload is a view, not a copy. */
export function parseRtpPacket(bytes: Uint8Array): RtpPacket {
  const { value, bytesRead, padding } = parseRtpHeader(bytes);
  let paddingSize = 0;
  if (padding) {
    // RFC 3550 §5.1: the last octet counts the padding, itself included, so 0
    // is invalid. A.1 asks for less than what follows the header; Chromium's
    // padding-only probes fill it exactly, so equal is accepted.
    paddingSize = bytes.length > bytesRead ? bytes[bytes.length - 1]! : 0;
    if (paddingSize === 0 || paddingSize > bytes.length - bytesRead) {
      throw new RtpParseError(
        'BAD_PADDING',
        `rtp: padding count ${paddingSize} with ${bytes.length - bytesRead} bytes after the header`,
      );
    }
  }
  return { ...value, payload: bytes.subarray(bytesRead, bytes.length - paddingSize), paddingSize };
}

/** Bytes of the header: fixed part, CSRCs and extension block. */
export function rtpHeaderSize(header: RtpHeader): number {
  const extensionSize = header.extension === undefined ? 0 : headerExtensionSize(header.extension);
  return FIXED_HEADER_SIZE + header.csrcs.length * CSRC_SIZE + extensionSize;
}

/** Bytes `serializeInto` writes for `packet`. */
export function serializedSize(packet: RtpPacket): number {
  return rtpHeaderSize(packet) + packet.payload.length + packet.paddingSize;
}

function checkHeader(header: RtpHeader): void {
  checkUint('payloadType', header.payloadType, 7);
  checkUint('sequenceNumber', header.sequenceNumber, 16);
  checkUint('timestamp', header.timestamp, 32);
  checkUint('ssrc', header.ssrc, 32);
  if (header.csrcs.length > MAX_CSRCS) {
    throw new RangeError(`rtp: at most ${MAX_CSRCS} CSRCs fit the CC field, got ${header.csrcs.length}`);
  }
  for (const csrc of header.csrcs) checkUint('csrc', csrc, 32);
}

/**
 * Writes the header at `offset` and returns the bytes written; `padding` sets
 * the P bit. SRTP uses this to lay the header down before encrypting the
 * payload (and padding) behind it.
 */
export function serializeRtpHeaderInto(
  header: RtpHeader,
  buf: Uint8Array,
  offset: number,
  options: { padding: boolean } = { padding: false },
): number {
  checkHeader(header);
  const size = rtpHeaderSize(header);
  checkRoom(buf, offset, size);
  buf[offset] =
    (VERSION << VERSION_SHIFT) |
    (options.padding ? PADDING_BIT : 0) |
    (header.extension === undefined ? 0 : EXTENSION_BIT) |
    header.csrcs.length;
  buf[offset + 1] = (header.marker ? MARKER_BIT : 0) | header.payloadType;
  writeU16(buf, offset + 2, header.sequenceNumber);
  writeU32(buf, offset + 4, header.timestamp);
  writeU32(buf, offset + 8, header.ssrc);
  let i = offset + FIXED_HEADER_SIZE;
  for (const csrc of header.csrcs) {
    writeU32(buf, i, csrc);
    i += CSRC_SIZE;
  }
  if (header.extension !== undefined) serializeHeaderExtensionInto(header.extension, buf, i);
  return size;
}

/** The hot path: writes `packet` into `buf` at `offset` and returns the bytes written. */
export function serializeInto(packet: RtpPacket, buf: Uint8Array, offset = 0): number {
  // RFC 3550 §5.1: the padding count is one octet.
  checkUint('paddingSize', packet.paddingSize, 8);
  const size = serializedSize(packet);
  checkRoom(buf, offset, size);
  let i = offset + serializeRtpHeaderInto(packet, buf, offset, { padding: packet.paddingSize > 0 });
  buf.set(packet.payload, i);
  i += packet.payload.length;
  if (packet.paddingSize > 0) {
    // RFC 3550 §5.1: padding octets are zero here (any value is legal), the last one is the count.
    buf.fill(0, i, i + packet.paddingSize - 1);
    buf[i + packet.paddingSize - 1] = packet.paddingSize;
  }
  return size;
}

/** Serializes into a new buffer of exactly `serializedSize(packet)` bytes. */
export function serializeRtpPacket(packet: RtpPacket): Uint8Array {
  const buf = new Uint8Array(serializedSize(packet));
  serializeInto(packet, buf, 0);
  return buf;
}
