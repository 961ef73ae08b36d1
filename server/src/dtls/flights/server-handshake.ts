/**
 * The server's handshake (RFC 6347 §4.2.4 flights 2, 4 and 6; RFC 5246 §7.3):
 *
 *   ClientHello without a valid cookie → HelloVerifyRequest, and no state kept
 *   ClientHello with a valid cookie    → flight 4: ServerHello, Certificate,
 *                                        ServerKeyExchange, CertificateRequest, ServerHelloDone
 *   Certificate, ClientKeyExchange, CertificateVerify, ChangeCipherSpec, Finished
 *                                      → flight 6: ChangeCipherSpec, Finished, done
 *
 * The client is always asked for its certificate (WebRTC authenticates both
 * sides by fingerprint, RFC 5763 §5), and an empty one ends the handshake.
 */
import { randomBytes } from 'node:crypto';
import { type EcdheKeyPair, generateEcdheKeyPair } from '../crypto/ecdhe.ts';
import { SignatureScheme, serverKeyExchangeSignedData, signWithScheme, verifyWithScheme } from '../crypto/signature.ts';
import { HandshakeTranscript } from '../crypto/transcript.ts';
import { DtlsError } from '../errors.ts';
import { ClientCertificateType } from '../messages/certificate-request.ts';
import { type ClientHello, RANDOM_LENGTH } from '../messages/client-hello.ts';
import { type HandshakeBody, parseHandshakeMessageBody, toHandshakeMessage } from '../messages/handshake-body.ts';
import type { HandshakeMessage } from '../messages/handshake-header.ts';
import { serializeEcdheParams } from '../messages/server-key-exchange.ts';
import { COMPRESSION_NULL, type Negotiated, negotiate, serverHelloExtensions } from '../negotiation.ts';
import { ProtocolVersion } from '../protocol-version.ts';
import type { FlightEntry } from './flight.ts';
import type { HandshakeIo, ServerConfig } from './handshake-io.ts';
import { type PeerCertificate, acceptPeerCertificate } from './peer-certificate.ts';
import { type SessionKeys, acceptPeerFinished, deriveSessionKeys, finishedVerifyData, protectionFor } from './session-keys.ts';

/** What the CertificateRequest asks for, and so what the client's CertificateVerify must use. */
const CLIENT_SIGNATURE_SCHEMES = [SignatureScheme.ecdsa_secp256r1_sha256];

type Step = 'client_hello' | 'certificate' | 'client_key_exchange' | 'certificate_verify' | 'finished' | 'done';

export class ServerHandshake {
  readonly #io: HandshakeIo;
  readonly #config: ServerConfig;
  readonly #transcript = new HandshakeTranscript();
  #step: Step = 'client_hello';
  #messageSeq = 0;
  #hello: ClientHello | undefined;
  #negotiated: Negotiated | undefined;
  #serverRandom: Uint8Array | undefined;
  #ephemeral: EcdheKeyPair | undefined;
  #peer: PeerCertificate | undefined;
  #session: SessionKeys | undefined;

  constructor(io: HandshakeIo, config: ServerConfig) {
    this.#io = io;
    this.#config = config;
  }

  /** Until a ClientHello with a valid cookie, the server keeps no state and any ClientHello may start over. */
  get awaitingClientHello(): boolean {
    return this.#step === 'client_hello';
  }

