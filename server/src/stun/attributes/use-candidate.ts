/**
 * USE-CANDIDATE (0x0025, RFC 8445 §7.1.2, §16.1): the controlling agent
 * nominates the pair this check runs on. No value: "the attribute has no
 * content (the Length field of the attribute is zero)".
 */
import { requireAttributeLength } from '../errors.ts';

export interface UseCandidateAttribute {
  readonly kind: 'USE-CANDIDATE';
}

export function parseUseCandidate(value: Uint8Array): UseCandidateAttribute {
  requireAttributeLength(value.length === 0, 'USE-CANDIDATE', value.length, '0');
  return { kind: 'USE-CANDIDATE' };
}

export function serializeUseCandidate(): Uint8Array {
  return new Uint8Array(0);
}
