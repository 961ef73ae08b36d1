/**
 * Mapping a URL path onto a file under one folder, and nothing outside it.
 *
 * The classic hole is `GET /../../etc/passwd`: clients normalize `..` away
 * before sending, but a raw request (curl --path-as-is, nc) does not, and
 * `%2e%2e%2f` survives any normalization done before percent-decoding. So the
 * path is decoded first, resolved against the root, and the result must still
 * be inside the root; then the real path (symbolic links followed) must be too.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { HttpError } from './errors.ts';
import { contentTypeFor } from './mime-types.ts';

export interface StaticFile {
  /** Absolute, symbolic links resolved. */
  readonly file: string;
  readonly contentType: string;
  readonly size: number;
  readonly modified: Date;
}

const INDEX_FILE = 'index.html';

/**
 * The file a URL path (without its query) names under `root`, which must be
 * an absolute path with symbolic links resolved. A path ending in '/' names the
 * folder's index.html. Throws HttpError: BAD_PATH, FORBIDDEN or NOT_FOUND.
 */
export async function resolveStaticFile(root: string, urlPath: string): Promise<StaticFile> {
  const relative = decodeUrlPath(urlPath);
  let file = path.resolve(root, `.${path.posix.sep}${relative}`);
  if (!isInside(root, file)) throw new HttpError('FORBIDDEN', `${urlPath} is outside the served folder`);
  if (relative.endsWith('/')) file = path.join(file, INDEX_FILE);
  let real: string;
  try {
    real = await realpath(file);
  } catch {
    throw new HttpError('NOT_FOUND', `${urlPath} not found`);
  }
  // A symbolic link inside the root may point anywhere; what counts is where it lands.
  if (!isInside(root, real)) throw new HttpError('FORBIDDEN', `${urlPath} leads outside the served folder`);
  const info = await stat(real);
  if (info.isDirectory()) throw new HttpError('NOT_FOUND', `${urlPath} is a folder; its index is at ${urlPath}/`);
  if (!info.isFile()) throw new HttpError('NOT_FOUND', `${urlPath} is not a regular file`);
  return { file: real, contentType: contentTypeFor(real), size: info.size, modified: info.mtime };
}

/**
 * The percent-decoded path (RFC 3986 §2.1), refusing what has no business in
 * a file name: NUL (truncates names in C APIs), backslash (a separator on
 * Windows) and hidden segments ('.git', '.env'). '.' and '..' pass here; the
 * containment check after resolving is what stops '..'.
 */
export function decodeUrlPath(urlPath: string): string {
  if (!urlPath.startsWith('/')) throw new HttpError('BAD_PATH', `the path must start with '/': ${JSON.stringify(urlPath)}`);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    throw new HttpError('BAD_PATH', `bad percent-encoding in ${JSON.stringify(urlPath)}`);
  }
  if (decoded.includes('\0') || decoded.includes('\\')) {
    throw new HttpError('BAD_PATH', `NUL or backslash in ${JSON.stringify(urlPath)}`);
  }
  if (decoded.split('/').some((segment) => segment.startsWith('.') && segment !== '.' && segment !== '..')) {
    throw new HttpError('FORBIDDEN', `${urlPath} names a hidden file`);
  }
  return decoded;
}

/** True when `candidate` is `root` or below it: compares whole path segments, so /srv/web2 is not inside /srv/web. */
export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}
