/**
 * The contract between the shared UDP port (udp-mux.ts) and the transports
 * behind it. The mux owns the socket and the routing tables; a transport
 * owns its ICE agent and tells the mux, through its registration, which
 * ufrags name it and which 5-tuples it has validated.
 *
 *   mux ──handleStun(datagram, tuple)──► transport     USERNAME starts with one of its ufrags
 *   mux ──handleDtls / handleRtp / handleRtcp──► transport   the tuple is one it validated
 *   transport ──registration.addTuple(tuple)──► mux   a check authenticated on it (ICE)
 *   transport ──registration.send(datagram, tuple)──► mux
 *
 * Handlers run synchronously on the socket's 'message' event and get the
 * datagram as received (they may keep it: dgram gives each message its own
 * buffer). A handler that throws is counted and reported; the mux goes on
 * serving everyone else.
 */
import type { TransportTuple } from '../ice/index.ts';

/** What the mux delivers to a transport, one method per RFC 7983 class it routes. */
export interface MuxedTransport {
  /** A STUN message whose USERNAME names one of this transport's ufrags; from any source. */
  handleStun(datagram: Uint8Array, tuple: TransportTuple): void;
  /** First byte 20..63 (RFC 7983 §7), from a tuple this transport validated. */
  handleDtls(datagram: Uint8Array, tuple: TransportTuple): void;
  /** First byte 128..191 and second byte outside 192..223 (RFC 5761 §4), from a validated tuple. */
  handleRtp(datagram: Uint8Array, tuple: TransportTuple): void;
  /** First byte 128..191 and second byte 192..223, from a validated tuple. */
  handleRtcp(datagram: Uint8Array, tuple: TransportTuple): void;
}

/** What register() gives a transport: its entries in the mux's tables, and a way to send. */
export interface MuxRegistration {
  /** Routes STUN naming `usernameFragment` here too (an ICE restart's new ufrag). UdpMuxError 'UFRAG_IN_USE' if another transport has it. */
  addUsernameFragment(usernameFragment: string): void;
  removeUsernameFragment(usernameFragment: string): void;
  /**
   * Routes DTLS, RTP and RTCP from `tuple` here. A tuple validated by another
   * transport moves here: the last check that authenticated on it decides.
   */
  addTuple(tuple: TransportTuple): void;
  removeTuple(tuple: TransportTuple): void;
  /** Sends from the socket `tuple` names to its remote address. */
  send(datagram: Uint8Array, tuple: TransportTuple): void;
  /** Removes every ufrag and tuple of this transport. Idempotent. */
  close(): void;
}
