/**
 * The decision an ICE-lite agent makes about one STUN datagram, before any
 * state changes: drop it, answer it with an error, or accept it as a
 * connectivity check. Pure: the agent (lite-agent.ts) acts on the verdict.
 *
 * The steps, in the order RFC 8489 §6.3 runs them for a request:
 *
 *   1. Malformed STUN is dropped, by its StunParseError code.
 *   2. A FINGERPRINT that does not match means the datagram is not STUN at all
 *      (RFC 8489 §7, RFC 7983 §7): dropped. A Binding indication is a keepalive
 *      and gets no answer (RFC 8489 §6.3.2, RFC 8445 §11); responses (a lite
 *      agent sends no requests) and other methods are dropped.
 *   3. A check without FINGERPRINT breaks RFC 8445 §7.2.4 ("MUST use the
 *      FINGERPRINT mechanism"): 400 Bad Request.
 *   4. Short-term authentication, RFC 8489 §9.1.3, exactly:
 *      - no USERNAME, or neither MESSAGE-INTEGRITY nor MESSAGE-INTEGRITY-SHA256: 400;
 *      - a USERNAME that is not "<our ufrag>:<peer's ufrag>" of a live
 *        credential generation (RFC 8445 §7.3): 401;
 *      - an integrity attribute that does not verify with that generation's
 *        password: 401.
 *      These error responses carry NO MESSAGE-INTEGRITY and no USERNAME: the
 *      request proved no key we could sign with (RFC 8489 §9.1.3, last paragraph).
 *      So a wrong password gets a 401, never a success response.
 *   5. Comprehension-required attributes we do not know: 420 listing them (RFC 8489 §6.3.1.1).
 *   6. ICE-CONTROLLED: the peer claims our role. A lite agent facing a full
 *      agent MUST stay controlled (RFC 8445 §6.1.1), so it takes the branch of
 *      §7.3.1.1 that keeps its role: 487 Role Conflict. A request with neither
 *      ICE-CONTROLLING nor ICE-CONTROLLED, or without PRIORITY, breaks
 *      RFC 8445 §7.1.1/§7.1.3: 400.
 *   7. Accepted: the agent answers with XOR-MAPPED-ADDRESS (RFC 8445 §7.3.1).
 *
 * Responses after step 4 passed are signed with the password that verified
 * the request, with the same integrity attribute(s) it carried (RFC 8489
 * §9.1.3), and every response ends with FINGERPRINT (RFC 8445 §7.2.4).
 */
import {
  type StunErrorCode,
  type StunMessage,
  ErrorCode,
  StunMethod,
  StunParseError,
  bindingErrorResponse,
  findAttribute,
  parseStunMessage,
  serializeStunMessage,
  unknownComprehensionRequired,
  verifyFingerprint,
  verifyMessageIntegrity,
  verifyMessageIntegritySha256,
} from '../stun/index.ts';

/** One set of local credentials the agent answers to, with the peer ufrag it expects (once known). */
export interface CredentialGeneration {
  readonly usernameFragment: string;
  /** shortTermKey(password), computed once. */
  readonly key: Uint8Array;
  /** undefined until the peer's SDP is known: any peer ufrag is then accepted (the integrity check still applies). */
  readonly remoteUsernameFragment: string | undefined;
}

/** Datagrams that get no answer at all. */
export type CheckDropReason =
  | StunErrorCode
  /** FINGERPRINT present and wrong: not STUN (RFC 8489 §7). */
  | 'BAD_FINGERPRINT'
  /** A success or error response: a lite agent never sends requests (RFC 8445 §2.5). */
  | 'NOT_A_REQUEST'
  /** A request or indication of a method other than Binding. */
  | 'UNSUPPORTED_METHOD';

/** Requests answered with an error response; the code each gets is in REJECT_CODES. */
export type CheckRejectReason =
  | 'NO_FINGERPRINT'
  | 'NO_CREDENTIALS'
  | 'UNKNOWN_USERNAME'
  | 'BAD_INTEGRITY'
  | 'UNKNOWN_ATTRIBUTE'
  | 'ROLE_CONFLICT'
  | 'NO_ROLE'
  | 'NO_PRIORITY';

export const REJECT_CODES: Readonly<Record<CheckRejectReason, number>> = {
  NO_FINGERPRINT: ErrorCode.BadRequest,
  NO_CREDENTIALS: ErrorCode.BadRequest,
  UNKNOWN_USERNAME: ErrorCode.Unauthenticated,
  BAD_INTEGRITY: ErrorCode.Unauthenticated,
  UNKNOWN_ATTRIBUTE: ErrorCode.UnknownAttribute,
  ROLE_CONFLICT: ErrorCode.RoleConflict,
  NO_ROLE: ErrorCode.BadRequest,
  NO_PRIORITY: ErrorCode.BadRequest,
};

