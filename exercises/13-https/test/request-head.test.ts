import { describe, expect, it } from 'vitest';
import { HttpParseError, MAX_HEAD_BYTES, parseRequestHead, type HttpParseErrorCode } from '../request-head.ts';

const bytes = (text: string) => Buffer.from(text, 'latin1');

/** The code parseRequestHead throws for `text`, or what it did instead. Other errors are rethrown. */
function refusal(text: string | Uint8Array): HttpParseErrorCode | 'accepted' | 'incomplete' {
  try {
    return parseRequestHead(typeof text === 'string' ? bytes(text) : text) === undefined ? 'incomplete' : 'accepted';
  } catch (error) {
    if (error instanceof HttpParseError) return error.code;
    throw error;
  }
}

/** What headless Chromium 150 sent for http://127.0.0.1:8080/, byte for byte (captured with a raw net server). */
const CHROMIUM_REQUEST = [
  'GET / HTTP/1.1',
  'Host: 127.0.0.1:8080',
  'Connection: keep-alive',
  'sec-ch-ua: "Not;A=Brand";v="8", "Chromium";v="150"',
  'sec-ch-ua-mobile: ?0',
  'sec-ch-ua-platform: "Linux"',
  'Upgrade-Insecure-Requests: 1',
  'User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/150.0.0.0 Safari/537.36',
  'Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7',
  'Sec-Fetch-Site: none',
  'Sec-Fetch-Mode: navigate',
  'Sec-Fetch-User: ?1',
  'Sec-Fetch-Dest: document',
  'Accept-Encoding: gzip, deflate, br, zstd',
  'Accept-Language: en-US,en;q=0.9',
  '',
  '',
].join('\r\n');

describe('13-https: parseRequestHead reads', () => {
  it("a browser's request: method, target, version, lowercase names, and where the head ends", () => {
    const head = parseRequestHead(bytes(CHROMIUM_REQUEST));
    expect(head).toMatchObject({ method: 'GET', target: '/', version: 'HTTP/1.1', headLength: Buffer.byteLength(CHROMIUM_REQUEST) });
    expect(head!.headers.get('host')).toBe('127.0.0.1:8080');
    expect(head!.headers.get('sec-fetch-site')).toBe('none');
    expect(head!.headers.get('sec-ch-ua')).toBe('"Not;A=Brand";v="8", "Chromium";v="150"');
    expect(head!.headers.size).toBe(14);
  });

  it('undefined until the empty line has arrived, at any split', () => {
    for (let cut = 0; cut < CHROMIUM_REQUEST.length - 1; cut += 7) {
      expect(parseRequestHead(bytes(CHROMIUM_REQUEST.slice(0, cut))), `first ${cut} bytes`).toBeUndefined();
    }
    expect(parseRequestHead(bytes(CHROMIUM_REQUEST.slice(0, -1)))).toBeUndefined();
  });

  it('the head only: a body after it is left to the caller, at headLength', () => {
    const text = 'POST /api HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello';
    const head = parseRequestHead(bytes(text))!;
    expect(head.headLength).toBe(text.length - 5);
    expect(text.slice(head.headLength)).toBe('hello');
    expect(head.headers.get('content-length')).toBe('5');
  });

  it('skips empty lines before the request-line, and counts them', () => {
    const head = parseRequestHead(bytes('\r\n\r\nGET /x HTTP/1.1\r\nHost: a\r\n\r\n'))!;
    expect(head).toMatchObject({ method: 'GET', target: '/x', headLength: 4 + 28 });
  });

  it('joins repeated fields with ", ", trims optional whitespace, keeps inner spaces', () => {
    const head = parseRequestHead(bytes('GET / HTTP/1.1\r\nHost: a\r\nAccept: text/html \r\naccept:\t*/* ;q=0.1\r\nX-Empty:\r\n\r\n'))!;
    expect(head.headers.get('accept')).toBe('text/html, */* ;q=0.1');
    expect(head.headers.get('x-empty')).toBe('');
  });

  it('other targets: a query, an absolute URL, * for OPTIONS; HTTP/1.0 without Host; latin1 octets', () => {
    expect(parseRequestHead(bytes('GET /a/b?c=d&e=%20 HTTP/1.1\r\nHost: a\r\n\r\n'))?.target).toBe('/a/b?c=d&e=%20');
    expect(parseRequestHead(bytes('GET http://a.example/p HTTP/1.1\r\nHost: a.example\r\n\r\n'))?.target).toBe('http://a.example/p');
    expect(parseRequestHead(bytes('OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n'))?.target).toBe('*');
    expect(parseRequestHead(bytes('GET / HTTP/1.0\r\n\r\n'))).toMatchObject({ version: 'HTTP/1.0', headLength: 18 });
    expect(parseRequestHead(Buffer.concat([bytes('GET / HTTP/1.1\r\nHost: a\r\nX-Name: caf'), Buffer.from([0xe9]), bytes('\r\n\r\n')]))?.headers.get('x-name')).toBe('café');
  });
});

