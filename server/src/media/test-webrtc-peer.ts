/**
 * Test-only: a WebRTC endpoint built from the project's own production
 * pieces, standing in for a browser in the media-plane tests. On one UDP
 * socket on loopback it is a controlling full ICE agent (Binding requests
 * from server/src/stun, signed with the SFU's ice-pwd), a DTLS client or
 * server (DtlsConnection), and an SRTP endpoint (srtp sessions from the
 * DTLS exporter). What it receives is decrypted, parsed and queued.
 */
import dgram from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { classifyDatagram } from '../demux/index.ts';
import { DtlsConnection } from '../dtls/index.ts';
import { candidatePriority } from '../ice/index.ts';
import { type RtcpPacket, parseRtcp, serializeRtcp } from '../rtcp/index.ts';
import { type RtpPacket, parseRtpPacket, serializeRtpPacket } from '../rtp/index.ts';
import type { DtlsParameters, IceCandidate, IceParameters } from '../sfu/webrtc-transport-parameters.ts';
import { type SrtpSession, createSrtpSession } from '../srtp/index.ts';
import { bindingRequest, findAttribute, parseStunMessage, serializeStunMessage, shortTermKey } from '../stun/index.ts';
import { type LocalCertificate, generateCertificate } from '../x509/index.ts';

/** What the peer learns from the SFU's side of the signaling. */
export interface RemoteTransport {
  readonly iceParameters: IceParameters;
  readonly iceCandidates: readonly IceCandidate[];
  readonly dtlsParameters: DtlsParameters;
}

export interface CheckOptions {
  readonly useCandidate?: boolean;
  /** Sign with this instead of the SFU's ice-pwd. */
  readonly password?: string;
  readonly timeoutMs?: number;
}

type Waiter<T> = { readonly accept: (item: T) => boolean; readonly resolve: (item: T) => void };

export class TestWebRtcPeer {
  readonly certificate: LocalCertificate;
  readonly usernameFragment = randomBytes(6).toString('base64');
  readonly tieBreaker = randomBytes(8).readBigUInt64BE();
  readonly rtp: RtpPacket[] = [];
  readonly rtcp: RtcpPacket[] = [];
  /** Datagrams that could not be unprotected or parsed. */
  readonly undecodable: Uint8Array[] = [];
  readonly #socket: dgram.Socket;
  readonly #stunWaiters = new Map<string, (response: Uint8Array) => void>();
  readonly #rtpWaiters: Waiter<RtpPacket>[] = [];
  readonly #rtcpWaiters: Waiter<RtcpPacket>[] = [];
  #remote: RemoteTransport | undefined;
  #dtls: DtlsConnection | undefined;
  #inbound: SrtpSession | undefined;
  #outbound: SrtpSession | undefined;

