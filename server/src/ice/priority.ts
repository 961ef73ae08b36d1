/**
 * Candidate priorities (RFC 8445 §5.1.2) and candidate pair priorities
 * (RFC 8445 §6.1.2.3).
 *
 * A candidate priority is 31 bits made of three fields (§5.1.2.1):
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |type preference|       local preference        | 256 - comp id |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 *   priority = 2^24 * type preference + 2^8 * local preference + (256 - component ID)
 *
 * Chromium's loopback UDP host candidate, 2122260223 = 0x7E7F1EFF, reads as
 * type preference 126 (host), local preference 0x7F1E = 32542, component 1.
 */

/** RFC 8445 §5.1.1: host, server reflexive, peer reflexive, relayed. */
export type CandidateType = 'host' | 'srflx' | 'prflx' | 'relay';

/**
 * The recommended type preferences (RFC 8445 §5.1.2.2): direct paths first,
 * then peer reflexive above server reflexive (it was learnt from a check, so it
 * is known to work), relays last.
 */
export const TYPE_PREFERENCE: Readonly<Record<CandidateType, number>> = { host: 126, prflx: 110, srflx: 100, relay: 0 };

/** RFC 8445 §5.1.2.1: a priority is a positive integer from 1 to 2^31 - 1. */
export const MAX_PRIORITY = 2 ** 31 - 1;
export const MAX_TYPE_PREFERENCE = 126;
export const MAX_LOCAL_PREFERENCE = 0xffff;
/** RFC 8445 §5.1.1.1: component IDs are 1 (RTP) to 256. */
export const MAX_COMPONENT_ID = 256;

export interface PriorityFields {
  readonly type: CandidateType;
  /**
   * 0 to 65535. Ranks candidates of one type, e.g. by interface or address
   * family; it MUST differ between candidates of the same type in one data
   * stream (§5.1.2.1). 65535 when there is only one.
   */
  readonly localPreference: number;
  /** 1 to 256. */
  readonly componentId: number;
  /**
   * 0 to 126, instead of TYPE_PREFERENCE[type]. RFC 8445 §5.1.2.2 only
   * RECOMMENDS those values; Chromium gives its TCP host candidates 90, for example.
   */
  readonly typePreference?: number;
}

function checkInteger(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`ice: ${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
  return value;
}

/**
 * The priority of a candidate (RFC 8445 §5.1.2.1). Throws RangeError for a
 * field out of range, and for the one combination whose priority would be 0
 * (type preference 0, local preference 0, component 256), which §5.1.2.1 forbids.
 */
export function candidatePriority(fields: PriorityFields): number {
  const typePreference = checkInteger('type preference', fields.typePreference ?? TYPE_PREFERENCE[fields.type], 0, MAX_TYPE_PREFERENCE);
  const localPreference = checkInteger('local preference', fields.localPreference, 0, MAX_LOCAL_PREFERENCE);
  const componentId = checkInteger('component ID', fields.componentId, 1, MAX_COMPONENT_ID);
  const priority = typePreference * 2 ** 24 + localPreference * 2 ** 8 + (MAX_COMPONENT_ID - componentId);
  if (priority === 0) throw new RangeError('ice: type preference 0, local preference 0 and component 256 give priority 0 (RFC 8445 §5.1.2.1 wants 1 to 2^31-1)');
  return priority;
}

/**
 * The three fields of a priority, read back: the inverse of candidatePriority.
 * For a priority made some other way the fields are just its bytes, e.g. a
 * type preference of 127 for 2^31 - 1.
 */
export function priorityParts(priority: number): { typePreference: number; localPreference: number; componentId: number } {
  checkInteger('priority', priority, 1, MAX_PRIORITY);
  return {
    typePreference: priority >>> 24,
    localPreference: (priority >>> 8) & 0xffff,
    componentId: MAX_COMPONENT_ID - (priority & 0xff),
  };
}

/**
 * The priority of a candidate pair (RFC 8445 §6.1.2.3), from the priority of
 * the controlling agent's candidate G and the controlled agent's candidate D,
 * whichever of them is local:
 *
 *   pair priority = 2^32 * MIN(G, D) + 2 * MAX(G, D) + (G > D ? 1 : 0)
 *
 * Both agents compute the same number for the same pair. It is a bigint
 * because it needs 63 bits: MIN(G, D) < 2^31, so the first term is below 2^63,
 * while a double is exact only up to 2^53. As a Number the low 10 bits of a
 * typical pair priority are lost, and with them the `G > D` bit that orders a
 * pair before its mirror image: Chromium's getStats() reports 9115038255631187454
 * as 9115038255631187000.
 *
 * Throws RangeError unless both are candidate priorities (integers from 1 to 2^31 - 1).
 */
export function pairPriority(controlling: number, controlled: number): bigint {
  const g = BigInt(checkInteger('controlling priority', controlling, 1, MAX_PRIORITY));
  const d = BigInt(checkInteger('controlled priority', controlled, 1, MAX_PRIORITY));
  const [min, max] = g < d ? [g, d] : [d, g];
  return (min << 32n) + 2n * max + (g > d ? 1n : 0n);
}
