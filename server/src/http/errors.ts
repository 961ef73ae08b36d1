/**
 * Why a request was refused, with the HTTP status that says so. The request
 * handler turns one into a short plain-text response; anything else escaping
 * a handler is a bug, answered 500 and logged.
 *
 * - `BAD_PATH` (400): the path cannot be decoded, or holds a NUL or a backslash.
 * - `FORBIDDEN` (403): the path leaves the served folder (`..`, a symbolic link
 *   pointing out) or names a hidden file.
 * - `NOT_FOUND` (404): nothing is served there.
 * - `METHOD_NOT_ALLOWED` (405): anything but GET and HEAD.
 */
export type HttpErrorCode = 'BAD_PATH' | 'FORBIDDEN' | 'NOT_FOUND' | 'METHOD_NOT_ALLOWED';

const STATUS: Readonly<Record<HttpErrorCode, number>> = {
  BAD_PATH: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
};

export class HttpError extends Error {
  readonly code: HttpErrorCode;
  readonly status: number;

  constructor(code: HttpErrorCode, message: string) {
    super(message);
    this.code = code;
    this.status = STATUS[code];
    this.name = 'HttpError';
  }
}
