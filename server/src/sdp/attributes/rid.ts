import { attributeFailure } from '../errors.ts';
import { type Parameter, parsePayloadType, serializeParameter, splitOnce } from '../grammar.ts';
import { attributeCodec } from './attribute-list.ts';

/** RFC 8851 §10: rid-id = 1*(alpha-numeric / "-" / "_"); RFC 8853 reuses it for simulcast. */
const RID_ID = /^[A-Za-z0-9_-]+$/;
/** RFC 8851 §10: rid-param-other = 1*(alphanum / "-") [ "=" param-val ], param-val printable without ";". */
const RID_PARAM_NAME = /^[A-Za-z0-9-]+$/;
const RID_PARAM_VALUE = /^[\x20-\x3a\x3c-\x7e]*$/;

export function isRidId(text: string): boolean {
  return RID_ID.test(text);
}

/**
 * RFC 8851 §10: `a=rid:<rid-id> <send|recv> [pt=<fmt>,…;][<restriction>;…]`, e.g.
 * `q send`, `f recv pt=96,97;max-width=1280;max-fps=30`.
 */
export interface Rid {
  id: string;
  direction: 'send' | 'recv';
  /** From `pt=` (RFC 8851 §4): the payload types this stream may use; absent means all of the section's. */
  payloadTypes?: number[];
  /** `max-width`, `max-height`, `max-fps`, `max-fs`, `max-br`, `max-pps`, `max-bpp`, `depend`, … in order. */
  restrictions: Parameter[];
}

const bad = attributeFailure('BAD_RID', 'rid');

export function parseRid(value: string): Rid {
  const [id, rest = ''] = splitOnce(value, ' ');
  // Only the first two spaces separate fields: RFC 8851 §10 param-val may itself contain spaces.
  const [direction, params] = splitOnce(rest, ' ');
  if (!RID_ID.test(id)) throw bad(value, 'id must be letters, digits, "-" or "_"');
  if (direction !== 'send' && direction !== 'recv') throw bad(value, 'direction is not send or recv');
  const rid: Rid = { id, direction, restrictions: [] };
  if (params === undefined) return rid;
  const pieces = params.split(';');
  // RFC 8851 §10: rid-pt-param-list puts "pt=" first; a later "pt=" would be a second list.
  if (pieces[0]!.startsWith('pt=')) {
    const payloadTypes = pieces.shift()!.slice(3).split(',').map(parsePayloadType);
    if (payloadTypes.includes(undefined)) throw bad(value, 'pt= has a payload type that is not 0-127');
    rid.payloadTypes = payloadTypes as number[];
  }
  for (const piece of pieces) {
    const [name, paramValue] = splitOnce(piece, '=');
    const valid = RID_PARAM_NAME.test(name) && name !== 'pt' && (paramValue === undefined || RID_PARAM_VALUE.test(paramValue));
    if (!valid) throw bad(value, `bad restriction ${JSON.stringify(piece)}`);
    rid.restrictions.push(paramValue === undefined ? { name } : { name, value: paramValue });
  }
  return rid;
}

export function serializeRid(rid: Rid): string {
  const params = rid.restrictions.map(serializeParameter);
  if (rid.payloadTypes !== undefined) params.unshift(`pt=${rid.payloadTypes.join(',')}`);
  return params.length === 0 ? `${rid.id} ${rid.direction}` : `${rid.id} ${rid.direction} ${params.join(';')}`;
}

export const ridAttribute = attributeCodec('rid', parseRid, serializeRid);
