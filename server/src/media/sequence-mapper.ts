/**
 * A consumer's outgoing RTP sequence numbers, from the producer's incoming
 * ones (mediasoup's SeqManager, simplified).
 *
 * The subscriber must see one gap-free sequence (RFC 3550 §5.1: +1 per packet):
 * a gap reads as loss (NACKs, a lower score, a smaller bandwidth estimate),
 * a jump back as a restarted sender. So:
 * - output = input + offset, so reordering passes through unchanged;
 * - `sync()` (pause/resume, a new source) makes the next input follow the
 *   last output directly; inputs from before the sync point are refused, they
 *   would land on numbers already sent;
 * - `drop()` takes an input out of the sequence (a padding-only packet the
 *   SFU does not forward, a packet skipped while waiting for a key frame), so
 *   the ones after it close up.
 *
 * Inputs are unwrapped (RFC 3550 A.1 extended sequence numbers) so that
 * comparisons work across 65535 → 0.
 */
import { SequenceNumberUnwrapper, wrapSequenceNumber } from '../rtp/index.ts';

/** How far behind the newest input a drop is remembered; older inputs are refused. */
const DROP_MEMORY = 0x1000;

export class SequenceMapper {
  #unwrapper = new SequenceNumberUnwrapper();
  /** Extended output = extended input + offset − drops before the input. */
  #offset = 0;
  /** Inputs below this belong to before the last sync. */
  #floor = 0;
  /** Dropped extended inputs after the floor, ascending. */
  #dropped: number[] = [];
  #maxInput = 0;
  /** The highest extended output so far; the next sync continues from it. */
  #maxOutput: number;
  #syncPending = true;

  /** The first packet gets `initialSequenceNumber` (RFC 3550 §5.1: SHOULD be random). */
  constructor(initialSequenceNumber: number) {
    this.#maxOutput = initialSequenceNumber - 1;
  }

  /** The next input continues right after the last output. */
  sync(): void {
    this.#syncPending = true;
  }

  /** The outgoing sequence number for an input, or undefined when the input must not be sent. */
  map(sequenceNumber: number): number | undefined {
    if (this.#syncPending) this.#restartAt(sequenceNumber);
    const input = this.#unwrapper.unwrap(sequenceNumber);
    if (input < this.#floor || this.#isDropped(input)) return undefined;
    if (input > this.#maxInput) this.#maxInput = input;
    this.#forgetOldDrops();
    const output = input + this.#offset - this.#dropsBefore(input);
    if (output > this.#maxOutput) this.#maxOutput = output;
    return wrapSequenceNumber(output);
  }

  /**
   * Takes an input out of the outgoing sequence. Only the newest input can
   * be: the ones after it have not been numbered yet. An older one (reordered)
   * keeps its number, and the subscriber sees a one-packet gap.
   */
  drop(sequenceNumber: number): void {
    // Before the first input after a sync nothing is numbered: that input starts the sequence anyway.
    if (this.#syncPending) return;
    const input = this.#unwrapper.unwrap(sequenceNumber);
    if (input <= this.#maxInput) return;
    this.#maxInput = input;
    this.#dropped.push(input);
  }

  #restartAt(sequenceNumber: number): void {
    this.#syncPending = false;
    this.#unwrapper = new SequenceNumberUnwrapper();
    const input = this.#unwrapper.unwrap(sequenceNumber);
    this.#offset = this.#maxOutput + 1 - input;
    this.#floor = input;
    this.#maxInput = input - 1;
    this.#dropped = [];
  }

  #isDropped(input: number): boolean {
    const i = this.#dropsBefore(input);
    return this.#dropped[i] === input;
  }

  /** How many dropped inputs are below `input` (binary search). */
  #dropsBefore(input: number): number {
    let low = 0;
    let high = this.#dropped.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.#dropped[mid]! < input) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Folds drops far behind the newest input into the offset; inputs before them are refused from now on. */
  #forgetOldDrops(): void {
    while (this.#dropped.length > 0 && this.#dropped[0]! < this.#maxInput - DROP_MEMORY) {
      this.#floor = this.#dropped.shift()! + 1;
      this.#offset -= 1;
    }
  }
}
