/**
 * The secret behind the server's stateless cookies (RFC 6347 §4.2.1): "the
 * secret [should be changed] frequently", and a cookie made with the previous
 * secret must still be accepted for a while. Rotation happens lazily, when a
 * cookie is made or checked, so no timer runs for it.
 */
import { randomBytes } from 'node:crypto';
import { computeHelloCookie, verifyHelloCookie } from '../crypto/cookie.ts';
import type { ClientHello } from '../messages/client-hello.ts';
import type { TimerClock } from '../../timers/index.ts';

/** A cookie stays valid for one to two rotation periods. */
export const DEFAULT_COOKIE_ROTATION_MS = 5 * 60_000;
const SECRET_LENGTH = 32;

export class CookieSecrets {
  readonly #clock: TimerClock;
  readonly #rotationMs: number;
  #current = newSecret();
  #previous: Uint8Array | undefined;
  #rotatedAt: number;

  constructor(clock: TimerClock, rotationMs = DEFAULT_COOKIE_ROTATION_MS) {
    this.#clock = clock;
    this.#rotationMs = rotationMs;
    this.#rotatedAt = clock.now();
  }

  issue(peerAddress: string, hello: ClientHello): Uint8Array {
    this.#rotate();
    return computeHelloCookie(this.#current, peerAddress, hello);
  }

  /** True if `hello.cookie` was issued for this peer and hello with the current or the previous secret. */
  verify(peerAddress: string, hello: ClientHello): boolean {
    this.#rotate();
    if (hello.cookie.length === 0) return false;
    return verifyHelloCookie(this.#current, peerAddress, hello) || (this.#previous !== undefined && verifyHelloCookie(this.#previous, peerAddress, hello));
  }

  #rotate(): void {
    const now = this.#clock.now();
    if (now - this.#rotatedAt < this.#rotationMs) return;
    // After a long idle spell both secrets are stale: a cookie older than two periods must not pass.
    this.#previous = now - this.#rotatedAt < 2 * this.#rotationMs ? this.#current : undefined;
    this.#current = newSecret();
    this.#rotatedAt = now;
  }
}

function newSecret(): Uint8Array {
  return new Uint8Array(randomBytes(SECRET_LENGTH));
}
