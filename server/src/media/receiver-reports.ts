/**
 * The regular RTCP the SFU sends a publisher: RRs carrying one report block
 * per stream it receives (ProducerStream.createReportBlock), then an XR with
 * a receiver reference time (RFC 3611 §4.4), which Chromium answers with a
 * DLRR block (RFC 3611 §4.5; `a=rtcp-xr:rcvr-rtt=all` in its offers) so the
 * SFU learns its round trip to the publisher without sending it media.
 */
import { MAX_REPORT_BLOCKS, ntpFromUnixMs, type ExtendedReport, type ReceiverReport, type ReportBlock } from '../rtcp/index.ts';

/**
 * RRs for `blocks`: RC is 5 bits, so more than 31 sources take several RRs
 * in the compound (RFC 3550 §6.4.2). None at all still makes one empty RR,
 * which is how a compound must start (§6.1).
 */
export function buildReceiverReports(senderSsrc: number, blocks: readonly ReportBlock[]): ReceiverReport[] {
  const reports: ReceiverReport[] = [];
  for (let i = 0; i === 0 || i < blocks.length; i += MAX_REPORT_BLOCKS) {
    reports.push({
      kind: 'receiver-report',
      ssrc: senderSsrc,
      reports: blocks.slice(i, i + MAX_REPORT_BLOCKS),
      profileExtensions: new Uint8Array(0),
    });
  }
  return reports;
}

/** RFC 3611 §4.4: the SFU's wall-clock time now, for the publisher to echo in DLRR. */
export function buildReceiverReferenceTime(senderSsrc: number, nowUnixMs: number): ExtendedReport {
  return {
    kind: 'extended-report',
    ssrc: senderSsrc,
    blocks: [{ type: 'receiver-reference-time', ntpTimestamp: ntpFromUnixMs(nowUnixMs) }],
  };
}
