/**
 * The ICE-lite agent's state machine on a ManualClock: selection before and
 * after nomination, following the peer to a new address, consent expiry
 * (RFC 7675), ICE restart (RFC 8445 §9), bounded tuples, events and stats.
 */
import { describe, expect, it } from 'vitest';
import {
  findAttribute,
  parseStunMessage,
  shortTermKey,
  verifyFingerprint,
  verifyMessageIntegrity,
} from '../stun/index.ts';
import { IceAgentError } from './errors.ts';
import { IceLiteAgent } from './lite-agent.ts';
import { LOCAL, REMOTE, check, responseCode, testAgent, tupleOf } from './test-support.ts';
import { TimerQueue } from '../timers/index.ts';

const A = tupleOf(50001);
const B = tupleOf(50002, '192.0.2.20');
const C = tupleOf(50003);
/** Chromium's consent cadence towards a lite peer (fixtures README). */
const CHROMIUM_CHECK_INTERVAL_MS = 2656;

describe('IceLiteAgent: answering checks', () => {
  it('answers a valid check with XOR-MAPPED-ADDRESS = the source, signed with its own password, with FINGERPRINT', () => {
    const { agent } = testAgent();
    const request = check();
    const result = agent.handleStun(request, A);
    expect(result.outcome).toBe('accepted');
    const response = parseStunMessage(result.response!);
    expect(response.messageClass).toBe('success-response');
    expect(response.transactionId).toEqual(parseStunMessage(request).transactionId);
    expect(findAttribute(response, 'XOR-MAPPED-ADDRESS')?.address).toEqual({ family: 'IPv4', address: A.remoteAddress, port: A.remotePort });
    expect(response.attributes.map((attribute) => attribute.kind)).toEqual(['XOR-MAPPED-ADDRESS', 'MESSAGE-INTEGRITY', 'FINGERPRINT']);
    expect(verifyMessageIntegrity(result.response!, shortTermKey(LOCAL.password))).toBe(true);
    expect(verifyFingerprint(result.response!)).toBe(true);
  });

  it('gives a check with a wrong password a 401 and no success, and validates nothing', () => {
    const { agent, events } = testAgent();
    const result = agent.handleStun(check({ password: 'WrongPassword0123456789abc' }), A);
    expect(result).toMatchObject({ outcome: 'rejected', reason: 'BAD_INTEGRITY', changes: [] });
    expect(responseCode(result.response)).toBe(401);
    expect(agent.state).toBe('new');
    expect(agent.isValidTuple(A)).toBe(false);
    expect(events).toEqual([]);
  });

  it('answers ICE-CONTROLLED with 487 and stays controlled, changing nothing (RFC 8445 §7.3.1.1)', () => {
    const { agent } = testAgent();
    const result = agent.handleStun(check({ role: 'controlled', useCandidate: false }), A);
    expect(responseCode(result.response)).toBe(487);
    expect(agent.state).toBe('new');
    expect(agent.selectedTuple).toBeUndefined();
  });

  it('drops what is not a check, and counts it', () => {
    const { agent } = testAgent();
    const result = agent.handleStun(new Uint8Array([0, 1, 0, 0]), A);
    expect(result).toMatchObject({ outcome: 'dropped', reason: 'MESSAGE_TOO_SHORT', response: undefined });
    expect(agent.stats.dropped).toEqual({ MESSAGE_TOO_SHORT: 1 });
  });
});

