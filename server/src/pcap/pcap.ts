/**
 * The classic libpcap file format (https://www.tcpdump.org/manpages/pcap-savefile.5.html,
 * draft-ietf-opsawg-pcap):
 *
 *   global header (24 bytes)
 *    0                   1                   2                   3
 *   +---------------------------------------------------------------+
 *   |                          Magic Number                         |  a1b2c3d4 (µs) or a1b23c4d (ns),
 *   +-------------------------------+-------------------------------+  in the writer's byte order
 *   |          Major Version        |         Minor Version         |
 *   +-------------------------------+-------------------------------+
 *   |                           Reserved1 / Reserved2               |  (8 bytes)
 *   +---------------------------------------------------------------+
 *   |                            SnapLen                            |
 *   +---------------------------------------------------------------+
 *   |                           LinkType                            |
 *   +---------------------------------------------------------------+
 *   record header (16 bytes), then the packet bytes:
 *   | seconds | microseconds or nanoseconds | captured length | original length |
 */
import type { CapturedPacket } from './capture.ts';
import { PcapParseError } from './errors.ts';

const GLOBAL_HEADER_LENGTH = 24;
const RECORD_HEADER_LENGTH = 16;
const MAGIC_MICROSECONDS = 0xa1b2c3d4;
const MAGIC_NANOSECONDS = 0xa1b23c4d;

interface FileLayout {
  readonly littleEndian: boolean;
  readonly nanoseconds: boolean;
}

function layoutOf(view: DataView): FileLayout | undefined {
  for (const littleEndian of [true, false]) {
    const magic = view.getUint32(0, littleEndian);
    if (magic === MAGIC_MICROSECONDS) return { littleEndian, nanoseconds: false };
    if (magic === MAGIC_NANOSECONDS) return { littleEndian, nanoseconds: true };
  }
  return undefined;
}

export function isPcap(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && layoutOf(new DataView(bytes.buffer, bytes.byteOffset, 4)) !== undefined;
}

export function parsePcap(bytes: Uint8Array): CapturedPacket[] {
  if (bytes.length < GLOBAL_HEADER_LENGTH) {
    throw new PcapParseError('FILE_TOO_SHORT', `pcap: file too short (size ${bytes.length} < ${GLOBAL_HEADER_LENGTH})`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const layout = layoutOf(view);
  if (!layout) throw new PcapParseError('UNKNOWN_FORMAT', 'pcap: not a pcap file (bad magic number)');
  const { littleEndian, nanoseconds } = layout;
  // The top bits of the link-type field carry FCS information (pcap-savefile(5)); the type is the low 28.
  const linkType = view.getUint32(20, littleEndian) & 0x0fffffff;

  const packets: CapturedPacket[] = [];
  let offset = GLOBAL_HEADER_LENGTH;
  while (offset < bytes.length) {
    if (offset + RECORD_HEADER_LENGTH > bytes.length) {
      throw new PcapParseError('RECORD_TRUNCATED', `pcap: record header at ${offset} is cut off`);
    }
    const seconds = view.getUint32(offset, littleEndian);
    const fraction = view.getUint32(offset + 4, littleEndian);
    const capturedLength = view.getUint32(offset + 8, littleEndian);
    const originalLength = view.getUint32(offset + 12, littleEndian);
    const dataStart = offset + RECORD_HEADER_LENGTH;
    if (capturedLength > bytes.length - dataStart) {
      throw new PcapParseError('RECORD_TRUNCATED', `pcap: record at ${offset} claims ${capturedLength} bytes, ${bytes.length - dataStart} left`);
    }
    packets.push({
      timestampUs: seconds * 1e6 + (nanoseconds ? fraction / 1000 : fraction),
      linkType,
      data: bytes.subarray(dataStart, dataStart + capturedLength),
      originalLength,
    });
    offset = dataStart + capturedLength;
  }
  return packets;
}

/** Writes a little-endian, microsecond pcap file with one link type (the format tcpdump -w writes). */
export function serializePcap(packets: readonly Omit<CapturedPacket, 'linkType'>[], linkType: number, snapLength = 262144): Uint8Array {
  const total = GLOBAL_HEADER_LENGTH + packets.reduce((sum, p) => sum + RECORD_HEADER_LENGTH + p.data.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC_MICROSECONDS, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, snapLength, true);
  view.setUint32(20, linkType, true);
  let offset = GLOBAL_HEADER_LENGTH;
  for (const packet of packets) {
    const micros = Math.round(packet.timestampUs);
    view.setUint32(offset, Math.floor(micros / 1e6), true);
    view.setUint32(offset + 4, micros % 1e6, true);
    view.setUint32(offset + 8, packet.data.length, true);
    view.setUint32(offset + 12, packet.originalLength, true);
    out.set(packet.data, offset + RECORD_HEADER_LENGTH);
    offset += RECORD_HEADER_LENGTH + packet.data.length;
  }
  return out;
}
