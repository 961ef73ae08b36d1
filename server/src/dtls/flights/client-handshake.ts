/**
 * The client's handshake (RFC 6347 §4.2.4 flights 1, 3 and 5; RFC 5246 §7.3):
 *
 *   start()            → flight 1: ClientHello
 *   HelloVerifyRequest → flight 3: the same ClientHello with the cookie (message_seq 1)
 *   ServerHello … ServerHelloDone
 *                      → flight 5: Certificate, ClientKeyExchange, CertificateVerify,
 *                        ChangeCipherSpec, Finished (epoch 1)
 *   ChangeCipherSpec, Finished → done
 *
 * The transcript starts at the ClientHello that gets a ServerHello: the first
 * ClientHello and the HelloVerifyRequest are left out (RFC 6347 §4.2.6).
 * Every check throws a DtlsError whose alert the connection sends.
 */
import { generateEcdheKeyPair } from '../crypto/ecdhe.ts';
import { SignatureScheme, serverKeyExchangeSignedData, signWithScheme, verifyWithScheme } from '../crypto/signature.ts';
import { HandshakeTranscript } from '../crypto/transcript.ts';
import { DtlsError } from '../errors.ts';
import type { CertificateRequest } from '../messages/certificate-request.ts';
import { type HandshakeBody, parseHandshakeMessageBody, toHandshakeMessage } from '../messages/handshake-body.ts';
import type { HandshakeMessage } from '../messages/handshake-header.ts';
import { type ServerKeyExchange, serializeEcdheParams } from '../messages/server-key-exchange.ts';
import type { ServerHello } from '../messages/server-hello.ts';
import { type ClientOffer, type ServerChoice, buildClientHello, checkServerHello, makeClientOffer } from './client-offer.ts';
import type { FlightEntry } from './flight.ts';
import type { HandshakeConfig, HandshakeIo } from './handshake-io.ts';
import { type PeerCertificate, acceptPeerCertificate } from './peer-certificate.ts';
import { type SessionKeys, acceptPeerFinished, deriveSessionKeys, finishedVerifyData, protectionFor } from './session-keys.ts';

/** What we sign our CertificateVerify with: our certificate is ECDSA P-256. */
const OUR_SIGNATURE_SCHEME = SignatureScheme.ecdsa_secp256r1_sha256;

type Step = 'server_hello' | 'certificate' | 'server_key_exchange' | 'certificate_request' | 'server_hello_done' | 'finished' | 'done';

export class ClientHandshake {
  readonly #io: HandshakeIo;
  readonly #config: HandshakeConfig;
  readonly #offer: ClientOffer;
  readonly #transcript = new HandshakeTranscript();
  #messageSeq = 0;
  #step: Step = 'server_hello';
  #serverHello: ServerHello | undefined;
  #choice: ServerChoice | undefined;
  #peer: PeerCertificate | undefined;
  #keyExchange: ServerKeyExchange | undefined;
  #certificateRequest: CertificateRequest | undefined;
  #session: SessionKeys | undefined;

  constructor(io: HandshakeIo, config: HandshakeConfig) {
    this.#io = io;
    this.#config = config;
    this.#offer = makeClientOffer(config.cipherSuites, config.srtpProfileIds);
  }

  /** Flight 1. */
  start(): void {
    this.#sendHello(new Uint8Array(0));
  }

  handleMessage(message: HandshakeMessage): void {
    const body = parseHandshakeMessageBody(message);
    // RFC 5246 §7.4.1.1: a HelloRequest during a handshake is ignored, and never enters the transcript.
    if (body.kind === 'hello_request') return;
    if (body.kind === 'hello_verify_request' && this.#step === 'server_hello') {
      this.#sendHello(body.cookie);
      return;
    }
    if (body.kind !== this.#step && !(this.#step === 'certificate_request' && body.kind === 'server_hello_done')) {
      throw new DtlsError('UNEXPECTED_MESSAGE', `dtls: got ${body.kind} while waiting for ${this.#step}`);
    }
    this.#take(body, message);
  }

