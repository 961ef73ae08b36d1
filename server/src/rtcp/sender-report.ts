/**
 * SR: Sender Report (RFC 3550 §6.4.1).
 *
 *         0                   1                   2                   3
 *         0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * header |V=2|P|    RC   |   PT=SR=200   |             length            |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                         SSRC of sender                        |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * sender |              NTP timestamp, most significant word             |
 * info   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |             NTP timestamp, least significant word             |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                         RTP timestamp                         |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                     sender's packet count                     |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                      sender's octet count                     |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *        |                 report blocks (RC × 24 bytes)                 |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *        |                  profile-specific extensions                  |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { PacketType, type PacketCodec, serializeWith } from './header.ts';
import {
  type ReportLayout,
  type ReportsAndExtension,
  readReportPacket,
  reportPacketSize,
  serializeReportPacketInto,
} from './report-block.ts';
import { readU32, readU64, writeU32, writeU64 } from './wire.ts';

/** SSRC plus the 20 bytes of sender info before the blocks. */
const LAYOUT: ReportLayout = { packetType: PacketType.SenderReport, fixedSize: 24, name: 'sender report' };

export interface SenderReport extends ReportsAndExtension {
  readonly kind: 'sender-report';
  readonly ssrc: number;
  /** 64-bit NTP timestamp of this report (RFC 3550 §4); see ntp.ts. */
  readonly ntpTimestamp: bigint;
  /** The same instant in the RTP clock of this source, for lip sync (RFC 3550 §6.4.1). */
  readonly rtpTimestamp: number;
  readonly packetCount: number;
  readonly octetCount: number;
}

export function parseSenderReport(bytes: Uint8Array): SenderReport {
  const { body, reports, profileExtensions } = readReportPacket(bytes, LAYOUT);
  return {
    kind: 'sender-report',
    ssrc: readU32(body, 0),
    ntpTimestamp: readU64(body, 4),
    rtpTimestamp: readU32(body, 12),
    packetCount: readU32(body, 16),
    octetCount: readU32(body, 20),
    reports,
    profileExtensions,
  };
}

function serializeInto(report: SenderReport, buf: Uint8Array, offset: number): number {
  return serializeReportPacketInto(buf, offset, LAYOUT, report, (at) => {
    writeU32(buf, at, report.ssrc, 'ssrc');
    writeU64(buf, at + 4, report.ntpTimestamp, 'NTP timestamp');
    writeU32(buf, at + 12, report.rtpTimestamp, 'RTP timestamp');
    writeU32(buf, at + 16, report.packetCount, 'packet count');
    writeU32(buf, at + 20, report.octetCount, 'octet count');
  });
}

export const senderReportCodec = {
  parse: parseSenderReport,
  serializedSize: (report: SenderReport) => reportPacketSize(LAYOUT, report),
  serializeInto,
} satisfies PacketCodec<SenderReport>;

export function serializeSenderReport(report: SenderReport): Uint8Array {
  return serializeWith(senderReportCodec, report);
}
