import { attributeFailure } from '../errors.ts';
import { isToken, splitFields } from '../grammar.ts';
import { attributeCodec } from './attribute-list.ts';

/**
 * RFC 8830 §2: `a=msid:<msid-id> [<msid-appdata>]`, both 1*64 token-chars. WebRTC
 * puts the MediaStream id first (`-` for none) and the track id second (RFC 8829 §5.2.1).
 */
export interface Msid {
  streamId: string;
  trackId?: string;
}

const bad = attributeFailure('BAD_MSID', 'msid');

function isMsidPart(text: string): boolean {
  return text.length <= 64 && isToken(text);
}

export function parseMsid(value: string): Msid {
  const fields = splitFields(value);
  if (fields === undefined || fields.length > 2) throw bad(value, 'want "<stream id> [<track id>]"');
  if (!fields.every(isMsidPart)) throw bad(value, 'ids must be 1-64 token characters');
  return fields.length === 1 ? { streamId: fields[0]! } : { streamId: fields[0]!, trackId: fields[1]! };
}

export function serializeMsid(msid: Msid): string {
  return msid.trackId === undefined ? msid.streamId : `${msid.streamId} ${msid.trackId}`;
}

export const msidAttribute = attributeCodec('msid', parseMsid, serializeMsid);
