/**
 * What the ICE-lite agent answers to what, one row per rule of RFC 8489 §6.3
 * and §9.1.3 and RFC 8445 §7.3, on requests built by hand (test-support.ts).
 * Error responses are checked on the wire: their code, whether they carry
 * MESSAGE-INTEGRITY (only once the request authenticated) and FINGERPRINT.
 */
import { describe, expect, it } from 'vitest';
import {
  AttributeType,
  type StunMessage,
  StunMethod,
  bindingSuccessResponse,
  findAttribute,
  newTransactionId,
  parseStunMessage,
  serializeStunMessage,
  shortTermKey,
  verifyFingerprint,
  verifyMessageIntegrity,
  verifyMessageIntegritySha256,
} from '../stun/index.ts';
import { type CheckRejectReason, type CredentialGeneration, REJECT_CODES, validateCheck } from './check-validation.ts';
import { LOCAL, REMOTE, type CheckFields, check } from './test-support.ts';

const CURRENT: CredentialGeneration = { usernameFragment: LOCAL.usernameFragment, key: shortTermKey(LOCAL.password), remoteUsernameFragment: REMOTE.usernameFragment };
const REMOTE_UNKNOWN: CredentialGeneration = { ...CURRENT, remoteUsernameFragment: undefined };
const PREVIOUS: CredentialGeneration = { usernameFragment: 'oldUfrag', key: shortTermKey('oldPassword0123456789abcd'), remoteUsernameFragment: 'oldR' };

interface RejectRow {
  readonly name: string;
  readonly fields: CheckFields;
  readonly reason: CheckRejectReason;
  readonly code: number;
  /** RFC 8489 §9.1.3: only a request that authenticated gets a signed error response. */
  readonly signed: boolean;
  readonly generations?: readonly CredentialGeneration[];
}

const REJECTED: readonly RejectRow[] = [
  { name: 'no FINGERPRINT (RFC 8445 §7.2.4)', fields: { fingerprint: false }, reason: 'NO_FINGERPRINT', code: 400, signed: false },
  { name: 'no USERNAME (RFC 8489 §9.1.3)', fields: { username: null }, reason: 'NO_CREDENTIALS', code: 400, signed: false },
  { name: 'no MESSAGE-INTEGRITY (RFC 8489 §9.1.3)', fields: { password: null }, reason: 'NO_CREDENTIALS', code: 400, signed: false },
  { name: 'a wrong password', fields: { password: 'WrongPassword0123456789abc' }, reason: 'BAD_INTEGRITY', code: 401, signed: false },
  { name: "the peer's password instead of ours", fields: { password: REMOTE.password! }, reason: 'BAD_INTEGRITY', code: 401, signed: false },
  { name: 'a wrong password in MESSAGE-INTEGRITY-SHA256', fields: { password: 'WrongPassword0123456789abc', sha256: true }, reason: 'BAD_INTEGRITY', code: 401, signed: false },
  { name: 'an unknown local ufrag', fields: { username: `nope:${REMOTE.usernameFragment}` }, reason: 'UNKNOWN_USERNAME', code: 401, signed: false },
  { name: "the peer's ufrag first (the order of the check it would send us reversed)", fields: { username: `${REMOTE.usernameFragment}:${LOCAL.usernameFragment}` }, reason: 'UNKNOWN_USERNAME', code: 401, signed: false },
  { name: 'a peer ufrag other than the one in its SDP', fields: { remoteUfrag: 'Othr' }, reason: 'UNKNOWN_USERNAME', code: 401, signed: false },
  { name: 'a USERNAME without a colon', fields: { username: LOCAL.usernameFragment }, reason: 'UNKNOWN_USERNAME', code: 401, signed: false },
  { name: 'an empty peer ufrag', fields: { username: `${LOCAL.usernameFragment}:` }, reason: 'UNKNOWN_USERNAME', code: 401, signed: false },
  { name: 'credentials a restart retired', fields: { local: { usernameFragment: 'oldUfrag', password: 'oldPassword0123456789abcd' }, remoteUfrag: 'oldR' }, reason: 'UNKNOWN_USERNAME', code: 401, signed: false },
  {
    name: 'an unknown comprehension-required attribute (RFC 8489 §6.3.1.1)',
    fields: { extra: [{ kind: 'RAW', type: 0x0099, value: new Uint8Array([1]) }] },
    reason: 'UNKNOWN_ATTRIBUTE',
    code: 420,
    signed: true,
  },
  { name: 'ICE-CONTROLLED: the peer is controlled too (RFC 8445 §7.3.1.1)', fields: { role: 'controlled' }, reason: 'ROLE_CONFLICT', code: 487, signed: true },
  { name: 'no ICE-CONTROLLING or ICE-CONTROLLED (RFC 8445 §7.1.3)', fields: { role: 'none' }, reason: 'NO_ROLE', code: 400, signed: true },
  { name: 'no PRIORITY (RFC 8445 §7.1.1)', fields: { priority: null }, reason: 'NO_PRIORITY', code: 400, signed: true },
];

