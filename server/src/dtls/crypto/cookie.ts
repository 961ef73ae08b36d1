/**
 * Stateless HelloVerifyRequest cookies (RFC 6347 §4.2.1):
 *
 *   Cookie = HMAC(Secret, Client-IP, Client-Parameters)
 *
 * "Client-Parameters" here is the whole ClientHello serialized with an empty
 * cookie: a client must repeat the same hello with the cookie added (Chromium's
 * second ClientHello is byte-identical apart from the cookie), so any change —
 * including a spoofed source address — invalidates it. The server keeps no state
 * until a hello returns with a valid cookie; rotate `secret` periodically and try
 * the previous one too (§4.2.1).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type ClientHello, serializeClientHello } from '../messages/client-hello.ts';

export const COOKIE_LENGTH = 32;

/** `clientAddress` identifies the 5-tuple, e.g. "203.0.113.7:50000". */
export function computeHelloCookie(secret: Uint8Array, clientAddress: string, hello: ClientHello): Uint8Array {
  return new Uint8Array(
    createHmac('sha256', secret)
      .update(clientAddress)
      .update(Uint8Array.of(0))
      .update(serializeClientHello({ ...hello, cookie: new Uint8Array(0) }))
      .digest(),
  );
}

/** True if `hello.cookie` is the cookie this server would issue for it. */
export function verifyHelloCookie(secret: Uint8Array, clientAddress: string, hello: ClientHello): boolean {
  const expected = computeHelloCookie(secret, clientAddress, hello);
  return hello.cookie.length === expected.length && timingSafeEqual(hello.cookie, expected);
}
