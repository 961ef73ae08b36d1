/**
 * The `data` of each SFU-mode request, checked field by field (PROTOCOL.md,
 * "SFU mode"). Each function returns typed data or throws BAD_REQUEST naming
 * the field; unknown fields are ignored, as in mesh mode.
 */
import { SignalingError } from '../errors.ts';
import type { ConsumerIdData, ProducerIdData, RestartIceData, SdpData } from '../messages.ts';

/** Our ids are UUIDs; anything longer cannot be one. */
const MAX_ID_LENGTH = 64;

function bad(method: string, message: string): SignalingError {
  return new SignalingError('BAD_REQUEST', `signaling: ${method}.${message}`);
}

export function parseSdpData(method: string, data: Record<string, unknown>): SdpData {
  const { sdp } = data;
  // The message size limit (limits.maxMessageBytes) already bounds its length.
  if (typeof sdp !== 'string' || sdp === '') throw bad(method, 'sdp must be a session description (a non-empty string)');
  return { sdp };
}

export function parseProducerId(method: string, data: Record<string, unknown>): ProducerIdData {
  const { producerId } = data;
  if (typeof producerId !== 'string' || producerId === '' || producerId.length > MAX_ID_LENGTH) throw bad(method, 'producerId must be a producer id');
  return { producerId };
}

export function parseRestartIce(method: string, data: Record<string, unknown>): RestartIceData {
  // The send connection restarts with its own offer (publish), as JSEP has the offerer do (RFC 8829 §5.2.1).
  if (data['direction'] !== 'recv') throw bad(method, "direction must be 'recv' (restart the send connection with pc.restartIce() and publish)");
  return { direction: 'recv' };
}

export function parseConsumerId(method: string, data: Record<string, unknown>): ConsumerIdData {
  const { consumerId } = data;
  if (typeof consumerId !== 'string' || consumerId === '' || consumerId.length > MAX_ID_LENGTH) throw bad(method, 'consumerId must be a consumer id');
  return { consumerId };
}
