/**
 * The SFU's ICE agent: an ICE-lite responder (RFC 8445 §2.5), one per transport.
 *
 * A lite agent gathers only host candidates, sends no checks and is always
 * the controlled agent (RFC 8445 §6.1.1); the browser, a full agent, checks
 * and nominates. So this agent answers checks (check-validation.ts says how),
 * remembers the tuples they authenticated on, and follows the browser's choice:
 *
 * - The first tuple a check authenticates on is selected at once, before any
 *   USE-CANDIDATE: Chromium sends its DTLS ClientHello, and even SRTP, right
 *   after its first successful check (fixtures README, "Ordering").
 * - A check with USE-CANDIDATE nominates its tuple (RFC 8445 §7.3.1.5, §8.2):
 *   it becomes the selected tuple, even when another one was, which is how the
 *   agent follows a browser that moved to a new address (network change) or
 *   re-nominated after an ICE restart. Chromium puts USE-CANDIDATE on every
 *   check after its first to a lite peer, on the pair it has selected.
 * - Consent (RFC 7675): a lite agent sends no consent checks of its own, so
 *   it reads the peer's checks as the proof that the peer still wants the
 *   traffic. consentTimeoutMs (30 s, RFC 7675 §5.1) after the last check that
 *   authenticated, consent is gone: every tuple is forgotten, so nothing is
 *   sent or accepted but checks, and the state is `disconnected`. A check that
 *   authenticates brings it back (the browser may be coming back after a
 *   network change, or after an ICE restart it negotiated). If none does
 *   within closeAfterDisconnectedMs more, the agent closes (`consent-expired`).
 *   A tuple that has gone consentTimeoutMs without a check of its own is
 *   forgotten as well, even while checks arrive on others.
 * - ICE restart (RFC 8445 §9): restart() installs new credentials. The old ones
 *   keep working, and the selected tuple keeps carrying media, until a check
 *   authenticates with the new ones; then the old ufrag is retired.
 *
 *   const agent = new IceLiteAgent({ timers, remoteParameters: { usernameFragment: 'YiTU' } });
 *   agent.on('selectedtuplechange', (tuple) => ...);
 *   const { response } = agent.handleStun(datagram, tuple);
 *   if (response) socket.send(response, tuple.remotePort, tuple.remoteAddress);
 *
 * One timer per agent, on the shared TimerQueue, rescheduled by each check.
 */
import { type StunMessage, bindingSuccessResponse, shortTermKey } from '../stun/index.ts';
import { type TimerClock, type TimerHandle, type TimerQueue, systemClock } from '../timers/index.ts';
import { TypedEmitter } from '../common/typed-emitter.ts';
import {
  type CheckDropReason,
  type CheckRejectReason,
  type CredentialGeneration,
  type ResponseSigning,
  serializeResponse,
  validateCheck,
} from './check-validation.ts';
import { IceAgentError } from './errors.ts';
import {
  type IceParameters,
  type RemoteIceParameters,
  checkIceParameters,
  checkRemoteIceParameters,
  generateIceParameters,
} from './ice-parameters.ts';
import type { IceCloseReason, IceState } from './ice-state.ts';
import { type AgentDropReason, type IceLiteAgentStats, LiteAgentCounters } from './lite-agent-stats.ts';
import { type TransportTuple, sameTuple } from './transport-tuple.ts';
import { ValidatedTuples } from './validated-tuples.ts';

export const DEFAULT_CONSENT_TIMEOUT_MS = 30_000;
export const DEFAULT_CLOSE_AFTER_DISCONNECTED_MS = 30_000;
/** Enough for a browser checking from every interface it has; more is pruned oldest-first. */
export const DEFAULT_MAX_TUPLES = 8;

export interface IceLiteAgentOptions {
  /** The shared timer queue the consent timer lives on. */
  readonly timers: TimerQueue;
  /** The clock `timers` runs on, to timestamp checks. Default: the system clock. */
  readonly clock?: TimerClock;
  /** Default: generateIceParameters(). */
  readonly localParameters?: IceParameters;
  /** The peer's, from its SDP, when already known; see setRemoteParameters(). */
  readonly remoteParameters?: RemoteIceParameters;
  /** RFC 7675 §5.1: 30 s. */
  readonly consentTimeoutMs?: number;
  /** How long `disconnected` waits for a check before closing. 30 s. */
  readonly closeAfterDisconnectedMs?: number;
  readonly maxTuples?: number;
}

