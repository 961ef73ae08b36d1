/**
 * The secure path of one WebRTC transport on the shared port: ICE (an
 * IceLiteAgent on the UdpMux), DTLS over the path ICE selected, SRTP/SRTCP
 * with the keys DTLS exported (BUNDLE and rtcp-mux only: one 5-tuple carries
 * everything, RFC 8843, RFC 5761). Above it, the transport sees clear RTP and
 * RTCP in and hands clear RTP and RTCP out.
 *
 * - Traffic is accepted from the first tuple a check authenticates on, before
 *   any USE-CANDIDATE (Chromium starts DTLS and even SRTP then), and only from
 *   validated tuples: the mux drops everything else.
 * - Consent (RFC 7675): the agent goes `disconnected` after consentTimeoutMs
 *   without an authenticated check; `onPeerGone` then tells the owner, which
 *   closes the transport (or, with closeOnConsentExpiry false, waits for the
 *   agent's own close after as long again).
 * - Nothing here throws at the network: SRTP failures and packets before the
 *   keys are dropped and counted.
 */
import type { LocalIdentity } from '../dtls/index.ts';
import type { IceLiteAgent, TransportTuple } from '../ice/index.ts';
import type { DtlsParameters, DtlsState, IceState } from '../sfu/webrtc-transport-parameters.ts';
import { SrtpError } from '../srtp/index.ts';
import type { TimerClock, TimerQueue } from '../timers/index.ts';
import { DtlsSrtpTransport, type DtlsSrtpStats } from './dtls-srtp-transport.ts';
import { IceTransport } from './ice-transport.ts';
import type { TransportCounters } from './transport-counters.ts';
import type { UdpMux } from './udp-mux.ts';

export interface WebRtcConnectionHandlers {
  readonly onIceState: (state: IceState) => void;
  readonly onSelectedTuple: (tuple: TransportTuple) => void;
  readonly onDtlsState: (state: DtlsState, remoteCertificatePem: string | undefined) => void;
  /** Decrypted RTP from the peer. */
  readonly onRtp: (packet: Uint8Array) => void;
  /** Decrypted (compound) RTCP from the peer. */
  readonly onRtcp: (packet: Uint8Array) => void;
  /** Consent expired (or the agent closed): the peer is gone. */
  readonly onPeerGone: (reason: 'consent-expired' | 'ice-closed') => void;
}

export interface WebRtcConnectionOptions {
  readonly mux: UdpMux;
  readonly agent: IceLiteAgent;
  readonly certificate: LocalIdentity;
  readonly timers: TimerQueue;
  readonly clock: TimerClock;
  readonly counters: TransportCounters;
  /** Close at `disconnected` (consentTimeoutMs), rather than when the agent gives up after as long again. Default true. */
  readonly closeOnConsentExpiry?: boolean;
  readonly dtlsHandshakeTimeoutMs?: number;
  readonly handlers: WebRtcConnectionHandlers;
  /** A handler that threw while an ICE or DTLS event was delivered (an emitter would rethrow it on the next tick). */
  readonly onError: (error: unknown) => void;
}

export class WebRtcConnection {
  readonly #ice: IceTransport;
  readonly #dtls: DtlsSrtpTransport;
  readonly #counters: TransportCounters;
  readonly #handlers: WebRtcConnectionHandlers;
  readonly #onError: (error: unknown) => void;
  #closed = false;

