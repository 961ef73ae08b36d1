/**
 * The `data` of each mesh method, checked field by field (PROTOCOL.md,
 * "Methods"). Each function returns typed data or throws BAD_REQUEST naming
 * the field; unknown fields are ignored so later versions can add some.
 */
import { SignalingError } from './errors.ts';
import { isPlainObject } from './envelope.ts';
import type { JoinRequest, RelayRequest } from './messages.ts';

const ROOM_ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_NAME_LENGTH = 64;
/** Peer ids are ours (see rooms.ts); anything longer cannot be one. */
const MAX_PEER_ID_LENGTH = 64;
export const DEFAULT_PEER_NAME = 'anonymous';

function bad(requestId: number, message: string): SignalingError {
  return new SignalingError('BAD_REQUEST', `signaling: ${message}`, { requestId });
}

export function parseJoin(data: Record<string, unknown>, requestId: number): JoinRequest {
  const { room, name, token } = data;
  if (typeof room !== 'string' || !ROOM_ID.test(room)) throw bad(requestId, 'join.room must be 1-64 characters of A-Z a-z 0-9 _ -');
  if (name !== undefined && (typeof name !== 'string' || name.trim() === '' || name.length > MAX_NAME_LENGTH)) {
    throw bad(requestId, `join.name must be 1-${MAX_NAME_LENGTH} characters`);
  }
  if (token !== undefined && typeof token !== 'string') throw bad(requestId, 'join.token must be a string');
  return { room, name: name?.trim() ?? DEFAULT_PEER_NAME, ...(token === undefined ? {} : { token }) };
}

export function parseRelay(data: Record<string, unknown>, requestId: number): RelayRequest {
  const { to, payload } = data;
  if (typeof to !== 'string' || to === '' || to.length > MAX_PEER_ID_LENGTH) throw bad(requestId, 'relay.to must be a peer id');
  if (!isPlainObject(payload)) throw bad(requestId, 'relay.payload must be a JSON object');
  return { to, payload };
}