  private constructor(socket: dgram.Socket, certificate: LocalCertificate) {
    this.#socket = socket;
    this.certificate = certificate;
    socket.on('message', (message) => this.#receive(new Uint8Array(message)));
  }

  static async open(certificate: LocalCertificate = generateCertificate({ commonName: 'test-peer' })): Promise<TestWebRtcPeer> {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return new TestWebRtcPeer(socket, certificate);
  }

  get port(): number {
    return this.#socket.address().port;
  }

  get srtpReady(): boolean {
    return this.#outbound !== undefined;
  }

  /** For transport.connect(): our fingerprint and the DTLS role we take. */
  dtlsParameters(role: 'client' | 'server' | 'auto'): DtlsParameters {
    return { role, fingerprints: [{ algorithm: 'sha-256', value: this.certificate.fingerprint('sha-256') }] };
  }

  /** Talks to this transport from now on. */
  target(remote: RemoteTransport): void {
    this.#remote = remote;
  }

  /** One connectivity check (RFC 8445 §7.2.2); 'success', an error code, or 'timeout'. */
  async check(options: CheckOptions = {}): Promise<'success' | 'timeout' | number> {
    const remote = this.#requireRemote();
    const request = bindingRequest({
      username: `${remote.iceParameters.usernameFragment}:${this.usernameFragment}`,
      priority: candidatePriority({ type: 'prflx', localPreference: 65535, componentId: 1 }),
      role: 'controlling',
      tieBreaker: this.tieBreaker,
      useCandidate: options.useCandidate ?? false,
    });
    const datagram = serializeStunMessage(request, { integrityKey: shortTermKey(options.password ?? remote.iceParameters.password), fingerprint: true });
    const key = Buffer.from(request.transactionId).toString('hex');
    const response = await new Promise<Uint8Array | undefined>((resolve) => {
      const timer = setTimeout(() => {
        this.#stunWaiters.delete(key);
        resolve(undefined);
      }, options.timeoutMs ?? 1000);
      this.#stunWaiters.set(key, (received) => {
        clearTimeout(timer);
        resolve(received);
      });
      this.sendRaw(datagram);
    });
    if (response === undefined) return 'timeout';
    const message = parseStunMessage(response);
    return message.messageClass === 'success-response' ? 'success' : (findAttribute(message, 'ERROR-CODE')?.code ?? -1);
  }

  /** Runs the DTLS handshake in `role` against the SFU's fingerprint; resolves when connected, rejects with the DtlsError. */
  handshake(role: 'client' | 'server', timeoutMs = 5000): Promise<void> {
    const remote = this.#requireRemote();
    const fingerprint = remote.dtlsParameters.fingerprints[0]!;
    const dtls = new DtlsConnection({
      role,
      certificate: this.certificate,
      remoteFingerprint: `${fingerprint.algorithm} ${fingerprint.value}`,
      send: (datagram) => this.sendRaw(datagram),
      handshakeTimeoutMs: timeoutMs,
    });
    this.#dtls = dtls;
    return new Promise((resolve, reject) => {
      dtls.on('connected', () => {
        const { profile, local, remote: theirs } = dtls.srtpKeyingMaterial();
        this.#outbound = createSrtpSession({ profile, ...local });
        this.#inbound = createSrtpSession({ profile, ...theirs });
        resolve();
      });
      dtls.on('failed', reject);
      dtls.start();
    });
  }

  /** Protects and sends clear RTP (bytes or a packet). */
  sendRtp(packet: Uint8Array | RtpPacket): void {
    const bytes = packet instanceof Uint8Array ? packet : serializeRtpPacket(packet);
    this.sendRaw(this.#requireOutbound().protectRtp(bytes));
  }

  /** Protects and sends a compound RTCP packet. */
  sendRtcp(packets: Uint8Array | readonly RtcpPacket[]): void {
    const bytes = packets instanceof Uint8Array ? packets : serializeRtcp(packets);
    this.sendRaw(this.#requireOutbound().protectRtcp(bytes));
  }

  /** SRTP protection with this peer's keys, without sending (to replay from elsewhere). */
  protectRtp(bytes: Uint8Array): Uint8Array {
    return this.#requireOutbound().protectRtp(bytes);
  }

  protectRtcp(bytes: Uint8Array): Uint8Array {
    return this.#requireOutbound().protectRtcp(bytes);
  }

  sendRaw(datagram: Uint8Array, to?: { address: string; port: number }): void {
    const candidate = to ?? this.#requireRemote().iceCandidates[0]!;
    this.#socket.send(datagram, candidate.port, candidate.address);
  }

  /** The first RTP packet received (now or later) that `accept` takes; it is removed from `rtp`. */
  nextRtp(accept: (packet: RtpPacket) => boolean = () => true, timeoutMs = 2000): Promise<RtpPacket> {
    return this.#next(this.rtp, this.#rtpWaiters, accept, timeoutMs, 'RTP');
  }

  nextRtcp<T extends RtcpPacket>(accept: (packet: RtcpPacket) => packet is T, timeoutMs = 2000): Promise<T> {
    return this.#next(this.rtcp, this.#rtcpWaiters, accept, timeoutMs, 'RTCP') as Promise<T>;
  }

  close(): Promise<void> {
    this.#dtls?.close();
    return new Promise((resolve) => this.#socket.close(() => resolve()));
  }

  #next<T>(queue: T[], waiters: Waiter<T>[], accept: (item: T) => boolean, timeoutMs: number, what: string): Promise<T> {
    const index = queue.findIndex(accept);
    if (index >= 0) return Promise.resolve(queue.splice(index, 1)[0]!);
    return new Promise((resolve, reject) => {
      const waiter: Waiter<T> = {
        accept,
        resolve: (item) => {
          clearTimeout(timer);
          resolve(item);
        },
      };
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(waiter), 1);
        reject(new Error(`test peer: no matching ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.push(waiter);
    });
  }

  #deliver<T>(item: T, queue: T[], waiters: Waiter<T>[]): void {
    const index = waiters.findIndex((waiter) => waiter.accept(item));
    if (index >= 0) waiters.splice(index, 1)[0]!.resolve(item);
    else queue.push(item);
  }

  #receive(datagram: Uint8Array): void {
    switch (classifyDatagram(datagram)) {
      case 'stun': {
        const key = Buffer.from(datagram.subarray(8, 20)).toString('hex');
        const waiter = this.#stunWaiters.get(key);
        this.#stunWaiters.delete(key);
        waiter?.(datagram);
        return;
      }
      case 'dtls':
        this.#dtls?.handleDatagram(datagram);
        return;
      case 'rtp':
        try {
          this.#deliver(parseRtpPacket(this.#requireInbound().unprotectRtp(datagram)), this.rtp, this.#rtpWaiters);
        } catch {
          this.undecodable.push(datagram);
        }
        return;
      case 'rtcp':
        try {
          for (const packet of parseRtcp(this.#requireInbound().unprotectRtcp(datagram))) this.#deliver(packet, this.rtcp, this.#rtcpWaiters);
        } catch {
          this.undecodable.push(datagram);
        }
        return;
      default:
        this.undecodable.push(datagram);
    }
  }

  #requireRemote(): RemoteTransport {
    if (this.#remote === undefined) throw new Error('test peer: call target() first');
    return this.#remote;
  }

  #requireOutbound(): SrtpSession {
    if (this.#outbound === undefined) throw new Error('test peer: no SRTP keys yet (handshake first)');
    return this.#outbound;
  }

  #requireInbound(): SrtpSession {
    if (this.#inbound === undefined) throw new Error('test peer: no SRTP keys yet');
    return this.#inbound;
  }
}