  handleMessage(message: HandshakeMessage, recordSequenceNumber: number): void {
    if (this.#step === 'client_hello') {
      this.#takeClientHello(message, recordSequenceNumber);
      return;
    }
    const body = parseHandshakeMessageBody(message);
    if (body.kind !== this.#step) throw new DtlsError('UNEXPECTED_MESSAGE', `dtls: got ${body.kind} while waiting for ${this.#step}`);
    this.#take(body, message);
  }

  #take(body: HandshakeBody, message: HandshakeMessage): void {
    switch (body.kind) {
      case 'certificate':
        this.#peer = acceptPeerCertificate(body, this.#config.remoteFingerprint);
        this.#transcript.add(message);
        this.#step = 'client_key_exchange';
        return;
      case 'client_key_exchange': {
        const preMasterSecret = this.#ephemeral!.computePreMasterSecret(body.publicKey);
        this.#transcript.add(message);
        const negotiated = this.#negotiated!;
        this.#session = deriveSessionKeys({
          suite: negotiated.cipherSuite,
          preMasterSecret,
          extendedMasterSecret: negotiated.extendedMasterSecret,
          transcript: this.#transcript,
          clientRandom: this.#hello!.random,
          serverRandom: this.#serverRandom!,
        });
        this.#io.masterSecretReady(this.#hello!.random, this.#session.masterSecret);
        this.#step = 'certificate_verify';
        return;
      }
      case 'certificate_verify': {
        const { scheme, signature } = body.signed;
        if (!(CLIENT_SIGNATURE_SCHEMES as readonly number[]).includes(scheme)) {
          throw new DtlsError('UNSUPPORTED_SIGNATURE_SCHEME', `dtls: CertificateVerify uses 0x${scheme.toString(16)}, which we did not ask for`);
        }
        verifyWithScheme(scheme, this.#peer!.publicKey, this.#transcript.bytes(), signature);
        this.#transcript.add(message);
        this.#io.expectChangeCipherSpec(protectionFor(this.#negotiated!.cipherSuite, this.#session!, 'client'));
        this.#step = 'finished';
        return;
      }
      case 'finished':
        this.#finish(body.verifyData, message);
        return;
      default:
        throw new DtlsError('UNEXPECTED_MESSAGE', `dtls: a server never takes ${body.kind}`);
    }
  }

  /** Stateless until the cookie checks out: anything that is not a ClientHello is dropped, not fatal. */
  #takeClientHello(message: HandshakeMessage, recordSequenceNumber: number): void {
    let body: HandshakeBody;
    try {
      body = parseHandshakeMessageBody(message);
    } catch (error) {
      if (error instanceof DtlsError) return this.#io.drop('malformedHandshake');
      throw error;
    }
    if (body.kind !== 'client_hello') return this.#io.drop('unexpectedRecord');
    const { peerAddress, cookies } = this.#config;
    if (!cookies.verify(peerAddress, body)) {
      // RFC 6347 §4.2.1: HelloVerifyRequest.server_version is DTLS 1.0, and the answer echoes the hello's message_seq.
      const request = toHandshakeMessage({ kind: 'hello_verify_request', serverVersion: ProtocolVersion.DTLS_1_0, cookie: cookies.issue(peerAddress, body) }, message.messageSeq);
      this.#io.sendHelloVerifyRequest(request, recordSequenceNumber);
      return;
    }
    this.#transcript.add(message);
    this.#hello = body;
    this.#negotiated = negotiate(body, { srtpProfiles: this.#config.srtpProfileIds, requireSrtp: this.#config.srtpProfileIds.length > 0, cipherSuites: this.#config.cipherSuites });
    // openssl and Chromium answer with the ClientHello's message_seq: 1 after a cookie exchange.
    this.#messageSeq = message.messageSeq;
    this.#sendServerFlight();
    this.#step = 'certificate';
  }

  /** Flight 4. We are DTLS 1.2 only, so the server random never carries RFC 8446's downgrade sentinel. */
  #sendServerFlight(): void {
    const negotiated = this.#negotiated!;
    const hello = this.#hello!;
    const serverRandom = new Uint8Array(randomBytes(RANDOM_LENGTH));
    const ephemeral = generateEcdheKeyPair(negotiated.group);
    const params = { namedGroup: negotiated.group, publicKey: ephemeral.publicKey };
    const signedData = serverKeyExchangeSignedData(hello.random, serverRandom, serializeEcdheParams(params));
    const signature = signWithScheme(negotiated.signatureScheme, this.#config.certificate.privateKey, signedData);
    this.#serverRandom = serverRandom;
    this.#ephemeral = ephemeral;
    const bodies: HandshakeBody[] = [
      {
        kind: 'server_hello',
        serverVersion: negotiated.version,
        random: serverRandom,
        sessionId: new Uint8Array(0),
        cipherSuite: negotiated.cipherSuite.id,
        compressionMethod: COMPRESSION_NULL,
        extensions: serverHelloExtensions(negotiated),
      },
      { kind: 'certificate', certificates: [this.#config.certificate.der] },
      { kind: 'server_key_exchange', params, signed: { scheme: negotiated.signatureScheme, signature } },
      { kind: 'certificate_request', certificateTypes: [ClientCertificateType.ecdsa_sign], signatureSchemes: CLIENT_SIGNATURE_SCHEMES, certificateAuthorities: [] },
      { kind: 'server_hello_done' },
    ];
    const flight: FlightEntry[] = bodies.map((body) => {
      const message = toHandshakeMessage(body, this.#messageSeq++);
      this.#transcript.add(message);
      return { kind: 'handshake', epoch: 0, message };
    });
    this.#io.sendFlight(flight, { last: false });
  }

  /** The client's Finished, then flight 6, whose Finished covers the client's (RFC 5246 §7.4.9). */
  #finish(verifyData: Uint8Array, message: HandshakeMessage): void {
    const negotiated = this.#negotiated!;
    const suite = negotiated.cipherSuite;
    const session = this.#session!;
    acceptPeerFinished({ readEpoch: this.#io.readEpoch, suite, session, peer: 'client', transcript: this.#transcript, verifyData, message });
    const epoch = this.#io.startWriteEpoch(protectionFor(suite, session, 'server'));
    const finished = toHandshakeMessage({ kind: 'finished', verifyData: finishedVerifyData(suite, session, 'server', this.#transcript) }, this.#messageSeq++);
    this.#transcript.add(finished);
    this.#io.sendFlight(
      [
        { kind: 'change_cipher_spec', epoch: 0 },
        { kind: 'handshake', epoch, message: finished },
      ],
      { last: true },
    );
    this.#step = 'done';
    this.#io.complete({
      suite,
      group: negotiated.group,
      extendedMasterSecret: negotiated.extendedMasterSecret,
      masterSecret: session.masterSecret,
      clientRandom: this.#hello!.random,
      serverRandom: this.#serverRandom!,
      srtpProfileId: negotiated.srtpProfile,
      peerCertificate: this.#peer!.der,
    });
  }
}
