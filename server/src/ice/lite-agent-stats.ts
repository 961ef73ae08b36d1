/**
 * What an ICE-lite agent counts. Every STUN datagram handed to it ends in
 * exactly one of: a success response, an error response (by reason), an
 * ignored indication, or a drop (by reason), so the four add up to
 * `stunReceived`.
 */
import type { CheckDropReason, CheckRejectReason } from './check-validation.ts';

/** Why a datagram was dropped: the check-validation reasons, or the agent was closed. */
export type AgentDropReason = CheckDropReason | 'CLOSED';

export interface IceLiteAgentStats {
  /** STUN datagrams handed to handleStun(). */
  readonly stunReceived: number;
  /** Checks that authenticated and got a success response. */
  readonly successResponses: number;
  /** Requests answered with an error response, by reason (see REJECT_CODES for the code each gets). */
  readonly rejected: Readonly<Partial<Record<CheckRejectReason, number>>>;
  /** Binding indications (keepalives), never answered. */
  readonly indications: number;
  readonly dropped: Readonly<Partial<Record<AgentDropReason, number>>>;
  /** Successful checks that carried USE-CANDIDATE. */
  readonly nominations: number;
  readonly selectedTupleChanges: number;
  /** Times consent expired (RFC 7675) and the agent went `disconnected`. */
  readonly consentExpiries: number;
}

type Counter = Exclude<keyof IceLiteAgentStats, 'rejected' | 'dropped'>;

export class LiteAgentCounters {
  readonly #counters: Record<Counter, number> = {
    stunReceived: 0,
    successResponses: 0,
    indications: 0,
    nominations: 0,
    selectedTupleChanges: 0,
    consentExpiries: 0,
  };
  readonly #rejected: Partial<Record<CheckRejectReason, number>> = {};
  readonly #dropped: Partial<Record<AgentDropReason, number>> = {};

  count(counter: Counter): void {
    this.#counters[counter] += 1;
  }

  reject(reason: CheckRejectReason): void {
    this.#rejected[reason] = (this.#rejected[reason] ?? 0) + 1;
  }

  drop(reason: AgentDropReason): void {
    this.#dropped[reason] = (this.#dropped[reason] ?? 0) + 1;
  }

  snapshot(): IceLiteAgentStats {
    return { ...this.#counters, rejected: { ...this.#rejected }, dropped: { ...this.#dropped } };
  }
}