describe('validateCheck: error responses', () => {
  it('gives each reject reason the code RFC 8489 / RFC 8445 name', () => {
    expect(REJECT_CODES).toEqual({
      NO_FINGERPRINT: 400,
      NO_CREDENTIALS: 400,
      UNKNOWN_USERNAME: 401,
      BAD_INTEGRITY: 401,
      UNKNOWN_ATTRIBUTE: 420,
      ROLE_CONFLICT: 487,
      NO_ROLE: 400,
      NO_PRIORITY: 400,
    });
  });

  it.each(REJECTED)('$name: $code, signed: $signed', ({ fields, reason, code, signed, generations }) => {
    const request = check(fields);
    const verdict = validateCheck(request, generations ?? [CURRENT]);
    expect(verdict.kind === 'reject' && verdict.reason).toBe(reason);
    if (verdict.kind !== 'reject') return;
    const response = parseStunMessage(verdict.response);
    expect(response.messageClass).toBe('error-response');
    expect(response.method).toBe(StunMethod.Binding);
    expect(response.transactionId).toEqual(parseStunMessage(request).transactionId);
    expect(findAttribute(response, 'ERROR-CODE')?.code).toBe(code);
    expect(findAttribute(response, 'USERNAME')).toBeUndefined();
    expect(findAttribute(response, 'MESSAGE-INTEGRITY') !== undefined).toBe(signed);
    if (signed) expect(verifyMessageIntegrity(verdict.response, CURRENT.key)).toBe(true);
    expect(verifyFingerprint(verdict.response)).toBe(true);
  });

  it('lists the unknown attributes in a 420 (RFC 8489 §6.3.1.1)', () => {
    const verdict = validateCheck(check({ extra: [{ kind: 'RAW', type: 0x0099, value: new Uint8Array([1]) }] }), [CURRENT]);
    expect(verdict.kind).toBe('reject');
    if (verdict.kind === 'reject') expect(findAttribute(parseStunMessage(verdict.response), 'UNKNOWN-ATTRIBUTES')?.types).toEqual([0x0099]);
  });

  it('signs a 487 with MESSAGE-INTEGRITY-SHA256 when that is what the request carried', () => {
    const verdict = validateCheck(check({ role: 'controlled', sha256: true }), [CURRENT]);
    expect(verdict.kind).toBe('reject');
    if (verdict.kind !== 'reject') return;
    expect(verifyMessageIntegritySha256(verdict.response, CURRENT.key)).toBe(true);
    expect(findAttribute(parseStunMessage(verdict.response), 'MESSAGE-INTEGRITY')).toBeUndefined();
  });
});

