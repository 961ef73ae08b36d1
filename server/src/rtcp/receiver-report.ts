/**
 * RR: Receiver Report (RFC 3550 §6.4.2). The SR without sender info; an RR
 * with RC = 0 is how a receiver that heard nothing still starts a compound
 * packet (RFC 3550 §6.1), and what Chromium sends in front of a PLI.
 *
 *         0                   1                   2                   3
 *         0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * header |V=2|P|    RC   |   PT=RR=201   |             length            |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                     SSRC of packet sender                     |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *        |                 report blocks (RC × 24 bytes)                 |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *        |                  profile-specific extensions                  |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { PacketType, type PacketCodec, serializeWith } from './header.ts';
import { type ReportLayout, type ReportsAndExtension, readReportPacket, reportPacketSize, serializeReportPacketInto } from './report-block.ts';
import { readU32, writeU32 } from './wire.ts';

/** Only the sender's SSRC before the blocks. */
const LAYOUT: ReportLayout = { packetType: PacketType.ReceiverReport, fixedSize: 4, name: 'receiver report' };

export interface ReceiverReport extends ReportsAndExtension {
  readonly kind: 'receiver-report';
  readonly ssrc: number;
}

export function parseReceiverReport(bytes: Uint8Array): ReceiverReport {
  const { body, reports, profileExtensions } = readReportPacket(bytes, LAYOUT);
  return { kind: 'receiver-report', ssrc: readU32(body, 0), reports, profileExtensions };
}

export const receiverReportCodec = {
  parse: parseReceiverReport,
  serializedSize: (report: ReceiverReport) => reportPacketSize(LAYOUT, report),
  serializeInto: (report: ReceiverReport, buf: Uint8Array, offset: number) =>
    serializeReportPacketInto(buf, offset, LAYOUT, report, (at) => writeU32(buf, at, report.ssrc, 'ssrc')),
} satisfies PacketCodec<ReceiverReport>;

export function serializeReceiverReport(report: ReceiverReport): Uint8Array {
  return serializeWith(receiverReportCodec, report);
}
