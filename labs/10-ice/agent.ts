/**
 * A full ICE agent, small enough to read: UDP host candidates only, one
 * component, regular nomination. Each candidate is a dgram socket on its own
 * loopback address; every check is a real STUN Binding over it.
 *
 * Sending (RFC 8445 §7.2): every Ta ms, ask the scheduler for a pair and send
 * a Binding request from the pair's local socket to its remote address:
 *   USERNAME "<remote ufrag>:<local ufrag>", PRIORITY (prflx, §7.1.1),
 *   ICE-CONTROLLING or ICE-CONTROLLED with our tie-breaker, USE-CANDIDATE to
 *   nominate, MESSAGE-INTEGRITY keyed with the remote password, FINGERPRINT.
 * Retransmit after RTO, 2 RTO, 4 RTO ... and give up after `maxTransmissions`.
 *
 * Receiving (§7.3): check FINGERPRINT, USERNAME and MESSAGE-INTEGRITY (our own
 * password), repair a role conflict (§7.3.1.1), answer with XOR-MAPPED-ADDRESS,
 * and trigger a check of the same pair the other way (§7.3.1.4).
 */
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import { candidateFoundation, candidatePriority } from '#server/ice/index.ts';
import {
  ErrorCode,
  type StunMessage,
  bindingErrorResponse,
  bindingRequest,
  bindingSuccessResponse,
  findAttribute,
  isStunMessage,
  parseStunMessage,
  serializeStunMessage,
  shortTermKey,
  verifyFingerprint,
  verifyMessageIntegrity,
} from '#server/stun/index.ts';
import type { Candidate, IceRole, PairState } from '#solutions/10-ice/checklist.ts';
import { type Entry, Scheduler, endpointOf } from './scheduler.ts';

export interface HostSpec {
  /** A loopback address: 127.0.0.0/8 is all loopback on Linux. */
  readonly address: string;
  readonly localPreference: number;
  /** Drop every datagram that arrives, like an interface behind a firewall (it can still send). */
  readonly dropInbound?: boolean;
}

export interface AgentOptions {
  readonly name: string;
  readonly role: IceRole;
  readonly hosts: readonly HostSpec[];
  /** The pacing timer Ta (§14.2): one new check per tick. */
  readonly taMs: number;
  /** The first retransmission timeout; it doubles after each transmission. */
  readonly rtoMs: number;
  readonly maxTransmissions: number;
  readonly log: (agent: string, message: string) => void;
  readonly onTransition: (agent: string, entry: Entry, from: PairState, to: PairState, why: string) => void;
}

export interface RemoteDescription {
  readonly ufrag: string;
  readonly pwd: string;
  readonly candidates: readonly Candidate[];
}

interface Host {
  readonly candidate: Candidate;
  readonly localPreference: number;
  readonly socket: dgram.Socket;
  readonly dropInbound: boolean;
  dropped: number;
}

interface Transaction {
  readonly entry: Entry;
  readonly host: Host;
  readonly bytes: Uint8Array;
  /** The role the request claimed; a 487 answers that claim (§7.2.5.1). */
  readonly role: IceRole;
  readonly nominate: boolean;
  transmissions: number;
  timer?: NodeJS.Timeout;
}

/** ice-chars are the base64 alphabet (RFC 8839 §5.4); 3 bytes give 4 characters, 18 give 24. */
const iceString = (bytes: number): string => randomBytes(bytes).toString('base64');

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

function bindHost(spec: HostSpec): Promise<dgram.Socket> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, spec.address, () => {
      socket.off('error', reject);
      resolve(socket);
    });
  });
}

export class IceAgent {
  readonly name: string;
  readonly ufrag = iceString(3);
  readonly pwd = iceString(18);
  /** §7.1.3: a random 64-bit number, compared when both agents claim the same role. */
  readonly tieBreaker = randomBytes(8).readBigUInt64BE();
  readonly #options: AgentOptions;
  readonly #hosts: Host[];
  readonly #transactions = new Map<string, Transaction>();
  #role: IceRole;
  #remote: RemoteDescription | undefined;
  #scheduler: Scheduler | undefined;
  #ticker: NodeJS.Timeout | undefined;
  #nominating: Entry | undefined;
  #selected: Entry | undefined;
  readonly #explained = new Set<string>();
  #resolveCompleted!: (entry: Entry) => void;
  /** Resolves with the nominated pair (§8.1.2). */
  readonly completed = new Promise<Entry>((resolve) => {
    this.#resolveCompleted = resolve;
  });