describe('validateCheck: accepted checks', () => {
  it('accepts a check with our ufrag first and the peer ufrag of its SDP, signed with our password', () => {
    const verdict = validateCheck(check(), [CURRENT]);
    expect(verdict).toMatchObject({ kind: 'accept', generation: 0, useCandidate: false, signing: { sha1: true, sha256: false } });
  });

  it('reads USE-CANDIDATE', () => {
    expect(validateCheck(check({ useCandidate: true }), [CURRENT])).toMatchObject({ kind: 'accept', useCandidate: true });
  });

  it('accepts any peer ufrag while the peer SDP is not known yet', () => {
    expect(validateCheck(check({ remoteUfrag: 'Anyy' }), [REMOTE_UNKNOWN])).toMatchObject({ kind: 'accept' });
  });

  it('accepts the credentials of a pending restart too, and says which generation verified', () => {
    const old = check({ local: { usernameFragment: 'oldUfrag', password: 'oldPassword0123456789abcd' }, remoteUfrag: 'oldR' });
    expect(validateCheck(old, [CURRENT, PREVIOUS])).toMatchObject({ kind: 'accept', generation: 1 });
    expect(validateCheck(check(), [CURRENT, PREVIOUS])).toMatchObject({ kind: 'accept', generation: 0 });
  });

  it('accepts MESSAGE-INTEGRITY-SHA256 alone (RFC 8489 §14.6) and asks for the response to carry it', () => {
    expect(validateCheck(check({ sha256: true }), [CURRENT])).toMatchObject({ kind: 'accept', signing: { sha1: false, sha256: true } });
  });

  it("ignores Chromium's comprehension-optional GOOG-NETWORK-INFO", () => {
    const extra = [{ kind: 'RAW', type: AttributeType.GoogNetworkInfo, value: new Uint8Array([0, 1, 0, 50]) }] as const;
    expect(validateCheck(check({ extra }), [CURRENT])).toMatchObject({ kind: 'accept' });
  });
});

describe('validateCheck: datagrams that get no answer', () => {
  function withClass(messageClass: StunMessage['messageClass'], method: number = StunMethod.Binding): Uint8Array {
    const message: StunMessage = { method, messageClass, transactionId: newTransactionId(), attributes: [] };
    return serializeStunMessage(message, { fingerprint: true });
  }

  it('drops malformed STUN by its parse error code', () => {
    expect(validateCheck(new Uint8Array(8), [CURRENT])).toEqual({ kind: 'drop', reason: 'MESSAGE_TOO_SHORT' });
    const badCookie = check();
    badCookie[4]! ^= 0xff;
    expect(validateCheck(badCookie, [CURRENT])).toEqual({ kind: 'drop', reason: 'BAD_MAGIC_COOKIE' });
  });

  it('drops a request whose FINGERPRINT does not match (RFC 8489 §7): it is not STUN', () => {
    const request = check();
    request[request.length - 1]! ^= 0x01;
    expect(validateCheck(request, [CURRENT])).toEqual({ kind: 'drop', reason: 'BAD_FINGERPRINT' });
  });

  it('drops a check whose signed bytes changed after signing: FINGERPRINT catches it first', () => {
    const request = check();
    request[25]! ^= 0x01; // inside USERNAME
    expect(validateCheck(request, [CURRENT])).toEqual({ kind: 'drop', reason: 'BAD_FINGERPRINT' });
  });

  it('drops responses: a lite agent sends no requests', () => {
    expect(validateCheck(withClass('success-response'), [CURRENT])).toEqual({ kind: 'drop', reason: 'NOT_A_REQUEST' });
    expect(validateCheck(withClass('error-response'), [CURRENT])).toEqual({ kind: 'drop', reason: 'NOT_A_REQUEST' });
    const success = bindingSuccessResponse({ request: parseStunMessage(check()), mappedAddress: { family: 'IPv4', address: '192.0.2.1', port: 9 } });
    expect(validateCheck(serializeStunMessage(success, { integrityKey: CURRENT.key, fingerprint: true }), [CURRENT])).toEqual({ kind: 'drop', reason: 'NOT_A_REQUEST' });
  });

  it('never answers a Binding indication (RFC 8489 §6.3.2)', () => {
    expect(validateCheck(withClass('indication'), [CURRENT])).toEqual({ kind: 'indication' });
  });

  it('drops other methods (TURN Allocate, 0x003)', () => {
    expect(validateCheck(withClass('request', 0x003), [CURRENT])).toEqual({ kind: 'drop', reason: 'UNSUPPORTED_METHOD' });
  });
});
