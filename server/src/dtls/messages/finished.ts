/**
 * Finished (RFC 5246 §7.4.9), the first message under the new epoch's keys.
 *
 *   struct {
 *       opaque verify_data[verify_data_length];   // 12 bytes for every suite we use
 *   } Finished;
 *
 * The body is verify_data and nothing else; its length is checked against the
 * suite when the state machine compares it (crypto/key-schedule.ts `checkVerifyData`).
 */
export interface Finished {
  readonly kind: 'finished';
  readonly verifyData: Uint8Array;
}

export function parseFinished(body: Uint8Array): Finished {
  return { kind: 'finished', verifyData: Uint8Array.from(body) };
}

export function serializeFinished(message: Finished): Uint8Array {
  return Uint8Array.from(message.verifyData);
}
