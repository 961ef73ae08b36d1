/**
 * One agent's checklist while checks run: the pairs from the reference
 * formPairs/initialStates, their states, the triggered-check queue, and the
 * choice of what to check at each tick of Ta (RFC 8445 §6.1.4.2). No sockets:
 * the agent (agent.ts) sends what next() returns and reports the outcome.
 *
 * initialStates() makes one pair per foundation Waiting and the rest Frozen; then
 *
 *   Frozen ──unfreezeFoundation(), next()──► Waiting ──next()──► In-Progress ──success──► Succeeded
 *                                              ▲                      │
 *                                              │                      │ no response, error response,
 *                                              └──── trigger() ──── Failed ◄──┘ asymmetric addresses
 */
import {
  type Candidate,
  type CandidatePair,
  type IceRole,
  type PairState,
  formPairs,
  initialStates,
  pairFoundation,
} from '#solutions/10-ice/checklist.ts';

export interface Entry {
  /** "127.0.0.1:40001 -> 127.0.0.3:40005": local base, then remote. */
  readonly id: string;
  /** Replaced when the role changes: the pair priority depends on it (§6.1.2.3). */
  pair: CandidatePair;
  state: PairState;
  nominated: boolean;
  /** Controlled agent: USE-CANDIDATE came while this pair's own check had not succeeded yet (§7.3.1.5). */
  nominateOnSuccess: boolean;
}

/** What to send at this tick: a check of `entry`, with USE-CANDIDATE when `nominate`. */
export interface NextCheck {
  readonly entry: Entry;
  readonly nominate: boolean;
}

export type TransitionListener = (entry: Entry, from: PairState, to: PairState, why: string) => void;

export function endpointOf({ address, port }: { address: string; port: number }): string {
  return `${address}:${port}`;
}

function entryId(pair: CandidatePair): string {
  return `${endpointOf(pair.local)} -> ${endpointOf(pair.remote)}`;
}

export class Scheduler {
  readonly #local: readonly Candidate[];
  readonly #remote: readonly Candidate[];
  readonly #onTransition: TransitionListener;
  /** Highest pair priority first. */
  #entries: Entry[];
  #triggered: NextCheck[] = [];
  #stopped = false;

  constructor(local: readonly Candidate[], remote: readonly Candidate[], role: IceRole, onTransition: TransitionListener) {
    this.#local = local;
    this.#remote = remote;
    this.#onTransition = onTransition;
    const pairs = formPairs(local, remote, role);
    const states = initialStates(pairs);
    this.#entries = pairs.map((pair, i) => ({ id: entryId(pair), pair, state: states[i]!, nominated: false, nominateOnSuccess: false }));
  }

  get entries(): readonly Entry[] {
    return this.#entries;
  }

  /** The entry checked from `local` (a base) to `remote`, if that pair is in the checklist. */
  find(local: { address: string; port: number }, remote: { address: string; port: number }): Entry | undefined {
    const id = `${endpointOf(local)} -> ${endpointOf(remote)}`;
    return this.#entries.find((entry) => entry.id === id);
  }

  /** After a role change: the same pairs and states, new priorities, new order (§7.2.5.1). */
  setRole(role: IceRole): void {
    const byId = new Map(this.#entries.map((entry) => [entry.id, entry]));
    this.#entries = formPairs(this.#local, this.#remote, role).map((pair) => {
      const entry = byId.get(entryId(pair))!;
      entry.pair = pair;
      return entry;
    });
  }

  setState(entry: Entry, to: PairState, why: string): void {
    const from = entry.state;
    if (from === to) return;
    entry.state = to;
    this.#onTransition(entry, from, to, why);
  }

  /** §7.3.1.4 (and §7.2.5.1 after a 487): check this pair soon, before the ordinary ones. */
  trigger(entry: Entry, why: string): void {
    if (entry.state === 'Succeeded' || entry.state === 'In-Progress') return;
    this.setState(entry, 'Waiting', why);
    if (!this.#triggered.some((queued) => queued.entry === entry && !queued.nominate)) this.#triggered.push({ entry, nominate: false });
  }

  /** §8.1.1: the controlling agent repeats the check of a valid pair, with USE-CANDIDATE. */
  nominate(entry: Entry): void {
    this.#triggered.unshift({ entry, nominate: true });
  }

  /** §7.2.5.3.3: a check succeeded, so the other pairs of its foundation are worth checking now. */
  unfreezeFoundation(succeeded: Entry): void {
    const foundation = pairFoundation(succeeded.pair);
    for (const entry of this.#entries) {
      if (entry.state === 'Frozen' && pairFoundation(entry.pair) === foundation) {
        this.setState(entry, 'Waiting', `its foundation ${foundation} succeeded (§7.2.5.3.3)`);
      }
    }
  }

  /** §6.1.4.2: the check to send at this tick of Ta, or undefined if there is none. */
  next(): NextCheck | undefined {
    if (this.#stopped) return undefined;
    for (let queued = this.#triggered.shift(); queued !== undefined; queued = this.#triggered.shift()) {
      if (queued.nominate) return queued;
      if (queued.entry.state === 'Waiting') return this.#start(queued.entry, 'triggered check');
    }
    if (!this.#entries.some((entry) => entry.state === 'Waiting')) this.#unfreezeIdleFoundations();
    const waiting = this.#entries.find((entry) => entry.state === 'Waiting');
    return waiting && this.#start(waiting, 'ordinary check, highest Waiting pair');
  }

  /** §8.1.2: once a pair is nominated, the pairs not checked yet are dropped: nothing more is sent. */
  stop(): void {
    this.#stopped = true;
    this.#triggered = [];
  }

  /** §6.1.4.2 step 2: a foundation with nothing Waiting or In-Progress gets its best Frozen pair unfrozen. */
  #unfreezeIdleFoundations(): void {
    const busy = new Set(this.#entries.filter((e) => e.state === 'Waiting' || e.state === 'In-Progress').map((e) => pairFoundation(e.pair)));
    for (const entry of this.#entries) {
      const foundation = pairFoundation(entry.pair);
      if (entry.state !== 'Frozen' || busy.has(foundation)) continue;
      busy.add(foundation);
      this.setState(entry, 'Waiting', `no check of foundation ${foundation} pending (§6.1.4.2)`);
    }
  }

  #start(entry: Entry, why: string): NextCheck {
    this.setState(entry, 'In-Progress', why);
    return { entry, nominate: false };
  }
}