  private constructor(options: AgentOptions, hosts: Host[]) {
    this.name = options.name;
    this.#options = options;
    this.#role = options.role;
    this.#hosts = hosts;
    for (const host of hosts) host.socket.on('message', (datagram, from) => this.#receive(host, datagram, from));
  }

  /** Binds one socket per host candidate (port 0: the kernel picks). */
  static async create(options: AgentOptions): Promise<IceAgent> {
    const hosts: Host[] = [];
    try {
      for (const spec of options.hosts) {
        const socket = await bindHost(spec);
        const { address, port } = socket.address();
        const candidate: Candidate = {
          foundation: candidateFoundation({ type: 'host', baseAddress: address }),
          componentId: 1,
          type: 'host',
          priority: candidatePriority({ type: 'host', localPreference: spec.localPreference, componentId: 1 }),
          address,
          port,
        };
        hosts.push({ candidate, localPreference: spec.localPreference, socket, dropInbound: spec.dropInbound === true, dropped: 0 });
      }
    } catch (error) {
      for (const host of hosts) host.socket.close();
      throw error;
    }
    return new IceAgent(options, hosts);
  }

  get role(): IceRole {
    return this.#role;
  }

  get candidates(): Candidate[] {
    return this.#hosts.map((host) => host.candidate);
  }

  /** Datagrams each firewalled candidate threw away. */
  get dropped(): Array<{ candidate: Candidate; dropped: number }> {
    return this.#hosts.filter((host) => host.dropInbound).map(({ candidate, dropped }) => ({ candidate, dropped }));
  }

  get entries(): readonly Entry[] {
    return this.#scheduler?.entries ?? [];
  }

  /** Forms the checklist from the peer's candidates (what its SDP carried) and starts the Ta timer. */
  start(remote: RemoteDescription): void {
    this.#remote = remote;
    this.#scheduler = new Scheduler(this.candidates, remote.candidates, this.#role, (entry, from, to, why) =>
      this.#options.onTransition(this.name, entry, from, to, why),
    );
    this.#ticker = setInterval(() => this.#tick(), this.#options.taMs);
  }

  close(): void {
    clearInterval(this.#ticker);
    for (const transaction of this.#transactions.values()) clearTimeout(transaction.timer);
    this.#transactions.clear();
    for (const host of this.#hosts) host.socket.close();
  }

  #log(message: string): void {
    this.#options.log(this.name, message);
  }

  /** Prints `message` the first time `topic` comes up, so the log explains each mechanism once. */
  #explainOnce(topic: string, message: string): void {
    if (this.#explained.has(topic)) return;
    this.#explained.add(topic);
    this.#log(message);
  }

  #tick(): void {
    const next = this.#scheduler!.next();
    if (next) this.#sendCheck(next.entry, next.nominate);
  }

  #hostOf(candidate: Candidate): Host {
    return this.#hosts.find((host) => host.candidate.address === candidate.address && host.candidate.port === candidate.port)!;
  }

  #sendCheck(entry: Entry, nominate: boolean): void {
    const remote = this.#remote!;
    const host = this.#hostOf(entry.pair.local);
    // §7.1.1: the priority a peer-reflexive candidate learnt from this check would get.
    const priority = candidatePriority({ type: 'prflx', localPreference: host.localPreference, componentId: 1 });
    const username = `${remote.ufrag}:${this.ufrag}`;
    const request = bindingRequest({ username, priority, role: this.#role, tieBreaker: this.tieBreaker, useCandidate: nominate });
    const bytes = serializeStunMessage(request, { integrityKey: shortTermKey(remote.pwd), fingerprint: true });
    const transaction: Transaction = { entry, host, bytes, role: this.#role, nominate, transmissions: 0 };
    this.#transactions.set(hex(request.transactionId), transaction);
    const roleAttribute = this.#role === 'controlling' ? 'ICE-CONTROLLING' : 'ICE-CONTROLLED';
    this.#explainOnce(
      nominate ? 'nominate' : 'check',
      `${nominate ? 'nominating check' : 'first check'}: Binding request, ${bytes.length} bytes: USERNAME "${username}", ` +
        `${roleAttribute} 0x${this.tieBreaker.toString(16).padStart(16, '0')}${nominate ? ', USE-CANDIDATE' : ''}, PRIORITY ${priority}, ` +
        `MESSAGE-INTEGRITY (keyed with the peer's password), FINGERPRINT`,
    );
    this.#transmit(transaction);
  }

  #transmit(transaction: Transaction): void {
    const { host, bytes, entry } = transaction;
    host.socket.send(bytes, entry.pair.remote.port, entry.pair.remote.address);
    transaction.transmissions += 1;
    const timeout = this.#options.rtoMs * 2 ** (transaction.transmissions - 1);
    transaction.timer = setTimeout(() => this.#timedOut(transaction), timeout);
  }

  #timedOut(transaction: Transaction): void {
    if (transaction.transmissions < this.#options.maxTransmissions) {
      this.#transmit(transaction);
      return;
    }
    this.#forget(transaction);
    this.#fail(transaction, `no response after ${transaction.transmissions} transmissions`);
  }

