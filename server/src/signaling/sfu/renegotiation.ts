/**
 * One subscriber's renegotiations, one at a time. JSEP (RFC 8829 §4.1.8,
 * §5.2) lets a new offer be made only once the last one is answered, and a
 * browser whose remote offer is still pending cannot take another. So the
 * SFU keeps at most one offer out per receive connection: changes (consumers
 * added or closed) that come while it waits are remembered, and once the
 * answer arrives they leave together in the next offer. Changes that come in
 * the same turn of the event loop (a peer's audio and video closing as it
 * leaves) are coalesced into one offer too.
 */

export interface RenegotiationOptions {
  /** Builds the next offer from the current state and sends it; returns false when there is nothing to offer. */
  offer: () => boolean;
  /** Runs `flush` later in this turn's aftermath; default setImmediate (after pending I/O callbacks of the same turn). */
  schedule?: (flush: () => void) => void;
}

export class Renegotiation {
  readonly #offer: () => boolean;
  readonly #schedule: (flush: () => void) => void;
  #changed = false;
  #scheduled = false;
  #awaitingAnswer = false;
  #closed = false;

  constructor(options: RenegotiationOptions) {
    this.#offer = options.offer;
    this.#schedule = options.schedule ?? ((flush) => void setImmediate(flush));
  }

  /** An offer is out and its answer has not come. */
  get awaitingAnswer(): boolean {
    return this.#awaitingAnswer;
  }

  /** Something changed: an offer will follow, as soon as no other is out. */
  needed(): void {
    if (this.#closed) return;
    this.#changed = true;
    this.#kick();
  }

  /** The answer to the offer that was out arrived (and was applied); changes since then go out next. */
  answered(): void {
    this.#awaitingAnswer = false;
    this.#kick();
  }

  /** No more offers (the peer left). */
  close(): void {
    this.#closed = true;
  }

  /** Scheduled rather than immediate: the answer's response goes out first, and changes of this turn join the offer. */
  #kick(): void {
    if (this.#closed || this.#awaitingAnswer || this.#scheduled || !this.#changed) return;
    this.#scheduled = true;
    this.#schedule(() => {
      this.#scheduled = false;
      if (this.#closed || this.#awaitingAnswer || !this.#changed) return;
      this.#changed = false;
      this.#awaitingAnswer = this.#offer();
    });
  }
}
