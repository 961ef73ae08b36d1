/**
 * Exercise 08-reliable-udp: the retransmission timeout of RFC 6298 (reference solution).
 * See exercises/08-reliable-udp/rto-estimator.ts for the contract.
 */
export const ALPHA = 1 / 8;
export const BETA = 1 / 4;
export const K = 4;

export interface RtoEstimatorOptions {
  readonly initialRtoMs?: number;
  readonly minRtoMs?: number;
  readonly maxRtoMs?: number;
  readonly clockGranularityMs?: number;
}

export class RtoEstimator {
  readonly #minRtoMs: number;
  readonly #maxRtoMs: number;
  readonly #granularityMs: number;
  #rtoMs: number;
  #srttMs: number | undefined;
  #rttvarMs: number | undefined;

  constructor(options: RtoEstimatorOptions = {}) {
    const { initialRtoMs = 1000, minRtoMs = 1000, maxRtoMs = 60_000, clockGranularityMs = 1 } = options;
    for (const [name, value] of Object.entries({ initialRtoMs, minRtoMs, maxRtoMs, clockGranularityMs })) {
      if (!(value > 0 && Number.isFinite(value))) throw new RangeError(`rto: ${name} must be a positive number of ms, got ${value}`);
    }
    if (minRtoMs > maxRtoMs) throw new RangeError(`rto: minRtoMs (${minRtoMs}) is above maxRtoMs (${maxRtoMs})`);
    if (initialRtoMs < minRtoMs || initialRtoMs > maxRtoMs) {
      throw new RangeError(`rto: initialRtoMs (${initialRtoMs}) must be from minRtoMs (${minRtoMs}) to maxRtoMs (${maxRtoMs})`);
    }
    this.#minRtoMs = minRtoMs;
    this.#maxRtoMs = maxRtoMs;
    this.#granularityMs = clockGranularityMs;
    // §2.1: until a measurement is made, RTO is the initial value (1 second).
    this.#rtoMs = initialRtoMs;
  }

  get rtoMs(): number {
    return this.#rtoMs;
  }

  get srttMs(): number | undefined {
    return this.#srttMs;
  }

  get rttvarMs(): number | undefined {
    return this.#rttvarMs;
  }

  sample(rttMs: number, retransmitted = false): boolean {
    if (!(rttMs >= 0 && Number.isFinite(rttMs))) throw new RangeError(`rto: an RTT sample must be a finite number of ms >= 0, got ${rttMs}`);
    // §3 (Karn): the ACK of a retransmitted segment may answer either copy, so it measures nothing.
    if (retransmitted) return false;
    if (this.#srttMs === undefined || this.#rttvarMs === undefined) {
      // §2.2: the first measurement.
      this.#srttMs = rttMs;
      this.#rttvarMs = rttMs / 2;
    } else {
      // §2.3: RTTVAR first, with the SRTT from before this sample.
      this.#rttvarMs = (1 - BETA) * this.#rttvarMs + BETA * Math.abs(this.#srttMs - rttMs);
      this.#srttMs = (1 - ALPHA) * this.#srttMs + ALPHA * rttMs;
    }
    // §2.2/§2.3 RTO = SRTT + max(G, K*RTTVAR); §2.4 the floor, §2.5 the ceiling. §5.7: this also
    // collapses a backed-off RTO once a new measurement comes in.
    this.#rtoMs = this.#clamp(this.#srttMs + Math.max(this.#granularityMs, K * this.#rttvarMs));
    return true;
  }

  backoff(): number {
    // §5.5: double it, within the maximum.
    this.#rtoMs = this.#clamp(this.#rtoMs * 2);
    return this.#rtoMs;
  }

  #clamp(rtoMs: number): number {
    return Math.min(this.#maxRtoMs, Math.max(this.#minRtoMs, rtoMs));
  }
}
