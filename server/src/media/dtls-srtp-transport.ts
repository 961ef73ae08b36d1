/**
 * The security layer of one WebRTC transport: DTLS 1.2 over the ICE path
 * (RFC 5763, RFC 5764), then SRTP/SRTCP keyed from the DTLS exporter.
 *
 * - Role (RFC 8842 §5, RFC 5763 §5): the opposite of the peer's a=setup;
 *   'auto' (the peer's actpass) makes the SFU the server, so the browser
 *   sends its ClientHello right after its first successful check (fixtures
 *   README, "Ordering") and nothing waits on a round trip of ours.
 * - The peer's certificate must have the fingerprint its SDP announced
 *   (RFC 8122); otherwise the handshake fails (`failed`, FINGERPRINT_MISMATCH).
 * - The handshake starts once both are known: the peer's parameters
 *   (`connect`) and a path (`setPath`, ICE's first validated tuple). A
 *   subscriber's browser may check and send its ClientHello before the
 *   control plane has its answer, so DTLS that arrives before `connect` is
 *   held (a few datagrams) and replayed into the connection.
 * - After `connected`, `inbound` unprotects what the peer sends and
 *   `outbound` protects what the SFU sends (RFC 5764 §4.2: one master key
 *   per direction).
 */
import { type DtlsConnectedInfo, DtlsConnection, type DtlsError, type DtlsStats, type LocalIdentity } from '../dtls/index.ts';
import { type DtlsParameters, type DtlsState, localDtlsRole } from '../sfu/webrtc-transport-parameters.ts';
import { type SrtpSession, createSrtpSession } from '../srtp/index.ts';
import type { TimerClock, TimerQueue } from '../timers/index.ts';
import { toPem } from '../x509/index.ts';

export interface DtlsSrtpTransportOptions {
  readonly certificate: LocalIdentity;
  readonly timers: TimerQueue;
  /** The clock `timers` runs on. */
  readonly clock: TimerClock;
  /** Sends a DTLS datagram to the peer (the ICE selected tuple). */
  readonly send: (datagram: Uint8Array) => void;
  readonly onStateChange: (state: DtlsState, remoteCertificatePem: string | undefined) => void;
  /** DTLS datagrams held while the peer's parameters are unknown. Default 8 (a ClientHello is at most 2, resent each second). */
  readonly maxEarlyDatagrams?: number;
  /** For tests: the DTLS handshake timers. */
  readonly handshakeTimeoutMs?: number;
}

export interface SrtpSessions {
  /** Keyed with the peer's write key: unprotects what it sends. */
  readonly inbound: SrtpSession;
  /** Keyed with ours: protects what the SFU sends. */
  readonly outbound: SrtpSession;
}

export interface DtlsSrtpStats {
  readonly state: DtlsState;
  readonly role: 'client' | 'server' | undefined;
  /** Why the handshake failed (a DtlsError code). */
  readonly failure: string | undefined;
  readonly srtpProfile: string | undefined;
  readonly earlyDatagramsHeld: number;
  readonly earlyDatagramsDropped: number;
  readonly dtls: DtlsStats | undefined;
}

/** RFC 8842 §5.3: the ends take opposite roles; with the peer's 'actpass' the SFU is the server (one rule, the API's). */
export const localDtlsRoleFor = localDtlsRole;

/** The a=fingerprint to check the peer's certificate against: sha-256 if given (what browsers send), else the first. */
export function expectedFingerprint(remote: DtlsParameters): string {
  const chosen = remote.fingerprints.find((fingerprint) => fingerprint.algorithm === 'sha-256') ?? remote.fingerprints[0];
  if (chosen === undefined) throw new TypeError('dtlsParameters.fingerprints must not be empty');
  return `${chosen.algorithm} ${chosen.value}`;
}

export class DtlsSrtpTransport {
  readonly #options: DtlsSrtpTransportOptions;
  readonly #maxEarly: number;
  #role: 'client' | 'server' | undefined;
  #remoteFingerprint: string | undefined;
  #peerAddress: string | undefined;
  #connection: DtlsConnection | undefined;
  #sessions: SrtpSessions | undefined;
  #state: DtlsState = 'new';
  #failure: string | undefined;
  #srtpProfile: string | undefined;
  readonly #early: Uint8Array[] = [];
  #earlyDropped = 0;
  #closed = false;

  constructor(options: DtlsSrtpTransportOptions) {
    this.#options = options;
    this.#maxEarly = options.maxEarlyDatagrams ?? 8;
  }

