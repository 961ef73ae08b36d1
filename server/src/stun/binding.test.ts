import { describe, expect, it } from 'vitest';
import { readFixture } from '#fixtures/index.ts';
import { bindingErrorResponse, bindingRequest, bindingSuccessResponse } from './binding.ts';
import { ErrorCode } from './attributes/error-code.ts';
import { verifyFingerprint } from './fingerprint.ts';
import { shortTermKey, verifyMessageIntegrity } from './integrity.ts';
import { findAttribute, parseStunMessage, serializeStunMessage } from './message.ts';
import { TEST_TRANSACTION_ID } from './test-support.ts';

const ICE = (pwd: string) => ({ integrityKey: shortTermKey(pwd), fingerprint: true });

// Chromium's requests and the success responses sent back (fixtures README), and the pwd both are signed with.
const EXCHANGES = [
  { request: 'c2c-01-answerer-request-controlled.bin', response: 'c2c-02-offerer-success-response.bin', pwd: 'DOSIPSr1NpYnj+OMCi4OOXQI' },
  { request: 'c2c-03-offerer-request-controlling-use-candidate.bin', response: 'c2c-04-answerer-success-response.bin', pwd: 'njosRyqauPjL0dFmddQFxdrB' },
  { request: 'c2c-05-offerer-consent-request.bin', response: 'c2c-06-answerer-consent-response.bin', pwd: 'njosRyqauPjL0dFmddQFxdrB' },
  { request: 'lite-01-chromium-request-controlling.bin', response: 'lite-02-probe-success-response.bin', pwd: 'sfuLitePwd0123456789abcd' },
];

describe('bindingSuccessResponse (RFC 8489 §6.3.1.1, RFC 8445 §7.3.1)', () => {
  for (const { request: requestFile, response: responseFile, pwd } of EXCHANGES) {
    it(`rebuilds ${responseFile} byte for byte from the request and the mapped address`, () => {
      const request = parseStunMessage(readFixture(`stun/${requestFile}`));
      const wire = new Uint8Array(readFixture(`stun/${responseFile}`));
      const mappedAddress = findAttribute(parseStunMessage(wire), 'XOR-MAPPED-ADDRESS')!.address;
      expect(serializeStunMessage(bindingSuccessResponse({ request, mappedAddress }), ICE(pwd))).toEqual(wire);
    });
  }
});

describe('bindingSuccessResponse from a dgram rinfo', () => {
  const request = { transactionId: TEST_TRANSACTION_ID };
  const mappedOf = (rinfo: { family: 'IPv4' | 'IPv6'; address: string; port: number; size: number }) =>
    findAttribute(bindingSuccessResponse({ request, mappedAddress: rinfo }), 'XOR-MAPPED-ADDRESS')?.address;

  it('keeps only the address fields', () => {
    expect(mappedOf({ family: 'IPv4', address: '127.0.0.1', port: 5000, size: 96 })).toEqual({ family: 'IPv4', address: '127.0.0.1', port: 5000 });
    expect(mappedOf({ family: 'IPv6', address: '::1', port: 5000, size: 96 })).toEqual({ family: 'IPv6', address: '::1', port: 5000 });
  });

  it('answers an IPv4 peer seen through a dual-stack socket with its IPv4 address (RFC 4291 §2.5.5.2)', () => {
    expect(mappedOf({ family: 'IPv6', address: '::ffff:192.0.2.1', port: 5000, size: 96 })).toEqual({ family: 'IPv4', address: '192.0.2.1', port: 5000 });
  });
});

describe('bindingRequest (RFC 8445 §7.2)', () => {
  it('rebuilds Chromium check c2c-03 but for GOOG-NETWORK-INFO, and it verifies with the receiver pwd', () => {
    const wire = parseStunMessage(readFixture('stun/c2c-03-offerer-request-controlling-use-candidate.bin'));
    const built = bindingRequest({
      username: 'NP3q:7vi9',
      priority: 1853824767,
      role: 'controlling',
      tieBreaker: findAttribute(wire, 'ICE-CONTROLLING')!.tieBreaker,
      useCandidate: true,
      transactionId: wire.transactionId,
    });
    const withoutChromiumExtras = wire.attributes.filter((a) => a.kind !== 'RAW' && a.kind !== 'MESSAGE-INTEGRITY' && a.kind !== 'FINGERPRINT');
    expect(built).toEqual({ ...wire, attributes: withoutChromiumExtras });
    const bytes = serializeStunMessage(built, ICE('njosRyqauPjL0dFmddQFxdrB'));
    expect(verifyMessageIntegrity(bytes, shortTermKey('njosRyqauPjL0dFmddQFxdrB'))).toBe(true);
    expect(verifyFingerprint(bytes)).toBe(true);
  });

  it('sends ICE-CONTROLLED for the controlled role', () => {
    const built = bindingRequest({ username: 'a:b', priority: 1, role: 'controlled', tieBreaker: 7n });
    expect(built.attributes.map((a) => a.kind)).toEqual(['USERNAME', 'ICE-CONTROLLED', 'PRIORITY']);
  });

  it('draws a fresh 12-byte transaction id for each request', () => {
    const ids = new Set(
      Array.from({ length: 64 }, () => Buffer.from(bindingRequest({ username: 'a:b', priority: 1, role: 'controlling', tieBreaker: 1n }).transactionId).toString('hex')),
    );
    expect(ids.size).toBe(64);
    for (const id of ids) expect(id).toHaveLength(24);
  });

  it('refuses USE-CANDIDATE from the controlled agent (RFC 8445 §7.1.2)', () => {
    expect(() => bindingRequest({ username: 'a:b', priority: 1, role: 'controlled', tieBreaker: 1n, useCandidate: true })).toThrow(TypeError);
  });
});

describe('bindingErrorResponse (RFC 8489 §6.3.1.1)', () => {
  const request = { transactionId: TEST_TRANSACTION_ID };

  it('answers a role conflict with 487 and its reason phrase (RFC 8445 §7.3.1.1)', () => {
    const message = bindingErrorResponse({ request, code: ErrorCode.RoleConflict });
    expect(message).toEqual({
      method: 1,
      messageClass: 'error-response',
      transactionId: TEST_TRANSACTION_ID,
      attributes: [{ kind: 'ERROR-CODE', code: 487, reason: 'Role Conflict' }],
    });
    const bytes = serializeStunMessage(message, ICE('pwd'));
    expect(parseStunMessage(bytes).attributes.slice(0, 1)).toEqual(message.attributes);
  });

  it('lists the unknown attributes in a 420, and requires them', () => {
    const message = bindingErrorResponse({ request, code: ErrorCode.UnknownAttribute, unknownAttributes: [0x0099] });
    expect(message.attributes).toEqual([
      { kind: 'ERROR-CODE', code: 420, reason: 'Unknown Attribute' },
      { kind: 'UNKNOWN-ATTRIBUTES', types: [0x0099] },
    ]);
    expect(() => bindingErrorResponse({ request, code: ErrorCode.UnknownAttribute })).toThrow(TypeError);
  });

  it('keeps a caller reason, and serializes a 401 without MESSAGE-INTEGRITY (RFC 8489 §9.1.3)', () => {
    const message = bindingErrorResponse({ request, code: ErrorCode.Unauthenticated, reason: 'wrong ufrag' });
    const bytes = serializeStunMessage(message, { fingerprint: true });
    expect(parseStunMessage(bytes).attributes).toEqual([
      { kind: 'ERROR-CODE', code: 401, reason: 'wrong ufrag' },
      expect.objectContaining({ kind: 'FINGERPRINT' }),
    ]);
  });
});
