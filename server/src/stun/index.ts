/**
 * STUN: Session Traversal Utilities for NAT, as ICE uses it.
 *
 * - RFC 8489 (which obsoletes RFC 5389): the message format (§5), the
 *   short-term and long-term credential keys (§9), the attributes (§14).
 * - RFC 8445 §7.1, §16.1: the ICE attributes PRIORITY, USE-CANDIDATE,
 *   ICE-CONTROLLING, ICE-CONTROLLED.
 * - RFC 5769: the test vectors (rfc5769.test.ts).
 *
 * Parsing takes one datagram and returns the header fields and a typed
 * attribute list; unknown attributes are kept raw. Integrity and fingerprint
 * are checked on the received bytes, not on a re-serialization:
 *
 *   const request = parseStunMessage(datagram);               // throws StunParseError
 *   if (!verifyFingerprint(datagram)) return drop();
 *   if (!verifyMessageIntegrity(datagram, shortTermKey(localPwd))) return reply401();
 *   const unknown = unknownComprehensionRequired(request);    // non-empty → 420
 *   const username = findAttribute(request, 'USERNAME')?.value;
 *
 *   const response = bindingSuccessResponse({ request, mappedAddress: rinfo });
 *   socket.send(serializeStunMessage(response, { integrityKey: shortTermKey(localPwd), fingerprint: true }));
 *
 * Malformed input throws StunParseError with a stable `code`; on the media path
 * the caller counts and drops it.
 */
export { AttributeType, isComprehensionRequired } from './attribute-type.ts';
export type { KnownAttribute, StunAttribute } from './attribute.ts';
export type { TransportAddress } from './attributes/address.ts';
export type { ErrorCodeAttribute } from './attributes/error-code.ts';
export { ErrorCode, defaultReason } from './attributes/error-code.ts';
export type { FingerprintAttribute } from './attributes/fingerprint.ts';
export type { IceControlledAttribute } from './attributes/ice-controlled.ts';
export type { IceControllingAttribute } from './attributes/ice-controlling.ts';
export type { MappedAddressAttribute } from './attributes/mapped-address.ts';
export type { MessageIntegrityAttribute } from './attributes/message-integrity.ts';
export type { MessageIntegritySha256Attribute } from './attributes/message-integrity-sha256.ts';
export type { NonceAttribute } from './attributes/nonce.ts';
export type { PriorityAttribute } from './attributes/priority.ts';
export type { RawAttribute } from './attributes/raw-attribute.ts';
export type { RealmAttribute } from './attributes/realm.ts';
export type { SoftwareAttribute } from './attributes/software.ts';
export type { UnknownAttributesAttribute } from './attributes/unknown-attributes.ts';
export type { UseCandidateAttribute } from './attributes/use-candidate.ts';
export type { UsernameAttribute } from './attributes/username.ts';
export type { XorMappedAddressAttribute } from './attributes/xor-mapped-address.ts';
export { type BindingRequestFields, type IceRole, bindingErrorResponse, bindingRequest, bindingSuccessResponse } from './binding.ts';
export { type BindingDropReason, type BindingServerOutcome, answerBindingRequest } from './binding-server.ts';
export { crc32 } from './crc32.ts';
export { type StunErrorCode, StunParseError } from './errors.ts';
export { FINGERPRINT_XOR, verifyFingerprint } from './fingerprint.ts';
export { HEADER_SIZE, MAGIC_COOKIE, isStunMessage, newTransactionId } from './header.ts';
export { longTermKey, shortTermKey, verifyMessageIntegrity, verifyMessageIntegritySha256 } from './integrity.ts';
export type { IpFamily } from './ip-address.ts';
export {
  type SerializeOptions,
  type StunMessage,
  findAttribute,
  parseStunMessage,
  serializeStunMessage,
  unknownComprehensionRequired,
} from './message.ts';
export { type StunClass, type StunMessageType, StunMethod, decodeMessageType, encodeMessageType } from './message-type.ts';
