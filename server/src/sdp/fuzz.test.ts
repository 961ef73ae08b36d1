/**
 * Fuzzes the parser with mutated Chromium SDP. Allowed outcomes: an
 * SdpParseError, or a description that serializes to text which parses back
 * to the same description; on a parsed description the typed accessors either
 * return or throw SdpAttributeError. Anything else is a bug.
 *
 * FUZZ_CASES sets the number of cases (`npm run fuzz` runs millions); half are
 * byte mutations (common/fuzz.ts), half line mutations: drop, duplicate, swap,
 * move, truncate, retype or graft lines, and mix line ends.
 */
import { listFixtures, readFixture } from '#fixtures/index.ts';
import { isDeepStrictEqual } from 'node:util';
import { describe, it } from 'vitest';
import { SeededRandom, fuzz } from '../common/fuzz.ts';
import { readInheritedAttribute, readInheritedAttributes } from './attributes/attribute-list.ts';
import { getDirection } from './attributes/direction.ts';
import { fingerprintAttribute } from './attributes/fingerprint.ts';
import { getBundleGroups } from './attributes/group.ts';
import { iceOptionsAttribute, icePwdAttribute, iceUfragAttribute } from './attributes/ice.ts';
import { getMid } from './attributes/mid.ts';
import { knownAttributes } from './attributes/registry.ts';
import { setupAttribute } from './attributes/setup.ts';
import { getCodecs } from './codecs.ts';
import { SdpAttributeError, SdpParseError } from './errors.ts';
import { parseSessionDescription } from './parse.ts';
import type { HasAttributes, SessionDescription } from './session-description.ts';
import { serializeSessionDescription } from './serialize.ts';

const CASES = Number(process.env.FUZZ_CASES ?? 100_000);
const BYTE_CASES = Math.ceil(CASES / 2);
const LINE_CASES = CASES - BYTE_CASES;
// Generous: the default run takes a few seconds, and `npm run fuzz` may take minutes.
const TIMEOUT = Math.max(60_000, CASES / 5);
const ACCESSOR_EVERY = 2;

const fixtures = listFixtures('sdp').map((name) => readFixture(name).toString('utf8'));

/**
 * Each fixture whole, and cut into one description per media section (its
 * session lines plus that section). Every fixture line is still in a seed, and
 * the smaller seeds make a case about three times cheaper, which is what lets
 * 100,000 cases run in a few seconds.
 */
const seedTexts = fixtures.flatMap((text) => {
  const [session, ...sections] = text.split(/(?=^m=)/m);
  return [text, ...sections.map((section) => session + section)];
});
const seeds = seedTexts.map((text) => new TextEncoder().encode(text));
const seedLines = seedTexts.map((text) => text.split('\r\n').slice(0, -1));
// A signaling server decodes what it receives the same way: invalid UTF-8 becomes U+FFFD.
const decoder = new TextDecoder();

/**
 * Attribute values and m= formats from the fixtures, already checked by
 * chromium-156.test.ts. The typed accessors only run on what a mutation
 * changed, which keeps each case cheap enough for 100,000 of them.
 */
const seenValues = new Map<string, Set<string>>();
const seenFormats = new Set<string>();
for (const description of fixtures.map(parseSessionDescription)) {
  for (const { name, value } of [description, ...description.media].flatMap((section) => section.attributes)) {
    seenValues.set(name, (seenValues.get(name) ?? new Set()).add(value ?? ''));
  }
  for (const media of description.media) seenFormats.add(media.formats.join(' '));
}

let parsedCount = 0;

function check(text: string): void {
  let description: SessionDescription;
  try {
    description = parseSessionDescription(text);
  } catch (error) {
    if (error instanceof SdpParseError) return;
    throw error;
  }
  const serialized = serializeSessionDescription(description);
  // parse is a pure function, so text that serializes back unchanged re-parses equal by definition;
  // only normalized text (LF, mixed or missing line ends, leading zeros, …) needs the second parse.
  if (serialized !== text && !sameValue(parseSessionDescription(serialized), description)) {
    throw new Error(`parses back differently:\n${serialized}`);
  }
  // The accessors cost more than the parse itself; every other description keeps the default run short.
  if (++parsedCount % ACCESSOR_EVERY === 0) checkAccessors(description);
}