  /** Registers on the mux; throws UdpMuxError if the agent's ufrag is taken or the mux closed. */
  constructor(options: WebRtcConnectionOptions) {
    this.#counters = options.counters;
    this.#handlers = options.handlers;
    this.#onError = options.onError;
    const closeOnConsentExpiry = options.closeOnConsentExpiry ?? true;
    this.#dtls = new DtlsSrtpTransport({
      certificate: options.certificate,
      timers: options.timers,
      clock: options.clock,
      send: (datagram) => this.#send(datagram, 'other'),
      onStateChange: (state, pem) => this.#safely(() => this.#handlers.onDtlsState(state, pem)),
      ...(options.dtlsHandshakeTimeoutMs === undefined ? {} : { handshakeTimeoutMs: options.dtlsHandshakeTimeoutMs }),
    });
    this.#ice = new IceTransport(options.mux, options.agent, {
      onDtls: (datagram) => this.#receiveDtls(datagram),
      onRtp: (datagram) => this.#receiveRtp(datagram),
      onRtcp: (datagram) => this.#receiveRtcp(datagram),
    });
    const agent = options.agent;
    agent.on('statechange', (state) =>
      this.#safely(() => {
        if (this.#closed) return;
        this.#handlers.onIceState(state);
        if (state === 'disconnected' && closeOnConsentExpiry) this.#handlers.onPeerGone('consent-expired');
        else if (state === 'closed') this.#handlers.onPeerGone(agent.closeReason === 'consent-expired' ? 'consent-expired' : 'ice-closed');
      }),
    );
    agent.on('selectedtuplechange', (tuple) =>
      this.#safely(() => {
        if (this.#closed || tuple === undefined) return;
        this.#handlers.onSelectedTuple(tuple);
        this.#dtls.setPath(`${tuple.remoteAddress}:${tuple.remotePort}`);
      }),
    );
  }

  get agent(): IceLiteAgent {
    return this.#ice.agent;
  }

  get dtlsState(): DtlsState {
    return this.#dtls.state;
  }

  get dtlsStats(): DtlsSrtpStats {
    return this.#dtls.stats;
  }

  /** Whether SRTP keys exist: media can flow both ways. */
  get secure(): boolean {
    return this.#dtls.sessions !== undefined;
  }

  /** The peer's DTLS role and fingerprints; returns the SFU's role. */
  connect(remote: DtlsParameters): 'client' | 'server' {
    return this.#dtls.connect(remote);
  }

  restartIce(): ReturnType<IceTransport['restart']> {
    return this.#ice.restart();
  }

  /** Protects and sends one RTP packet; false (dropped, counted) without keys or a path. */
  sendRtp(packet: Uint8Array): boolean {
    return this.#protectAndSend(packet, 'rtp');
  }

  /** Protects and sends one (compound) RTCP packet. */
  sendRtcp(packet: Uint8Array): boolean {
    return this.#protectAndSend(packet, 'rtcp');
  }

  /** Forgets the SRTP state of a stream that ended (its replay window and rollover counter). */
  forgetStream(ssrc: number): void {
    this.#dtls.sessions?.inbound.removeStream(ssrc);
    this.#dtls.sessions?.outbound.removeStream(ssrc);
  }

  /** DTLS close_notify, then the ICE agent and the mux registration go. Idempotent; no state events. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#dtls.close();
    this.#ice.close();
  }

  #safely(action: () => void): void {
    try {
      action();
    } catch (error) {
      this.#onError(error);
    }
  }

  #protectAndSend(packet: Uint8Array, kind: 'rtp' | 'rtcp'): boolean {
    const sessions = this.#dtls.sessions;
    if (sessions === undefined) return this.#notSent();
    let protectedPacket: Uint8Array;
    try {
      protectedPacket = kind === 'rtp' ? sessions.outbound.protectRtp(packet) : sessions.outbound.protectRtcp(packet);
    } catch (error) {
      if (!(error instanceof SrtpError)) throw error;
      this.#counters.drop(`send-srtp-${error.code}`);
      return false;
    }
    return this.#send(protectedPacket, kind);
  }

  #send(datagram: Uint8Array, kind: 'rtp' | 'rtcp' | 'other'): boolean {
    if (this.#closed || !this.#ice.send(datagram)) return this.#notSent();
    this.#counters.sent(datagram.length, kind);
    return true;
  }

  #notSent(): false {
    this.#counters.drop('send-not-ready');
    return false;
  }

  #receiveDtls(datagram: Uint8Array): void {
    this.#counters.received(datagram.length);
    this.#dtls.handleDatagram(datagram);
  }

  #receiveRtp(datagram: Uint8Array): void {
    this.#counters.received(datagram.length);
    const clear = this.#unprotect(datagram, 'rtp');
    if (clear !== undefined) this.#handlers.onRtp(clear);
  }

  #receiveRtcp(datagram: Uint8Array): void {
    this.#counters.received(datagram.length);
    const clear = this.#unprotect(datagram, 'rtcp');
    if (clear !== undefined) this.#handlers.onRtcp(clear);
  }

  #unprotect(datagram: Uint8Array, kind: 'rtp' | 'rtcp'): Uint8Array | undefined {
    const sessions = this.#dtls.sessions;
    if (sessions === undefined) {
      this.#counters.drop('srtp-not-ready');
      return undefined;
    }
    try {
      return kind === 'rtp' ? sessions.inbound.unprotectRtp(datagram) : sessions.inbound.unprotectRtcp(datagram);
    } catch (error) {
      if (!(error instanceof SrtpError)) throw error;
      this.#counters.drop(`srtp-${error.code}`);
      return undefined;
    }
  }
}
