/**
 * Exercise 09-rtp-rtcp, part 2: loss and jitter for a report block (reference solution).
 * See exercises/09-rtp-rtcp/receiver-report.ts for the contract.
 *
 * The SFU already keeps these numbers per source: server/src/rtcp/receiver-statistics.ts is
 * RFC 3550 A.1 (update_seq), A.3 (expected, lost, fraction) and A.8 (jitter) line by line, and
 * is the worked reference. This adapts its ReceiverStatistics to the exercise's smaller API:
 * MIN_SEQUENTIAL = 1 (no probation), and the report block reduced to four numbers.
 */
import { ReceiverStatistics } from '#server/rtcp/index.ts';

export const MAX_DROPOUT = 3000;
export const MAX_MISORDER = 100;

/** Four numbers of the production ReportBlock (server/src/rtcp/report-block.ts), under the exercise's names. */
export type ReceptionReport = Readonly<Record<'extendedHighestSeq' | 'cumulativeLost' | 'fractionLost' | 'jitter', number>>;

export class ReceptionStats {
  readonly #statistics: ReceiverStatistics;

  constructor(clockRate: number) {
    // The SSRC only labels the report block, which is not returned here.
    this.#statistics = new ReceiverStatistics({
      ssrc: 0,
      clockRate,
      maxDropout: MAX_DROPOUT,
      maxMisorder: MAX_MISORDER,
      minSequential: 1,
    });
  }

  onPacket(sequenceNumber: number, rtpTimestamp: number, arrivalMs: number): void {
    this.#statistics.receivePacket({ sequenceNumber, rtpTimestamp, arrivalTimeMs: arrivalMs });
  }

  report(): ReceptionReport {
    // LSR/DLSR need a time; they are not part of this report, so any value does.
    const block = this.#statistics.createReportBlock(0);
    if (block === undefined) return { extendedHighestSeq: 0, cumulativeLost: 0, fractionLost: 0, jitter: 0 };
    return {
      extendedHighestSeq: block.extendedHighestSequence,
      cumulativeLost: block.cumulativeLost,
      fractionLost: block.fractionLost,
      jitter: block.jitter,
    };
  }
}
