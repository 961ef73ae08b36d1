/**
 * XR: Extended Reports (RFC 3611 §2), with the two blocks Chromium sends when
 * `a=rtcp-xr:rcvr-rtt=all` is negotiated: the receiver's RRTR and the sender's
 * DLRR answer, which together give a receive-only peer its round-trip time
 * (RFC 3611 §4.4, §4.5). Other block types are kept raw.
 *
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |V=2|P|reserved |   PT=XR=207   |             length            |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                              SSRC                             |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    :                         report blocks                         :
 *
 * Every block (RFC 3611 §3), its length in words minus one, header included:
 *
 *    |      BT       | type-specific |         block length          |
 *    :             type-specific block contents                      :
 *
 * RRTR (BT=4, block length 2): a 64-bit NTP timestamp.
 * DLRR (BT=5, block length 3 × n): n sub-blocks of SSRC, LRR, DLRR.
 */
import { HEADER_SIZE, PacketType, type PacketCodec, serializeWith, startPacket, viewPacket } from './header.ts';
import { RtcpParseError, requireBytes } from './errors.ts';
import { copyBytes, readU16, readU32, readU64, writeU16, writeU32, writeU64, writeU8 } from './wire.ts';

export const XrBlockType = { ReceiverReferenceTime: 4, Dlrr: 5 } as const;

/** RFC 3611 §4.4: when the receiver sent this report, for the sender to echo in a DLRR. */
export interface ReceiverReferenceTimeBlock {
  readonly type: 'receiver-reference-time';
  readonly ntpTimestamp: bigint;
}

/** RFC 3611 §4.5: one receiver's RRTR echoed back. Units as LSR/DLSR in an SR report block. */
export interface DlrrReport {
  readonly ssrc: number;
  /** LRR: middle 32 bits of the NTP timestamp of that receiver's last RRTR. */
  readonly lastReceiverReport: number;
  /** DLRR: 1/65536 s since that RRTR arrived. */
  readonly delaySinceLastReceiverReport: number;
}

export interface DlrrBlock {
  readonly type: 'dlrr';
  readonly reports: readonly DlrrReport[];
}

/** A block type this code does not interpret, kept so the packet round-trips. */
export interface UnknownXrBlock {
  readonly type: 'unknown';
  readonly blockType: number;
  readonly typeSpecific: number;
  /** The contents after the 4-byte block header; whole words. */
  readonly body: Uint8Array;
}

export type XrBlock = ReceiverReferenceTimeBlock | DlrrBlock | UnknownXrBlock;

export interface ExtendedReport {
  readonly kind: 'extended-report';
  readonly ssrc: number;
  readonly blocks: readonly XrBlock[];
}

const SSRC_SIZE = 4;
const BLOCK_HEADER_SIZE = 4;
const RRTR_CONTENT_SIZE = 8;
const DLRR_REPORT_SIZE = 12;

function parseBlock(blockType: number, typeSpecific: number, content: Uint8Array): XrBlock {
  switch (blockType) {
    case XrBlockType.ReceiverReferenceTime:
      if (content.length !== RRTR_CONTENT_SIZE) {
        throw new RtcpParseError('BAD_XR_BLOCK', `rtcp: RRTR block has ${content.length} bytes of content, must be 8 (RFC 3611 §4.4)`);
      }
      return { type: 'receiver-reference-time', ntpTimestamp: readU64(content, 0) };
    case XrBlockType.Dlrr: {
      if (content.length % DLRR_REPORT_SIZE !== 0) {
        throw new RtcpParseError('BAD_XR_BLOCK', `rtcp: DLRR block of ${content.length} bytes is not 12-byte sub-blocks (RFC 3611 §4.5)`);
      }
      const reports: DlrrReport[] = [];
      for (let at = 0; at < content.length; at += DLRR_REPORT_SIZE) {
        reports.push({
          ssrc: readU32(content, at),
          lastReceiverReport: readU32(content, at + 4),
          delaySinceLastReceiverReport: readU32(content, at + 8),
        });
      }
      return { type: 'dlrr', reports };
    }
    default:
      return { type: 'unknown', blockType, typeSpecific, body: copyBytes(content) };
  }
}

