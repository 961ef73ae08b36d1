/**
 * Exercise 08-reliable-udp, part 1: how long to wait before retransmitting. The RTO estimator of
 * RFC 6298, which TCP uses and the lab's sender uses too.
 *
 * The sender times segments: R is how long one took from being sent to being acknowledged.
 * R jumps around, so the estimator keeps a smoothed RTT (SRTT) and how much R varies (RTTVAR),
 * and waits a bit more than a typical round trip: RTO = SRTT + max(G, K * RTTVAR).
 *
 *   before any measurement   RTO = initialRtoMs                                      (§2.1)
 *   the first R              SRTT = R, RTTVAR = R / 2                                  (§2.2)
 *   every later R            RTTVAR = (1 - BETA) * RTTVAR + BETA * |SRTT - R|          (§2.3)
 *                            SRTT   = (1 - ALPHA) * SRTT + ALPHA * R
 *                            (RTTVAR first: it uses the SRTT from before this R)
 *   after either             RTO = SRTT + max(G, K * RTTVAR), with G = clockGranularityMs,
 *                            then raised to minRtoMs (§2.4) and lowered to maxRtoMs (§2.5)
 *
 * sample(rttMs, retransmitted) feeds one measurement and returns whether it was used. Karn's
 * algorithm (§3): when the segment was retransmitted, its ACK may answer the first copy or the
 * second, so the measurement means nothing: ignore it (change nothing, return false).
 *
 * backoff() is called when the retransmission timer expires (§5.5): RTO doubles, never above
 * maxRtoMs; it returns the new RTO. It stays backed off until the next measurement that is used,
 * which recomputes RTO from SRTT and RTTVAR as above ("collapsing" it back, §5.7).
 *
 * Options (all in ms): initialRtoMs (default 1000), minRtoMs (default 1000: RFC 6298's floor of
 * one second; the lab uses lower floors so that lost segments on loopback are resent sooner),
 * maxRtoMs (default 60000), clockGranularityMs (default 1).
 *
 * Errors: RangeError for an option that is not a positive finite number, for minRtoMs above
 * maxRtoMs, for an initialRtoMs outside [minRtoMs, maxRtoMs], and for a sample that is negative
 * or not finite.
 *
 *   const rto = new RtoEstimator({ minRtoMs: 100 });
 *   rto.rtoMs                       -> 1000
 *   rto.sample(100)                 -> true; srttMs 100, rttvarMs 50, rtoMs 300
 *   rto.sample(200)                 -> true; rttvarMs 62.5, srttMs 112.5, rtoMs 362.5
 *   rto.backoff()                   -> 725
 *   rto.sample(400, true)           -> false; rtoMs still 725
 */

/** The gains and the variance multiplier of RFC 6298 §2.3. */
export const ALPHA = 1 / 8;
export const BETA = 1 / 4;
export const K = 4;

export interface RtoEstimatorOptions {
  /** RTO before the first measurement; default 1000. */
  readonly initialRtoMs?: number;
  /** The lowest RTO; default 1000. */
  readonly minRtoMs?: number;
  /** The highest RTO; default 60000. */
  readonly maxRtoMs?: number;
  /** G, the clock granularity; default 1. */
  readonly clockGranularityMs?: number;
}

export class RtoEstimator {
  constructor(options: RtoEstimatorOptions = {}) {
    // TODO: check the options and remember them; RTO starts at initialRtoMs.
    throw new Error(`TODO: create an RTO estimator (${JSON.stringify(options)})`);
  }

  /** The retransmission timeout to arm now, in ms. */
  get rtoMs(): number {
    throw new Error('TODO: return the current RTO');
  }

  /** SRTT, or undefined before the first measurement. */
  get srttMs(): number | undefined {
    throw new Error('TODO: return SRTT');
  }

  /** RTTVAR, or undefined before the first measurement. */
  get rttvarMs(): number | undefined {
    throw new Error('TODO: return RTTVAR');
  }

  sample(rttMs: number, retransmitted = false): boolean {
    // TODO: Karn, then §2.2 or §2.3, then RTO with its floor and ceiling.
    throw new Error(`TODO: take the RTT sample ${rttMs} ms (retransmitted: ${retransmitted})`);
  }

  backoff(): number {
    // TODO: §5.5.
    throw new Error('TODO: double the RTO');
  }
}
