/**
 * The reception report block shared by SR and RR (RFC 3550 §6.4.1).
 *
 *      +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *      |                 SSRC_1 (SSRC of first source)                 |
 *      +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *      | fraction lost |       cumulative number of packets lost       |
 *      +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *      |           extended highest sequence number received           |
 *      +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *      |                      interarrival jitter                      |
 *      +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *      |                         last SR (LSR)                         |
 *      +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *      |                   delay since last SR (DLSR)                  |
 *      +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 */
import { RtcpParseError, requireBytes } from './errors.ts';
import { HEADER_SIZE, startPacket, viewPacket } from './header.ts';
import { copyBytes, readS24, readU32, writeS24, writeU32, writeU8 } from './wire.ts';

export const REPORT_BLOCK_SIZE = 24;
/** RC is 5 bits (RFC 3550 §6.4.1); more sources need another SR/RR in the compound. */
export const MAX_REPORT_BLOCKS = 31;

/** RFC 3550 §6.4.1: what one receiver reports about one source. */
export interface ReportBlock {
  readonly ssrc: number;
  /** Packets lost since the previous report, as a fixed-point fraction × 256 (RFC 3550 §6.4.1, A.3). */
  readonly fractionLost: number;
  /** Cumulative packets lost, a 24-bit signed value: duplicates can make it negative (RFC 3550 §6.4.1). */
  readonly cumulativeLost: number;
  /** Highest sequence number received, with the count of 16-bit cycles in the upper half. */
  readonly extendedHighestSequence: number;
  /** Interarrival jitter in RTP timestamp units (RFC 3550 §6.4.1, A.8). */
  readonly jitter: number;
  /** LSR: the middle 32 bits of the last SR's NTP timestamp, 0 if none yet. */
  readonly lastSenderReport: number;
  /** DLSR: time since that SR in units of 1/65536 s, 0 if none yet. */
  readonly delaySinceLastSenderReport: number;
}

/** Reads `count` blocks from `body` at `offset`; the caller has checked the length. */
function readReportBlocks(body: Uint8Array, offset: number, count: number): ReportBlock[] {
  const blocks: ReportBlock[] = [];
  for (let i = 0; i < count; i++) {
    const at = offset + i * REPORT_BLOCK_SIZE;
    blocks.push({
      ssrc: readU32(body, at),
      fractionLost: body[at + 4]!,
      cumulativeLost: readS24(body, at + 5),
      extendedHighestSequence: readU32(body, at + 8),
      jitter: readU32(body, at + 12),
      lastSenderReport: readU32(body, at + 16),
      delaySinceLastSenderReport: readU32(body, at + 20),
    });
  }
  return blocks;
}

function writeReportBlocks(buf: Uint8Array, offset: number, blocks: readonly ReportBlock[]): void {
  blocks.forEach((block, i) => {
    const at = offset + i * REPORT_BLOCK_SIZE;
    writeU32(buf, at, block.ssrc, 'report block ssrc');
    writeU8(buf, at + 4, block.fractionLost, 'fraction lost');
    writeS24(buf, at + 5, block.cumulativeLost, 'cumulative lost');
    writeU32(buf, at + 8, block.extendedHighestSequence, 'extended highest sequence');
    writeU32(buf, at + 12, block.jitter, 'jitter');
    writeU32(buf, at + 16, block.lastSenderReport, 'LSR');
    writeU32(buf, at + 20, block.delaySinceLastSenderReport, 'DLSR');
  });
}

/** The SR/RR fields after the fixed part: report blocks, then the profile-specific extension. */
export interface ReportsAndExtension {
  readonly reports: readonly ReportBlock[];
  /** Kept opaque so a report round-trips byte for byte; whole words. */
  readonly profileExtensions: Uint8Array;
}

/** Where SR and RR differ: packet type, and the fixed fields before the blocks (RFC 3550 §6.4.1, §6.4.2). */
export interface ReportLayout {
  readonly packetType: number;
  readonly fixedSize: number;
  readonly name: string;
}

/**
 * Views an SR or RR and splits what follows its fixed fields into RC report
 * blocks and the profile-specific extension (RFC 3550 §6.4.1); the caller
 * reads the fixed fields from `body`.
 */
export function readReportPacket(bytes: Uint8Array, layout: ReportLayout): ReportsAndExtension & { body: Uint8Array } {
  const { header, body } = viewPacket(bytes, layout.packetType);
  requireBytes(body.length, layout.fixedSize, layout.name);
  const blocksEnd = layout.fixedSize + header.count * REPORT_BLOCK_SIZE;
  if (blocksEnd > body.length) {
    throw new RtcpParseError('BAD_LENGTH', `rtcp: ${header.count} report blocks need ${blocksEnd} bytes of payload, have ${body.length}`);
  }
  // Only padding (RFC 3550 §6.4.1) can leave a ragged tail; the extension itself is whole words.
  if ((body.length - blocksEnd) % 4 !== 0) {
    throw new RtcpParseError('BAD_LENGTH', `rtcp: profile extension of ${body.length - blocksEnd} bytes is not whole words`);
  }
  return {
    body,
    reports: readReportBlocks(body, layout.fixedSize, header.count),
    profileExtensions: copyBytes(body.subarray(blocksEnd)),
  };
}

export function reportPacketSize(layout: ReportLayout, { reports, profileExtensions }: ReportsAndExtension): number {
  return HEADER_SIZE + layout.fixedSize + reports.length * REPORT_BLOCK_SIZE + profileExtensions.length;
}

/** Writes an SR or RR: header, the fixed fields through `writeFixed(at)`, blocks, extension. */
export function serializeReportPacketInto(
  buf: Uint8Array,
  offset: number,
  layout: ReportLayout,
  report: ReportsAndExtension,
  writeFixed: (at: number) => void,
): number {
  const { reports, profileExtensions } = report;
  if (reports.length > MAX_REPORT_BLOCKS) {
    throw new RangeError(`rtcp: ${reports.length} report blocks > ${MAX_REPORT_BLOCKS}; split them over several packets`);
  }
  if (profileExtensions.length % 4 !== 0) {
    throw new RangeError(`rtcp: profile extension of ${profileExtensions.length} bytes is not a whole number of words`);
  }
  const size = reportPacketSize(layout, report);
  const at = startPacket(buf, offset, { count: reports.length, packetType: layout.packetType }, size);
  writeFixed(at);
  writeReportBlocks(buf, at + layout.fixedSize, reports);
  buf.set(profileExtensions, at + layout.fixedSize + reports.length * REPORT_BLOCK_SIZE);
  return size;
}
