/**
 * The SFU API's errors, as in mediasoup:
 * - `TypeError`: a bad argument (a missing field, an unknown producer id);
 *   the message names the field.
 * - `InvalidStateError`: the object (or its worker) is closed.
 * - `UnsupportedError`: a codec or feature the router cannot route.
 * - `MediaWorkerError`: the media plane failed a request for another reason.
 *
 * Errors thrown by the media plane cross the `Channel` as plain
 * `{ name, message }` (`serializeError`) and are re-typed on arrival
 * (`deserializeError`), so `instanceof` works the same whether the media
 * plane runs in this process or behind IPC.
 */

/** The object was closed (or its worker died) before or during the call. */
export class InvalidStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidStateError';
  }
}

/** A codec, header extension or feature that this router cannot route. */
export class UnsupportedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedError';
  }
}

/** The media plane failed a request with an error of no other type. */
export class MediaWorkerError extends Error {
  /** The `name` of the error the media plane threw. */
  readonly remoteName: string;

  constructor(message: string, remoteName = 'Error') {
    super(message);
    this.name = 'MediaWorkerError';
    this.remoteName = remoteName;
  }
}

/** An error as it crosses the channel. */
export interface SerializedError {
  name: string;
  message: string;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

/** The typed error for a serialized one; a name this side does not know becomes a MediaWorkerError. */
export function deserializeError({ name, message }: SerializedError): Error {
  switch (name) {
    case 'TypeError':
      return new TypeError(message);
    case 'RangeError':
      return new RangeError(message);
    case 'InvalidStateError':
      return new InvalidStateError(message);
    case 'UnsupportedError':
      return new UnsupportedError(message);
    default:
      return new MediaWorkerError(message, name);
  }
}
