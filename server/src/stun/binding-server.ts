/**
 * The decision a credential-less STUN server makes for one datagram (RFC 8489 §6.3): the
 * public "what is my address" service a browser's `stun:` iceServers entry points at. It
 * returns message descriptions and never throws for what arrives; the caller counts the
 * outcome, adds what it wants (SOFTWARE, say) and serializes with a FINGERPRINT.
 *
 *   1. malformed STUN is dropped, by its StunParseError code: answering garbage would turn
 *      the server into an amplifier;
 *   2. a FINGERPRINT that does not match means the datagram is not STUN at all (§7);
 *   3. a Binding indication is a keepalive and is never answered (§6.3.2); responses and
 *      other methods are dropped;
 *   4. comprehension-required attributes the server does not know get a 420 listing them
 *      (§6.3.1.1);
 *   5. everything else gets a success response whose XOR-MAPPED-ADDRESS is where the
 *      request came from (§14.2).
 *
 * MESSAGE-INTEGRITY in a request is not checked: such a server has no credentials. The ICE
 * agent, which has them, answers connectivity checks itself.
 */
import type { TransportAddress } from './attributes/address.ts';
import { ErrorCode } from './attributes/error-code.ts';
import { bindingErrorResponse, bindingSuccessResponse } from './binding.ts';
import { type StunErrorCode, StunParseError } from './errors.ts';
import { verifyFingerprint } from './fingerprint.ts';
import { type StunMessage, findAttribute, parseStunMessage, unknownComprehensionRequired } from './message.ts';
import { StunMethod } from './message-type.ts';

export type BindingDropReason =
  | StunErrorCode
  /** FINGERPRINT present and wrong (§7). */
  | 'BAD_FINGERPRINT'
  /** A response, which only a client expects, or an indication of another method. */
  | 'NOT_A_REQUEST'
  /** A request for a method other than Binding (TURN's Allocate, say). */
  | 'UNSUPPORTED_METHOD';

export type BindingServerOutcome =
  | { readonly kind: 'answered'; readonly response: StunMessage; readonly mapped: TransportAddress }
  | { readonly kind: 'rejected'; readonly response: StunMessage; readonly unknownAttributes: readonly number[] }
  | { readonly kind: 'indication' }
  | { readonly kind: 'dropped'; readonly reason: BindingDropReason };

export function answerBindingRequest(datagram: Uint8Array, from: TransportAddress): BindingServerOutcome {
  let request: StunMessage;
  try {
    request = parseStunMessage(datagram);
  } catch (error) {
    if (error instanceof StunParseError) return { kind: 'dropped', reason: error.code };
    throw error;
  }
  if (findAttribute(request, 'FINGERPRINT') !== undefined && !verifyFingerprint(datagram)) return { kind: 'dropped', reason: 'BAD_FINGERPRINT' };
  if (request.messageClass === 'indication' && request.method === StunMethod.Binding) return { kind: 'indication' };
  if (request.messageClass !== 'request') return { kind: 'dropped', reason: 'NOT_A_REQUEST' };
  if (request.method !== StunMethod.Binding) return { kind: 'dropped', reason: 'UNSUPPORTED_METHOD' };

  const unknownAttributes = unknownComprehensionRequired(request);
  if (unknownAttributes.length > 0) {
    return { kind: 'rejected', response: bindingErrorResponse({ request, code: ErrorCode.UnknownAttribute, unknownAttributes }), unknownAttributes };
  }
  const response = bindingSuccessResponse({ request, mappedAddress: from });
  return { kind: 'answered', response, mapped: findAttribute(response, 'XOR-MAPPED-ADDRESS')!.address };
}
