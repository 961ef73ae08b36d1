/**
 * The regular RTCP of one transport (RFC 3550 §6.4), built when its
 * RtcpScheduler fires:
 *
 * - to a publisher: RRs with one block per producer stream (loss, jitter,
 *   LSR/DLSR: what its rate control reads), an XR receiver reference time
 *   (RFC 3611 §4.4) so its DLRR answer gives the SFU the round trip, and a
 *   REMB for a publisher without transport-cc;
 * - to a subscriber: an SR per consumer on its producer's NTP timeline
 *   (ConsumerStream.createSenderReport), then SDES with each consumer's CNAME.
 *
 * Each compound stays well under a 1200-byte datagram: at most
 * MAX_REPORT_BLOCKS blocks per RR, SUBSCRIBER_REPORTS_PER_COMPOUND SRs per
 * compound; more go in further compounds.
 */
import { MAX_REPORT_BLOCKS, type ReceiverEstimatedMaximumBitrate, type ReportBlock, type RtcpPacket, type SdesChunk, type SenderReport } from '../rtcp/index.ts';
import type { MediaConsumer } from './media-consumer.ts';
import { buildReceiverReferenceTime, buildReceiverReports } from './receiver-reports.ts';

/** 28-byte SR + a ~24-byte SDES chunk each: 16 make ~850 bytes. */
export const SUBSCRIBER_REPORTS_PER_COMPOUND = 16;

/** Compounds for a publisher: RR blocks in groups, the first with the XR (and REMB). */
export function publisherReports(
  rtcpSsrc: number,
  blocks: readonly ReportBlock[],
  nowUnixMs: number,
  remb: ReceiverEstimatedMaximumBitrate | undefined,
): RtcpPacket[][] {
  const compounds: RtcpPacket[][] = [];
  for (let i = 0; i === 0 || i < blocks.length; i += MAX_REPORT_BLOCKS) {
    const compound: RtcpPacket[] = buildReceiverReports(rtcpSsrc, blocks.slice(i, i + MAX_REPORT_BLOCKS));
    if (i === 0) {
      compound.push(buildReceiverReferenceTime(rtcpSsrc, nowUnixMs));
      if (remb !== undefined) compound.push(remb);
    }
    compounds.push(compound);
  }
  return compounds;
}

/** Compounds for a subscriber: SRs then SDES; consumers without an SR yet (nothing sent, or no publisher SR) are left out. */
export function subscriberReports(consumers: Iterable<MediaConsumer>): RtcpPacket[][] {
  const reports: { sr: SenderReport; sdes: SdesChunk | undefined }[] = [];
  for (const consumer of consumers) {
    const sr = consumer.createSenderReport();
    if (sr !== undefined) reports.push({ sr, sdes: consumer.sdesChunk() });
  }
  const compounds: RtcpPacket[][] = [];
  for (let i = 0; i < reports.length; i += SUBSCRIBER_REPORTS_PER_COMPOUND) {
    const group = reports.slice(i, i + SUBSCRIBER_REPORTS_PER_COMPOUND);
    const compound: RtcpPacket[] = group.map((report) => report.sr);
    const chunks = group.flatMap((report) => (report.sdes === undefined ? [] : [report.sdes]));
    if (chunks.length > 0) compound.push({ kind: 'source-description', chunks });
    compounds.push(compound);
  }
  return compounds;
}

/** RFC 3550 §6.4.1 fraction lost of the worst stream, 0-1, for the REMB estimator. */
export function worstFractionLost(blocks: readonly ReportBlock[]): number {
  return blocks.reduce((worst, block) => Math.max(worst, block.fractionLost / 256), 0);
}
