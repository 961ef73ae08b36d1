/**
 * The Close frame payload (RFC 6455 §5.5.1):
 *
 *   +--------------------------------+------------------------------------+
 *   | status code (16 bits, network  | reason (UTF-8, not NUL-terminated, |
 *   | order), absent if no payload   | at most 123 bytes: 125 - 2)        |
 *   +--------------------------------+------------------------------------+
 *
 * An empty payload is allowed and means "no status" (reported as 1005).
 */
import { CloseCode, isValidCloseCode } from './close-codes.ts';
import { WebSocketError } from './errors.ts';

/** RFC 6455 §5.5: control payloads are at most 125 bytes, 2 of which hold the code. */
export const MAX_CLOSE_REASON_BYTES = 123;
const STATUS_SIZE = 2;

export interface ClosePayload {
  /** 1005 (NoStatusReceived) when the payload was empty. */
  code: number;
  reason: string;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/** Throws WebSocketError (BAD_CLOSE_PAYLOAD, BAD_CLOSE_CODE, INVALID_UTF8) for what §5.5.1 and §7.4 forbid. */
export function parseClosePayload(payload: Uint8Array): ClosePayload {
  if (payload.length === 0) return { code: CloseCode.NoStatusReceived, reason: '' };
  if (payload.length < STATUS_SIZE) {
    throw new WebSocketError('BAD_CLOSE_PAYLOAD', 'websocket: Close payload of 1 byte, want 0 or at least 2');
  }
  const code = (payload[0]! << 8) | payload[1]!;
  if (!isValidCloseCode(code)) {
    throw new WebSocketError('BAD_CLOSE_CODE', `websocket: Close status ${code} may not be sent on the wire`);
  }
  let reason: string;
  try {
    reason = strictUtf8.decode(payload.subarray(STATUS_SIZE));
  } catch (cause) {
    // RFC 6455 §8.1: invalid UTF-8 in the reason fails the connection like in a text message.
    throw new WebSocketError('INVALID_UTF8', 'websocket: Close reason is not valid UTF-8', { cause });
  }
  return { code, reason };
}

/**
 * The payload for `code` and `reason`; no code gives an empty payload (then the
 * reason must be empty, §5.5.1). Throws RangeError for a code that may not be
 * sent or a reason over 123 bytes of UTF-8.
 */
export function serializeClosePayload(code: number | undefined, reason = ''): Uint8Array {
  const reasonBytes = encoder.encode(reason);
  if (code === undefined) {
    if (reasonBytes.length > 0) throw new RangeError('websocket: a close reason needs a status code (RFC 6455 §5.5.1)');
    return new Uint8Array(0);
  }
  if (!isValidCloseCode(code)) throw new RangeError(`websocket: close code ${code} may not be sent (RFC 6455 §7.4)`);
  if (reasonBytes.length > MAX_CLOSE_REASON_BYTES) {
    throw new RangeError(`websocket: close reason of ${reasonBytes.length} bytes, at most ${MAX_CLOSE_REASON_BYTES}`);
  }
  const payload = new Uint8Array(STATUS_SIZE + reasonBytes.length);
  payload[0] = code >>> 8;
  payload[1] = code & 0xff;
  payload.set(reasonBytes, STATUS_SIZE);
  return payload;
}

/**
 * `text` cut to at most `maxBytes` of UTF-8 without splitting a character, for
 * reasons we write ourselves from error messages.
 */
export function truncateUtf8(text: string, maxBytes = MAX_CLOSE_REASON_BYTES): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let out = '';
  let size = 0;
  for (const char of text) {
    const charSize = Buffer.byteLength(char);
    if (size + charSize > maxBytes) break;
    out += char;
    size += charSize;
  }
  return out;
}
