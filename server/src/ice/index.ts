/**
 * ICE: the numbers both agents must agree on (RFC 8445).
 *
 * - §5.1.2: candidate priorities, from a type preference, a local preference
 *   and a component ID; TYPE_PREFERENCE holds the recommended values.
 * - §6.1.2.3: candidate pair priorities, as bigint (they need 63 bits).
 * - §5.1.1.3: candidate foundations.
 *
 * The SFU's ICE-lite agent (§2.5) gathers host candidates only and never
 * forms a checklist, but it still needs these: its candidates' priorities go
 * in the SDP, and a full agent's checks carry a PRIORITY it may learn from.
 *
 *   candidatePriority({ type: 'host', localPreference: 65535, componentId: 1 });  // 2130706431
 *   candidatePriority({ type: 'prflx', localPreference: 65535, componentId: 1 }); // for PRIORITY in a check
 *   pairPriority(controlling, controlled);                                        // 9115038255648079871n
 *   candidateFoundation({ type: 'host', baseAddress: '192.0.2.1' });              // '1345442952'
 *
 * Out-of-range inputs throw RangeError: they come from the SFU's own
 * configuration or from a peer, and a peer's values are checked before use.
 */
export { candidateFoundation, type FoundationInputs } from './foundation.ts';
export {
  type CandidateType,
  MAX_COMPONENT_ID,
  MAX_LOCAL_PREFERENCE,
  MAX_PRIORITY,
  MAX_TYPE_PREFERENCE,
  type PriorityFields,
  TYPE_PREFERENCE,
  candidatePriority,
  pairPriority,
  priorityParts,
} from './priority.ts';
