/**
 * Just enough HTTP/1.1 (RFC 9112) for the opening handshake over a raw socket:
 * find where the head ends, and split a request or response head into its
 * start line and header fields. node:http does this for the production
 * server; the Node client and the course's node:net server use this.
 */
import { ConnectError, HandshakeError } from './errors.ts';

/** Heads larger than this are refused; a handshake is a few hundred bytes. */
export const MAX_HEAD_BYTES = 16 * 1024;

/** Field names lower-cased; a repeated field is joined with ", " (RFC 9110 §5.3). */
export type HeaderFields = Record<string, string>;

export interface RequestHead {
  method: string;
  url: string;
  /** "1.1" for HTTP/1.1, as node:http's IncomingMessage.httpVersion. */
  httpVersion: string;
  headers: HeaderFields;
}

export interface ResponseHead {
  httpVersion: string;
  status: number;
  statusText: string;
  headers: HeaderFields;
}

const CRLFCRLF = [0x0d, 0x0a, 0x0d, 0x0a];
const REQUEST_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\S+) HTTP\/(\d\.\d)$/;
const STATUS_LINE = /^HTTP\/(\d\.\d) (\d{3})(?: (.*))?$/;
const FIELD_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The length of the head including its blank line, or -1 if it has not all arrived (RFC 9112 §2.1). */
export function findHeadEnd(bytes: Uint8Array): number {
  outer: for (let i = 0; i + CRLFCRLF.length <= bytes.length; i++) {
    for (let j = 0; j < CRLFCRLF.length; j++) if (bytes[i + j] !== CRLFCRLF[j]) continue outer;
    return i + CRLFCRLF.length;
  }
  return -1;
}

/** Throws HandshakeError MALFORMED_REQUEST. `text` is the head without or with its final blank line. */
export function parseRequestHead(text: string): RequestHead {
  const fail = (why: string): HandshakeError => new HandshakeError('MALFORMED_REQUEST', `websocket: malformed HTTP request (${why})`);
  const [startLine, ...fieldLines] = splitLines(text);
  const match = REQUEST_LINE.exec(startLine ?? '');
  if (match === null) throw fail('request line');
  return { method: match[1]!, url: match[2]!, httpVersion: match[3]!, headers: parseFields(fieldLines, fail) };
}

/** Throws ConnectError BAD_RESPONSE. */
export function parseResponseHead(text: string): ResponseHead {
  const fail = (why: string): ConnectError => new ConnectError('BAD_RESPONSE', `websocket: malformed HTTP response (${why})`);
  const [startLine, ...fieldLines] = splitLines(text);
  const match = STATUS_LINE.exec(startLine ?? '');
  if (match === null) throw fail('status line');
  return { httpVersion: match[1]!, status: Number(match[2]), statusText: match[3] ?? '', headers: parseFields(fieldLines, fail) };
}

function splitLines(text: string): string[] {
  const lines = text.split('\r\n');
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** RFC 9112 §5: `name ":" OWS value OWS`; obsolete line folding (§5.2) is refused. */
function parseFields(lines: string[], fail: (why: string) => Error): HeaderFields {
  const fields: HeaderFields = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw fail('header line without a name');
    const name = line.slice(0, colon);
    if (!FIELD_NAME.test(name)) throw fail(`header name ${JSON.stringify(name)}`);
    const value = line.slice(colon + 1).trim();
    const key = name.toLowerCase();
    fields[key] = key in fields ? `${fields[key]}, ${value}` : value;
  }
  return fields;
}
