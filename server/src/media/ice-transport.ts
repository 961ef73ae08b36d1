/**
 * The ICE layer of one WebRTC transport on the shared port: an IceLiteAgent
 * plugged into the UdpMux. It keeps the mux's tables in step with the agent
 * (the ufrags its checks may name, the tuples it validated), sends the
 * agent's responses, and passes DTLS, RTP and RTCP from validated tuples up
 * to the layers above (DTLS, SRTP), which send back through send().
 *
 *   const ice = new IceTransport(mux, new IceLiteAgent({ timers }), { onDtls: (d, tuple) => dtls.receive(d) });
 *   answer.iceParameters = ice.agent.localParameters; answer.candidates = mux.candidates();
 *   ice.send(record);   // to the selected tuple
 */
import { type IceLiteAgent, type IceParameters, type RemoteIceParameters, type TransportTuple, generateIceParameters } from '../ice/index.ts';
import type { MuxRegistration, MuxedTransport } from './muxed-transport.ts';
import type { UdpMux } from './udp-mux.ts';

/** Where the traffic of validated tuples goes; a missing handler drops that kind. */
export interface IceTransportHandlers {
  readonly onDtls?: (datagram: Uint8Array, tuple: TransportTuple) => void;
  readonly onRtp?: (datagram: Uint8Array, tuple: TransportTuple) => void;
  readonly onRtcp?: (datagram: Uint8Array, tuple: TransportTuple) => void;
}

export class IceTransport implements MuxedTransport {
  readonly agent: IceLiteAgent;
  readonly #registration: MuxRegistration;
  #handlers: IceTransportHandlers;

  /** Registers on `mux` under every ufrag the agent answers to. UdpMuxError if one is taken or the mux is closed. */
  constructor(mux: UdpMux, agent: IceLiteAgent, handlers: IceTransportHandlers = {}) {
    const [first, ...others] = agent.usernameFragments;
    if (first === undefined) throw new TypeError('media: the ICE agent is closed');
    this.agent = agent;
    this.#handlers = handlers;
    this.#registration = mux.register(this, first);
    try {
      others.forEach((usernameFragment) => this.#registration.addUsernameFragment(usernameFragment));
      agent.validatedTuples.forEach((tuple) => this.#registration.addTuple(tuple));
    } catch (error) {
      this.#registration.close();
      throw error;
    }
    agent.on('tupleadd', (tuple) => this.#registration.addTuple(tuple));
    agent.on('tupleremove', (tuple) => this.#registration.removeTuple(tuple));
    agent.on('ufragretire', (usernameFragment) => this.#registration.removeUsernameFragment(usernameFragment));
    agent.on('statechange', (state) => {
      if (state === 'closed') this.#registration.close();
    });
  }

  /** Replaces the handlers, e.g. once the DTLS layer exists. */
  setHandlers(handlers: IceTransportHandlers): void {
    this.#handlers = handlers;
  }

  handleStun(datagram: Uint8Array, tuple: TransportTuple): void {
    const { response } = this.agent.handleStun(datagram, tuple);
    if (response !== undefined) this.#registration.send(response, tuple);
  }

  handleDtls(datagram: Uint8Array, tuple: TransportTuple): void {
    this.#handlers.onDtls?.(datagram, tuple);
  }

  handleRtp(datagram: Uint8Array, tuple: TransportTuple): void {
    this.#handlers.onRtp?.(datagram, tuple);
  }

  handleRtcp(datagram: Uint8Array, tuple: TransportTuple): void {
    this.#handlers.onRtcp?.(datagram, tuple);
  }

  /** Sends to the selected tuple; false, sending nothing, while there is none (before ICE, or after consent expired). */
  send(datagram: Uint8Array): boolean {
    const tuple = this.agent.selectedTuple;
    if (tuple === undefined) return false;
    this.#registration.send(datagram, tuple);
    return true;
  }

  /**
   * ICE restart (RFC 8445 §9): the new ufrag is routed here before the agent
   * takes it, so the first check that uses it already arrives. Returns the new
   * local credentials, for the SDP.
   */
  restart(localParameters?: IceParameters, remoteParameters?: RemoteIceParameters): IceParameters {
    const next = localParameters ?? generateIceParameters();
    if (this.agent.usernameFragments.includes(next.usernameFragment)) {
      throw new TypeError('media: an ICE restart needs a new usernameFragment (RFC 8445 §9)');
    }
    this.#registration.addUsernameFragment(next.usernameFragment);
    try {
      return this.agent.restart(next, remoteParameters);
    } catch (error) {
      this.#registration.removeUsernameFragment(next.usernameFragment);
      throw error;
    }
  }

  /** Closes the agent and leaves the mux. Idempotent. */
  close(): void {
    this.agent.close();
    this.#registration.close();
  }
}
