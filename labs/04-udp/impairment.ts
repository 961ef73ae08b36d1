/**
 * A bad network, simulated on the sender: each datagram is dropped, sent twice, held back (and
 * sent after the next one), or sent as it is. Loopback never does these things by itself, so the
 * lab does them on purpose and keeps the ground truth to compare with what the receiver counts.
 */
export interface ImpairmentRates {
  /** Probability, 0 to 1, that a datagram is never sent. */
  readonly loss: number;
  /** Probability that it is sent twice. */
  readonly duplicate: number;
  /** Probability that it is held back and sent after the next datagram. */
  readonly reorder: number;
}

export interface ImpairmentCounts {
  readonly dropped: number;
  readonly duplicated: number;
  readonly delayed: number;
}

export class Impairment {
  readonly #rates: ImpairmentRates;
  readonly #random: () => number;
  #held: Buffer | undefined;
  #counts = { dropped: 0, duplicated: 0, delayed: 0 };

  constructor(rates: ImpairmentRates, random: () => number = Math.random) {
    for (const [name, rate] of Object.entries(rates)) {
      if (!(rate >= 0 && rate <= 1)) throw new RangeError(`impairment: ${name} must be a probability from 0 to 1, got ${rate}`);
    }
    this.#rates = rates;
    this.#random = random;
  }

  get counts(): ImpairmentCounts {
    return { ...this.#counts };
  }

  /** What goes on the wire now in place of `datagram`: nothing, it, it twice, or it and a held one. */
  apply(datagram: Buffer): Buffer[] {
    const { loss, duplicate, reorder } = this.#rates;
    const fate = this.#random();
    let now: Buffer[];
    if (fate < loss) {
      this.#counts.dropped += 1;
      return [];
    } else if (fate < loss + duplicate) {
      this.#counts.duplicated += 1;
      now = [datagram, datagram];
    } else if (fate < loss + duplicate + reorder && this.#held === undefined) {
      this.#counts.delayed += 1;
      this.#held = datagram;
      return [];
    } else {
      now = [datagram];
    }
    return [...now, ...this.flush()];
  }

  /** The datagram still held back, if any (call it at the end of a run too). */
  flush(): Buffer[] {
    const held = this.#held;
    this.#held = undefined;
    return held ? [held] : [];
  }
}