/** One thing a check, a timer or a method call changed; also emitted as the event of the same meaning. */
export type IceChange =
  | { readonly kind: 'state'; readonly state: IceState }
  | { readonly kind: 'selected-tuple'; readonly tuple: TransportTuple | undefined }
  | { readonly kind: 'tuple-added'; readonly tuple: TransportTuple }
  | { readonly kind: 'tuple-removed'; readonly tuple: TransportTuple }
  | { readonly kind: 'ufrag-retired'; readonly usernameFragment: string };

export interface IceCheckResult {
  /** Send this back to the tuple the request came from; undefined when nothing is to be sent. */
  readonly response: Uint8Array | undefined;
  readonly outcome: 'accepted' | 'rejected' | 'indication' | 'dropped';
  /** Why it was rejected or dropped. */
  readonly reason: CheckRejectReason | AgentDropReason | undefined;
  /** It was accepted and carried USE-CANDIDATE. */
  readonly nominated: boolean;
  readonly changes: readonly IceChange[];
}

export interface IceLiteAgentEvents {
  statechange: [state: IceState];
  /** undefined when consent expired or the agent closed. */
  selectedtuplechange: [tuple: TransportTuple | undefined];
  /** A check authenticated on a tuple new to the agent: accept its traffic from now on. */
  tupleadd: [tuple: TransportTuple];
  /** Stop accepting traffic from this tuple. */
  tupleremove: [tuple: TransportTuple];
  /** After a restart, the previous ufrag no longer authenticates anything. */
  ufragretire: [usernameFragment: string];
}

interface Generation extends CredentialGeneration {
  readonly parameters: IceParameters;
}

function generationOf(parameters: IceParameters, remote: RemoteIceParameters | undefined): Generation {
  checkIceParameters(parameters);
  if (remote !== undefined) checkRemoteIceParameters(remote);
  return {
    parameters: { usernameFragment: parameters.usernameFragment, password: parameters.password },
    usernameFragment: parameters.usernameFragment,
    key: shortTermKey(parameters.password),
    remoteUsernameFragment: remote?.usernameFragment,
  };
}

function checkTimeout(name: string, value: number): number {
  if (!(value > 0) || value === Infinity) throw new RangeError(`ice: ${name} must be a finite number of ms > 0, got ${value}`);
  return value;
}

export class IceLiteAgent extends TypedEmitter<IceLiteAgentEvents> {
  readonly #timers: TimerQueue;
  readonly #clock: TimerClock;
  readonly #consentTimeoutMs: number;
  readonly #closeAfterDisconnectedMs: number;
  readonly #tuples: ValidatedTuples;
  readonly #counters = new LiteAgentCounters();
  /** The live credentials: the current ones first, then the ones a restart replaced, until retired. */
  #generations: Generation[];
  #remote: RemoteIceParameters | undefined;
  #state: IceState = 'new';
  #closeReason: IceCloseReason | undefined;
  #selected: TransportTuple | undefined;
  #nominated = false;
  #consentTimer: TimerHandle | undefined;

  constructor(options: IceLiteAgentOptions) {
    super();
    this.#timers = options.timers;
    this.#clock = options.clock ?? systemClock;
    this.#consentTimeoutMs = checkTimeout('consentTimeoutMs', options.consentTimeoutMs ?? DEFAULT_CONSENT_TIMEOUT_MS);
    this.#closeAfterDisconnectedMs = checkTimeout('closeAfterDisconnectedMs', options.closeAfterDisconnectedMs ?? DEFAULT_CLOSE_AFTER_DISCONNECTED_MS);
    this.#tuples = new ValidatedTuples(options.maxTuples ?? DEFAULT_MAX_TUPLES);
    this.#remote = options.remoteParameters;
    this.#generations = [generationOf(options.localParameters ?? generateIceParameters(), options.remoteParameters)];
  }

  get state(): IceState {
    return this.#state;
  }

  /** Set once the state is `closed`. */
  get closeReason(): IceCloseReason | undefined {
    return this.#closeReason;
  }

  /** The current credentials: what the SDP carries. */
  get localParameters(): IceParameters {
    return this.#generations[0]!.parameters;
  }

