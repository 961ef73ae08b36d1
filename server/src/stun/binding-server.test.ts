import { describe, expect, it } from 'vitest';
import { readFixture } from '#fixtures/index.ts';
import { answerBindingRequest } from './binding-server.ts';
import { findAttribute, parseStunMessage, serializeStunMessage } from './message.ts';
import { RFC5769_VECTORS } from './rfc5769-vectors.ts';
import { bindingRequestWith, rawMessage } from './test-support.ts';

const from = { family: 'IPv4', address: '192.0.2.1', port: 32853 } as const;

describe('answerBindingRequest (RFC 8489 §6.3, credential-less server)', () => {
  it('answers the RFC 5769 §2.1 sample request with the source address, same transaction id', () => {
    const request = RFC5769_VECTORS[0]!;
    const outcome = answerBindingRequest(request.bytes, from);
    expect(outcome.kind).toBe('answered');
    if (outcome.kind !== 'answered') return;
    expect(outcome.mapped).toEqual(from);
    expect(outcome.response.messageClass).toBe('success-response');
    expect(outcome.response.transactionId).toEqual(request.want.transactionId);
    const reparsed = parseStunMessage(serializeStunMessage(outcome.response, { fingerprint: true }));
    expect(findAttribute(reparsed, 'XOR-MAPPED-ADDRESS')?.address).toEqual(from);
  });

  it("answers Chromium 156's bare request and an IPv6 source", () => {
    const chromium = readFixture('stun/lite-01-chromium-request-controlling.bin');
    const v6 = { family: 'IPv6', address: '2001:db8:1234:5678:11:2233:4455:6677', port: 32853 } as const;
    const outcome = answerBindingRequest(chromium, v6);
    expect(outcome.kind === 'answered' && outcome.mapped).toEqual(v6);
  });

  it('rejects an unknown comprehension-required attribute with 420 and UNKNOWN-ATTRIBUTES', () => {
    const outcome = answerBindingRequest(bindingRequestWith([0x0077, '00000000']), from);
    expect(outcome.kind).toBe('rejected');
    if (outcome.kind !== 'rejected') return;
    expect(outcome.unknownAttributes).toEqual([0x0077]);
    expect(findAttribute(outcome.response, 'ERROR-CODE')?.code).toBe(420);
  });

  it.each([
    ['truncated bytes', new Uint8Array([0x00, 0x01, 0x00]), 'TOO_SHORT'],
    ['a wrong FINGERPRINT', bindingRequestWith([0x8028, 'deadbeef']), 'BAD_FINGERPRINT'],
    ['a success response', rawMessage(0x0101, []), 'NOT_A_REQUEST'],
    ['an Allocate request (TURN)', rawMessage(0x0003, []), 'UNSUPPORTED_METHOD'],
  ] as const)('drops %s, with the reason', (_name, bytes, reason) => {
    const outcome = answerBindingRequest(bytes, from);
    expect(outcome.kind).toBe('dropped');
    if (outcome.kind === 'dropped' && reason !== 'TOO_SHORT') expect(outcome.reason).toBe(reason);
  });

  it('treats a Binding indication as a keepalive: no answer', () => {
    expect(answerBindingRequest(rawMessage(0x0011, []), from)).toEqual({ kind: 'indication' });
  });
});
