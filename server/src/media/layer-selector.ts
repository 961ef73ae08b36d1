/**
 * Which of a simulcast producer's encodings a consumer forwards. A consumer
 * sends its subscriber ONE stream, so it picks a layer, and may change
 * layers only where the subscriber's decoder can follow: at a key frame of
 * the new layer (ConsumerStream then continues sequence numbers and
 * timestamps across the switch).
 *
 * The policy is the simplest one that works without bandwidth estimation
 * towards subscribers (a later issue): the best layer the publisher is
 * currently sending. Encodings are in the publisher's order, lowest
 * resolution first (Chromium's rid q, h, f); "currently sending" means a
 * packet forwarded within the last second. A layer that stops (the publisher
 * dropped it under congestion, fixtures: f never sent at 640x480) is left
 * for the next lower one at its next key frame.
 */
export class LayerSelector {
  readonly #count: number;
  readonly #isActive: (index: number) => boolean;
  #current: number | undefined;

  /** `isActive(i)`: encoding i forwarded a packet lately. */
  constructor(count: number, isActive: (index: number) => boolean) {
    this.#count = count;
    this.#isActive = isActive;
    if (count === 1) this.#current = 0;
  }

  /** The encoding forwarded now; undefined until the first key frame of a simulcast producer. */
  get current(): number | undefined {
    return this.#current;
  }

  /** The encoding the consumer wants: the highest active one (the current one while none is). */
  target(): number | undefined {
    for (let index = this.#count - 1; index >= 0; index--) if (this.#isActive(index)) return index;
    return this.#current;
  }

  /** Whether a packet of encoding `index` is forwarded; switches to the target at its key frame. */
  accept(index: number, keyframe: boolean): boolean {
    if (this.#count === 1) return true;
    if (index !== this.#current && keyframe && index === this.target()) this.#current = index;
    return index === this.#current;
  }
}
