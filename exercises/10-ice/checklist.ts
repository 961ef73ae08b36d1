/**
 * Exercise 10-ice: form an ICE checklist (RFC 8445 §6.1.2).
 *
 * Each agent knows its own candidates (`local`) and, from the SDP, the other
 * agent's (`remote`). Before a single check is sent, it turns them into an
 * ordered checklist of candidate pairs, and gives each pair a first state.
 *
 * formPairs(local, remote, role)
 *   1. Pairing (§6.1.2.2). Pair each local candidate with each remote candidate
 *      that has the same componentId and the same IP address family (IPv4 with
 *      IPv4, IPv6 with IPv6; net.isIP tells them apart). Addresses are IP literals.
 *   2. Priority (§6.1.2.3). pair.priority = pairPriority(G, D) from '#server/ice/index.ts',
 *      where G is the priority of the controlling agent's candidate and D the
 *      controlled agent's: with role 'controlling', G is the local candidate's;
 *      with 'controlled', G is the remote one's. (So both agents compute the same
 *      number for the same pair.) It is a bigint: see pairPriority's comment.
 *   3. Sorting. Highest priority first. Ties (Chromium gives every loopback UDP
 *      candidate the same priority, so they are common) keep the input order:
 *      the pair of the earlier candidate in `local` comes first, and for the same
 *      local candidate, the pair of the earlier candidate in `remote`.
 *   4. Base replacement (§6.1.2.4). Checks are sent from a base, never from a
 *      reflexive address. In a pair whose local candidate is 'srflx' or 'prflx',
 *      the local candidate is replaced by its `base` (the host candidate it was
 *      derived from). The pair keeps the priority computed in step 2 from the
 *      reflexive candidate, and its place in the order. A local srflx or prflx
 *      candidate without a base throws TypeError. Host and relayed candidates are
 *      their own base, and remote candidates are never replaced.
 *   5. Pruning (§6.1.2.4). Two pairs are redundant if their local candidates
 *      (after step 4) have the same transport address (address and port) and
 *      their remote candidates have the same transport address. Keep only the
 *      first of them in the sorted list (the higher priority; on a tie, the earlier).
 *   Returns a new array; the inputs are not changed. The candidates in the pairs
 *   are the objects given (or the `base` objects), not copies.
 *
 * pairFoundation(pair)
 *   The pair's foundation (§6.1.2.6): '<local foundation>:<remote foundation>'.
 *   ':' is not an ice-char (RFC 8839 §5.1), so 'a' + 'bc' and 'ab' + 'c' stay apart.
 *
 * initialStates(pairs)
 *   The first state of each pair (§6.1.2.6), as an array: the state of pairs[i]
 *   at index i. For each pair foundation, exactly one pair is 'Waiting': the one
 *   with the lowest local componentId, then the highest priority, then the
 *   earliest in `pairs`. Every other pair is 'Frozen'. The pairs need not be
 *   sorted. An agent then checks the Waiting pairs, and unfreezes a foundation's
 *   other pairs once one of its checks succeeds (§7.2.5.3.3); that part is the lab's.
 *
 *   const local = [{ foundation: '1', componentId: 1, type: 'host', priority: 2130706431, address: '10.0.0.1', port: 5000 }];
 *   const remote = [{ foundation: '7', componentId: 1, type: 'host', priority: 2122260223, address: '192.0.2.9', port: 6000 }];
 *   formPairs(local, remote, 'controlling')
 *     -> [{ local: local[0], remote: remote[0], priority: 9115038255648079871n }]
 *   formPairs(local, remote, 'controlled')[0].priority -> 9115038255648079870n
 *   initialStates(formPairs(local, remote, 'controlling')) -> ['Waiting']
 */
// pairPriority is the one you need; CandidateType is re-exported for the tests.
import { type CandidateType, pairPriority } from '#server/ice/index.ts';

export type { CandidateType };
export type IceRole = 'controlling' | 'controlled';
/** RFC 8445 §6.1.2.6. */
export type PairState = 'Frozen' | 'Waiting' | 'In-Progress' | 'Succeeded' | 'Failed';

/** A candidate as the SDP gives it (RFC 8839 §5.1), UDP only. */
export interface Candidate {
  /** 1 to 32 ice-chars: equal for candidates likely to work or fail together (RFC 8445 §5.1.1.3). */
  readonly foundation: string;
  /** 1 for RTP; 2 for RTCP when it is not multiplexed. */
  readonly componentId: number;
  readonly type: CandidateType;
  /** 1 to 2^31 - 1 (RFC 8445 §5.1.2). */
  readonly priority: number;
  /** An IPv4 or IPv6 literal. */
  readonly address: string;
  readonly port: number;
  /** For a local srflx or prflx candidate: the host candidate it was derived from. Read only then. */
  readonly base?: Candidate;
}

export interface CandidatePair {
  readonly local: Candidate;
  readonly remote: Candidate;
  readonly priority: bigint;
}

export function formPairs(local: readonly Candidate[], remote: readonly Candidate[], role: IceRole): CandidatePair[] {
  // TODO: pair (same component and family), compute pairPriority with G from the controlling side,
  // sort (stable: ties keep input order), replace reflexive locals by their base, drop redundant pairs.
  throw new Error(`TODO: form the ${role} checklist of ${local.length} local and ${remote.length} remote candidates`);
}

export function pairFoundation(pair: CandidatePair): string {
  // TODO: join the two foundations with ':'.
  throw new Error(`TODO: the foundation of the pair ${pair.local.address} -> ${pair.remote.address}`);
}

export function initialStates(pairs: readonly CandidatePair[]): PairState[] {
  // TODO: per pair foundation, find the pair to unfreeze (lowest component, highest priority, earliest); the rest are Frozen.
  throw new Error(`TODO: the initial states of ${pairs.length} pairs`);
}
