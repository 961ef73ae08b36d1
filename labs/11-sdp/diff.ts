/**
 * `diff`: what changes from description A to description B, by structure rather than by text:
 * sections are paired by mid (by position when a section has none), codecs by payload type,
 * header extensions by URI, and the other attributes by name. Offer against answer shows what the
 * answerer accepted, changed and left out; two browsers' offers show where they differ.
 */
import chalk from 'chalk';
import {
  type Attribute,
  type Codec,
  type MediaDescription,
  type SessionDescription,
  extmapAttribute,
  getCodecs,
  getDirection,
  getMid,
  hasAttribute,
  isDirection,
  readAttributes,
} from '#server/sdp/index.ts';
import type { LoadedSdp } from './load.ts';

const removed = (text: string) => chalk.red(`  - ${text}`);
const added = (text: string) => chalk.green(`  + ${text}`);
const changed = (what: string, from: string | number, to: string | number) => chalk.yellow(`  ~ ${what}: ${from} → ${to}`);

/** Attributes with a table of their own below (codecs, extensions), or shown as a field (mid, direction). */
const COMPARED_ELSEWHERE = new Set(['rtpmap', 'fmtp', 'rtcp-fb', 'extmap', 'mid']);

export function renderDiff(a: LoadedSdp, b: LoadedSdp): string[] {
  const lines = [chalk.red(`--- ${a.name}`), chalk.green(`+++ ${b.name}`)];
  const session = diffSession(a.description, b.description);
  lines.push(chalk.bold.cyan('session'), ...(session.length > 0 ? session : [chalk.dim('  (no differences)')]));
  const keyed = (description: SessionDescription) => new Map(description.media.map((media, index) => [getMid(media) ?? `#${index}`, media]));
  const left = keyed(a.description);
  const right = keyed(b.description);
  for (const key of new Set([...left.keys(), ...right.keys()])) {
    const from = left.get(key);
    const to = right.get(key);
    const kind = (from ?? to)!.kind;
    const title = chalk.bold.cyan(`${key.startsWith('#') ? `section ${key}` : `mid ${key}`} ${kind}`);
    if (from === undefined || to === undefined) {
      lines.push(title, from === undefined ? added(`only in ${b.name}`) : removed(`only in ${a.name}`));
      continue;
    }
    const differences = diffMedia(from, a.description, to, b.description);
    lines.push(title, ...(differences.length > 0 ? differences : [chalk.dim('  (no differences)')]));
  }
  return lines;
}

function diffSession(a: SessionDescription, b: SessionDescription): string[] {
  const lines: string[] = [];
  const fields: [string, string | bigint, string | bigint][] = [
    ['o= username', a.origin.username, b.origin.username],
    ['o= session id', a.origin.sessionId, b.origin.sessionId],
    ['o= version', a.origin.sessionVersion, b.origin.sessionVersion],
    ['o= address', a.origin.address, b.origin.address],
    ['s=', a.sessionName, b.sessionName],
  ];
  for (const [what, from, to] of fields) if (from !== to) lines.push(changed(what, `${from}`, `${to}`));
  return [...lines, ...diffAttributes(a.attributes, b.attributes)];
}

function diffMedia(a: MediaDescription, aSession: SessionDescription, b: MediaDescription, bSession: SessionDescription): string[] {
  const lines: string[] = [];
  const fields: [string, string | number, string | number][] = [
    ['port', a.port, b.port],
    ['protocol', a.protocol, b.protocol],
    ['direction', getDirection(a, aSession), getDirection(b, bSession)],
    ['c=', a.connections.map((c) => c.address).join(' '), b.connections.map((c) => c.address).join(' ')],
  ];
  for (const [what, from, to] of fields) if (from !== to) lines.push(changed(what, from, to));
  const codecs = diffCodecs(getCodecs(a), getCodecs(b), a.formats, b.formats);
  const extensions = diffExtensions(a, b);
  lines.push(...codecs, ...extensions);
  if (codecs.length === 0 && getCodecs(a).length > 0) lines.push(chalk.dim(`  = codecs unchanged (${getCodecs(a).length}), in the same order`));
  if (extensions.length === 0 && hasAttribute(a, 'extmap')) lines.push(chalk.dim('  = the same header extensions, with the same ids'));
  lines.push(...diffAttributes(a.attributes, b.attributes, (name) => COMPARED_ELSEWHERE.has(name) || isDirection(name)));
  return lines;
}

