/**
 * resolveStaticFile against a real folder: what it serves, and every way out
 * of the folder an attacker tries (raw `..`, percent-encoded `..` and `/`,
 * NUL, backslash, hidden files, a symbolic link pointing out).
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HttpError, type HttpErrorCode } from './errors.ts';
import { contentTypeFor, FALLBACK_CONTENT_TYPE } from './mime-types.ts';
import { decodeUrlPath, isInside, resolveStaticFile } from './static-files.ts';

const base = realpathSync(mkdtempSync(path.join(tmpdir(), 'static-files-')));
const root = path.join(base, 'web');
mkdirSync(path.join(root, 'sub'), { recursive: true });
mkdirSync(path.join(root, '.git'));
writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
writeFileSync(path.join(root, 'app.js'), 'export {};');
writeFileSync(path.join(root, 'sub', 'index.html'), 'sub');
writeFileSync(path.join(root, 'sub', 'a b.css'), 'body{}');
writeFileSync(path.join(root, '.git', 'config'), 'secret');
writeFileSync(path.join(base, 'secret.txt'), 'outside');
mkdirSync(path.join(base, 'web2'));
writeFileSync(path.join(base, 'web2', 'x.txt'), 'sibling');
symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'leak.txt'));
symlinkSync(path.join(root, 'app.js'), path.join(root, 'alias.js'));

afterAll(() => rmSync(base, { recursive: true, force: true }));

async function refusal(urlPath: string): Promise<HttpErrorCode | 'served'> {
  try {
    await resolveStaticFile(root, urlPath);
    return 'served';
  } catch (error) {
    if (error instanceof HttpError) return error.code;
    throw error;
  }
}

describe('resolveStaticFile serves', () => {
  it.each([
    { url: '/', file: 'index.html', type: 'text/html; charset=utf-8' },
    { url: '/app.js', file: 'app.js', type: 'text/javascript; charset=utf-8' },
    { url: '/sub/', file: 'sub/index.html', type: 'text/html; charset=utf-8' },
    { url: '/sub/a%20b.css', file: 'sub/a b.css', type: 'text/css; charset=utf-8' },
    { url: '/sub/../app.js', file: 'app.js', type: 'text/javascript; charset=utf-8' }, // `..` that stays inside is fine
    { url: '/alias.js', file: 'app.js', type: 'text/javascript; charset=utf-8' }, // a link that stays inside
  ])('$url → $file ($type)', async ({ url, file, type }) => {
    const found = await resolveStaticFile(root, url);
    expect(found.file).toBe(path.join(root, file));
    expect(found.contentType).toBe(type);
    expect(found.size).toBeGreaterThan(0);
  });
});

describe('resolveStaticFile refuses', () => {
  it.each([
    { url: '/../secret.txt', code: 'FORBIDDEN' },
    { url: '/../../../../etc/passwd', code: 'FORBIDDEN' },
    { url: '/%2e%2e/secret.txt', code: 'FORBIDDEN' },
    { url: '/..%2fsecret.txt', code: 'FORBIDDEN' },
    { url: '/sub/..%2F..%2Fsecret.txt', code: 'FORBIDDEN' },
    { url: '/../web2/x.txt', code: 'FORBIDDEN' }, // a sibling whose name starts like the root's
    { url: '/leak.txt', code: 'FORBIDDEN' }, // a symbolic link pointing out
    { url: '/.git/config', code: 'FORBIDDEN' },
    { url: '/%2egit/config', code: 'FORBIDDEN' },
    { url: '/app.js%00.html', code: 'BAD_PATH' },
    { url: '/..%5csecret.txt', code: 'BAD_PATH' },
    { url: '/%E0%A4%A', code: 'BAD_PATH' },
    { url: 'app.js', code: 'BAD_PATH' },
    { url: '/missing.js', code: 'NOT_FOUND' },
    { url: '/sub', code: 'NOT_FOUND' }, // a folder without its slash
    { url: '/app.js/', code: 'NOT_FOUND' },
  ])('$url with $code', async ({ url, code }) => {
    expect(await refusal(url)).toBe(code);
  });

  it('maps codes to statuses', () => {
    expect(new HttpError('BAD_PATH', '').status).toBe(400);
    expect(new HttpError('FORBIDDEN', '').status).toBe(403);
    expect(new HttpError('NOT_FOUND', '').status).toBe(404);
    expect(new HttpError('METHOD_NOT_ALLOWED', '').status).toBe(405);
  });
});

describe('helpers', () => {
  it('decodeUrlPath decodes percent-escapes once', () => {
    expect(decodeUrlPath('/a%20b/%2541')).toBe('/a b/%41');
  });

  it('isInside compares whole segments', () => {
    expect(isInside('/srv/web', '/srv/web')).toBe(true);
    expect(isInside('/srv/web', '/srv/web/a/b')).toBe(true);
    expect(isInside('/srv/web', '/srv/web2/a')).toBe(false);
    expect(isInside('/srv/web', '/srv')).toBe(false);
    expect(isInside('/srv/web', '/srv/web/..foo')).toBe(true);
  });

  it.each([
    ['index.HTML', 'text/html; charset=utf-8'],
    ['module.mjs', 'text/javascript; charset=utf-8'],
    ['icon.svg', 'image/svg+xml'],
    ['data.json', 'application/json; charset=utf-8'],
    ['archive.tar.gz', FALLBACK_CONTENT_TYPE],
    ['Makefile', FALLBACK_CONTENT_TYPE],
  ])('contentTypeFor(%s) = %s', (name, type) => {
    expect(contentTypeFor(name)).toBe(type);
  });
});
