/**
 * One DTLS 1.2 association as WebRTC uses it (RFC 6347, RFC 5763, RFC 5764):
 * either role, mutual ECDSA authentication checked against the SDP
 * fingerprints, SRTP keys from the exporter, application data for SCTP.
 *
 *   const dtls = new DtlsConnection({ role: 'server', certificate, remoteFingerprint,
 *                                     peerAddress: '192.0.2.1:50000', send: (d) => socket.send(d, port, host) });
 *   dtls.on('connected', (info) => startSrtp(dtls.srtpKeyingMaterial()));
 *   dtls.on('data', (sctpPacket) => sctp.handle(sctpPacket));
 *   dtls.on('failed', (error) => log.warn(error.code));
 *   dtls.start();
 *   socket.on('message', (datagram) => dtls.handleDatagram(datagram));   // never throws
 *
 * The connection owns the record layer (record-layer.ts), the reassembler, the
 * flight timer (fsm.ts) and the events; the protocol decisions of each role live
 * in flights/client-handshake.ts and flights/server-handshake.ts. What arrives
 * goes record by record, so keys a handshake message arms apply to the very next
 * record of the same datagram (Chromium sends CCS and its epoch-1 Finished together).
 */
import { DTLS_SRTP_EXPORTER_LABEL, type SrtpKeyingMaterial, type SrtpProfile, splitKeyingMaterial, srtpKeyingMaterialLength, srtpProfileById } from '../srtp/index.ts';
import type { TimerHandle } from '../timers/index.ts';
import { TypedEmitter } from '../common/typed-emitter.ts';
import { type ResolvedOptions, type DtlsConnectionOptions, SHRINK_AFTER_TIMEOUTS, resolveOptions } from './connection-options.ts';
import type { CipherSuite } from './crypto/cipher-suite.ts';
import { NamedGroup } from './crypto/ecdhe.ts';
import { exportKeyingMaterial } from './crypto/exporter.ts';
import { DtlsError, type DtlsErrorCode } from './errors.ts';
import { ClientHandshake } from './flights/client-handshake.ts';
import { type Flight, flightDatagrams, recordVersionFor } from './flights/flight.ts';
import type { HandshakeIo, HandshakeResult } from './flights/handshake-io.ts';
import { sdpFingerprint } from './flights/peer-certificate.ts';
import { ServerHandshake } from './flights/server-handshake.ts';
import { FlightTransmitter } from './fsm.ts';
import { type Alert, AlertLevel, fatalAlert, parseAlert, serializeAlert } from './messages/alert.ts';
import { AlertDescription, alertDescriptionName } from './messages/alert-description.ts';
import { parseChangeCipherSpec } from './messages/change-cipher-spec.ts';
import { type HandshakeFragment, type HandshakeMessage, parseHandshakeFragments, serializeHandshakeMessage } from './messages/handshake-header.ts';
import { HandshakeType } from './messages/handshake-type.ts';
import { HandshakeReassembler } from './messages/reassembler.ts';
import { ProtocolVersion } from './protocol-version.ts';
import { RecordLayer } from './record-layer.ts';
import { ContentType } from './record/content-type.ts';
import { type DtlsRecord, MAX_PLAINTEXT_LENGTH, parseRecord } from './record/record.ts';
import { type DropReason, type DtlsStats, emptyDropCounters } from './stats.ts';

export type { DtlsConnectionOptions } from './connection-options.ts';

export type DtlsConnectionState = 'new' | 'connecting' | 'connected' | 'closed' | 'failed';

export interface DtlsConnectedInfo {
  readonly role: 'client' | 'server';
  readonly cipherSuite: CipherSuite['name'];
  /** The negotiated use_srtp profile, or undefined when SRTP was not offered. */
  readonly srtpProfile: SrtpProfile | undefined;
  /** The peer's certificate (DER). */
  readonly remoteCertificate: Buffer;
  /** Its fingerprint in SDP form, 'sha-256 AB:CD:…' (the algorithm of remoteFingerprint, if one was given). */
  readonly remoteFingerprint: string;
  readonly extendedMasterSecret: boolean;
  /** The ECDHE group, 'x25519' or 'secp256r1'. */
  readonly group: string;
}

export interface DtlsConnectionEvents {
  connected: [info: DtlsConnectedInfo];
  /** One application_data record (an SCTP packet, in WebRTC). */
  data: [data: Buffer];
  /** The handshake failed, or a fatal alert ended the connection. */
  failed: [error: DtlsError];
  /** close_notify received, or close() called. */
  closed: [];
}

