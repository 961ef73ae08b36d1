/**
 * Exercise 13-https, part 2: may this page use the camera? Browsers expose getUserMedia, and
 * most new APIs, only in a secure context, and a page is a secure context when its origin is
 * "potentially trustworthy" (W3C Secure Contexts, §3.1). The algorithm, for an origin given as
 * any URL of it:
 *
 *   1. An opaque origin is not trustworthy. Here: a URL whose scheme is not one of http, https,
 *      ws, wss, ftp, file or blob (data:, javascript:, about: …), or that is not a URL at all.
 *   2. A blob: URL's origin is the origin of the URL after 'blob:' (WHATWG URL, "origin"): check that.
 *   3. https: and wss: are trustworthy: the page came over an authenticated channel.
 *   4. A host that is an IP address in 127.0.0.0/8 or ::1 is trustworthy: loopback never leaves
 *      the machine. (IPv4-mapped ::ffff:127.0.0.1 is not ::1.)
 *   5. A host that is 'localhost' or ends in '.localhost' (with or without a final dot, any case)
 *      is trustworthy: RFC 6761 §6.3 reserves these names for loopback, and browsers resolve them
 *      there themselves (the spec's "let-localhost-be-localhost").
 *   6. file: is trustworthy.
 *   7. Anything else is not: http://192.168.1.10:3000 is the same app as http://127.0.0.1:3000,
 *      but on the network anyone on the path could have changed the page.
 *
 * Let `new URL(text)` do the parsing: it lowercases the scheme and host, turns '127.1' into
 * '127.0.0.1' and writes IPv6 hosts in brackets ('[::1]').
 *
 *   isPotentiallyTrustworthy('http://localhost:3000/')    -> true
 *   isPotentiallyTrustworthy('http://192.168.1.10:3000/') -> false
 *   isPotentiallyTrustworthy('https://192.168.1.10:3000/') -> true
 */
export function isPotentiallyTrustworthy(url: string): boolean {
  // TODO: follow the steps above.
  throw new Error(`TODO: is the origin of ${url} potentially trustworthy?`);
}
