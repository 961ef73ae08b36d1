import { SdpAttributeError } from '../errors.ts';
import { isToken } from '../grammar.ts';
import type { HasAttributes } from '../session-description.ts';
import { attributeCodec, readAttribute } from './attribute-list.ts';

/**
 * RFC 5888 §4: `a=mid:<identification-tag>`, a token. RFC 8843 §15.2 also sends
 * it in the RTP MID header extension, which is why browsers keep it short.
 */
export function parseMid(value: string): string {
  if (!isToken(value)) throw new SdpAttributeError('BAD_MID', 'mid', value, 'not a token');
  return value;
}

export function serializeMid(mid: string): string {
  return mid;
}

export const midAttribute = attributeCodec('mid', parseMid, serializeMid);

export function getMid(media: HasAttributes): string | undefined {
  return readAttribute(media, midAttribute);
}
