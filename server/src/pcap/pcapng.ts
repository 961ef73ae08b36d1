/**
 * The pcapng file format (draft-ietf-opsawg-pcapng), which tshark and Wireshark write.
 * A file is a sequence of blocks, each framed the same way:
 *
 *    0                   1                   2                   3
 *   +---------------------------------------------------------------+
 *   |                          Block Type                           |
 *   +---------------------------------------------------------------+
 *   |                      Block Total Length                       |
 *   /                          Block Body                           /
 *   +---------------------------------------------------------------+
 *   |                      Block Total Length                       |
 *   +---------------------------------------------------------------+
 *
 * A Section Header Block starts each section and fixes its byte order; Interface
 * Description Blocks declare the link type and timestamp resolution of each interface;
 * Enhanced (and Simple) Packet Blocks carry the packets. Other blocks are skipped.
 */
import type { CapturedPacket } from './capture.ts';
import { PcapParseError } from './errors.ts';

const SECTION_HEADER_BLOCK = 0x0a0d0d0a;
const INTERFACE_DESCRIPTION_BLOCK = 0x00000001;
const SIMPLE_PACKET_BLOCK = 0x00000003;
const ENHANCED_PACKET_BLOCK = 0x00000006;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const OPTION_END = 0;
const OPTION_IF_TSRESOL = 9;
const MIN_BLOCK_LENGTH = 12;

interface Interface {
  readonly linkType: number;
  readonly snapLength: number;
  /** Timestamp units per second (if_tsresol; 10^6 when absent). */
  readonly unitsPerSecond: number;
}

export function isPcapng(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0) === SECTION_HEADER_BLOCK;
}

/** if_tsresol (§4.2): high bit clear = 10^-n seconds, set = 2^-n seconds. */
function resolutionOption(view: DataView, start: number, end: number, littleEndian: boolean): number {
  let offset = start;
  while (offset + 4 <= end) {
    const code = view.getUint16(offset, littleEndian);
    const length = view.getUint16(offset + 2, littleEndian);
    if (code === OPTION_END) break;
    if (code === OPTION_IF_TSRESOL && length >= 1 && offset + 4 < end) {
      const value = view.getUint8(offset + 4);
      const exponent = value & 0x7f;
      return value & 0x80 ? 2 ** exponent : 10 ** exponent;
    }
    offset += 4 + Math.ceil(length / 4) * 4;
  }
  return 1e6;
}

export function parsePcapng(bytes: Uint8Array): CapturedPacket[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const packets: CapturedPacket[] = [];
  let interfaces: Interface[] = [];
  let littleEndian = true;
  let offset = 0;

  while (offset < bytes.length) {
    if (offset + MIN_BLOCK_LENGTH > bytes.length) {
      throw new PcapParseError('RECORD_TRUNCATED', `pcapng: block header at ${offset} is cut off`);
    }
    // 0x0A0D0D0A reads the same in both byte orders; the byte-order magic after the length decides.
    if (view.getUint32(offset) === SECTION_HEADER_BLOCK) {
      if (offset + 16 > bytes.length) throw new PcapParseError('RECORD_TRUNCATED', `pcapng: section header at ${offset} is cut off`);
      if (view.getUint32(offset + 8, true) === BYTE_ORDER_MAGIC) littleEndian = true;
      else if (view.getUint32(offset + 8, false) === BYTE_ORDER_MAGIC) littleEndian = false;
      else throw new PcapParseError('BAD_BYTE_ORDER', `pcapng: bad byte-order magic in section header at ${offset}`);
      interfaces = [];
    } else if (offset === 0) {
      throw new PcapParseError('UNKNOWN_FORMAT', 'pcapng: file does not start with a section header block');
    }
    const type = view.getUint32(offset, littleEndian);
    const length = view.getUint32(offset + 4, littleEndian);
    if (length < MIN_BLOCK_LENGTH || length % 4 !== 0 || length > bytes.length - offset) {
      throw new PcapParseError('BAD_BLOCK_LENGTH', `pcapng: block at ${offset} has bad length ${length}`);
    }
    const body = offset + 8;
    const end = offset + length - 4;

    if (type === INTERFACE_DESCRIPTION_BLOCK) {
      if (end - body < 8) throw new PcapParseError('BAD_BLOCK_LENGTH', `pcapng: interface block at ${offset} too short`);
      interfaces.push({
        linkType: view.getUint16(body, littleEndian),
        snapLength: view.getUint32(body + 4, littleEndian),
        unitsPerSecond: resolutionOption(view, body + 8, end, littleEndian),
      });
    } else if (type === ENHANCED_PACKET_BLOCK) {
      if (end - body < 20) throw new PcapParseError('BAD_BLOCK_LENGTH', `pcapng: packet block at ${offset} too short`);
      const interfaceId = view.getUint32(body, littleEndian);
      const iface = interfaces[interfaceId];
      if (!iface) throw new PcapParseError('UNKNOWN_INTERFACE', `pcapng: packet block at ${offset} names interface ${interfaceId}, which was not described`);
      const timestamp = view.getUint32(body + 4, littleEndian) * 2 ** 32 + view.getUint32(body + 8, littleEndian);
      const capturedLength = view.getUint32(body + 12, littleEndian);
      const originalLength = view.getUint32(body + 16, littleEndian);
      const dataStart = body + 20;
      if (capturedLength > end - dataStart) {
        throw new PcapParseError('RECORD_TRUNCATED', `pcapng: packet block at ${offset} claims ${capturedLength} bytes, ${end - dataStart} in the block`);
      }
      packets.push({
        timestampUs: (timestamp / iface.unitsPerSecond) * 1e6,
        linkType: iface.linkType,
        data: bytes.subarray(dataStart, dataStart + capturedLength),
        originalLength,
      });
    } else if (type === SIMPLE_PACKET_BLOCK) {
      const iface = interfaces[0];
      if (!iface) throw new PcapParseError('UNKNOWN_INTERFACE', `pcapng: simple packet block at ${offset} before any interface`);
      if (end - body < 4) throw new PcapParseError('BAD_BLOCK_LENGTH', `pcapng: simple packet block at ${offset} too short`);
      const originalLength = view.getUint32(body, littleEndian);
      // §4.4: the captured length is the smaller of the original length and the snap length.
      const capturedLength = Math.min(originalLength, iface.snapLength || originalLength, end - body - 4);
      packets.push({ timestampUs: Number.NaN, linkType: iface.linkType, data: bytes.subarray(body + 4, body + 4 + capturedLength), originalLength });
    }
    offset += length;
  }
  return packets;
}
