/**
 * Text → `SessionDescription` (RFC 8866 §5).
 *
 * What is tolerated, and why:
 * - LF-only line ends, because RFC 8866 §5 says parsers SHOULD accept them. The
 *   first line's ending is remembered and used on output, so a CRLF or an LF
 *   description serializes back to the same text.
 * - A last line without a line end (hand-written SDP often lacks it).
 * - Attributes we do not know: RFC 8866 §5.13 says to ignore them, so they are
 *   kept in order, unread, and serialized back.
 *
 * What is rejected (RFC 8829 §5.8: a line that is not well formed rejects the
 * whole description):
 * - A first line other than `v=0`; missing o=, s= or t=; lines out of the
 *   RFC 8866 §5 order; a media section without c= when the session has none.
 * - Lines that are not `<lowercase letter>=<value>`, empty lines, and NUL or CR
 *   inside a line (RFC 8866 §9: byte-string excludes NUL, CR and LF).
 * - Unknown type letters: RFC 8866 §5 says a parser MUST completely ignore or
 *   reject a description that has one; rejecting tells the peer why.
 * - Malformed o=, c=, b=, t=, m= values and a= names that are not tokens.
 *   Attribute values are checked only by the typed accessors.
 */
import { SdpParseError, quote } from './errors.ts';
import { parseBandwidth, parseConnection, parseMediaLine, parseOrigin, parseTiming } from './fields.ts';
import { tokenEnd } from './grammar.ts';
import { LineReader } from './line-reader.ts';
import type { Attribute, MediaDescription, Origin, SessionDescription, TimeDescription } from './session-description.ts';

/** RFC 8866 §5: the session-level lines in the only order they may appear; `m` starts the media sections. */
const SESSION_ORDER = 'vosiuepcbtrzkam';
/** RFC 8866 §5: the lines of a media section, in order. */
const MEDIA_ORDER = 'micbka';
/** Lines that may repeat in a row (`*` in RFC 8866 §5); `t` may also follow `r` and `z`. */
const SESSION_REPEATABLE = 'epbtra';
const MEDIA_REPEATABLE = 'cba';
const RANK_S = SESSION_ORDER.indexOf('s');
const RANK_T = SESSION_ORDER.indexOf('t');
const RANK_A = MEDIA_ORDER.indexOf('a');

export function parseSessionDescription(text: string): SessionDescription {
  const reader = new LineReader(text);
  const session: SessionDescription = {
    version: 0,
    ...parseHeader(reader),
    emails: [],
    phones: [],
    bandwidths: [],
    times: [],
    attributes: [],
    media: [],
    lineEnding: reader.lineEnding,
  };
  let rank = RANK_S; // rank in SESSION_ORDER of the previous session-level line
  let media: MediaDescription | undefined;
  let mediaRank = 0;
  let mediaLine = 0;

  while (reader.next()) {
    const type = reader.type;
    if (type === 'a' && media !== undefined && mediaRank <= RANK_A) {
      // The common case, kept short: most lines of a browser offer are media attributes.
      mediaRank = RANK_A;
      media.attributes.push(readAttribute(reader));
    } else if (type === 'm') {
      if (session.times.length === 0) throw reader.fail('MISSING_LINE', `missing t= line before ${quote(reader.line())}`);
      if (media !== undefined) checkMediaConnection(media, session, mediaLine);
      media = { ...parseMediaLine(reader.value(), reader.number), connections: [], bandwidths: [], attributes: [] };
      session.media.push(media);
      mediaRank = 0;
      mediaLine = reader.number;
    } else if (media !== undefined) {
      mediaRank = checkMediaOrder(reader, mediaRank);
      applyMediaLine(media, reader);
    } else {
      rank = checkSessionOrder(reader, rank, session.times.length > 0);
      applySessionLine(session, reader);
    }
  }

  if (session.times.length === 0) throw new SdpParseError('MISSING_LINE', reader.number + 1, 'missing t= line');
  if (media !== undefined) checkMediaConnection(media, session, mediaLine);
  return session;
}

/** RFC 8866 §5: every description starts with exactly v=, o=, s=, in that order. */
const HEADER = 'vos';

function parseHeader(reader: LineReader): { origin: Origin; sessionName: string } {
  // RFC 8866 §5.1: "v=0"; there is no other version.
  const version = headerValue(reader, 0);
  if (version !== '0') throw reader.fail('BAD_VERSION', `unsupported version ${quote(`v=${version}`)}`);
  const origin = parseOrigin(headerValue(reader, 1), reader.number);
  // RFC 8866 §5.3: "The "s=" line MUST NOT be empty"; WebRTC sends "s=-".
  const sessionName = headerValue(reader, 2);
  if (sessionName === '') throw reader.fail('BAD_SESSION_NAME', 'empty s= line');
  return { origin, sessionName };
}

