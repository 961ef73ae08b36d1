/**
 * A stream's quality as a score from 0 to 10, mediasoup's way
 * (RtpStream::UpdateScore): each report interval scores the fraction of
 * packets delivered, raised to the 4th power so that a few percent of loss
 * already shows (2 % loss → 9, 10 % → 7, 25 % → 3), and the score is a
 * weighted average of the last intervals, recent ones weighing most, so one
 * bad second dents it without flattening it.
 */
const HISTORY = 8;

/** 0..10 for one interval in which `lost` of `expected` packets did not arrive. */
export function intervalScore(expected: number, lost: number): number {
  if (expected <= 0) return 10;
  const delivered = Math.min(1, Math.max(0, (expected - lost) / expected));
  return Math.round(delivered ** 4 * 10);
}

export class StreamScore {
  readonly #history: number[] = [];

  /** 10 until an interval says otherwise. */
  get score(): number {
    if (this.#history.length === 0) return 10;
    let weighted = 0;
    let weights = 0;
    this.#history.forEach((score, i) => {
      weighted += score * (i + 1);
      weights += i + 1;
    });
    return Math.round(weighted / weights);
  }

  /** Adds one interval; returns the new score. Intervals with nothing expected are skipped. */
  update(expected: number, lost: number): number {
    if (expected > 0) {
      this.#history.push(intervalScore(expected, lost));
      if (this.#history.length > HISTORY) this.#history.shift();
    }
    return this.score;
  }
}