const codecName = (codec: Codec) =>
  `${codec.name}/${codec.clockRate}${codec.channels === undefined ? '' : `/${codec.channels}`}${codec.parameters.has('apt') ? ` apt=${codec.parameters.get('apt')}` : ''}`;
const fmtpText = (codec: Codec) => [...codec.parameters].map(([name, value]) => (value === '' ? name : `${name}=${value}`)).join(';') || '(none)';
const feedbackText = (codec: Codec) => codec.feedback.map(({ type, parameter }) => (parameter === undefined ? type : `${type} ${parameter}`)).join(', ') || '(none)';

function diffCodecs(a: Codec[], b: Codec[], aFormats: string[], bFormats: string[]): string[] {
  const lines: string[] = [];
  const right = new Map(b.map((codec) => [codec.payloadType, codec]));
  const left = new Map(a.map((codec) => [codec.payloadType, codec]));
  for (const codec of a) {
    const other = right.get(codec.payloadType);
    if (other === undefined) {
      lines.push(removed(`codec ${codec.payloadType} ${codecName(codec)}`));
      continue;
    }
    const pt = `codec ${codec.payloadType}`;
    if (codecName(codec) !== codecName(other)) lines.push(changed(pt, codecName(codec), codecName(other)));
    if (fmtpText(codec) !== fmtpText(other)) lines.push(changed(`${pt} fmtp`, fmtpText(codec), fmtpText(other)));
    if (feedbackText(codec) !== feedbackText(other)) lines.push(changed(`${pt} rtcp-fb`, feedbackText(codec), feedbackText(other)));
  }
  for (const codec of b) if (!left.has(codec.payloadType)) lines.push(added(`codec ${codec.payloadType} ${codecName(codec)}`));
  // Same payload types in another order is another preference (RFC 3264 §5.1).
  const common = (formats: string[], other: string[]) => formats.filter((format) => other.includes(format)).join(' ');
  if (common(aFormats, bFormats) !== common(bFormats, aFormats)) lines.push(changed('preference order', common(aFormats, bFormats), common(bFormats, aFormats)));
  return lines;
}

function diffExtensions(a: MediaDescription, b: MediaDescription): string[] {
  const lines: string[] = [];
  const left = new Map(readAttributes(a, extmapAttribute).map((extmap) => [extmap.uri, extmap.id]));
  const right = new Map(readAttributes(b, extmapAttribute).map((extmap) => [extmap.uri, extmap.id]));
  for (const [uri, id] of left) {
    const other = right.get(uri);
    if (other === undefined) lines.push(removed(`extension ${id} ${uri}`));
    else if (other !== id) lines.push(changed(`extension ${uri} id`, id, other));
  }
  for (const [uri, id] of right) if (!left.has(uri)) lines.push(added(`extension ${id} ${uri}`));
  return lines;
}

/**
 * Attributes by name: one on each side with different values is a change; otherwise the values
 * only on one side are removed or added (a=candidate, a=ssrc, ... come many at a time).
 */
function diffAttributes(a: Attribute[], b: Attribute[], skip: (name: string) => boolean = () => false): string[] {
  const lines: string[] = [];
  const values = (attributes: Attribute[], name: string) => attributes.filter((attribute) => attribute.name === name).map(({ value }) => value);
  const text = (name: string, value: string | undefined) => (value === undefined ? `a=${name}` : `a=${name}:${value}`);
  for (const name of new Set([...a, ...b].map((attribute) => attribute.name))) {
    if (skip(name)) continue;
    const from = values(a, name);
    const to = values(b, name);
    if (from.length === 1 && to.length === 1) {
      if (from[0] !== to[0]) lines.push(changed(`a=${name}`, from[0] ?? '(flag)', to[0] ?? '(flag)'));
      continue;
    }
    for (const value of without(from, to)) lines.push(removed(text(name, value)));
    for (const value of without(to, from)) lines.push(added(text(name, value)));
  }
  return lines;
}

/** The values of `list` not matched one for one in `other` (a multiset difference). */
function without<T>(list: readonly T[], other: readonly T[]): T[] {
  const left = [...other];
  return list.filter((value) => {
    const at = left.indexOf(value);
    if (at < 0) return true;
    left.splice(at, 1);
    return false;
  });
}