  get state(): DtlsState {
    return this.#state;
  }

  get role(): 'client' | 'server' | undefined {
    return this.#role;
  }

  /** Set once the handshake completed; undefined before, and after a failure or close. */
  get sessions(): SrtpSessions | undefined {
    return this.#sessions;
  }

  get stats(): DtlsSrtpStats {
    return {
      state: this.#state,
      role: this.#role,
      failure: this.#failure,
      srtpProfile: this.#srtpProfile,
      earlyDatagramsHeld: this.#early.length,
      earlyDatagramsDropped: this.#earlyDropped,
      dtls: this.#connection?.stats,
    };
  }

  /** The peer's role and fingerprints (from its SDP); returns ours. Once per transport. */
  connect(remote: DtlsParameters): 'client' | 'server' {
    if (this.#closed) throw new Error('media: the transport is closed');
    if (this.#role !== undefined) throw new Error('media: transport.connect() was already called');
    const fingerprint = expectedFingerprint(remote);
    this.#role = localDtlsRoleFor(remote.role);
    this.#remoteFingerprint = fingerprint;
    this.#maybeStart();
    return this.#role;
  }

  /** ICE has a usable path to the peer ('address:port', bound into the server's cookies). */
  setPath(peerAddress: string): void {
    this.#peerAddress ??= peerAddress;
    this.#maybeStart();
  }

  /** A DTLS datagram from the peer's validated tuple. Never throws. */
  handleDatagram(datagram: Uint8Array): void {
    if (this.#closed) return;
    if (this.#connection !== undefined) {
      this.#connection.handleDatagram(datagram);
      return;
    }
    if (this.#early.length >= this.#maxEarly) {
      this.#earlyDropped += 1;
      return;
    }
    this.#early.push(datagram);
  }

  /** Sends close_notify if connected, forgets the keys. No state event: the caller reports the close. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#early.length = 0;
    this.#sessions = undefined;
    const connection = this.#connection;
    this.#connection = undefined;
    connection?.close();
    this.#state = 'closed';
  }

  #maybeStart(): void {
    if (this.#connection !== undefined || this.#closed || this.#role === undefined || this.#peerAddress === undefined) return;
    let connection: DtlsConnection;
    try {
      connection = new DtlsConnection({
        role: this.#role,
        certificate: this.#options.certificate,
        remoteFingerprint: this.#remoteFingerprint,
        peerAddress: this.#peerAddress,
        send: (datagram) => this.#options.send(datagram),
        timers: this.#options.timers,
        clock: this.#options.clock,
        ...(this.#options.handshakeTimeoutMs === undefined ? {} : { handshakeTimeoutMs: this.#options.handshakeTimeoutMs }),
      });
    } catch (error) {
      this.#fail(error instanceof Error ? error.message : String(error));
      return;
    }
    this.#connection = connection;
    connection.on('connected', (info) => this.#connected(connection, info));
    connection.on('failed', (error: DtlsError) => this.#fail(error.code));
    connection.on('closed', () => {
      if (this.#closed) return;
      this.#sessions = undefined;
      this.#setState('closed', undefined);
    });
    this.#setState('connecting', undefined);
    connection.start();
    for (const datagram of this.#early.splice(0)) {
      if (this.#connection === connection) connection.handleDatagram(datagram);
    }
  }

  #connected(connection: DtlsConnection, info: DtlsConnectedInfo): void {
    if (this.#closed) return;
    try {
      const { profile, local, remote } = connection.srtpKeyingMaterial();
      this.#sessions = {
        inbound: createSrtpSession({ profile, ...remote }),
        outbound: createSrtpSession({ profile, ...local }),
      };
      this.#srtpProfile = profile.name;
    } catch (error) {
      // No SRTP profile in common: the peer cannot carry media on this transport.
      connection.close();
      this.#fail(`NO_SRTP_PROFILE: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.#setState('connected', toPem(info.remoteCertificate, 'CERTIFICATE'));
  }

  #fail(reason: string): void {
    if (this.#closed || this.#state === 'failed') return;
    this.#failure = reason;
    this.#sessions = undefined;
    this.#setState('failed', undefined);
  }

  #setState(state: DtlsState, remoteCertificatePem: string | undefined): void {
    if (this.#state === state) return;
    this.#state = state;
    this.#options.onStateChange(state, remoteCertificatePem);
  }
}