export function parseExtendedReport(bytes: Uint8Array): ExtendedReport {
  const { body } = viewPacket(bytes, PacketType.ExtendedReport);
  requireBytes(body.length, SSRC_SIZE, 'XR');
  const blocks: XrBlock[] = [];
  for (let at = SSRC_SIZE; at < body.length; ) {
    requireBytes(body.length - at, BLOCK_HEADER_SIZE, 'XR block header');
    const end = at + (readU16(body, at + 2) + 1) * 4;
    if (end > body.length) {
      throw new RtcpParseError('BAD_LENGTH', `rtcp: XR block at ${at} ends at ${end}, past the packet's ${body.length}`);
    }
    blocks.push(parseBlock(body[at]!, body[at + 1]!, body.subarray(at + BLOCK_HEADER_SIZE, end)));
    at = end;
  }
  return { kind: 'extended-report', ssrc: readU32(body, 0), blocks };
}

function contentSize(block: XrBlock): number {
  switch (block.type) {
    case 'receiver-reference-time':
      return RRTR_CONTENT_SIZE;
    case 'dlrr':
      return block.reports.length * DLRR_REPORT_SIZE;
    case 'unknown':
      if (block.body.length % 4 !== 0) throw new RangeError(`rtcp: XR block body of ${block.body.length} bytes is not whole words`);
      return block.body.length;
  }
}

function serializedSize(packet: ExtendedReport): number {
  return packet.blocks.reduce((sum, block) => sum + BLOCK_HEADER_SIZE + contentSize(block), HEADER_SIZE + SSRC_SIZE);
}

/** Writes one block's header and contents at `at`; returns its size. */
function writeBlock(buf: Uint8Array, at: number, block: XrBlock): number {
  const size = BLOCK_HEADER_SIZE + contentSize(block);
  const content = at + BLOCK_HEADER_SIZE;
  writeU16(buf, at + 2, size / 4 - 1, 'XR block length');
  switch (block.type) {
    case 'receiver-reference-time':
      buf[at] = XrBlockType.ReceiverReferenceTime;
      buf[at + 1] = 0;
      writeU64(buf, content, block.ntpTimestamp, 'RRTR NTP timestamp');
      break;
    case 'dlrr':
      buf[at] = XrBlockType.Dlrr;
      buf[at + 1] = 0;
      block.reports.forEach((report, i) => {
        const sub = content + i * DLRR_REPORT_SIZE;
        writeU32(buf, sub, report.ssrc, 'DLRR ssrc');
        writeU32(buf, sub + 4, report.lastReceiverReport, 'LRR');
        writeU32(buf, sub + 8, report.delaySinceLastReceiverReport, 'DLRR');
      });
      break;
    case 'unknown':
      writeU8(buf, at, block.blockType, 'XR block type');
      writeU8(buf, at + 1, block.typeSpecific, 'XR type-specific');
      buf.set(block.body, content);
      break;
  }
  return size;
}

function serializeInto(packet: ExtendedReport, buf: Uint8Array, offset: number): number {
  const size = serializedSize(packet);
  let at = startPacket(buf, offset, { count: 0, packetType: PacketType.ExtendedReport }, size);
  writeU32(buf, at, packet.ssrc, 'XR ssrc');
  at += SSRC_SIZE;
  for (const block of packet.blocks) at += writeBlock(buf, at, block);
  return size;
}

export const extendedReportCodec = { parse: parseExtendedReport, serializedSize, serializeInto } satisfies PacketCodec<ExtendedReport>;

export function serializeExtendedReport(packet: ExtendedReport): Uint8Array {
  return serializeWith(extendedReportCodec, packet);
}