describe('13-https: parseRequestHead refuses', () => {
  it.each([
    ['GET  / HTTP/1.1', 'BAD_REQUEST_LINE'], // two spaces
    ['GET / HTTP/1.1 ', 'BAD_REQUEST_LINE'],
    ['GET /', 'BAD_REQUEST_LINE'],
    ['G(ET / HTTP/1.1', 'BAD_REQUEST_LINE'],
    ['GET index.html HTTP/1.1', 'BAD_REQUEST_LINE'],
    ['GET * HTTP/1.1', 'BAD_REQUEST_LINE'], // * is for OPTIONS only
    ['GET /a b HTTP/1.1', 'BAD_REQUEST_LINE'],
    ['GET / HTTP/1', 'BAD_REQUEST_LINE'],
    ['GET / http/1.1', 'BAD_REQUEST_LINE'],
    ['GET / HTTP/2.0', 'UNSUPPORTED_VERSION'],
    ['GET / HTTP/0.9', 'UNSUPPORTED_VERSION'],
  ] as const)('request-line %j: %s', (line, code) => {
    expect(refusal(`${line}\r\nHost: a\r\n\r\n`)).toBe(code);
  });

  it.each([
    ['Host : a', 'BAD_HEADER'], // whitespace before the colon (RFC 9112 §5.1)
    ['Host: a\r\n folded', 'BAD_HEADER'], // obs-fold
    ['no colon here', 'BAD_HEADER'],
    [': empty name', 'BAD_HEADER'],
    ['Host: a\r\nX-Bad: a\x00b', 'BAD_HEADER'],
    ['Host: a\r\nX-Bad: a\x7fb', 'BAD_HEADER'],
    ['Host: a\r\nX-Bad: a\rb', 'BAD_HEADER'],
    ['Host: a\r\nX-Bad: a\nb', 'BAD_HEADER'],
    ['Accept: */*', 'MISSING_HOST'],
    ['Host: a\r\nhost: b', 'DUPLICATE_HOST'],
  ] as const)('field lines %j: %s', (lines, code) => {
    expect(refusal(`GET / HTTP/1.1\r\n${lines}\r\n\r\n`)).toBe(code);
  });

  it('two Hosts in HTTP/1.0 too, and gives each code its HTTP status', () => {
    expect(refusal('GET / HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n')).toBe('DUPLICATE_HOST');
    const statuses: Record<string, number> = {};
    for (const [text, code] of [
      ['GET / HTTP/2.0\r\nHost: a\r\n\r\n', 'UNSUPPORTED_VERSION'],
      ['BAD\r\n\r\n', 'BAD_REQUEST_LINE'],
      [`GET / HTTP/1.1\r\nHost: a\r\nX: ${'a'.repeat(MAX_HEAD_BYTES)}\r\n\r\n`, 'HEAD_TOO_LARGE'],
    ] as const) {
      try {
        parseRequestHead(bytes(text));
      } catch (error) {
        if (!(error instanceof HttpParseError)) throw error;
        statuses[error.code] = error.status;
      }
      expect(statuses[code], code).toBeDefined();
    }
    expect(statuses).toEqual({ UNSUPPORTED_VERSION: 505, BAD_REQUEST_LINE: 400, HEAD_TOO_LARGE: 431 });
  });

  it('a head over MAX_HEAD_BYTES, finished or not, but not one exactly at the limit', () => {
    const prefix = 'GET / HTTP/1.1\r\nHost: a\r\nX: ';
    const exact = `${prefix}${'a'.repeat(MAX_HEAD_BYTES - prefix.length - 4)}\r\n\r\n`;
    expect(exact.length).toBe(MAX_HEAD_BYTES);
    expect(refusal(exact)).toBe('accepted');
    expect(refusal(`${prefix}${'a'.repeat(MAX_HEAD_BYTES - prefix.length - 3)}\r\n\r\n`)).toBe('HEAD_TOO_LARGE');
    expect(refusal(`${prefix}${'a'.repeat(MAX_HEAD_BYTES)}`)).toBe('HEAD_TOO_LARGE'); // no end in sight
    expect(refusal(`${prefix}${'a'.repeat(100)}`)).toBe('incomplete');
  });
});
