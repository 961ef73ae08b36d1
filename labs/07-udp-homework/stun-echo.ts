/**
 * What the service answers to one datagram: a STUN Binding request gets a success response
 * carrying the sender's address as the server saw it (XOR-MAPPED-ADDRESS, RFC 8489 §14.2), which
 * is how a browser behind a NAT learns its public address; anything that is not STUN is echoed
 * back unchanged. STUN that cannot be parsed is dropped and counted, never answered: answering
 * garbage turns a server into an amplifier. The STUN code is the SFU's (server/src/stun).
 */
import type { RemoteInfo } from 'node:dgram';
import { classifyDatagram } from '#server/demux/index.ts';
import { type BindingDropReason, answerBindingRequest, serializeStunMessage } from '#server/stun/index.ts';

export type DropReason = 'malformed STUN' | 'bad FINGERPRINT' | 'STUN that needs no answer';

export type Answer =
  | { readonly kind: 'binding-response' | 'stun-error' | 'echo'; readonly reply: Uint8Array }
  | { readonly kind: 'drop'; readonly reason: DropReason };

function dropReason(reason: BindingDropReason): DropReason {
  if (reason === 'BAD_FINGERPRINT') return 'bad FINGERPRINT';
  if (reason === 'NOT_A_REQUEST' || reason === 'UNSUPPORTED_METHOD') return 'STUN that needs no answer';
  return 'malformed STUN';
}

function answerStun(datagram: Buffer, from: RemoteInfo): Answer {
  const outcome = answerBindingRequest(datagram, { family: from.family === 'IPv6' ? 'IPv6' : 'IPv4', address: from.address, port: from.port });
  switch (outcome.kind) {
    case 'answered':
      return { kind: 'binding-response', reply: serializeStunMessage(outcome.response, { fingerprint: true }) };
    case 'rejected':
      return { kind: 'stun-error', reply: serializeStunMessage(outcome.response, { fingerprint: true }) };
    case 'indication':
      // RFC 8489 §6.3.2: indications are never answered.
      return { kind: 'drop', reason: 'STUN that needs no answer' };
    case 'dropped':
      return { kind: 'drop', reason: dropReason(outcome.reason) };
  }
}

/** Never throws on bad input: that is dropped with a reason. */
export function answerDatagram(datagram: Buffer, from: RemoteInfo): Answer {
  return classifyDatagram(datagram) === 'stun' ? answerStun(datagram, from) : { kind: 'echo', reply: datagram };
}