  #take(body: HandshakeBody, message: HandshakeMessage): void {
    switch (body.kind) {
      case 'server_hello':
        this.#choice = checkServerHello(body, this.#offer);
        this.#serverHello = body;
        this.#step = 'certificate';
        break;
      case 'certificate':
        this.#peer = acceptPeerCertificate(body, this.#config.remoteFingerprint);
        this.#step = 'server_key_exchange';
        break;
      case 'server_key_exchange':
        this.#checkKeyExchange(body);
        this.#keyExchange = body;
        this.#step = 'certificate_request';
        break;
      case 'certificate_request':
        this.#certificateRequest = body;
        this.#step = 'server_hello_done';
        break;
      case 'server_hello_done':
        this.#transcript.add(message);
        this.#sendSecondFlight();
        this.#step = 'finished';
        return;
      case 'finished':
        this.#finish(body.verifyData, message);
        return;
      default:
        throw new DtlsError('UNEXPECTED_MESSAGE', `dtls: a client never takes ${body.kind}`);
    }
    this.#transcript.add(message);
  }

  /** Flights 1 and 3: only the hello that is answered by a ServerHello stays in the transcript. */
  #sendHello(cookie: Uint8Array): void {
    const message = toHandshakeMessage(buildClientHello(this.#offer, cookie), this.#messageSeq++);
    this.#transcript.reset();
    this.#transcript.add(message);
    this.#io.sendFlight([{ kind: 'handshake', epoch: 0, message }], { last: false });
  }

  /** RFC 8422 §5.4: a group and a signature scheme we offered, and a signature by the certificate's key. */
  #checkKeyExchange(body: ServerKeyExchange): void {
    const { params, signed } = body;
    if (!this.#offer.groups.includes(params.namedGroup)) {
      throw new DtlsError('UNSUPPORTED_GROUP', `dtls: ServerKeyExchange uses group 0x${params.namedGroup.toString(16)}, which we did not offer`);
    }
    if (!this.#offer.signatureSchemes.includes(signed.scheme)) {
      throw new DtlsError('UNSUPPORTED_SIGNATURE_SCHEME', `dtls: ServerKeyExchange signed with 0x${signed.scheme.toString(16)}, which we did not offer`);
    }
    const signedData = serverKeyExchangeSignedData(this.#offer.random, this.#serverHello!.random, serializeEcdheParams(params));
    verifyWithScheme(signed.scheme, this.#peer!.publicKey, signedData, signed.signature);
  }

  /** Flight 5. */
  #sendSecondFlight(): void {
    const choice = this.#choice!;
    const { suite } = choice;
    const keyExchange = this.#keyExchange!;
    const ephemeral = generateEcdheKeyPair(keyExchange.params.namedGroup);
    const preMasterSecret = ephemeral.computePreMasterSecret(keyExchange.params.publicKey);
    const flight: FlightEntry[] = [];
    const add = (body: HandshakeBody, epoch = 0): void => {
      const message = toHandshakeMessage(body, this.#messageSeq++);
      this.#transcript.add(message);
      flight.push({ kind: 'handshake', epoch, message });
    };

    const request = this.#certificateRequest;
    if (request !== undefined) {
      if (!request.signatureSchemes.includes(OUR_SIGNATURE_SCHEME)) {
        throw new DtlsError('NO_SHARED_SIGNATURE_SCHEME', 'dtls: the CertificateRequest does not accept ecdsa_secp256r1_sha256');
      }
      add({ kind: 'certificate', certificates: [this.#config.certificate.der] });
    }
    add({ kind: 'client_key_exchange', publicKey: ephemeral.publicKey });
    // The session_hash of the extended master secret ends with the ClientKeyExchange (RFC 7627 §3).
    const session = deriveSessionKeys({
      suite,
      preMasterSecret,
      extendedMasterSecret: choice.extendedMasterSecret,
      transcript: this.#transcript,
      clientRandom: this.#offer.random,
      serverRandom: this.#serverHello!.random,
    });
    this.#session = session;
    this.#io.masterSecretReady(this.#offer.random, session.masterSecret);
    if (request !== undefined) {
      // RFC 5246 §7.4.8: the signature covers every message before the CertificateVerify.
      const signature = signWithScheme(OUR_SIGNATURE_SCHEME, this.#config.certificate.privateKey, this.#transcript.bytes());
      add({ kind: 'certificate_verify', signed: { scheme: OUR_SIGNATURE_SCHEME, signature } });
    }
    flight.push({ kind: 'change_cipher_spec', epoch: 0 });
    const epoch = this.#io.startWriteEpoch(protectionFor(suite, session, 'client'));
    add({ kind: 'finished', verifyData: finishedVerifyData(suite, session, 'client', this.#transcript) }, epoch);
    this.#io.sendFlight(flight, { last: false });
    // Every server message before its ChangeCipherSpec has arrived: its CCS may switch epochs now.
    this.#io.expectChangeCipherSpec(protectionFor(suite, session, 'server'));
  }

  /** The server's Finished covers our Finished too (RFC 5246 §7.4.9). */
  #finish(verifyData: Uint8Array, message: HandshakeMessage): void {
    const { suite, extendedMasterSecret, srtpProfileId } = this.#choice!;
    const session = this.#session!;
    acceptPeerFinished({ readEpoch: this.#io.readEpoch, suite, session, peer: 'server', transcript: this.#transcript, verifyData, message });
    this.#step = 'done';
    this.#io.complete({
      suite,
      group: this.#keyExchange!.params.namedGroup,
      extendedMasterSecret,
      masterSecret: session.masterSecret,
      clientRandom: this.#offer.random,
      serverRandom: this.#serverHello!.random,
      srtpProfileId,
      peerCertificate: this.#peer!.der,
    });
  }
}
