/**
 * The two tables the shared port routes by: ufrag → transport for STUN, and
 * 5-tuple → transport for everything else. Transports edit their own rows
 * through the MuxRegistration they get from register(); nobody else does.
 */
import { type TransportTuple, tupleKey } from '../ice/index.ts';
import { UdpMuxError } from './udp-mux-errors.ts';
import type { MuxRegistration, MuxedTransport } from './muxed-transport.ts';

type Send = (datagram: Uint8Array, tuple: TransportTuple) => void;

class Registration implements MuxRegistration {
  readonly transport: MuxedTransport;
  readonly usernameFragments = new Set<string>();
  readonly tupleKeys = new Set<string>();
  readonly #table: RoutingTable;
  readonly #send: Send;
  closed = false;

  constructor(table: RoutingTable, transport: MuxedTransport, send: Send) {
    this.#table = table;
    this.transport = transport;
    this.#send = send;
  }

  addUsernameFragment(usernameFragment: string): void {
    this.#table.claimUsernameFragment(this, usernameFragment);
  }

  removeUsernameFragment(usernameFragment: string): void {
    this.#table.releaseUsernameFragment(this, usernameFragment);
  }

  addTuple(tuple: TransportTuple): void {
    this.#table.claimTuple(this, tupleKey(tuple));
  }

  removeTuple(tuple: TransportTuple): void {
    this.#table.releaseTuple(this, tupleKey(tuple));
  }

  send(datagram: Uint8Array, tuple: TransportTuple): void {
    this.#send(datagram, tuple);
  }

  close(): void {
    this.closed = true;
    this.#table.forget(this);
  }
}

export class RoutingTable {
  readonly #byUsernameFragment = new Map<string, Registration>();
  readonly #byTuple = new Map<string, Registration>();
  readonly #registrations = new Set<Registration>();
  #tupleTakeovers = 0;
  #closed = false;

  get sizes(): { transports: number; usernameFragments: number; tuples: number; tupleTakeovers: number } {
    return {
      transports: this.#registrations.size,
      usernameFragments: this.#byUsernameFragment.size,
      tuples: this.#byTuple.size,
      tupleTakeovers: this.#tupleTakeovers,
    };
  }

  register(transport: MuxedTransport, usernameFragment: string, send: Send): MuxRegistration {
    const registration = new Registration(this, transport, send);
    this.claimUsernameFragment(registration, usernameFragment);
    this.#registrations.add(registration);
    return registration;
  }

  /** The transport whose ufrag starts `username` (RFC 8445 §7.2.2: "<receiver's ufrag>:<sender's ufrag>"). */
  byUsername(username: string): MuxedTransport | undefined {
    const colon = username.indexOf(':');
    return this.#byUsernameFragment.get(colon < 0 ? username : username.slice(0, colon))?.transport;
  }

  byTuple(tuple: TransportTuple): MuxedTransport | undefined {
    return this.#byTuple.get(tupleKey(tuple))?.transport;
  }

  /** Forgets every row; registering or adding rows then throws UdpMuxError 'CLOSED'. */
  close(): void {
    this.#closed = true;
    for (const registration of [...this.#registrations]) this.forget(registration);
  }

  claimUsernameFragment(registration: Registration, usernameFragment: string): void {
    this.#checkOpen(registration);
    const owner = this.#byUsernameFragment.get(usernameFragment);
    if (owner !== undefined && owner !== registration) {
      throw new UdpMuxError('UFRAG_IN_USE', `media: ufrag ${usernameFragment} already names another transport`);
    }
    this.#byUsernameFragment.set(usernameFragment, registration);
    registration.usernameFragments.add(usernameFragment);
  }

  releaseUsernameFragment(registration: Registration, usernameFragment: string): void {
    if (this.#byUsernameFragment.get(usernameFragment) === registration) this.#byUsernameFragment.delete(usernameFragment);
    registration.usernameFragments.delete(usernameFragment);
  }

  /** The last transport whose check authenticated on a tuple gets its traffic. */
  claimTuple(registration: Registration, key: string): void {
    this.#checkOpen(registration);
    const owner = this.#byTuple.get(key);
    if (owner !== undefined && owner !== registration) {
      owner.tupleKeys.delete(key);
      this.#tupleTakeovers += 1;
    }
    this.#byTuple.set(key, registration);
    registration.tupleKeys.add(key);
  }

  releaseTuple(registration: Registration, key: string): void {
    if (this.#byTuple.get(key) === registration) this.#byTuple.delete(key);
    registration.tupleKeys.delete(key);
  }

  forget(registration: Registration): void {
    for (const usernameFragment of [...registration.usernameFragments]) this.releaseUsernameFragment(registration, usernameFragment);
    for (const key of [...registration.tupleKeys]) this.releaseTuple(registration, key);
    this.#registrations.delete(registration);
  }

  #checkOpen(registration: Registration): void {
    if (this.#closed) throw new UdpMuxError('CLOSED', 'media: the UDP mux is closed');
    if (registration.closed) throw new UdpMuxError('CLOSED', 'media: this transport left the UDP mux');
  }
}
