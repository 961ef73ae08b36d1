/**
 * ICE credentials: the username fragment and password each side puts in its
 * SDP (a=ice-ufrag, a=ice-pwd, RFC 8839 §5.4). A connectivity check sent to
 * this agent is signed with this agent's password, and its USERNAME starts
 * with this agent's ufrag (RFC 8445 §7.2.2), so the pair is both the key and
 * the name a shared UDP port routes checks by.
 *
 *   const local = generateIceParameters();   // { usernameFragment: '9KqzY0...', password: 'c2Xk...' }
 *   checkIceParameters(fromSdp);              // TypeError unless ice-chars of the allowed lengths
 */
import { randomBytes } from 'node:crypto';

/** Field names of mediasoup's and ORTC's `IceParameters`. */
export interface IceParameters {
  /** 4 to 256 ice-chars (RFC 8839 §5.4). */
  readonly usernameFragment: string;
  /** 22 to 256 ice-chars (RFC 8839 §5.4). */
  readonly password: string;
}

/**
 * The peer's credentials, from its SDP. A lite agent never sends checks, so it
 * needs only the ufrag, to tell the peer's USERNAME apart from a stale one.
 */
export interface RemoteIceParameters {
  readonly usernameFragment: string;
  readonly password?: string;
}

/** RFC 8839 §5.4: ice-char = ALPHA / DIGIT / "+" / "/". */
const ICE_CHARS = /^[A-Za-z0-9+/]+$/;
export const MIN_UFRAG_LENGTH = 4;
export const MIN_PASSWORD_LENGTH = 22;
export const MAX_ICE_STRING_LENGTH = 256;

/**
 * 16 ufrag characters, 96 random bits: RFC 8839 §5.4 asks for at least 24, but
 * the ufrag is also the key a shared port routes by, so it must not collide
 * between the transports of one server. 32 password characters, 192 bits
 * (RFC 8839 §5.4: at least 128).
 */
const UFRAG_BYTES = 12;
const PASSWORD_BYTES = 24;

/**
 * Base64 of random bytes, whose alphabet is exactly the ice-chars; byte counts
 * that are multiples of 3 give whole characters with no '=' padding, each
 * carrying 6 uniformly random bits.
 */
function randomIceString(bytes: number): string {
  return randomBytes(bytes).toString('base64');
}

/** Fresh credentials from node:crypto's CSPRNG, for a new transport or an ICE restart (RFC 8445 §9). */
export function generateIceParameters(): IceParameters {
  return { usernameFragment: randomIceString(UFRAG_BYTES), password: randomIceString(PASSWORD_BYTES) };
}

function checkIceString(name: string, value: unknown, minLength: number): void {
  if (typeof value !== 'string' || value.length < minLength || value.length > MAX_ICE_STRING_LENGTH || !ICE_CHARS.test(value)) {
    throw new TypeError(`ice: ${name} must be ${minLength} to ${MAX_ICE_STRING_LENGTH} ice-chars (RFC 8839 §5.4), got ${JSON.stringify(value)}`);
  }
}

/** Throws TypeError unless the ufrag and password are what RFC 8839 §5.4 allows. */
export function checkIceParameters(parameters: IceParameters): IceParameters {
  checkIceString('usernameFragment', parameters.usernameFragment, MIN_UFRAG_LENGTH);
  checkIceString('password', parameters.password, MIN_PASSWORD_LENGTH);
  return parameters;
}

/** As checkIceParameters, for the peer's: the password may be absent. */
export function checkRemoteIceParameters(parameters: RemoteIceParameters): RemoteIceParameters {
  checkIceString('remote usernameFragment', parameters.usernameFragment, MIN_UFRAG_LENGTH);
  if (parameters.password !== undefined) checkIceString('remote password', parameters.password, MIN_PASSWORD_LENGTH);
  return parameters;
}
