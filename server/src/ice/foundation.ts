/**
 * Candidate foundations (RFC 8445 §5.1.1.3).
 *
 * Two candidates have the same foundation exactly when they have the same
 * type, the same base IP address (the port does not count), the same STUN or
 * TURN server IP address (if they came from one) and the same transport
 * protocol. Pairs whose local and remote foundations both match are likely to
 * succeed or fail together, so ICE checks one pair per foundation first and
 * keeps the others Frozen until it has (§6.1.2.6).
 */
import { crc32 } from '../stun/crc32.ts';
import type { CandidateType } from './priority.ts';

export interface FoundationInputs {
  readonly type: CandidateType;
  /** The IP address of the candidate's base, as written (no port). */
  readonly baseAddress: string;
  /** The IP address of the STUN or TURN server a srflx or relay candidate was obtained from. */
  readonly serverAddress?: string;
  readonly transport?: 'udp' | 'tcp';
}

/**
 * A foundation for a local candidate: the CRC-32 of the four inputs, in
 * decimal (1 to 10 ice-chars, RFC 8839 §5.1, as Chromium writes its own).
 * Equal inputs always give equal foundations. Different inputs collide once
 * in 2^32, which costs nothing but a pair left Frozen a little longer.
 */
export function candidateFoundation(inputs: FoundationInputs): string {
  const key = [inputs.type, inputs.baseAddress, inputs.serverAddress ?? '', inputs.transport ?? 'udp'].join(' ');
  return String(crc32(new TextEncoder().encode(key)));
}