function headerValue(reader: LineReader, index: number): string {
  const want = HEADER[index]!;
  if (!reader.next()) {
    if (index === 0) throw new SdpParseError('MISSING_VERSION', 1, 'no v= line');
    throw new SdpParseError('MISSING_LINE', index + 1, `missing ${want}= line`);
  }
  const type = reader.type;
  if (type === want) return reader.value();
  if (index === 0) throw reader.fail('MISSING_VERSION', `the first line must be v=, not ${quote(reader.line())}`);
  const position = HEADER.indexOf(type);
  if (position >= 0 && position < index) {
    throw reader.fail('LINE_OUT_OF_ORDER', `${type}= line not allowed here: ${quote(reader.line())}`);
  }
  throw reader.fail('MISSING_LINE', `missing ${want}= line before ${quote(reader.line())}`);
}

/** Returns the new rank, or throws if the line may not follow the session-level line of rank `rank`. */
function checkSessionOrder(reader: LineReader, rank: number, seenTime: boolean): number {
  const type = reader.type;
  const next = SESSION_ORDER.indexOf(type);
  if (next > RANK_T && !seenTime) throw reader.fail('MISSING_LINE', `missing t= line before ${quote(reader.line())}`);
  const newTime = type === 't' && rank >= RANK_T && rank <= RANK_T + 2; // after t=, r= or z=
  const repeat = next === rank && SESSION_REPEATABLE.includes(type);
  if (next > rank || newTime || repeat) return next;
  throw reader.fail('LINE_OUT_OF_ORDER', `${type}= line not allowed here: ${quote(reader.line())}`);
}

function checkMediaOrder(reader: LineReader, rank: number): number {
  const type = reader.type;
  const next = MEDIA_ORDER.indexOf(type);
  if (next > rank || (next === rank && MEDIA_REPEATABLE.includes(type))) return next;
  throw reader.fail('LINE_OUT_OF_ORDER', `${type}= line not allowed here in a media section: ${quote(reader.line())}`);
}

function applySessionLine(session: SessionDescription, reader: LineReader): void {
  const { type, number } = reader;
  if (type === 'a') {
    session.attributes.push(readAttribute(reader));
    return;
  }
  const value = reader.value();
  switch (type) {
    case 'i':
      session.information = value;
      return;
    case 'u':
      session.uri = value;
      return;
    case 'e':
      session.emails.push(value);
      return;
    case 'p':
      session.phones.push(value);
      return;
    case 'c':
      session.connection = parseConnection(value, number);
      return;
    case 'b':
      session.bandwidths.push(parseBandwidth(value, number));
      return;
    case 't':
      session.times.push({ ...parseTiming(value, number), repeats: [] });
      return;
    case 'r':
      lastTime(session).repeats.push(value);
      return;
    case 'z':
      lastTime(session).zoneAdjustments = value;
      return;
    default: // 'k': checkSessionOrder let nothing else through
      session.key = value;
  }
}

function applyMediaLine(media: MediaDescription, reader: LineReader): void {
  const { type, number } = reader;
  if (type === 'a') media.attributes.push(readAttribute(reader));
  else if (type === 'i') media.information = reader.value();
  else if (type === 'c') media.connections.push(parseConnection(reader.value(), number));
  else if (type === 'b') media.bandwidths.push(parseBandwidth(reader.value(), number));
  else media.key = reader.value(); // 'k': checkMediaOrder let nothing else through
}

function lastTime(session: SessionDescription): TimeDescription {
  // checkSessionOrder only lets r= and z= follow a t= line.
  return session.times[session.times.length - 1]!;
}

/** RFC 8866 §5.13 and §9: `a=<attribute-name>[:<attribute-value>]`, the name a token. */
function readAttribute(reader: LineReader): Attribute {
  const { text, start, end } = reader;
  const nameStart = start + 2;
  const nameEnd = tokenEnd(text, nameStart, end);
  if (nameEnd === nameStart || (nameEnd < end && text.charCodeAt(nameEnd) !== 0x3a)) {
    throw reader.fail('BAD_ATTRIBUTE', `attribute name is not a token: ${quote(reader.line())}`);
  }
  const name = text.slice(nameStart, nameEnd);
  return nameEnd < end ? { name, value: text.slice(nameEnd + 1, end) } : { name };
}

/** RFC 8866 §5.7: c= at the session level, or at least one in every media section. */
function checkMediaConnection(media: MediaDescription, session: SessionDescription, number: number): void {
  if (media.connections.length === 0 && session.connection === undefined) {
    throw new SdpParseError('MISSING_LINE', number, 'media section has no c= line and the session has none');
  }
}