describe('IceLiteAgent: selection', () => {
  it("selects the first validated tuple before any USE-CANDIDATE (Chromium's DTLS comes first)", () => {
    const { agent, events } = testAgent();
    const result = agent.handleStun(check(), A);
    expect(agent.state).toBe('connected');
    expect(agent.selectedTuple).toEqual(A);
    expect(agent.nominated).toBe(false);
    expect(agent.isValidTuple(A)).toBe(true);
    expect(events).toEqual(['add:50001', 'selected:50001', 'state:connected']);
    expect(result.changes.map((change) => change.kind)).toEqual(['tuple-added', 'selected-tuple', 'state']);
  });

  it('completes on USE-CANDIDATE (RFC 8445 §8.2), without reselecting the same tuple', () => {
    const { agent, events } = testAgent();
    agent.handleStun(check(), A);
    const result = agent.handleStun(check({ useCandidate: true }), A);
    expect(result.nominated).toBe(true);
    expect(agent.state).toBe('completed');
    expect(agent.nominated).toBe(true);
    expect(events).toEqual(['add:50001', 'selected:50001', 'state:connected', 'state:completed']);
  });

  it('completes at once when the very first check nominates', () => {
    const { agent, events } = testAgent();
    agent.handleStun(check({ useCandidate: true }), A);
    expect(agent.state).toBe('completed');
    expect(events).toEqual(['add:50001', 'selected:50001', 'state:completed']);
  });

  it('accepts a second tuple without nomination but keeps sending to the selected one', () => {
    const { agent } = testAgent();
    agent.handleStun(check({ useCandidate: true }), A);
    agent.handleStun(check(), B);
    expect(agent.validatedTuples).toEqual([A, B]);
    expect(agent.selectedTuple).toEqual(A);
  });

  it('follows the peer to a new address once a check from there nominates it (network change)', () => {
    const { agent, events } = testAgent();
    agent.handleStun(check({ useCandidate: true }), A);
    events.length = 0;
    agent.handleStun(check({ useCandidate: true }), B);
    expect(agent.selectedTuple).toEqual(B);
    expect(agent.state).toBe('completed');
    expect(events).toEqual(['add:50002', 'selected:50002']);
    // The old address stays valid until its own consent runs out: packets in flight still arrive.
    expect(agent.isValidTuple(A)).toBe(true);
  });

  it('does not follow a new address on a check that only validates it', () => {
    const { agent } = testAgent();
    agent.handleStun(check({ useCandidate: true }), A);
    agent.handleStun(check(), B);
    expect(agent.selectedTuple).toEqual(A);
  });

  it('keeps at most maxTuples, pruning the longest unchecked and never the selected one', () => {
    const { agent, clock, events } = testAgent({ maxTuples: 2 });
    agent.handleStun(check({ useCandidate: true }), A);
    clock.advance(10);
    agent.handleStun(check(), B);
    clock.advance(10);
    agent.handleStun(check(), C);
    expect(agent.validatedTuples).toEqual([A, C]);
    expect(events).toContain('remove:50002');
    expect(agent.selectedTuple).toEqual(A);
  });

  it('rejects a maxTuples below 1 and timeouts that are not positive', () => {
    expect(() => testAgent({ maxTuples: 0 })).toThrow(RangeError);
    expect(() => testAgent({ consentTimeoutMs: 0 })).toThrow(RangeError);
    expect(() => testAgent({ closeAfterDisconnectedMs: Number.NaN })).toThrow(RangeError);
  });
});

