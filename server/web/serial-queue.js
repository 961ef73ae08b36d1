// Runs asynchronous steps one after another. SDP must be applied in the order
// it was sent: a candidate added before the description it belongs to, or a
// second offer applied while the first is half done, is an error.
export class SerialQueue {
  /** @type {Promise<void>} */
  #tail = Promise.resolve();

  /** @param {(error: unknown) => void} onError what to do with a step that failed; the next ones still run */
  constructor(onError) {
    this.onError = onError;
  }

  /** Runs `step` after the previous one finished. */
  run(step) {
    this.#tail = this.#tail.then(step).catch(this.onError);
  }
}