/** RFC 5705 §4: labels the TLS key schedule uses itself must not be exported. */
const RESERVED_EXPORTER_LABELS = new Set(['client finished', 'server finished', 'master secret', 'extended master secret', 'key expansion']);
/** Errors whose alert would reach nobody, or that answer the peer's own alert. */
const SILENT_FAILURES = new Set<DtlsErrorCode>(['RETRANSMISSION_LIMIT', 'HANDSHAKE_TIMEOUT', 'FATAL_ALERT_RECEIVED', 'SEQUENCE_NUMBER_EXHAUSTED']);
/** Application data that overtakes the peer's Finished (lost CCS, reordering) waits for it, this much of it. */
const MAX_EARLY_DATA_RECORDS = 16;
/** Renegotiation attempts answered with no_renegotiation before we stop answering. */
const MAX_REFUSED_RENEGOTIATIONS = 8;

export class DtlsConnection extends TypedEmitter<DtlsConnectionEvents> {
  readonly role: 'client' | 'server';
  readonly #options: ResolvedOptions;
  readonly #records = new RecordLayer();
  readonly #reassembler = new HandshakeReassembler();
  readonly #transmitter: FlightTransmitter;
  readonly #handshake: ClientHandshake | ServerHandshake;
  #state: DtlsConnectionState = 'new';
  #result: HandshakeResult | undefined;
  #handshakeTimer: TimerHandle | undefined;
  /** message_seq of the first message of the peer flight we wait for: anything older that arrives again is a retransmission. */
  #peerFlightStart = 0;
  /** Set while a datagram is processed: it repeated the peer's previous flight. */
  #sawPeerRetransmission = false;
  readonly #earlyData: Buffer[] = [];
  readonly #refusedRenegotiations = new Set<number>();
  readonly #counts = { datagramsReceived: 0, datagramsSent: 0, recordsReceived: 0 };
  readonly #dropped = emptyDropCounters();

