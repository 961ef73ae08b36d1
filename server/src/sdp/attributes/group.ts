import { attributeFailure } from '../errors.ts';
import { isToken, splitSemantics } from '../grammar.ts';
import type { HasAttributes } from '../session-description.ts';
import { attributeCodec, readAttributes } from './attribute-list.ts';

/**
 * RFC 5888 §5: `a=group:<semantics> *(SP <identification-tag>)`, session level,
 * e.g. `BUNDLE 0 1 2` (RFC 8843 §5). An empty BUNDLE group is valid: it is what
 * an answer sends when every bundled section was rejected.
 */
export interface Group {
  semantics: string;
  mids: string[];
}

const bad = attributeFailure('BAD_GROUP', 'group');

export function parseGroup(value: string): Group {
  const group = splitSemantics(value);
  if (group === undefined) throw bad(value, 'semantics is not a token');
  if (!group.items.every(isToken)) throw bad(value, 'a mid is not a token');
  return { semantics: group.semantics, mids: group.items };
}

export function serializeGroup(group: Group): string {
  return [group.semantics, ...group.mids].join(' ');
}

export const groupAttribute = attributeCodec('group', parseGroup, serializeGroup);

/** The session's `a=group:BUNDLE` groups (RFC 8843 §5); the first mid of each tags the section whose transport they share. */
export function getBundleGroups(session: HasAttributes): Group[] {
  return readAttributes(session, groupAttribute).filter((group) => group.semantics === 'BUNDLE');
}
