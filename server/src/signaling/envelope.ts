/**
 * The envelope layer (PROTOCOL.md, "Envelopes"): client text → a checked
 * request, and responses and notifications → text. What is inside `data` is
 * checked per method by validate.ts.
 */
import { SignalingError } from './errors.ts';
import {
  type EmptyData,
  type NotificationMessage,
  PROTOCOL_VERSION,
  type RequestMessage,
  type ResponseMessage,
  type WireError,
} from './messages.ts';

/** Method names are identifiers; anything longer is not one of ours and is not echoed back whole. */
const MAX_METHOD_LENGTH = 64;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A usable request id, or null. */
function readId(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

/**
 * The request in `text`. Throws SignalingError (BAD_REQUEST or
 * UNSUPPORTED_VERSION) carrying the request's id when it could be read, so the
 * error response can still be matched by the client.
 */
export function parseRequest(text: string): RequestMessage<string, Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new SignalingError('BAD_REQUEST', 'signaling: message is not JSON', { cause });
  }
  if (!isPlainObject(value)) throw new SignalingError('BAD_REQUEST', 'signaling: message is not a JSON object');
  const requestId = readId(value['id']);
  if (value['v'] !== PROTOCOL_VERSION) {
    throw new SignalingError('UNSUPPORTED_VERSION', `signaling: protocol version ${String(value['v'])}, this server speaks ${PROTOCOL_VERSION}`, { requestId });
  }
  if (value['type'] !== 'request') throw new SignalingError('BAD_REQUEST', 'signaling: clients send only requests', { requestId });
  if (requestId === null) throw new SignalingError('BAD_REQUEST', 'signaling: request without a valid id (a non-negative integer)');
  const method = value['method'];
  if (typeof method !== 'string' || method === '' || method.length > MAX_METHOD_LENGTH) {
    throw new SignalingError('BAD_REQUEST', 'signaling: request without a method name', { requestId });
  }
  const data = value['data'] ?? {};
  if (!isPlainObject(data)) throw new SignalingError('BAD_REQUEST', 'signaling: request data must be a JSON object', { requestId });
  return { v: PROTOCOL_VERSION, type: 'request', id: requestId, method, data };
}

export function successResponse(id: number, data: object = {} satisfies EmptyData): string {
  return JSON.stringify({ v: PROTOCOL_VERSION, type: 'response', id, ok: true, data } satisfies ResponseMessage);
}

export function errorResponse(id: number | null, error: WireError): string {
  return JSON.stringify({ v: PROTOCOL_VERSION, type: 'response', id, ok: false, error } satisfies ResponseMessage);
}

export function notification(method: string, data: object): string {
  return JSON.stringify({ v: PROTOCOL_VERSION, type: 'notification', method, data } satisfies NotificationMessage);
}
