/**
 * Exercise 08-realtime-tcp-vs-udp: a jitter buffer with a playout deadline (reference solution).
 * See exercises/08-realtime-tcp-vs-udp/playout-buffer.ts for the contract.
 */
export type InsertResult = 'buffered' | 'too-late' | 'duplicate';

export interface PlayoutEvent {
  readonly sequence: number;
  readonly played: boolean;
}

export interface PlayoutStats {
  readonly played: number;
  readonly concealed: number;
  readonly tooLate: number;
  readonly duplicates: number;
  readonly buffered: number;
}

export interface PlayoutBufferOptions {
  readonly playoutDelayMs: number;
}

export class PlayoutBuffer {
  readonly #delayMs: number;
  /** Frames waiting for their turn, by sequence number, with their playout time. */
  readonly #waiting = new Map<number, number>();
  #next = 0;
  #played = 0;
  #concealed = 0;
  #tooLate = 0;
  #duplicates = 0;

  constructor(options: PlayoutBufferOptions) {
    const { playoutDelayMs } = options;
    if (!(playoutDelayMs >= 0 && Number.isFinite(playoutDelayMs))) {
      throw new RangeError(`playout-buffer: playoutDelayMs must be a finite number of ms >= 0, got ${playoutDelayMs}`);
    }
    this.#delayMs = playoutDelayMs;
  }

  get nextSequence(): number {
    return this.#next;
  }

  get stats(): PlayoutStats {
    return { played: this.#played, concealed: this.#concealed, tooLate: this.#tooLate, duplicates: this.#duplicates, buffered: this.#waiting.size };
  }

  insert(sequence: number, sentAtMs: number, arrivedAtMs: number): InsertResult {
    if (!Number.isInteger(sequence) || sequence < 0) throw new RangeError(`playout-buffer: a sequence number is an integer >= 0, got ${sequence}`);
    if (!Number.isFinite(sentAtMs) || !Number.isFinite(arrivedAtMs)) throw new RangeError('playout-buffer: times must be finite numbers of ms');
    const playoutAtMs = sentAtMs + this.#delayMs;
    if (sequence < this.#next || arrivedAtMs > playoutAtMs) {
      this.#tooLate += 1;
      return 'too-late';
    }
    if (this.#waiting.has(sequence)) {
      this.#duplicates += 1;
      return 'duplicate';
    }
    this.#waiting.set(sequence, playoutAtMs);
    return 'buffered';
  }

  playUntil(nowMs: number): PlayoutEvent[] {
    const events: PlayoutEvent[] = [];
    for (;;) {
      const sequence = this.#earliestWaiting();
      if (sequence === undefined || this.#waiting.get(sequence)! > nowMs) return events;
      for (; this.#next < sequence; this.#next++) {
        events.push({ sequence: this.#next, played: false });
        this.#concealed += 1;
      }
      this.#waiting.delete(sequence);
      events.push({ sequence, played: true });
      this.#played += 1;
      this.#next = sequence + 1;
    }
  }

  #earliestWaiting(): number | undefined {
    let earliest: number | undefined;
    for (const sequence of this.#waiting.keys()) if (earliest === undefined || sequence < earliest) earliest = sequence;
    return earliest;
  }
}
