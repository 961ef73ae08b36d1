/**
 * Small pieces of the RFC 8866 §9 ABNF shared by the line and attribute parsers.
 * They return `undefined` instead of throwing so each caller can raise its own
 * error code with its own context.
 */

/**
 * RFC 8866 §9: token-char = %x21 / %x23-27 / %x2A-2B / %x2D-2E / %x30-39 / %x41-5A / %x5E-7E.
 * A lookup table, because every attribute name goes through here.
 */
const TOKEN_CHAR = new Uint8Array(128);
for (const [from, to] of [[0x21, 0x21], [0x23, 0x27], [0x2a, 0x2b], [0x2d, 0x2e], [0x30, 0x39], [0x41, 0x5a], [0x5e, 0x7e]] as const) {
  TOKEN_CHAR.fill(1, from, to + 1);
}

export function isToken(text: string): boolean {
  return text.length > 0 && tokenEnd(text, 0, text.length) === text.length;
}

/** Where the run of token characters that begins at `start` ends (at most `end`). */
export function tokenEnd(text: string, start: number, end: number): number {
  let at = start;
  while (at < end && TOKEN_CHAR[text.charCodeAt(at)] === 1) at++;
  return at;
}

/** `1*DIGIT` within [min, max]. Leading zeros are accepted (the grammar allows them). */
export function parseDecimal(text: string, min: number, max: number): number | undefined {
  // 15 digits stay exact in a double; every field we read as a number is far smaller.
  if (!isDigits(text, 15)) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}

/**
 * `1*DIGIT` as a bigint, for o= ids and t= times. RFC 8866 sets no length, but
 * 64-bit values need 20 digits; the cap keeps a hostile line from costing much.
 */
export function parseBigDecimal(text: string): bigint | undefined {
  return isDigits(text, 32) ? BigInt(text) : undefined;
}

function isDigits(text: string, maxLength: number): boolean {
  if (text.length === 0 || text.length > maxLength) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/**
 * Splits on single spaces (RFC 8866 §5: fields are "delimited by a single space
 * character"). Returns `undefined` if a field is empty, i.e. on a doubled,
 * leading or trailing space, so the text can be rebuilt exactly with `join(' ')`.
 */
export function splitFields(text: string): string[] | undefined {
  const fields = text.split(' ');
  return fields.includes('') ? undefined : fields;
}

/** Splits at the first `separator`; the rest is `undefined` if there is none. */
export function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + separator.length)];
}

/**
 * `<semantics> *(SP <item>)`, the shape of a=group (RFC 5888 §5) and a=ssrc-group
 * (RFC 5576 §4.2). `undefined` if the semantics is not a token.
 */
export function splitSemantics(value: string): { semantics: string; items: string[] } | undefined {
  const [semantics, list] = splitOnce(value, ' ');
  return isToken(semantics) ? { semantics, items: list === undefined ? [] : list.split(' ') } : undefined;
}

/** RTP payload types are 7 bits (RFC 3550 §5.1). */
export function parsePayloadType(text: string): number | undefined {
  return parseDecimal(text, 0, 127);
}

/** `x=value` pairs as used by fmtp and rid restrictions: `name` or `name=value`. */
export interface Parameter {
  name: string;
  value?: string;
}

export function serializeParameter(parameter: Parameter): string {
  return parameter.value === undefined ? parameter.name : `${parameter.name}=${parameter.value}`;
}
