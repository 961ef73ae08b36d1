import { attributeFailure } from '../errors.ts';
import { splitFields } from '../grammar.ts';
import type { HasAttributes } from '../session-description.ts';
import { type AttributeCodec, attributeCodec, hasAttribute } from './attribute-list.ts';

/** RFC 8839 §5.4: ice-char = ALPHA / DIGIT / "+" / "/". */
const ICE_CHARS = /^[A-Za-z0-9+/]+$/;

function iceString(attribute: 'ice-ufrag' | 'ice-pwd', min: number): AttributeCodec<string> {
  const bad = attributeFailure(attribute === 'ice-ufrag' ? 'BAD_ICE_UFRAG' : 'BAD_ICE_PWD', attribute);
  const parse = (value: string) => {
    if (value.length < min || value.length > 256 || !ICE_CHARS.test(value)) throw bad(value, `want ${min}-256 ice-chars`);
    return value;
  };
  return attributeCodec(attribute, parse, (value: string) => value);
}

/** RFC 8839 §5.4: `a=ice-ufrag:<ufrag>`, 4*256 ice-char; session or media level. */
export const iceUfragAttribute = iceString('ice-ufrag', 4);

/** RFC 8839 §5.4: `a=ice-pwd:<password>`, 22*256 ice-char (at least 128 bits of randomness). */
export const icePwdAttribute = iceString('ice-pwd', 22);

const badOptions = attributeFailure('BAD_ICE_OPTIONS', 'ice-options');

/** RFC 8839 §5.6: `a=ice-options:<tag> *(SP <tag>)`, tags 1*ice-char, e.g. `trickle` (RFC 8840 §4.1.1). */
export function parseIceOptions(value: string): string[] {
  const options = splitFields(value);
  if (options === undefined || !options.every((option) => ICE_CHARS.test(option))) throw badOptions(value, 'want space-separated ice-char tags');
  return options;
}

export function serializeIceOptions(options: string[]): string {
  return options.join(' ');
}

export const iceOptionsAttribute = attributeCodec('ice-options', parseIceOptions, serializeIceOptions);

/** RFC 8839 §5.3: `a=ice-lite` is a session-level flag: the peer answers checks but never sends them. */
export function isIceLite(session: HasAttributes): boolean {
  return hasAttribute(session, 'ice-lite');
}
