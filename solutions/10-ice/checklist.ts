/**
 * Exercise 10-ice: forming the checklist (reference solution).
 * See exercises/10-ice/checklist.ts for the contract.
 *
 * RFC 8445 §6.1.2.2 pair, §6.1.2.3 compute priorities and sort, §6.1.2.4
 * replace reflexive local candidates by their base and prune, §6.1.2.6 set the
 * initial states.
 */
import { isIP } from 'node:net';
import { type CandidateType, pairPriority } from '#server/ice/index.ts';

export type { CandidateType };
export type IceRole = 'controlling' | 'controlled';
export type PairState = 'Frozen' | 'Waiting' | 'In-Progress' | 'Succeeded' | 'Failed';

export interface Candidate {
  readonly foundation: string;
  readonly componentId: number;
  readonly type: CandidateType;
  readonly priority: number;
  readonly address: string;
  readonly port: number;
  readonly base?: Candidate;
}

export interface CandidatePair {
  readonly local: Candidate;
  readonly remote: Candidate;
  readonly priority: bigint;
}

/** Where checks for `candidate` are sent from (§6.1.2.4): a reflexive candidate's base, else itself. */
function sendingCandidate(candidate: Candidate): Candidate {
  if (candidate.type !== 'srflx' && candidate.type !== 'prflx') return candidate;
  if (candidate.base === undefined) {
    throw new TypeError(`10-ice: local ${candidate.type} candidate ${candidate.address}:${candidate.port} has no base to send from`);
  }
  return candidate.base;
}

/** Pairs with the same key are redundant (§6.1.2.4): same local base, same remote transport address. */
function redundancyKey({ local, remote }: CandidatePair): string {
  return `${local.componentId} ${local.address} ${local.port} ${remote.address} ${remote.port}`;
}

export function formPairs(local: readonly Candidate[], remote: readonly Candidate[], role: IceRole): CandidatePair[] {
  const pairs: CandidatePair[] = [];
  for (const ours of local) {
    for (const theirs of remote) {
      // §6.1.2.2: same component, same IP address family.
      if (ours.componentId !== theirs.componentId || isIP(ours.address) !== isIP(theirs.address)) continue;
      // §6.1.2.3: G is the controlling agent's candidate, whichever side is local.
      const priority = role === 'controlling' ? pairPriority(ours.priority, theirs.priority) : pairPriority(theirs.priority, ours.priority);
      // The priority stays the reflexive candidate's: §6.1.2.3 sorts before §6.1.2.4 replaces.
      pairs.push({ local: sendingCandidate(ours), remote: theirs, priority });
    }
  }
  // A stable sort: equal priorities keep the local-then-remote input order the loops made.
  pairs.sort((a, b) => (a.priority === b.priority ? 0 : a.priority > b.priority ? -1 : 1));
  const seen = new Set<string>();
  return pairs.filter((pair) => {
    const key = redundancyKey(pair);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function pairFoundation(pair: CandidatePair): string {
  return `${pair.local.foundation}:${pair.remote.foundation}`;
}

/** §6.1.2.6: the lowest component ID first, then the highest priority. */
function unfreezesBefore(a: CandidatePair, b: CandidatePair): boolean {
  if (a.local.componentId !== b.local.componentId) return a.local.componentId < b.local.componentId;
  return a.priority > b.priority;
}

export function initialStates(pairs: readonly CandidatePair[]): PairState[] {
  // Indexes, not pairs: the same pair object may be listed twice.
  const firstOfFoundation = new Map<string, number>();
  pairs.forEach((pair, i) => {
    const foundation = pairFoundation(pair);
    const best = firstOfFoundation.get(foundation);
    if (best === undefined || unfreezesBefore(pair, pairs[best]!)) firstOfFoundation.set(foundation, i);
  });
  const waiting = new Set(firstOfFoundation.values());
  return pairs.map((_, i) => (waiting.has(i) ? 'Waiting' : 'Frozen'));
}
