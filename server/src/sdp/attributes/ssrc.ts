import { attributeFailure } from '../errors.ts';
import { isToken, parseDecimal, splitOnce } from '../grammar.ts';
import { attributeCodec } from './attribute-list.ts';

/** RFC 3550 §5.1: SSRCs are 32-bit. */
export function parseSsrcId(text: string): number | undefined {
  return parseDecimal(text, 0, 0xffffffff);
}

/**
 * RFC 5576 §4.1: `a=ssrc:<ssrc-id> <attribute>[:<value>]`, e.g.
 * `3244501729 cname:oIE1ySUAk7vUn/jN` or `3244501729 msid:<stream> <track>`.
 */
export interface SsrcAttribute {
  ssrc: number;
  attribute: string;
  value?: string;
}

const bad = attributeFailure('BAD_SSRC', 'ssrc');

export function parseSsrc(value: string): SsrcAttribute {
  const [idText, rest] = splitOnce(value, ' ');
  const ssrc = parseSsrcId(idText);
  if (ssrc === undefined) throw bad(value, 'ssrc is not a 32-bit number');
  const [attribute, attributeValue] = splitOnce(rest ?? '', ':');
  if (!isToken(attribute)) throw bad(value, 'no source attribute name');
  return attributeValue === undefined ? { ssrc, attribute } : { ssrc, attribute, value: attributeValue };
}

export function serializeSsrc(ssrc: SsrcAttribute): string {
  return ssrc.value === undefined ? `${ssrc.ssrc} ${ssrc.attribute}` : `${ssrc.ssrc} ${ssrc.attribute}:${ssrc.value}`;
}

export const ssrcAttribute = attributeCodec('ssrc', parseSsrc, serializeSsrc);
