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
 *
 * The ICE-lite agent itself (lite-agent.ts), one per transport:
 *
 *   const agent = new IceLiteAgent({ timers, remoteParameters });   // fresh ufrag/pwd: agent.localParameters
 *   agent.on('selectedtuplechange', (tuple) => ...);
 *   const { response } = agent.handleStun(datagram, tuple);          // send response back to tuple
 *
 * check-validation.ts holds what it answers to what (RFC 8489 §9.1.3 and
 * RFC 8445 §7.3), ice-state.ts its states, validated-tuples.ts the tuples it
 * accepts traffic from.
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
export {
  type CheckDropReason,
  type CheckRejectReason,
  type CheckVerdict,
  type CredentialGeneration,
  REJECT_CODES,
  validateCheck,
} from './check-validation.ts';
export { type IceAgentErrorCode, IceAgentError } from './errors.ts';
export {
  type IceParameters,
  type RemoteIceParameters,
  MIN_PASSWORD_LENGTH,
  MIN_UFRAG_LENGTH,
  checkIceParameters,
  checkRemoteIceParameters,
  generateIceParameters,
} from './ice-parameters.ts';
export type { IceCloseReason, IceState } from './ice-state.ts';
export {
  DEFAULT_CLOSE_AFTER_DISCONNECTED_MS,
  DEFAULT_CONSENT_TIMEOUT_MS,
  DEFAULT_MAX_TUPLES,
  type IceChange,
  type IceCheckResult,
  IceLiteAgent,
  type IceLiteAgentEvents,
  type IceLiteAgentOptions,
} from './lite-agent.ts';
export type { AgentDropReason, IceLiteAgentStats } from './lite-agent-stats.ts';
export { type TransportTuple, formatTuple, sameTuple, tupleKey } from './transport-tuple.ts';
