/**
 * What the shared UDP port counts. Every datagram received is either routed
 * (by kind) or dropped (by reason), so the two add up to `received`.
 */

/**
 * - `unclassified`: a first byte RFC 7983 §7 gives to nothing we serve (ZRTP, TURN channels, other).
 * - `malformed-stun`: looks like STUN by its first byte, but the header or attributes do not parse.
 * - `stun-without-username`: no USERNAME to route by (a keepalive indication, or a response: we send no requests).
 * - `unknown-ufrag`: USERNAME names no transport's ufrag. Dropped, not answered with a 401:
 *   the port does not confirm to scanners which names exist.
 * - `unknown-source`: DTLS, RTP or RTCP from a tuple no transport validated with ICE.
 */
export type UdpMuxDropReason = 'unclassified' | 'malformed-stun' | 'stun-without-username' | 'unknown-ufrag' | 'unknown-source';

export type RoutedKind = 'stun' | 'dtls' | 'rtp' | 'rtcp';

export interface UdpMuxStats {
  readonly received: number;
  readonly routed: Readonly<Record<RoutedKind, number>>;
  readonly dropped: Readonly<Partial<Record<UdpMuxDropReason, number>>>;
  /** Handlers that threw; each datagram also counts as routed. */
  readonly transportErrors: number;
  readonly sent: number;
  /** Sends the socket reported failed, or that named a socket the mux does not have. */
  readonly sendErrors: number;
  readonly transports: number;
  readonly usernameFragments: number;
  readonly tuples: number;
  /** Tuples that moved from one transport to another (a peer holding two transports' credentials). */
  readonly tupleTakeovers: number;
}

type Counter = 'received' | 'transportErrors' | 'sent' | 'sendErrors';

export class UdpMuxCounters {
  readonly #counters: Record<Counter, number> = { received: 0, transportErrors: 0, sent: 0, sendErrors: 0 };
  readonly #routed: Record<RoutedKind, number> = { stun: 0, dtls: 0, rtp: 0, rtcp: 0 };
  readonly #dropped: Partial<Record<UdpMuxDropReason, number>> = {};

  count(counter: Counter): void {
    this.#counters[counter] += 1;
  }

  routed(kind: RoutedKind): void {
    this.#routed[kind] += 1;
  }

  drop(reason: UdpMuxDropReason): void {
    this.#dropped[reason] = (this.#dropped[reason] ?? 0) + 1;
  }

  snapshot(tables: { transports: number; usernameFragments: number; tuples: number; tupleTakeovers: number }): UdpMuxStats {
    return { ...this.#counters, routed: { ...this.#routed }, dropped: { ...this.#dropped }, ...tables };
  }
}
