import { SdpAttributeError } from '../errors.ts';
import type { HasAttributes } from '../session-description.ts';

/** RFC 8866 §6.7: the media direction attributes, written as flags (`a=sendrecv`). */
export type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export const DIRECTIONS: readonly Direction[] = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];

export function isDirection(text: string): text is Direction {
  return (DIRECTIONS as readonly string[]).includes(text);
}

/**
 * The direction of a media section: its own attribute, else the session's,
 * else `sendrecv` (RFC 8866 §6.7: "If none of the attributes ... is present,
 * "sendrecv" SHOULD be assumed"; a session-level one applies to every section).
 * Two in one section contradict each other and throw BAD_DIRECTION.
 */
export function getDirection(media: HasAttributes, session?: HasAttributes): Direction {
  return ownDirection(media) ?? (session === undefined ? undefined : ownDirection(session)) ?? 'sendrecv';
}

function ownDirection(section: HasAttributes): Direction | undefined {
  let found: Direction | undefined;
  for (const { name } of section.attributes) {
    if (!isDirection(name)) continue;
    if (found !== undefined) throw new SdpAttributeError('BAD_DIRECTION', name, '', `both a=${found} and a=${name}`);
    found = name;
  }
  return found;
}

/** Replaces any direction attribute of the section, keeping the first one's place (appended if there was none). */
export function setDirection(section: HasAttributes, direction: Direction): void {
  const at = section.attributes.findIndex(({ name }) => isDirection(name));
  // Nothing before `at` is a direction, so `at` is still the right place once they are filtered out.
  const others = section.attributes.filter(({ name }) => !isDirection(name));
  others.splice(at < 0 ? others.length : at, 0, { name: direction });
  section.attributes = others;
}