  constructor(options: DtlsConnectionOptions) {
    super();
    this.#options = resolveOptions(options);
    this.role = this.#options.role;
    this.#transmitter = new FlightTransmitter({
      timers: this.#options.timers,
      clock: this.#options.clock,
      policy: this.#options.retransmission,
      transmit: (flight, timeouts) => this.#transmit(flight, timeouts),
      giveUp: () => this.#fail(new DtlsError('RETRANSMISSION_LIMIT', `dtls: no answer after ${this.#options.retransmission.maxRetransmissions} retransmissions`)),
    });
    const io = this.#handshakeIo();
    this.#handshake = this.role === 'client' ? new ClientHandshake(io, this.#options.handshake) : new ServerHandshake(io, this.#options.handshake);
  }

  get state(): DtlsConnectionState {
    return this.#state;
  }

  get stats(): DtlsStats {
    return { ...this.#counts, retransmissions: this.#transmitter.retransmissions, dropped: { ...this.#dropped } };
  }

  /** Client: sends flight 1. Server: starts waiting for a ClientHello. Both start the handshake timeout. */
  start(): void {
    if (this.#state !== 'new') return;
    this.#state = 'connecting';
    this.#handshakeTimer = this.#options.timers.arm(this.#options.handshakeTimeoutMs, () =>
      this.#fail(new DtlsError('HANDSHAKE_TIMEOUT', `dtls: the handshake took longer than ${this.#options.handshakeTimeoutMs} ms`)),
    );
    if (this.#handshake instanceof ClientHandshake) this.#guard(() => (this.#handshake as ClientHandshake).start());
  }

  /** One UDP datagram from the peer. Never throws: bad records are dropped and counted, a bad handshake fails the connection. */
  handleDatagram(datagram: Uint8Array): void {
    this.#counts.datagramsReceived++;
    if (!this.#active) return this.#drop('inactive');
    if (datagram.length === 0) return this.#drop('malformed');
    this.#sawPeerRetransmission = false;
    this.#guard(() => {
      for (let offset = 0; offset < datagram.length && this.#active; ) {
        let parsed: { value: DtlsRecord; bytesRead: number };
        try {
          parsed = parseRecord(datagram, offset);
        } catch (error) {
          if (!(error instanceof DtlsError)) throw error;
          // RFC 6347 §4.1.2.7: drop the invalid record; with its length unknown, the rest of the datagram goes too.
          this.#drop('malformed');
          break;
        }
        offset += parsed.bytesRead;
        this.#counts.recordsReceived++;
        this.#handleRecord(parsed.value);
      }
      if (this.#sawPeerRetransmission && this.#active) this.#transmitter.peerRetransmitted();
    });
  }

  /** Sends application data (after 'connected'), in records of at most 2^14 bytes. */
  send(data: Uint8Array): void {
    if (this.#state !== 'connected') throw new Error(`dtls: send() needs a connected DtlsConnection, this one is ${this.#state}`);
    const datagrams: Uint8Array[] = [];
    this.#guard(() => {
      for (let offset = 0; offset < data.length || offset === 0; offset += MAX_PLAINTEXT_LENGTH) {
        const chunk = data.subarray(offset, offset + MAX_PLAINTEXT_LENGTH);
        datagrams.push(this.#records.seal(this.#records.writeEpoch, ContentType.ApplicationData, ProtocolVersion.DTLS_1_2, chunk));
      }
    });
    if (this.#state === 'connected') this.#sendDatagrams(datagrams);
  }

  /** RFC 5705 keying material from the negotiated master secret. Throws before the handshake has completed. */
  exportKeyingMaterial(label: string, length: number, context?: Uint8Array): Buffer {
    const result = this.#requireResult('exportKeyingMaterial');
    if (RESERVED_EXPORTER_LABELS.has(label)) throw new RangeError(`dtls: exporter label ${JSON.stringify(label)} is reserved (RFC 5705 §4)`);
    if (!Number.isInteger(length) || length < 1) throw new RangeError(`dtls: exporter length must be a positive integer, got ${length}`);
    const { suite, masterSecret, clientRandom, serverRandom } = result;
    return Buffer.from(exportKeyingMaterial({ hash: suite.prfHash, masterSecret, label, clientRandom, serverRandom, length, ...(context === undefined ? {} : { context }) }));
  }

  /** The SRTP master keys and salts of the negotiated profile (RFC 5764 §4.2), split for our role. */
  srtpKeyingMaterial(): SrtpKeyingMaterial & { readonly profile: SrtpProfile } {
    const result = this.#requireResult('srtpKeyingMaterial');
    const profile = result.srtpProfileId === undefined ? undefined : srtpProfileById(result.srtpProfileId);
    if (profile === undefined) throw new Error('dtls: no SRTP profile was negotiated');
    const material = this.exportKeyingMaterial(DTLS_SRTP_EXPORTER_LABEL, srtpKeyingMaterialLength(profile));
    return { profile, ...splitKeyingMaterial({ profile, material, role: this.role }) };
  }

  /** Sends close_notify (RFC 5246 §7.2.1) if the handshake started, stops the timers, emits 'closed'. */
  close(): void {
    if (this.#state === 'closed' || this.#state === 'failed') return;
    if (this.#active) this.#trySendAlert({ level: AlertLevel.Warning, description: AlertDescription.close_notify });
    this.#end('closed');
    this.safeEmit('closed');
  }

  get #active(): boolean {
    return this.#state === 'connecting' || this.#state === 'connected';
  }

  #handshakeIo(): HandshakeIo {
    const records = this.#records;
    return {
      sendFlight: (flight, options) => {
        if (!this.#active) return;
        this.#peerFlightStart = this.#reassembler.nextMessageSeq;
        this.#transmitter.send(flight, options);
      },
      sendHelloVerifyRequest: (message, recordSequenceNumber) => {
        const record = records.seal(0, ContentType.Handshake, recordVersionFor(message.msgType), serializeHandshakeMessage(message), recordSequenceNumber);
        this.#sendDatagrams([record]);
      },
      expectChangeCipherSpec: (keys) => records.expectNextReadEpoch(keys),
      startWriteEpoch: (keys) => records.startWriteEpoch(keys),
      get readEpoch() {
        return records.readEpoch;
      },
      masterSecretReady: (clientRandom, masterSecret) => this.#options.keyLog?.(`CLIENT_RANDOM ${hex(clientRandom)} ${hex(masterSecret)}`),
      drop: (reason) => this.#drop(reason),
      complete: (result) => this.#complete(result),
    };
  }

  #handleRecord(record: DtlsRecord): void {
    const opened = this.#records.open(record);
    if (opened.kind === 'dropped') return this.#drop(opened.reason);
    if (opened.kind === 'buffered') return;
    const stale = opened.kind === 'previous';
    switch (record.contentType) {
      case ContentType.Handshake:
        return this.#handleHandshakeRecord(record, opened.plaintext, stale);
      case ContentType.ChangeCipherSpec:
        return this.#handleChangeCipherSpec(opened.plaintext, stale);
      case ContentType.Alert:
        return stale ? this.#drop('unexpectedRecord') : this.#handleAlert(opened.plaintext);
      default:
        return this.#handleApplicationData(record.epoch, opened.plaintext, stale);
    }
  }

  #handleHandshakeRecord(record: DtlsRecord, plaintext: Uint8Array, stale: boolean): void {
    let fragments: HandshakeFragment[];
    try {
      fragments = parseHandshakeFragments(plaintext);
    } catch (error) {
      if (error instanceof DtlsError) return this.#drop('malformedHandshake');
      throw error;
    }
    for (const fragment of fragments) {
      if (!this.#active) return;
      // A Finished only ever travels under the new keys (RFC 5246 §7.4.9): one in the clear is forged or misplaced.
      if (record.epoch === 0 && fragment.msgType === HandshakeType.finished) this.#drop('unexpectedRecord');
      else if (stale || this.#state === 'connected') this.#handleLateFragment(fragment, stale);
      else this.#handleHandshakeFragment(fragment, record.sequenceNumber);
    }
  }

  /** During the handshake: reassemble, and hand complete messages to the role in message_seq order. */
  #handleHandshakeFragment(fragment: HandshakeFragment, recordSequenceNumber: number): void {
    if (this.#handshake instanceof ServerHandshake && this.#handshake.awaitingClientHello) {
      // Stateless until the cookie checks out: any ClientHello may (re)start the exchange, at its own message_seq.
      if (fragment.msgType !== HandshakeType.client_hello) return this.#drop('unexpectedRecord');
      if (fragment.messageSeq !== this.#reassembler.nextMessageSeq) this.#reassembler.reset(fragment.messageSeq);
    }
    let pushed: string;
    try {
      pushed = this.#reassembler.push(fragment);
    } catch (error) {
      if (error instanceof DtlsError) return this.#drop('malformedHandshake');
      throw error;
    }
    if (pushed === 'old' && fragment.messageSeq < this.#peerFlightStart) this.#sawPeerRetransmission = true;
    if (pushed === 'dropped') this.#drop('malformedHandshake');
    while (this.#state === 'connecting') {
      const message = this.#reassembler.pop();
      if (message === undefined) break;
      this.#deliver(message, recordSequenceNumber);
    }
  }

  #deliver(message: HandshakeMessage, recordSequenceNumber: number): void {
    if (this.#handshake instanceof ServerHandshake) this.#handshake.handleMessage(message, recordSequenceNumber);
    else this.#handshake.handleMessage(message);
  }

  /**
   * After the handshake, or from an older epoch: a repeat of the peer's previous
   * flight makes us resend our last one (RFC 6347 §4.2.4); an attempt to
   * renegotiate gets a no_renegotiation warning (RFC 5246 §7.2.2); the rest is dropped.
   */
  #handleLateFragment(fragment: HandshakeFragment, stale: boolean): void {
    const renegotiation = this.role === 'client' ? HandshakeType.hello_request : HandshakeType.client_hello;
    if (!stale && fragment.msgType === renegotiation) return this.#refuseRenegotiation(fragment.messageSeq);
    if (fragment.messageSeq < this.#peerFlightStart) {
      this.#sawPeerRetransmission = true;
      return;
    }
    this.#drop(stale ? 'staleHandshake' : 'unexpectedRecord');
  }

  #refuseRenegotiation(messageSeq: number): void {
    if (this.#refusedRenegotiations.has(messageSeq) || this.#refusedRenegotiations.size >= MAX_REFUSED_RENEGOTIATIONS) return this.#drop('unexpectedRecord');
    this.#refusedRenegotiations.add(messageSeq);
    this.#sendAlert({ level: AlertLevel.Warning, description: AlertDescription.no_renegotiation });
  }

  #handleChangeCipherSpec(plaintext: Uint8Array, stale: boolean): void {
    if (stale || this.#state !== 'connecting') return this.#drop('unexpectedRecord');
    try {
      parseChangeCipherSpec(plaintext);
    } catch (error) {
      if (error instanceof DtlsError) return this.#drop('malformed');
      throw error;
    }
    if (!this.#records.switchReadEpoch()) return this.#drop('earlyChangeCipherSpec');
    for (const record of this.#records.takeEarlyRecords()) {
      if (!this.#active) return;
      this.#handleRecord(record);
    }
  }

  #handleAlert(plaintext: Uint8Array): void {
    let alert: Alert;
    try {
      alert = parseAlert(plaintext);
    } catch (error) {
      if (error instanceof DtlsError) return this.#drop('malformed');
      throw error;
    }
    if (alert.description === AlertDescription.close_notify) {
      // RFC 5246 §7.2.1: answer with a close_notify of our own and close at once.
      this.#trySendAlert({ level: AlertLevel.Warning, description: AlertDescription.close_notify });
      this.#end('closed');
      this.safeEmit('closed');
    } else if (alert.level === AlertLevel.Fatal) {
      const name = alertDescriptionName(alert.description);
      this.#fail(new DtlsError('FATAL_ALERT_RECEIVED', `dtls: the peer sent a fatal ${name} alert`, { receivedAlert: alert.description }));
    }
    // Other warnings (no_renegotiation, user_canceled…) change nothing.
  }

  #handleApplicationData(epoch: number, plaintext: Uint8Array, stale: boolean): void {
    // RFC 5246 §6.2: application data is never sent unprotected.
    if (stale || epoch === 0) return this.#drop('unexpectedRecord');
    const data = Buffer.from(plaintext.buffer, plaintext.byteOffset, plaintext.byteLength);
    if (this.#state === 'connected') this.safeEmit('data', data);
    else if (this.#earlyData.length < MAX_EARLY_DATA_RECORDS) this.#earlyData.push(data);
    else this.#drop('earlyRecordsFull');
  }

  #complete(result: HandshakeResult): void {
    if (this.#state !== 'connecting') return;
    this.#result = result;
    // The server keeps its last flight to answer a repeat of the client's (RFC 6347 §4.2.4); the client is done.
    if (this.role === 'client') this.#transmitter.finish();
    this.#cancelHandshakeTimer();
    this.#state = 'connected';
    this.safeEmit('connected', this.#connectedInfo(result));
    for (const data of this.#earlyData.splice(0)) {
      if (this.#state === 'connected') this.safeEmit('data', data);
    }
  }

  #connectedInfo(result: HandshakeResult): DtlsConnectedInfo {
    return {
      role: this.role,
      cipherSuite: result.suite.name,
      srtpProfile: result.srtpProfileId === undefined ? undefined : srtpProfileById(result.srtpProfileId),
      remoteCertificate: Buffer.from(result.peerCertificate),
      remoteFingerprint: sdpFingerprint(result.peerCertificate, this.#options.remoteFingerprint?.algorithm),
      extendedMasterSecret: result.extendedMasterSecret,
      group: Object.entries(NamedGroup).find(([, id]) => id === result.group)?.[0] ?? `0x${result.group.toString(16)}`,
    };
  }

  #transmit(flight: Flight, timeouts: number): void {
    const mtu = timeouts >= SHRINK_AFTER_TIMEOUTS ? this.#options.fallbackMtu : this.#options.mtu;
    this.#guard(() => this.#sendDatagrams(flightDatagrams(flight, this.#records, mtu)));
  }

  #sendAlert(alert: Alert): void {
    this.#sendDatagrams([this.#records.seal(this.#records.writeEpoch, ContentType.Alert, ProtocolVersion.DTLS_1_2, serializeAlert(alert))]);
  }

  /** An alert on the way out of a connection: if it cannot be sent, there is nothing more to do about it. */
  #trySendAlert(alert: Alert): void {
    try {
      this.#sendAlert(alert);
    } catch {
      // The connection ends either way.
    }
  }

  #sendDatagrams(datagrams: readonly Uint8Array[]): void {
    for (const datagram of datagrams) {
      this.#counts.datagramsSent++;
      this.#options.send(Buffer.from(datagram.buffer, datagram.byteOffset, datagram.byteLength));
    }
  }

  /** Runs `action`; a DtlsError fails the connection with its alert, anything else with internal_error. */
  #guard(action: () => void): void {
    try {
      action();
    } catch (error) {
      this.#fail(error instanceof DtlsError ? error : new DtlsError('INTERNAL_ERROR', `dtls: ${String(error)}`, { cause: error }));
    }
  }

  #fail(error: DtlsError): void {
    if (!this.#active) return;
    if (!SILENT_FAILURES.has(error.code)) this.#trySendAlert(fatalAlert(error.alertDescription));
    this.#end('failed');
    this.safeEmit('failed', error);
  }

  #end(state: 'closed' | 'failed'): void {
    this.#state = state;
    this.#transmitter.stop();
    this.#cancelHandshakeTimer();
    this.#earlyData.length = 0;
    if (this.#options.ownsTimers) this.#options.timers.close();
  }

  #cancelHandshakeTimer(): void {
    if (this.#handshakeTimer !== undefined) this.#options.timers.cancel(this.#handshakeTimer);
    this.#handshakeTimer = undefined;
  }

  #drop(reason: DropReason): void {
    this.#dropped[reason]++;
  }

  #requireResult(what: string): HandshakeResult {
    if (this.#result === undefined) throw new Error(`dtls: ${what}() needs a completed handshake, this connection is ${this.#state}`);
    return this.#result;
  }
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
