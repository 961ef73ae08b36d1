import { attributeFailure } from '../errors.ts';
import { parseDecimal, splitFields, splitOnce } from '../grammar.ts';
import { attributeCodec } from './attribute-list.ts';
import { type Direction, isDirection } from './direction.ts';

/**
 * RFC 8285 §8: `a=extmap:<value>["/"<direction>] <URI> <extensionattributes>`,
 * e.g. `3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01`.
 */
export interface Extmap {
  /** 1-14 fit the one-byte header, up to 255 the two-byte one; 4096-4351 are for negotiation only (RFC 8285 §7). */
  id: number;
  direction?: Direction;
  uri: string;
  /** Extension-specific text after the URI, e.g. `vad=on` for audio level (RFC 6464 §4). */
  attributes?: string;
}

const bad = attributeFailure('BAD_EXTMAP', 'extmap');

export function parseExtmap(value: string): Extmap {
  const [head, uriAndRest] = splitOnce(value, ' ');
  if (uriAndRest === undefined) throw bad(value, 'no URI');
  const [idText, directionText] = splitOnce(head, '/');
  const id = parseDecimal(idText, 1, 4351);
  if (id === undefined || (id > 255 && id < 4096)) throw bad(value, 'id is not 1-255 or 4096-4351');
  if (directionText !== undefined && !isDirection(directionText)) throw bad(value, 'bad direction');
  const [uri, attributes] = splitOnce(uriAndRest, ' ');
  if (uri === '' || (attributes !== undefined && splitFields(attributes) === undefined)) throw bad(value, 'stray space');
  const extmap: Extmap = { id, uri };
  if (directionText !== undefined) extmap.direction = directionText;
  if (attributes !== undefined) extmap.attributes = attributes;
  return extmap;
}

export function serializeExtmap(extmap: Extmap): string {
  const direction = extmap.direction === undefined ? '' : `/${extmap.direction}`;
  const attributes = extmap.attributes === undefined ? '' : ` ${extmap.attributes}`;
  return `${extmap.id}${direction} ${extmap.uri}${attributes}`;
}

export const extmapAttribute = attributeCodec('extmap', parseExtmap, serializeExtmap);
