/**
 * A bounded send queue: backpressure for a peer that reads slower than we send.
 *
 * Frames go straight to the socket while it accepts them. Once `write()`
 * returns false (the socket's buffer is past its high-water mark) frames wait
 * here, whole, until 'drain'. If the waiting bytes pass `maxQueuedBytes`,
 * `onOverflow` runs once and the owner fails the connection: a slow or stalled
 * peer costs at most that limit plus the socket's own buffer (about one
 * high-water mark and one frame), never unbounded memory.
 *
 * Whole frames are queued, never parts, so the owner may `clear()` the queue
 * and still send a valid Close frame after what the socket already holds.
 */

/** The part of a socket (stream.Duplex) the queue writes to. */
export interface ByteSink {
  write(chunk: Uint8Array): boolean;
  end(): unknown;
  readonly writableLength: number;
  on(event: 'drain', listener: () => void): unknown;
  off(event: 'drain', listener: () => void): unknown;
}

export interface SendQueueOptions {
  maxQueuedBytes: number;
  /** Called once, from inside the `push` that crossed the limit. */
  onOverflow: (queuedBytes: number) => void;
}

const EMPTY = new Uint8Array(0);
const COMPACT_AFTER = 1024;

export class SendQueue {
  readonly #sink: ByteSink;
  readonly #options: SendQueueOptions;
  /** Waiting frames from index `#head` on; an index, not shift(), so draining many small frames stays linear. */
  #frames: Uint8Array[] = [];
  #head = 0;
  #queuedBytes = 0;
  /** The socket's last write returned false and no 'drain' has come since. */
  #blocked = false;
  #overflowed = false;
  /** end() was called: end the socket once the queue is empty, accept nothing more. */
  #ending = false;

  constructor(sink: ByteSink, options: SendQueueOptions) {
    this.#sink = sink;
    this.#options = { ...options };
    sink.on('drain', this.#onDrain);
  }

  /** Bytes accepted but not yet handed to the kernel: queued here plus the socket's buffer. */
  get bufferedAmount(): number {
    return this.#queuedBytes + this.#sink.writableLength;
  }

  /** Bytes waiting here for 'drain' (what the limit applies to). */
  get queuedBytes(): number {
    return this.#queuedBytes;
  }

  /** Sends one whole frame, now or after the socket drains. Ignored after `end()`. */
  push(frame: Uint8Array): void {
    if (this.#ending) return;
    if (!this.#blocked && this.#isEmpty()) {
      this.#blocked = !this.#sink.write(frame);
      return;
    }
    this.#frames.push(frame);
    this.#queuedBytes += frame.length;
    if (this.#queuedBytes > this.#options.maxQueuedBytes && !this.#overflowed) {
      this.#overflowed = true;
      this.#options.onOverflow(this.#queuedBytes);
    }
  }

  /** Drops the frames still waiting here; those already given to the socket stay. */
  clear(): void {
    this.#frames = [];
    this.#head = 0;
    this.#queuedBytes = 0;
  }

  /** Ends the socket (TCP FIN) once every queued frame is written. */
  end(): void {
    if (this.#ending) return;
    this.#ending = true;
    if (this.#isEmpty()) this.#finish();
  }

  /** Stops listening to the socket; for when it is gone. */
  dispose(): void {
    this.#sink.off('drain', this.#onDrain);
    this.clear();
  }

  readonly #onDrain = (): void => {
    this.#blocked = false;
    while (!this.#blocked && !this.#isEmpty()) {
      const frame = this.#frames[this.#head]!;
      this.#frames[this.#head++] = EMPTY;
      this.#queuedBytes -= frame.length;
      this.#blocked = !this.#sink.write(frame);
    }
    if (this.#isEmpty()) this.clear();
    else if (this.#head > COMPACT_AFTER && this.#head * 2 > this.#frames.length) {
      // A queue that never quite empties would otherwise keep every sent slot.
      this.#frames = this.#frames.slice(this.#head);
      this.#head = 0;
    }
    if (this.#ending && this.#isEmpty()) this.#finish();
  };

  #isEmpty(): boolean {
    return this.#head === this.#frames.length;
  }

  #finish(): void {
    this.#sink.off('drain', this.#onDrain);
    this.#sink.end();
  }
}
