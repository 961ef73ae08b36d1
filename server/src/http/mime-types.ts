/**
 * Content types by file extension, for the files the web app is made of.
 * Browsers refuse a module script served with a non-JavaScript type (HTML
 * spec, "fetch a single module script", step 9), and with
 * `X-Content-Type-Options: nosniff` they refuse a mislabeled stylesheet or
 * script too, so these must be right rather than guessed.
 */
import path from 'node:path';

/** RFC 9239 names text/javascript the one JavaScript type; charset where the type is text. */
const CONTENT_TYPES: ReadonlyMap<string, string> = new Map([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.mjs', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.json', 'application/json; charset=utf-8'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.jpg', 'image/jpeg'],
  ['.jpeg', 'image/jpeg'],
  ['.ico', 'image/x-icon'],
  ['.webp', 'image/webp'],
  ['.txt', 'text/plain; charset=utf-8'],
  ['.wasm', 'application/wasm'],
  ['.webm', 'video/webm'],
  ['.woff2', 'font/woff2'],
]);

/** RFC 9110 §8.3: a recipient may treat an unknown type as application/octet-stream, which no browser executes. */
export const FALLBACK_CONTENT_TYPE = 'application/octet-stream';

/** The Content-Type for a file name, by its extension, case-insensitive. */
export function contentTypeFor(fileName: string): string {
  return CONTENT_TYPES.get(path.extname(fileName).toLowerCase()) ?? FALLBACK_CONTENT_TYPE;
}