export type CheckVerdict =
  | { readonly kind: 'drop'; readonly reason: CheckDropReason }
  /** A Binding indication: a keepalive, never answered. */
  | { readonly kind: 'indication' }
  | { readonly kind: 'reject'; readonly reason: CheckRejectReason; readonly response: Uint8Array }
  | {
      readonly kind: 'accept';
      readonly request: StunMessage;
      /** The index in the generations given of the credentials that verified the request. */
      readonly generation: number;
      readonly useCandidate: boolean;
      /** How the success response must be signed. */
      readonly signing: ResponseSigning;
    };

/** The key and the integrity attributes a response to an authenticated request carries. */
export interface ResponseSigning {
  readonly key: Uint8Array;
  readonly sha1: boolean;
  readonly sha256: boolean;
}

/** Serializes a response: signed when the request authenticated, always with FINGERPRINT. */
export function serializeResponse(message: StunMessage, signing: ResponseSigning | undefined): Uint8Array {
  return serializeStunMessage(message, {
    ...(signing?.sha1 === true ? { integrityKey: signing.key } : {}),
    ...(signing?.sha256 === true ? { integritySha256: { key: signing.key } } : {}),
    fingerprint: true,
  });
}

function reject(request: StunMessage, reason: CheckRejectReason, signing?: ResponseSigning, unknownAttributes?: readonly number[]): CheckVerdict {
  const message = bindingErrorResponse({ request, code: REJECT_CODES[reason], ...(unknownAttributes ? { unknownAttributes } : {}) });
  return { kind: 'reject', reason, response: serializeResponse(message, signing) };
}

/** The generation whose ufrag pair USERNAME names (RFC 8445 §7.2.2: "<receiver's ufrag>:<sender's ufrag>"). */
function generationOf(username: string, generations: readonly CredentialGeneration[]): number {
  const colon = username.indexOf(':');
  if (colon <= 0 || colon === username.length - 1) return -1;
  const local = username.slice(0, colon);
  const remote = username.slice(colon + 1);
  return generations.findIndex(
    (generation) => generation.usernameFragment === local && (generation.remoteUsernameFragment === undefined || generation.remoteUsernameFragment === remote),
  );
}

function parse(datagram: Uint8Array): StunMessage | StunErrorCode {
  try {
    return parseStunMessage(datagram);
  } catch (error) {
    if (error instanceof StunParseError) return error.code;
    throw error;
  }
}

/** The verdict on one datagram. Never throws for what arrives; see the steps above. */
export function validateCheck(datagram: Uint8Array, generations: readonly CredentialGeneration[]): CheckVerdict {
  const request = parse(datagram);
  if (typeof request === 'string') return { kind: 'drop', reason: request };
  const hasFingerprint = findAttribute(request, 'FINGERPRINT') !== undefined;
  if (hasFingerprint && !verifyFingerprint(datagram)) return { kind: 'drop', reason: 'BAD_FINGERPRINT' };
  if (request.method !== StunMethod.Binding) return { kind: 'drop', reason: 'UNSUPPORTED_METHOD' };
  if (request.messageClass === 'indication') return { kind: 'indication' };
  if (request.messageClass !== 'request') return { kind: 'drop', reason: 'NOT_A_REQUEST' };
  if (!hasFingerprint) return reject(request, 'NO_FINGERPRINT');

  const username = findAttribute(request, 'USERNAME')?.value;
  const sha1 = findAttribute(request, 'MESSAGE-INTEGRITY') !== undefined;
  const sha256 = findAttribute(request, 'MESSAGE-INTEGRITY-SHA256') !== undefined;
  if (username === undefined || (!sha1 && !sha256)) return reject(request, 'NO_CREDENTIALS');
  const generation = generationOf(username, generations);
  if (generation < 0) return reject(request, 'UNKNOWN_USERNAME');
  const { key } = generations[generation]!;
  if ((sha1 && !verifyMessageIntegrity(datagram, key)) || (sha256 && !verifyMessageIntegritySha256(datagram, key))) {
    return reject(request, 'BAD_INTEGRITY');
  }

  const signing: ResponseSigning = { key, sha1, sha256 };
  const unknown = unknownComprehensionRequired(request);
  if (unknown.length > 0) return reject(request, 'UNKNOWN_ATTRIBUTE', signing, unknown);
  if (findAttribute(request, 'ICE-CONTROLLED') !== undefined) return reject(request, 'ROLE_CONFLICT', signing);
  if (findAttribute(request, 'ICE-CONTROLLING') === undefined) return reject(request, 'NO_ROLE', signing);
  if (findAttribute(request, 'PRIORITY') === undefined) return reject(request, 'NO_PRIORITY', signing);
  return { kind: 'accept', request, generation, useCandidate: findAttribute(request, 'USE-CANDIDATE') !== undefined, signing };
}
