/**
 * Walks SDP text one line at a time without splitting it into an array: the
 * parser reads each value straight out of the text, which keeps a 6 KB browser
 * offer to a few hundred small strings.
 *
 * RFC 8866 §5: lines are `<type>=<value>`, `<type>` exactly one case-significant
 * character, no whitespace around `=`; lines end in CRLF and parsers SHOULD
 * also accept LF. RFC 8866 §9: values are byte-strings, which exclude NUL, CR
 * and LF.
 */
import { SdpParseError, type SdpParseErrorCode, quote } from './errors.ts';
import type { LineEnding } from './session-description.ts';

/** RFC 8866 §5: every type letter SDP defines; any other is UNKNOWN_LINE_TYPE. */
const KNOWN_TYPES = 'vosiuepcbtrzkam';
const TYPE_BY_CODE: (string | undefined)[] = [];
for (const type of KNOWN_TYPES) TYPE_BY_CODE[type.charCodeAt(0)] = type;

export class LineReader {
  readonly text: string;
  /** The first line's ending, used when serializing the result. */
  readonly lineEnding: LineEnding;
  /** 1-based number of the current line (0 before the first `next()`). */
  number = 0;
  /** The current line's type letter. */
  type = '';
  /** Where the current line starts (its type letter) and ends (before CR/LF) in `text`. */
  start = 0;
  end = 0;
  #next = 0;
  /** Where the next CR and the first NUL are, found once instead of searching the rest of the text on every line. */
  #cr = -1;
  readonly #nul: number;

  constructor(text: string) {
    this.text = text;
    const firstLf = text.indexOf('\n');
    this.lineEnding = firstLf > 0 && text.charCodeAt(firstLf - 1) !== 0x0d ? '\n' : '\r\n';
    this.#nul = text.indexOf('\0');
  }

  /** Moves to the next line and checks its shape; false when the text is used up. */
  next(): boolean {
    const text = this.text;
    if (this.#next >= text.length) return false;
    const start = this.#next;
    const lf = text.indexOf('\n', start);
    let end = lf < 0 ? text.length : lf;
    this.#next = lf < 0 ? text.length : lf + 1;
    // Drop the CR of a CRLF, or a lone CR left where the text was cut short.
    if (end > start && text.charCodeAt(end - 1) === 0x0d) end--;
    this.start = start;
    this.end = end;
    this.number++;
    this.type = this.#checkShape();
    return true;
  }

  /** The text after `x=`. */
  value(): string {
    return this.text.slice(this.start + 2, this.end);
  }

  /** The whole line, for error messages. */
  line(): string {
    return this.text.slice(this.start, this.end);
  }

  /** An error for the current line. */
  fail(code: SdpParseErrorCode, reason: string): SdpParseError {
    return new SdpParseError(code, this.number, reason);
  }

  #checkShape(): string {
    const { text, start, end } = this;
    if (start === end) throw this.fail('BAD_LINE', 'empty line');
    const letter = text.charCodeAt(start);
    if (end - start < 2 || text.charCodeAt(start + 1) !== 0x3d || letter < 0x61 || letter > 0x7a) {
      throw this.fail('BAD_LINE', `not a "<type>=<value>" line: ${quote(this.line())}`);
    }
    if (this.#cr < start) {
      const cr = text.indexOf('\r', start);
      this.#cr = cr < 0 ? Infinity : cr;
    }
    if (this.#cr < end || (this.#nul >= start && this.#nul < end)) {
      throw this.fail('BAD_LINE', `NUL or CR inside the line: ${quote(this.line())}`);
    }
    const type = TYPE_BY_CODE[letter];
    if (type === undefined) throw this.fail('UNKNOWN_LINE_TYPE', `unknown line type ${quote(`${text[start]}=`)}`);
    return type;
  }
}
