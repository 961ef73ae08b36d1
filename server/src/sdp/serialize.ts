/**
 * `SessionDescription` → text, in the RFC 8866 §5 order, every line ended with
 * the description's `lineEnding` (CRLF unless it was parsed from LF text).
 *
 * The model is plain data that callers build by hand, so this checks what would
 * change the meaning of the text: a CR, LF or NUL inside a value (it would
 * start a new line, i.e. SDP injection), attribute names that are not tokens,
 * and m= lines without formats. Those throw a TypeError naming the value.
 */
import { serializeBandwidth, serializeConnection, serializeMediaLine, serializeOrigin } from './fields.ts';
import { isToken } from './grammar.ts';
import type { Attribute, MediaDescription, SessionDescription } from './session-description.ts';

/** Receives each line in order: `<type>=<value>`, or an attribute (the most common line, kept apart to stay cheap). */
interface LineSink {
  line(type: string, value: string): void;
  attribute(attribute: Attribute): void;
}

export function serializeSessionDescription(description: SessionDescription): string {
  const end = description.lineEnding;
  let text = '';
  let lines = 0;
  writeLines(description, {
    line(type, value) {
      text += `${type}=${value}${end}`;
      lines++;
    },
    attribute({ name, value }) {
      checkName(name);
      text += value === undefined ? `a=${name}${end}` : `a=${name}:${value}${end}`;
      lines++;
    },
  });
  // RFC 8866 §9: values exclude NUL, CR and LF. Counting the line ends of the result checks every
  // value at once; only when the count is off do we go through the values to name the culprit.
  const crs = end === '\r\n' ? lines : 0;
  if (count(text, '\n') !== lines || count(text, '\r') !== crs || text.includes('\0')) writeLines(description, FIND_LINE_BREAK);
  return text;
}

function writeLines(description: SessionDescription, sink: LineSink): void {
  sink.line('v', `${description.version}`);
  sink.line('o', serializeOrigin(description.origin));
  sink.line('s', description.sessionName);
  if (description.information !== undefined) sink.line('i', description.information);
  if (description.uri !== undefined) sink.line('u', description.uri);
  for (const email of description.emails) sink.line('e', email);
  for (const phone of description.phones) sink.line('p', phone);
  if (description.connection !== undefined) sink.line('c', serializeConnection(description.connection));
  for (const bandwidth of description.bandwidths) sink.line('b', serializeBandwidth(bandwidth));
  for (const time of description.times) {
    sink.line('t', `${time.start} ${time.stop}`);
    for (const repeat of time.repeats) sink.line('r', repeat);
    if (time.zoneAdjustments !== undefined) sink.line('z', time.zoneAdjustments);
  }
  if (description.key !== undefined) sink.line('k', description.key);
  for (const attribute of description.attributes) sink.attribute(attribute);
  for (const media of description.media) writeMedia(media, sink);
}

function writeMedia(media: MediaDescription, sink: LineSink): void {
  // RFC 8866 §5.14: an m= line has at least one <fmt>; without one the text would not parse back.
  if (media.formats.length === 0) throw new TypeError(`sdp: m=${media.kind} section has no formats (add a codec first)`);
  sink.line('m', serializeMediaLine(media));
  if (media.information !== undefined) sink.line('i', media.information);
  for (const connection of media.connections) sink.line('c', serializeConnection(connection));
  for (const bandwidth of media.bandwidths) sink.line('b', serializeBandwidth(bandwidth));
  if (media.key !== undefined) sink.line('k', media.key);
  for (const attribute of media.attributes) sink.attribute(attribute);
}

/** RFC 8866 §5.13: `name` or `name:value`. */
export function serializeAttribute(attribute: Attribute): string {
  checkName(attribute.name);
  return attribute.value === undefined ? attribute.name : `${attribute.name}:${attribute.value}`;
}

/** RFC 8866 §9: attribute-name is a token; a `:` or a space in it would change what the line means. */
function checkName(name: string): void {
  if (!isToken(name)) throw new TypeError(`sdp: attribute name ${JSON.stringify(name)} is not a token`);
}

const FIND_LINE_BREAK: LineSink = {
  line(type, value) {
    if (/[\0\r\n]/.test(value)) throw new TypeError(`sdp: ${type}= value ${JSON.stringify(value)} contains NUL, CR or LF`);
  },
  attribute(attribute) {
    FIND_LINE_BREAK.line('a', serializeAttribute(attribute));
  },
};

function count(text: string, character: string): number {
  let found = 0;
  for (let at = text.indexOf(character); at >= 0; at = text.indexOf(character, at + 1)) found++;
  return found;
}
