/**
 * Exercise 13-https, part 1: the head of an HTTP/1.1 request, as a server reads it off a socket
 * (RFC 9112). The same bytes arrive over plain TCP and over TLS: HTTPS is HTTP inside TLS.
 *
 *   GET /index.html?x=1 HTTP/1.1\r\n          request-line = method SP request-target SP HTTP-version CRLF
 *   Host: 127.0.0.1:8080\r\n                  field-line   = field-name ":" OWS field-value OWS CRLF
 *   Accept: text/html\r\n
 *   \r\n                                      an empty line ends the head; a body may follow
 *
 * parseRequestHead(bytes) is called with everything received so far. It returns undefined while
 * the head is incomplete (no CRLF CRLF yet), and the parsed head once it is there; headLength is
 * how many bytes the head took, empty line included, so the caller knows where a body starts.
 *
 * The rules, strict where RFC 9112 lets a server be:
 *   - The bytes are read as latin1 (one character per octet, RFC 9110 §5.5).
 *   - Empty lines (CRLF) before the request-line are skipped (RFC 9112 §2.2) and count in headLength.
 *   - Lines end in CRLF; a CR or LF anywhere else is an error.
 *   - The request-line is exactly three parts separated by single spaces (§3). The method is a
 *     token (RFC 9110 §5.6.2: letters, digits and !#$%&'*+-.^_`|~). The target is the origin-form
 *     ('/' then anything but whitespace, §3.2.1), the absolute-form ('http://…' or 'https://…',
 *     §3.2.2), or '*' for OPTIONS only (§3.2.4). The version is HTTP/<digit>.<digit> (§2.3).
 *     Else BAD_REQUEST_LINE.
 *   - Only HTTP/1.0 and HTTP/1.1 are served; another well-formed version is UNSUPPORTED_VERSION.
 *   - A field line is a token, a colon, optional spaces or tabs, the value, optional spaces or tabs.
 *     Whitespace before the colon (§5.1), a line starting with whitespace (obs-fold, §5.2), a line
 *     without a colon, and control characters other than HTAB in the value are BAD_HEADER.
 *   - Field names are case-insensitive: the map's keys are lowercase. A name that appears again
 *     has its values joined with ', ' in order (RFC 9110 §5.3). Values keep their inner spaces.
 *   - An HTTP/1.1 request must have exactly one Host (§3.2): MISSING_HOST, DUPLICATE_HOST. An
 *     HTTP/1.0 request may have none, but not two.
 *   - A head longer than MAX_HEAD_BYTES (counting its CRLF CRLF), or that many bytes without the
 *     end of a head in sight, is HEAD_TOO_LARGE: a server must not buffer without bound.
 *
 *   parseRequestHead(Buffer.from('GET / HTTP/1.1\r\nHost: a\r\n\r\n'))
 *     -> { method: 'GET', target: '/', version: 'HTTP/1.1', headers: Map { 'host' => 'a' }, headLength: 27 }
 */

export const MAX_HEAD_BYTES = 8192;

export type HttpParseErrorCode =
  | 'BAD_REQUEST_LINE'
  | 'UNSUPPORTED_VERSION'
  | 'BAD_HEADER'
  | 'MISSING_HOST'
  | 'DUPLICATE_HOST'
  | 'HEAD_TOO_LARGE';

/** The status a server answers each code with (RFC 9110 §15.5.1, §15.6.6; RFC 6585 §5). */
export const STATUS_FOR: Readonly<Record<HttpParseErrorCode, number>> = {
  BAD_REQUEST_LINE: 400,
  UNSUPPORTED_VERSION: 505,
  BAD_HEADER: 400,
  MISSING_HOST: 400,
  DUPLICATE_HOST: 400,
  HEAD_TOO_LARGE: 431,
};

export class HttpParseError extends Error {
  readonly code: HttpParseErrorCode;
  readonly status: number;

  constructor(code: HttpParseErrorCode, message: string) {
    super(message);
    this.name = 'HttpParseError';
    this.code = code;
    this.status = STATUS_FOR[code];
  }
}

export interface RequestHead {
  readonly method: string;
  readonly target: string;
  readonly version: 'HTTP/1.0' | 'HTTP/1.1';
  /** Lowercase names; repeated names joined with ', '. */
  readonly headers: ReadonlyMap<string, string>;
  /** Bytes from the start of the buffer through the empty line. */
  readonly headLength: number;
}

export function parseRequestHead(bytes: Uint8Array): RequestHead | undefined {
  // TODO: find the end of the head, then read the request-line and the field lines as described above.
  throw new Error(`TODO: parse a request head from ${bytes.length} bytes`);
}