function checkAccessors(description: SessionDescription): void {
  allowTypedError(() => getBundleGroups(description));
  if (checkChangedValues(description) !== 'unchanged') checkInherited(description, description);
  for (const media of description.media) {
    const changed = checkChangedValues(media);
    const formatsChanged = !seenFormats.has(media.formats.join(' '));
    if (changed === 'unchanged' && !formatsChanged) continue;
    if (changed === 'codecs' || formatsChanged) allowTypedError(() => getCodecs(media));
    allowTypedError(() => getDirection(media, description));
    allowTypedError(() => getMid(media));
    checkInherited(media, description);
  }
}

function checkInherited(media: HasAttributes, session: HasAttributes): void {
  allowTypedError(() => readInheritedAttributes(media, session, fingerprintAttribute));
  allowTypedError(() => readInheritedAttribute(media, session, setupAttribute));
  allowTypedError(() => readInheritedAttribute(media, session, iceUfragAttribute));
  allowTypedError(() => readInheritedAttribute(media, session, icePwdAttribute));
  allowTypedError(() => readInheritedAttribute(media, session, iceOptionsAttribute));
}

const CODEC_ATTRIBUTES = new Set(['rtpmap', 'fmtp', 'rtcp-fb']);

/**
 * Runs the typed codec of every attribute value not seen in the fixtures and
 * checks that what it reads writes back and reads the same. Says whether any
 * value was new, and whether one of them feeds `getCodecs`.
 */
function checkChangedValues(section: HasAttributes): 'unchanged' | 'changed' | 'codecs' {
  let changed: 'unchanged' | 'changed' | 'codecs' = 'unchanged';
  for (const { name, value = '' } of section.attributes) {
    if (seenValues.get(name)?.has(value)) continue;
    changed = changed === 'codecs' || CODEC_ATTRIBUTES.has(name) ? 'codecs' : 'changed';
    const codec = knownAttributes.get(name);
    if (codec === undefined) continue;
    const parsed = allowTypedError(() => codec.parse(value));
    if (parsed !== undefined && !sameValue(codec.parse(codec.serialize(parsed.value)), parsed.value)) {
      throw new Error(`a=${name}:${value} does not parse back the same`);
    }
  }
  return changed;
}

function allowTypedError<T>(run: () => T): { value: T } | undefined {
  try {
    return { value: run() };
  } catch (error) {
    if (error instanceof SdpAttributeError) return undefined;
    throw error;
  }
}

/** Structural equality, fast on the model's plain objects and arrays (isDeepStrictEqual for the rest). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return isDeepStrictEqual(a, b);
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((key) => sameValue(left[key], right[key]));
}

/** One to three line-level edits of a fixture, then CRLF or LF line ends (sometimes mixed, sometimes cut off). */
function mutateLines(random: SeededRandom): string {
  const lines = [...random.pick(seedLines)];
  for (let edits = 1 + random.below(3); edits > 0 && lines.length > 0; edits--) {
    const at = random.below(lines.length);
    const other = random.below(lines.length);
    const line = lines[at]!;
    switch (random.below(7)) {
      case 0:
        lines.splice(at, 1);
        break;
      case 1:
        lines.splice(other, 0, line);
        break;
      case 2:
        [lines[at], lines[other]] = [lines[other]!, line];
        break;
      case 3:
        lines.splice(at, 1);
        lines.splice(other, 0, line);
        break;
      case 4:
        lines[at] = line.slice(0, random.below(line.length + 1));
        break;
      case 5:
        lines[at] = String.fromCharCode(0x61 + random.below(26)) + line.slice(1);
        break;
      default:
        lines.splice(at, 0, random.pick(random.pick(seedLines)));
    }
  }
  const ending = random.below(8) === 0 ? '\n' : '\r\n';
  const mixed = random.below(8) === 0 ? random.below(lines.length) : -1;
  const text = lines.map((line, index) => line + (index === mixed ? '\n' : ending)).join('');
  return random.below(16) === 0 ? text.slice(0, -ending.length) : text;
}

describe('SDP fuzz', () => {
  it(`survives ${BYTE_CASES} byte mutations of the Chromium fixtures`, { timeout: TIMEOUT }, () => {
    fuzz({ seed: 0x5d9, cases: BYTE_CASES, seeds, check: (bytes) => check(decoder.decode(bytes)) });
  });

  it(`survives ${LINE_CASES} line mutations of the Chromium fixtures`, { timeout: TIMEOUT }, () => {
    const random = new SeededRandom(0x5d9);
    for (let i = 0; i < LINE_CASES; i++) {
      const text = mutateLines(random);
      try {
        check(text);
      } catch (error) {
        throw new Error(`line fuzz case ${i} failed on input ${JSON.stringify(text)}: ${String(error)}`, { cause: error });
      }
    }
  });
});
