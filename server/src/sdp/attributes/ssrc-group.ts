import { attributeFailure } from '../errors.ts';
import { splitSemantics } from '../grammar.ts';
import { attributeCodec } from './attribute-list.ts';
import { parseSsrcId } from './ssrc.ts';

/**
 * RFC 5576 §4.2: `a=ssrc-group:<semantics> *(SP <ssrc-id>)`, e.g. `FID 3579667211 3477837654`
 * (RFC 4588 §8.3: media SSRC first, then its RTX SSRC) or `SIM <q> <h> <f>` for simulcast layers.
 */
export interface SsrcGroup {
  semantics: string;
  ssrcs: number[];
}

const bad = attributeFailure('BAD_SSRC_GROUP', 'ssrc-group');

export function parseSsrcGroup(value: string): SsrcGroup {
  const group = splitSemantics(value);
  if (group === undefined) throw bad(value, 'semantics is not a token');
  const ssrcs = group.items.map(parseSsrcId);
  if (ssrcs.includes(undefined)) throw bad(value, 'an ssrc is not a 32-bit number');
  return { semantics: group.semantics, ssrcs: ssrcs as number[] };
}

export function serializeSsrcGroup(group: SsrcGroup): string {
  return [group.semantics, ...group.ssrcs].join(' ');
}

export const ssrcGroupAttribute = attributeCodec('ssrc-group', parseSsrcGroup, serializeSsrcGroup);
