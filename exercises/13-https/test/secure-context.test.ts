import { describe, expect, it } from 'vitest';
import { isPotentiallyTrustworthy } from '../secure-context.ts';

describe('13-https: isPotentiallyTrustworthy (W3C Secure Contexts §3.1)', () => {
  it.each([
    // Authenticated schemes, whatever the host.
    ['https://192.168.1.10:3000/', true],
    ['wss://example.org/ws', true],
    ['HTTPS://Example.org', true],
    // Loopback addresses.
    ['http://127.0.0.1:3000/?room=demo', true],
    ['http://127.1.2.3/', true],
    ['http://127.1/', true], // the URL parser reads this as 127.0.0.1
    ['ws://127.0.0.1:3000/ws', true],
    ['http://[::1]:3000/', true],
    ['http://[0:0:0:0:0:0:0:1]/', true],
    ['http://[::ffff:127.0.0.1]/', false], // IPv4-mapped is not ::1
    ['http://128.0.0.1/', false],
    ['http://[::2]/', false],
    // localhost names.
    ['http://localhost:3000/', true],
    ['http://LOCALHOST./', true],
    ['http://app.localhost/', true],
    ['http://localhost.example.com/', false],
    ['http://mylocalhost/', false],
    // Everything on the network over plain http.
    ['http://192.168.1.10:3000/', false],
    ['http://10.0.0.1/', false],
    ['http://example.org/', false],
    ['ws://example.org/', false],
    ['ftp://127.0.0.1/', true],
    ['ftp://example.org/', false],
    // file, blob, and opaque origins.
    ['file:///home/me/page.html', true],
    ['blob:https://example.org/4f1c', true],
    ['blob:http://example.org/4f1c', false],
    ['blob:http://localhost:3000/4f1c', true],
    ['data:text/html,<p>hi</p>', false],
    ['about:blank', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
    ['', false],
  ])('%s → %s', (url, trustworthy) => {
    expect(isPotentiallyTrustworthy(url)).toBe(trustworthy);
  });
});
