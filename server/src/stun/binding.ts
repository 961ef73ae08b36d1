/**
 * Builders for the three messages of an ICE connectivity check: the Binding
 * request, its success response and its error response (RFC 8445 §7.2, §7.3,
 * on RFC 8489 §6). They return message descriptions; the ICE agent serializes
 * them with the credentials of the check:
 *
 *   serializeStunMessage(msg, { integrityKey: shortTermKey(pwd), fingerprint: true })
 *
 * where `pwd` is the password of the agent the request is sent to, for the
 * request and for its response alike (RFC 8445 §7.2.2).
 */
import type { StunAttribute } from './attribute.ts';
import type { TransportAddress } from './attributes/address.ts';
import { defaultReason, ErrorCode } from './attributes/error-code.ts';
import { newTransactionId } from './header.ts';
import type { StunMessage } from './message.ts';
import { StunMethod } from './message-type.ts';

export type IceRole = 'controlling' | 'controlled';

export interface BindingRequestFields {
  /** "<receiver's ufrag>:<sender's ufrag>" (RFC 8445 §7.2.2). */
  readonly username: string;
  /** The priority of a peer-reflexive candidate from this check (RFC 8445 §7.1.1). */
  readonly priority: number;
  readonly role: IceRole;
  /** This agent's 64-bit tie-breaker (RFC 8445 §7.1.3). */
  readonly tieBreaker: bigint;
  /** Nominate the pair; only the controlling agent may (RFC 8445 §7.1.2, §8.1.1). */
  readonly useCandidate?: boolean;
  /** A fresh cryptographically random id by default (RFC 8489 §5); pass one to retransmit. */
  readonly transactionId?: Uint8Array;
}

/**
 * A connectivity check. Attributes in Chromium 156's order (fixtures README):
 * USERNAME, the role attribute, USE-CANDIDATE, PRIORITY.
 */
export function bindingRequest(fields: BindingRequestFields): StunMessage {
  if (fields.useCandidate === true && fields.role !== 'controlling') {
    throw new TypeError('stun: only the controlling agent may send USE-CANDIDATE (RFC 8445 §7.1.2)');
  }
  const attributes: StunAttribute[] = [
    { kind: 'USERNAME', value: fields.username },
    fields.role === 'controlling'
      ? { kind: 'ICE-CONTROLLING', tieBreaker: fields.tieBreaker }
      : { kind: 'ICE-CONTROLLED', tieBreaker: fields.tieBreaker },
  ];
  if (fields.useCandidate === true) attributes.push({ kind: 'USE-CANDIDATE' });
  attributes.push({ kind: 'PRIORITY', value: fields.priority });
  return {
    method: StunMethod.Binding,
    messageClass: 'request',
    transactionId: fields.transactionId ?? newTransactionId(),
    attributes,
  };
}

const IPV4_MAPPED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/**
 * Just the address fields (dgram's rinfo also has `size`), with an IPv4-mapped
 * IPv6 address, which a dual-stack socket reports for an IPv4 peer, written as
 * the IPv4 address it stands for (RFC 4291 §2.5.5.2): the peer sent from IPv4.
 */
function reflexiveAddress({ family, address, port }: TransportAddress): TransportAddress {
  const mapped = family === 'IPv6' ? IPV4_MAPPED.exec(address) : null;
  return mapped ? { family: 'IPv4', address: mapped[1]!, port } : { family, address, port };
}

/**
 * The success response to `request`: same method and transaction id, and the
 * source address the request came from in XOR-MAPPED-ADDRESS (RFC 8489 §6.3.1.1,
 * RFC 8445 §7.3.1). Sign it with the password the request verified with (RFC 8489 §9.1.3).
 */
export function bindingSuccessResponse(response: {
  readonly request: Pick<StunMessage, 'transactionId'>;
  /** Where the request came from, e.g. dgram's `rinfo`. */
  readonly mappedAddress: TransportAddress;
}): StunMessage {
  return {
    method: StunMethod.Binding,
    messageClass: 'success-response',
    transactionId: response.request.transactionId,
    attributes: [{ kind: 'XOR-MAPPED-ADDRESS', address: reflexiveAddress(response.mappedAddress) }],
  };
}

/**
 * An error response to `request` (RFC 8489 §6.3.1.1). Sign 420 and 487 like a
 * success response; send 400 and 401 without MESSAGE-INTEGRITY, since the
 * server found no key it could use (RFC 8489 §9.1.3).
 */
export function bindingErrorResponse(response: {
  readonly request: Pick<StunMessage, 'transactionId'>;
  /** e.g. ErrorCode.RoleConflict (487, RFC 8445 §7.3.1.1). */
  readonly code: number;
  readonly reason?: string;
  /** For 420: the types unknownComprehensionRequired() reported (RFC 8489 §6.3.1.1 MUST). */
  readonly unknownAttributes?: readonly number[];
}): StunMessage {
  const { code, unknownAttributes } = response;
  if (code === ErrorCode.UnknownAttribute && unknownAttributes === undefined) {
    throw new TypeError('stun: a 420 response must list the unknown attributes (RFC 8489 §6.3.1.1)');
  }
  const attributes: StunAttribute[] = [{ kind: 'ERROR-CODE', code, reason: response.reason ?? defaultReason(code) }];
  if (unknownAttributes !== undefined) attributes.push({ kind: 'UNKNOWN-ATTRIBUTES', types: unknownAttributes });
  return {
    method: StunMethod.Binding,
    messageClass: 'error-response',
    transactionId: response.request.transactionId,
    attributes,
  };
}