  get remoteParameters(): RemoteIceParameters | undefined {
    return this.#remote;
  }

  /** Every ufrag a check may name now: the current one, then a restart's previous one until it retires. */
  get usernameFragments(): string[] {
    return this.#state === 'closed' ? [] : this.#generations.map((generation) => generation.usernameFragment);
  }

  /** Where to send: the nominated tuple, or before any nomination the first validated one. */
  get selectedTuple(): TransportTuple | undefined {
    return this.#selected;
  }

  /** Whether the peer has nominated (USE-CANDIDATE) since the agent last lost consent. */
  get nominated(): boolean {
    return this.#nominated;
  }

  /** Every tuple traffic is accepted from, oldest first. */
  get validatedTuples(): TransportTuple[] {
    return this.#tuples.tuples;
  }

  get stats(): IceLiteAgentStats {
    return this.#counters.snapshot();
  }

  /** Whether DTLS, RTP and RTCP from `tuple` belong to this agent's peer. */
  isValidTuple(tuple: TransportTuple): boolean {
    return this.#tuples.has(tuple);
  }

  /**
   * One STUN datagram that arrived on `tuple`. Returns the response to send
   * back to it, if any, and what changed; the changes are also emitted as
   * events before this returns. Never throws for what the datagram holds.
   */
  handleStun(datagram: Uint8Array, tuple: TransportTuple): IceCheckResult {
    this.#counters.count('stunReceived');
    if (this.#state === 'closed') return this.#dropped('CLOSED');
    const verdict = validateCheck(datagram, this.#generations);
    switch (verdict.kind) {
      case 'drop':
        return this.#dropped(verdict.reason);
      case 'indication':
        this.#counters.count('indications');
        return { response: undefined, outcome: 'indication', reason: undefined, nominated: false, changes: [] };
      case 'reject':
        this.#counters.reject(verdict.reason);
        return { response: verdict.response, outcome: 'rejected', reason: verdict.reason, nominated: false, changes: [] };
      case 'accept': {
        const changes = this.#accept(tuple, verdict.generation, verdict.useCandidate);
        const response = this.#successResponse(verdict.request, tuple, verdict.signing);
        this.#counters.count('successResponses');
        if (verdict.useCandidate) this.#counters.count('nominations');
        this.#emit(changes);
        return { response, outcome: 'accepted', reason: undefined, nominated: verdict.useCandidate, changes };
      }
    }
  }

  /** The peer's credentials, once its SDP arrives (e.g. the browser's answer to our offer). */
  setRemoteParameters(remote: RemoteIceParameters): void {
    this.#checkOpen('setRemoteParameters');
    const current = this.#generations[0]!;
    const updated = generationOf(current.parameters, remote);
    this.#remote = remote;
    this.#generations = [updated, ...this.#generations.slice(1)];
  }

  /**
   * ICE restart (RFC 8445 §9): new local credentials (fresh ones by default),
   * and the peer's new ones when its SDP carried them. The credentials in use
   * keep working until a check authenticates with the new ones; those in use
   * before them, if a restart is still pending, retire at once. Returns the
   * new local credentials, for the SDP.
   */
  restart(localParameters: IceParameters = generateIceParameters(), remoteParameters?: RemoteIceParameters): IceParameters {
    this.#checkOpen('restart');
    const next = generationOf(localParameters, remoteParameters);
    const [current, ...older] = this.#generations;
    if (this.#generations.some((generation) => generation.usernameFragment === next.usernameFragment)) {
      throw new TypeError('ice: an ICE restart needs a new usernameFragment (RFC 8445 §9)');
    }
    this.#generations = [next, current!];
    this.#remote = remoteParameters;
    this.#emit(older.map((generation) => ({ kind: 'ufrag-retired', usernameFragment: generation.usernameFragment })));
    return next.parameters;
  }

  /** Closes the agent: no tuple is valid any more and every check is dropped. Idempotent. */
  close(): void {
    this.#close('closed');
  }

  #checkOpen(operation: string): void {
    if (this.#state === 'closed') throw new IceAgentError('CLOSED', `ice: ${operation}() on a closed agent`);
  }

  #dropped(reason: AgentDropReason): IceCheckResult {
    this.#counters.drop(reason);
    return { response: undefined, outcome: 'dropped', reason, nominated: false, changes: [] };
  }

  #successResponse(request: StunMessage, tuple: TransportTuple, signing: ResponseSigning): Uint8Array {
    const mappedAddress = { family: tuple.family, address: tuple.remoteAddress, port: tuple.remotePort };
    return serializeResponse(bindingSuccessResponse({ request, mappedAddress }), signing);
  }

