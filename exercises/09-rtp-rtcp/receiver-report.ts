/**
 * Exercise 09-rtp-rtcp, part 2: what a receiver puts in its RTCP report block about one source:
 * loss (RFC 3550 A.1, A.3) and interarrival jitter (A.8).
 *
 * new ReceptionStats(clockRate)   clockRate: the RTP clock of the stream in Hz (48000 for Opus,
 *                                 90000 for video). RangeError unless it is a number > 0.
 * onPacket(sequenceNumber, rtpTimestamp, arrivalMs)
 *   Called for each RTP packet of the source, in arrival order. arrivalMs is the receiver's clock
 *   in ms (any origin, may have fractions).
 * report() -> { extendedHighestSeq, cumulativeLost, fractionLost, jitter }
 *   The numbers for the report block sent now. It also starts the next interval for fractionLost.
 *   Before any packet: all four are 0.
 *
 * Sequence numbers (A.1, without the probation: the first packet is valid at once):
 *   The first packet sets base = highest = its number, received = 1, cycles = 0.
 *   For each later packet, d = (seq - highest) mod 65536:
 *   - d < MAX_DROPOUT (0 included): in order, maybe after a gap. If seq < highest the 16 bits
 *     wrapped: cycles += 65536. highest = seq. received += 1.
 *   - d > 65536 - MAX_MISORDER: a duplicate or a late (reordered) packet: received += 1 only.
 *   - otherwise, a big jump: the packet is not counted (its time does not feed the jitter
 *     either), but seq + 1 (mod 65536) is remembered. If a later big jump lands exactly on the
 *     remembered number, the sender has restarted: start over as with a first packet (base =
 *     highest = seq, cycles 0, received = 1, the fractionLost interval starts over, nothing is
 *     remembered), keeping the jitter value.
 * Loss (A.3):
 *   extendedHighestSeq = cycles + highest                          (counts the wraps)
 *   expected = extendedHighestSeq - base + 1;  cumulativeLost = expected - received, clamped to
 *   the 24-bit signed field [-8388608, 8388607]: duplicates can make it negative.
 *   fractionLost covers the interval since the previous report() (or since the start):
 *   expectedInterval and receivedInterval are how much expected and received grew in it, and
 *   lostInterval = expectedInterval - receivedInterval. It is 0 if expectedInterval is 0 or
 *   lostInterval <= 0, else floor(lostInterval * 256 / expectedInterval): an 8-bit fraction.
 * Jitter (A.8), for every counted packet after the first:
 *   D = (arrivalMs - previous arrivalMs) * clockRate / 1000 - (rtpTimestamp - previous rtpTimestamp)
 *   (the timestamp difference as a signed 32-bit number, so a timestamp wrap is a small step);
 *   J = J + (|D| - J) / 16, starting from J = 0. report().jitter is floor(J), in timestamp units.
 *   The packet that restarts the source has no previous one to compare with, like a first packet.
 *
 *   const stats = new ReceptionStats(8000);
 *   [0, 1, 3, 4].forEach((seq) => stats.onPacket(seq, seq * 160, seq * 20));
 *   stats.report() -> { extendedHighestSeq: 4, cumulativeLost: 1, fractionLost: 51, jitter: 0 }
 */

/** A.1: the largest forward jump still taken as the same stream. */
export const MAX_DROPOUT = 3000;
/** A.1: the furthest back a packet may be and still count as reordered. */
export const MAX_MISORDER = 100;

export interface ReceptionReport {
  /** Highest sequence number received, plus 65536 per wrap. */
  readonly extendedHighestSeq: number;
  /** Expected minus received since the start; 24-bit signed. */
  readonly cumulativeLost: number;
  /** Lost in the last interval, × 256, 0-255. */
  readonly fractionLost: number;
  /** Interarrival jitter in RTP timestamp units, rounded down. */
  readonly jitter: number;
}

export class ReceptionStats {
  constructor(clockRate: number) {
    // TODO: check clockRate, and set up the A.1 state (base, highest, cycles, received, the
    // bad-jump memory), the A.3 interval state and the A.8 jitter state.
    throw new Error(`TODO: create reception statistics for a ${clockRate} Hz stream`);
  }

  onPacket(sequenceNumber: number, rtpTimestamp: number, arrivalMs: number): void {
    // TODO: update the sequence state as described above; then, if the packet counts, the jitter.
    throw new Error(`TODO: account for packet ${sequenceNumber} (timestamp ${rtpTimestamp}) at ${arrivalMs} ms`);
  }

  report(): ReceptionReport {
    // TODO: compute the extended highest sequence number, cumulative and fraction lost, jitter.
    throw new Error('TODO: build the report block numbers');
  }
}