  #forget(transaction: Transaction): void {
    clearTimeout(transaction.timer);
    for (const [id, candidate] of this.#transactions) if (candidate === transaction) this.#transactions.delete(id);
  }

  #fail(transaction: Transaction, why: string): void {
    if (transaction.nominate) {
      this.#log(`nomination of ${transaction.entry.id} failed: ${why}`);
      this.#nominating = undefined;
    }
    this.#scheduler!.setState(transaction.entry, 'Failed', why);
    this.#maybeNominate();
  }

  #receive(host: Host, datagram: Buffer, from: dgram.RemoteInfo): void {
    if (host.dropInbound) {
      host.dropped += 1;
      return;
    }
    if (this.#scheduler === undefined || !isStunMessage(datagram)) return;
    let message: StunMessage;
    try {
      message = parseStunMessage(datagram);
    } catch {
      return;
    }
    if (message.messageClass === 'request') this.#answer(host, datagram, message, from);
    else if (message.messageClass !== 'indication') this.#response(host, datagram, message, from);
  }

  #reply(host: Host, to: dgram.RemoteInfo, response: StunMessage, signed: boolean): void {
    const options = signed ? { integrityKey: shortTermKey(this.pwd), fingerprint: true } : { fingerprint: true };
    host.socket.send(serializeStunMessage(response, options), to.port, to.address);
  }

  /** §7.3: a check from the peer. */
  #answer(host: Host, bytes: Buffer, request: StunMessage, from: dgram.RemoteInfo): void {
    if (!verifyFingerprint(bytes)) return;
    const username = findAttribute(request, 'USERNAME')?.value;
    if (username?.startsWith(`${this.ufrag}:`) !== true || !verifyMessageIntegrity(bytes, shortTermKey(this.pwd))) {
      this.#log(`401 to ${endpointOf(from)}: wrong USERNAME or MESSAGE-INTEGRITY`);
      this.#reply(host, from, bindingErrorResponse({ request, code: ErrorCode.Unauthenticated }), false);
      return;
    }
    if (this.#roleConflict(request)) {
      this.#reply(host, from, bindingErrorResponse({ request, code: ErrorCode.RoleConflict }), true);
      return;
    }
    this.#reply(host, from, bindingSuccessResponse({ request, mappedAddress: from }), true);

    const entry = this.#scheduler!.find(host.candidate, from);
    if (entry === undefined) {
      this.#log(`check from unknown ${endpointOf(from)}: a full agent would add a peer-reflexive candidate (§7.3.1.3)`);
      return;
    }
    if (this.#selected !== undefined) return;
    if (findAttribute(request, 'USE-CANDIDATE') !== undefined && this.#role === 'controlled') {
      // §7.3.1.5: nominated now if our own check of this pair succeeded, else when it does.
      if (entry.state === 'Succeeded') {
        this.#complete(entry, 'USE-CANDIDATE on a Succeeded pair (§7.3.1.5)');
        return;
      }
      entry.nominateOnSuccess = true;
    }
    if (entry.state === 'In-Progress') {
      // §7.3.1.4: retransmit the check in progress at once, rather than wait for its timer.
      const inFlight = [...this.#transactions.values()].find((t) => t.entry === entry && !t.nominate);
      if (inFlight) host.socket.send(inFlight.bytes, from.port, from.address);
      return;
    }
    this.#scheduler!.trigger(entry, `triggered: a check came in on this pair (§7.3.1.4)`);
  }

  /**
   * §7.3.1.1. Returns true to answer 487 and keep our role; switches role and
   * returns false when the peer's tie-breaker wins.
   */
  #roleConflict(request: StunMessage): boolean {
    const claim = this.#role === 'controlling' ? findAttribute(request, 'ICE-CONTROLLING') : findAttribute(request, 'ICE-CONTROLLED');
    if (claim === undefined) return false;
    const oursWins = this.tieBreaker >= claim.tieBreaker;
    const keepRole = this.#role === 'controlling' ? oursWins : !oursWins;
    this.#log(
      `role conflict: the peer is ${this.#role} too; tie-breakers ours 0x${this.tieBreaker.toString(16)} vs theirs 0x${claim.tieBreaker.toString(16)}: ` +
        (keepRole ? 'we stay and answer 487' : 'we switch'),
    );
    if (!keepRole) this.#switchRole();
    return keepRole;
  }

  #switchRole(): void {
    this.#role = this.#role === 'controlling' ? 'controlled' : 'controlling';
    this.#nominating = undefined;
    this.#scheduler!.setRole(this.#role);
    this.#log(`now ${this.#role}: pair priorities recomputed with G and D swapped (§6.1.2.3)`);
  }

  /** §7.2.5: the answer to one of our checks. */
  #response(host: Host, bytes: Buffer, response: StunMessage, from: dgram.RemoteInfo): void {
    const transaction = this.#transactions.get(hex(response.transactionId));
    if (transaction === undefined) return;
    if (!verifyFingerprint(bytes) || !verifyMessageIntegrity(bytes, shortTermKey(this.#remote!.pwd))) {
      this.#log(`discarded a response from ${endpointOf(from)}: bad FINGERPRINT or MESSAGE-INTEGRITY`);
      return;
    }
    this.#forget(transaction);
    const { entry } = transaction;
    if (this.#selected !== undefined && !transaction.nominate) return;
    // §7.2.5.2.1: the response must come from where the request went, to where it left from.
    if (host !== transaction.host || from.address !== entry.pair.remote.address || from.port !== entry.pair.remote.port) {
      this.#fail(transaction, `response from ${endpointOf(from)}: addresses not symmetric (§7.2.5.2.1)`);
      return;
    }
    if (response.messageClass === 'error-response') {
      this.#errorResponse(transaction, findAttribute(response, 'ERROR-CODE')?.code);
      return;
    }
    const mapped = findAttribute(response, 'XOR-MAPPED-ADDRESS')?.address;
    if (mapped && endpointOf(mapped) !== endpointOf(entry.pair.local)) {
      this.#log(`mapped address ${endpointOf(mapped)} is new: a full agent would add a peer-reflexive local candidate (§7.2.5.3.1)`);
    }
    if (transaction.nominate) {
      this.#complete(entry, 'our USE-CANDIDATE check succeeded (§8.1.1)');
      return;
    }
    this.#scheduler!.setState(entry, 'Succeeded', `success response, mapped address ${mapped ? endpointOf(mapped) : '?'}`);
    this.#scheduler!.unfreezeFoundation(entry);
    if (entry.nominateOnSuccess && this.#role === 'controlled') {
      this.#complete(entry, 'USE-CANDIDATE had come in for this pair (§7.3.1.5)');
      return;
    }
    this.#maybeNominate();
  }

  #errorResponse(transaction: Transaction, code: number | undefined): void {
    if (code !== ErrorCode.RoleConflict) {
      this.#fail(transaction, `error response ${code ?? 'without ERROR-CODE'}`);
      return;
    }
    // §7.2.5.1: switch to the other role (unless a request already made us), then check the pair again.
    if (transaction.role === this.#role) {
      this.#log(`487 Role Conflict: the peer keeps ${this.#role}`);
      this.#switchRole();
    }
    this.#scheduler!.setState(transaction.entry, 'Waiting', '487 Role Conflict: check again in the new role (§7.2.5.1)');
    this.#scheduler!.trigger(transaction.entry, 'retry in the new role');
  }

  /**
   * Regular nomination (§8.1.1), with a simple policy: nominate the best valid
   * pair once every pair above it has failed, since one of those may still work.
   */
  #maybeNominate(): void {
    if (this.#role !== 'controlling' || this.#nominating !== undefined || this.#selected !== undefined) return;
    for (const entry of this.#scheduler!.entries) {
      if (entry.state === 'Succeeded') {
        this.#nominating = entry;
        this.#log(`nominating ${entry.id}: the best pair that succeeded, and every pair above it failed`);
        this.#scheduler!.nominate(entry);
        return;
      }
      if (entry.state !== 'Failed') return;
    }
  }

  #complete(entry: Entry, why: string): void {
    entry.nominated = true;
    this.#selected = entry;
    clearInterval(this.#ticker);
    this.#scheduler!.stop();
    const cancelled = [...this.#transactions.values()].filter((t) => !t.nominate);
    for (const transaction of cancelled) this.#forget(transaction);
    this.#log(`NOMINATED ${entry.id} (${why})${cancelled.length > 0 ? `; cancelled ${cancelled.length} check(s) in progress (§8.1.2)` : ''}`);
    this.#resolveCompleted(entry);
  }
}