  /** A check authenticated on `tuple` with the credentials of `generation`. */
  #accept(tuple: TransportTuple, generation: number, useCandidate: boolean): IceChange[] {
    const changes: IceChange[] = [];
    const now = this.#clock.now();
    if (generation === 0 && this.#generations.length > 1) {
      for (const retired of this.#generations.splice(1)) changes.push({ kind: 'ufrag-retired', usernameFragment: retired.usernameFragment });
    }
    const touched = this.#tuples.touch(tuple, now);
    if (touched.added) changes.push({ kind: 'tuple-added', tuple: touched.tuple });
    this.#armConsentTimer(this.#consentTimeoutMs);

    const consentCutoff = now - this.#consentTimeoutMs;
    let select: TransportTuple | undefined;
    if (useCandidate) {
      this.#nominated = true;
      if (!sameTuple(this.#selected, touched.tuple)) select = touched.tuple;
    } else if (this.#selected === undefined || this.#tuples.lastCheckMs(this.#selected)! < consentCutoff) {
      // Nothing selected yet (Chromium's first check), or the selected tuple's own consent lapsed.
      select = touched.tuple;
    }
    if (select !== undefined) changes.push(...this.#select(select));
    for (const removed of this.#tuples.prune(consentCutoff, [this.#selected, touched.tuple])) {
      changes.push({ kind: 'tuple-removed', tuple: removed });
    }
    changes.push(...this.#setState(this.#nominated ? 'completed' : 'connected'));
    return changes;
  }

  #select(tuple: TransportTuple | undefined): IceChange[] {
    if (sameTuple(this.#selected, tuple)) return [];
    this.#selected = tuple;
    this.#counters.count('selectedTupleChanges');
    return [{ kind: 'selected-tuple', tuple }];
  }

  #setState(state: IceState): IceChange[] {
    if (this.#state === state) return [];
    this.#state = state;
    return [{ kind: 'state', state }];
  }

  #forgetTuples(): IceChange[] {
    const changes: IceChange[] = this.#tuples.clear().map((tuple) => ({ kind: 'tuple-removed', tuple }));
    this.#nominated = false;
    return [...changes, ...this.#select(undefined)];
  }

  #armConsentTimer(delayMs: number): void {
    if (this.#consentTimer === undefined) this.#consentTimer = this.#timers.arm(delayMs, this.#onConsentTimer);
    else this.#timers.reschedule(this.#consentTimer, delayMs);
  }

  /** No check authenticated for a whole timeout: consent expires, or, already expired, the agent closes. */
  readonly #onConsentTimer = (): void => {
    if (this.#state === 'disconnected') {
      this.#close('consent-expired');
      return;
    }
    this.#counters.count('consentExpiries');
    this.#armConsentTimer(this.#closeAfterDisconnectedMs);
    this.#emit([...this.#forgetTuples(), ...this.#setState('disconnected')]);
  };

  #close(reason: IceCloseReason): void {
    if (this.#state === 'closed') return;
    if (this.#consentTimer !== undefined) this.#timers.cancel(this.#consentTimer);
    this.#consentTimer = undefined;
    this.#closeReason = reason;
    this.#emit([...this.#forgetTuples(), ...this.#setState('closed')]);
  }

  /** Events go out once the agent's own state is consistent, in the order the changes happened. */
  #emit(changes: readonly IceChange[]): void {
    for (const change of changes) {
      switch (change.kind) {
        case 'state':
          this.safeEmit('statechange', change.state);
          break;
        case 'selected-tuple':
          this.safeEmit('selectedtuplechange', change.tuple);
          break;
        case 'tuple-added':
          this.safeEmit('tupleadd', change.tuple);
          break;
        case 'tuple-removed':
          this.safeEmit('tupleremove', change.tuple);
          break;
        case 'ufrag-retired':
          this.safeEmit('ufragretire', change.usernameFragment);
          break;
      }
    }
  }
}