describe('IceLiteAgent: consent freshness (RFC 7675)', () => {
  it('stays completed while Chromium checks every 2.656 s, on a single timer', () => {
    const { agent, clock, timers } = testAgent();
    agent.handleStun(check({ useCandidate: true }), A);
    for (let t = 0; t < 120_000; t += CHROMIUM_CHECK_INTERVAL_MS) {
      clock.advance(CHROMIUM_CHECK_INTERVAL_MS);
      agent.handleStun(check({ useCandidate: true }), A);
      expect(timers.size).toBe(1);
    }
    expect(agent.state).toBe('completed');
    expect(agent.stats.consentExpiries).toBe(0);
  });

  it('goes disconnected 30 s after the last valid check, forgetting every tuple', () => {
    const { agent, clock, events } = testAgent();
    agent.handleStun(check({ useCandidate: true }), A);
    agent.handleStun(check(), B);
    events.length = 0;
    clock.advance(29_999);
    expect(agent.state).toBe('completed');
    clock.advance(1);
    expect(agent.state).toBe('disconnected');
    expect(agent.selectedTuple).toBeUndefined();
    expect(agent.validatedTuples).toEqual([]);
    expect(agent.isValidTuple(A)).toBe(false);
    expect(agent.nominated).toBe(false);
    expect(events).toEqual(['remove:50001', 'remove:50002', 'selected:none', 'state:disconnected']);
    expect(agent.stats.consentExpiries).toBe(1);
  });

  it('does not count rejected checks as consent', () => {
    const { agent, clock } = testAgent();
    agent.handleStun(check({ useCandidate: true }), A);
    clock.advance(20_000);
    agent.handleStun(check({ password: 'WrongPassword0123456789abc', useCandidate: true }), A);
    clock.advance(10_000);
    expect(agent.state).toBe('disconnected');
  });

  it('comes back from disconnected on the next valid check', () => {
    const { agent, clock } = testAgent();
    agent.handleStun(check({ useCandidate: true }), A);
    clock.advance(30_000);
    agent.handleStun(check(), B);
    expect(agent.state).toBe('connected');
    expect(agent.selectedTuple).toEqual(B);
    agent.handleStun(check({ useCandidate: true }), B);
    expect(agent.state).toBe('completed');
  });

  it('closes, for consent-expired, when no check comes back within closeAfterDisconnectedMs', () => {
    const { agent, clock, timers, events } = testAgent({ consentTimeoutMs: 1000, closeAfterDisconnectedMs: 500 });
    agent.handleStun(check({ useCandidate: true }), A);
    clock.advance(1000);
    expect(agent.state).toBe('disconnected');
    clock.advance(499);
    expect(agent.state).toBe('disconnected');
    clock.advance(1);
    expect(agent.state).toBe('closed');
    expect(agent.closeReason).toBe('consent-expired');
    expect(events.at(-1)).toBe('state:closed');
    expect(timers.size).toBe(0);
    expect(agent.handleStun(check(), A)).toMatchObject({ outcome: 'dropped', reason: 'CLOSED', response: undefined });
  });

  it('forgets a tuple whose own checks stopped, while checks go on arriving on another', () => {
    const { agent, clock, events } = testAgent();
    agent.handleStun(check({ useCandidate: true }), A);
    agent.handleStun(check(), B);
    for (let t = 0; t <= 30_000; t += CHROMIUM_CHECK_INTERVAL_MS) {
      clock.advance(CHROMIUM_CHECK_INTERVAL_MS);
      agent.handleStun(check({ useCandidate: true }), A);
    }
    expect(agent.validatedTuples).toEqual([A]);
    expect(events).toContain('remove:50002');
  });

  it('moves off a selected tuple whose consent lapsed while another one is checked', () => {
    const { agent, clock } = testAgent();
    agent.handleStun(check(), A);
    for (let t = 0; t <= 30_000; t += CHROMIUM_CHECK_INTERVAL_MS) {
      clock.advance(CHROMIUM_CHECK_INTERVAL_MS);
      agent.handleStun(check(), B);
    }
    expect(agent.selectedTuple).toEqual(B);
    expect(agent.isValidTuple(A)).toBe(false);
  });
});

describe('IceLiteAgent: remote credentials and ICE restart (RFC 8445 §9)', () => {
  const NEW_LOCAL = { usernameFragment: 'sfuRestartUfrag2', password: 'sfuRestartPassword0123456789abcd' };
  const NEW_REMOTE = { usernameFragment: 'Brw2' };
  const newCheck = (useCandidate = true) => check({ local: NEW_LOCAL, remoteUfrag: NEW_REMOTE.usernameFragment, useCandidate });

  it('accepts any peer ufrag until setRemoteParameters(), then only the one given', () => {
    const { agent } = testAgent({ remoteParameters: undefined });
    expect(agent.handleStun(check({ remoteUfrag: 'Frst' }), A).outcome).toBe('accepted');
    agent.setRemoteParameters({ usernameFragment: 'Scnd' });
    expect(agent.handleStun(check({ remoteUfrag: 'Frst' }), A).reason).toBe('UNKNOWN_USERNAME');
    expect(agent.handleStun(check({ remoteUfrag: 'Scnd' }), A).outcome).toBe('accepted');
  });

  it('keeps the old credentials and the selected tuple until a check uses the new ones, then retires the old ufrag', () => {
    const { agent, events } = testAgent();
    agent.handleStun(check({ useCandidate: true }), A);
    expect(agent.restart(NEW_LOCAL, NEW_REMOTE)).toEqual(NEW_LOCAL);
    expect(agent.localParameters).toEqual(NEW_LOCAL);
    expect(agent.usernameFragments).toEqual([NEW_LOCAL.usernameFragment, LOCAL.usernameFragment]);
    expect(agent.state).toBe('completed');
    expect(agent.selectedTuple).toEqual(A);
    expect(agent.handleStun(check({ useCandidate: true }), A).outcome).toBe('accepted');

    events.length = 0;
    const result = agent.handleStun(newCheck(), B);
    expect(verifyMessageIntegrity(result.response!, shortTermKey(NEW_LOCAL.password))).toBe(true);
    expect(events).toEqual([`retire:${LOCAL.usernameFragment}`, 'add:50002', 'selected:50002']);
    expect(agent.usernameFragments).toEqual([NEW_LOCAL.usernameFragment]);
    expect(agent.handleStun(check({ useCandidate: true }), A).reason).toBe('UNKNOWN_USERNAME');
  });

  it('generates fresh credentials when given none', () => {
    const { agent } = testAgent();
    const fresh = agent.restart();
    expect(fresh.usernameFragment).not.toBe(LOCAL.usernameFragment);
    expect(agent.localParameters).toEqual(fresh);
  });

  it('retires the older credentials at once on a second restart before the first was used', () => {
    const { agent, events } = testAgent();
    agent.restart(NEW_LOCAL);
    agent.restart({ usernameFragment: 'third', password: 'thirdPassword0123456789abc' });
    expect(events).toEqual([`retire:${LOCAL.usernameFragment}`]);
    expect(agent.usernameFragments).toEqual(['third', NEW_LOCAL.usernameFragment]);
  });

  it('refuses a restart that keeps a ufrag in use, bad credentials, and anything after close', () => {
    const { agent } = testAgent();
    expect(() => agent.restart({ usernameFragment: LOCAL.usernameFragment, password: 'AnotherPassword0123456789' })).toThrow(TypeError);
    expect(() => agent.restart({ usernameFragment: 'ab', password: 'AnotherPassword0123456789' })).toThrow(TypeError);
    agent.close();
    expect(() => agent.restart()).toThrow(IceAgentError);
    expect(() => agent.setRemoteParameters(REMOTE)).toThrow(expect.objectContaining({ code: 'CLOSED' }));
  });
});

describe('IceLiteAgent: close and stats', () => {
  it('close() forgets every tuple, cancels its timer and is idempotent', () => {
    const { agent, timers, events } = testAgent();
    agent.handleStun(check({ useCandidate: true }), A);
    events.length = 0;
    agent.close();
    agent.close();
    expect(agent.state).toBe('closed');
    expect(agent.closeReason).toBe('closed');
    expect(agent.usernameFragments).toEqual([]);
    expect(timers.size).toBe(0);
    expect(events).toEqual(['remove:50001', 'selected:none', 'state:closed']);
  });

  it('counts every datagram exactly once', () => {
    const { agent } = testAgent();
    agent.handleStun(check(), A);
    agent.handleStun(check({ useCandidate: true }), A);
    agent.handleStun(check({ password: 'WrongPassword0123456789abc' }), A);
    agent.handleStun(check({ role: 'controlled' }), A);
    agent.handleStun(new Uint8Array(3), A);
    agent.handleStun(check({ useCandidate: true }), B);
    expect(agent.stats).toEqual({
      stunReceived: 6,
      successResponses: 3,
      rejected: { BAD_INTEGRITY: 1, ROLE_CONFLICT: 1 },
      indications: 0,
      dropped: { MESSAGE_TOO_SHORT: 1 },
      nominations: 2,
      selectedTupleChanges: 2,
      consentExpiries: 0,
    });
  });

  it('makes fresh credentials by default, and validates given ones', () => {
    const timers = new TimerQueue();
    const agent = new IceLiteAgent({ timers });
    expect(agent.localParameters.usernameFragment).toMatch(/^[A-Za-z0-9+/]{16}$/);
    expect(() => new IceLiteAgent({ timers, localParameters: { usernameFragment: 'a:bc', password: LOCAL.password } })).toThrow(TypeError);
    expect(() => new IceLiteAgent({ timers, remoteParameters: { usernameFragment: 'abc' } })).toThrow(TypeError);
    agent.close();
    timers.close();
  });
});
