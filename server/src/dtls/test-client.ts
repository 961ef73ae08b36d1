/**
 * A scripted DTLS 1.2 client made only of this module's building blocks: what a
 * client-role state machine does, minus timers, retransmission and error
 * handling. Tests run it against our scripted server (handshake-flow.test.ts)
 * and against `openssl s_server` (openssl-interop.test.ts). Used only by *.test.ts.
 */
import { type KeyObject, X509Certificate, generateKeyPairSync, randomBytes } from 'node:crypto';
import { type CipherSuite, SUPPORTED_CIPHER_SUITES, requireCipherSuite } from './crypto/cipher-suite.ts';
import { NamedGroup, generateEcdheKeyPair } from './crypto/ecdhe.ts';
import { DTLS_SRTP_EXPORTER_LABEL, SRTP_PROFILES, type SrtpKeyingMaterial, splitKeyingMaterial, srtpKeyingMaterialLength } from '../srtp/index.ts';
import { exportKeyingMaterial } from './crypto/exporter.ts';
import { type TrafficKeys, checkVerifyData, computeVerifyData, expandTrafficKeys, extendedMasterSecret, masterSecret } from './crypto/key-schedule.ts';
import { SignatureScheme, serverKeyExchangeSignedData, signWithScheme, verifyWithScheme } from './crypto/signature.ts';
import { HandshakeTranscript } from './crypto/transcript.ts';
import { DtlsError } from './errors.ts';
import type { ClientHello } from './messages/client-hello.ts';
import { findExtension } from './messages/extensions/extension.ts';
import { type HandshakeBody, parseHandshakeBody } from './messages/handshake-body.ts';
import type { HandshakeMessage } from './messages/handshake-header.ts';
import { serializeEcdheParams } from './messages/server-key-exchange.ts';
import { ProtocolVersion } from './protocol-version.ts';
import { RecordProtection } from './record/protection.ts';
import { TestEndpoint } from './test-endpoint.ts';

export const SRTP_AES128_CM_HMAC_SHA1_80 = 0x0001;

/** The client's own certificate and key, for CertificateVerify when the server asks. */
export interface ClientIdentity {
  readonly certificate: Uint8Array;
  readonly privateKey: KeyObject;
}

export interface ClientResult {
  readonly suite: CipherSuite;
  readonly extendedMasterSecret: boolean;
  readonly masterSecret: Uint8Array;
  readonly keys: TrafficKeys;
  readonly srtpProfile: number | undefined;
  readonly clientRandom: Uint8Array;
  readonly serverRandom: Uint8Array;
}

/** An ECDSA P-256 key pair; the certificate bytes are opaque to the handshake blocks. */
export function testIdentity(certificate: Uint8Array): ClientIdentity & { publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { certificate, privateKey, publicKey };
}

export class ScriptedClient {
  readonly endpoint = new TestEndpoint();
  readonly transcript = new HandshakeTranscript();
  readonly random = new Uint8Array(randomBytes(32));
  readonly #identity: ClientIdentity | undefined;
  readonly #cipherSuites: readonly number[];
  readonly #certificateKey: (der: Uint8Array) => KeyObject;
  /** The server's messages after ServerHelloDone, by kind, and the derived session. */
  #server: Partial<Record<HandshakeBody['kind'], HandshakeBody>> = {};
  #result: ClientResult | undefined;

  /** `certificateKey` extracts the public key from the server's certificate (default: node's X509Certificate). */
  constructor(options: { identity?: ClientIdentity; cipherSuites?: readonly number[]; certificateKey?: (der: Uint8Array) => KeyObject } = {}) {
    this.#identity = options.identity;
    this.#certificateKey = options.certificateKey ?? ((der) => new X509Certificate(der).publicKey);
    this.#cipherSuites = options.cipherSuites ?? SUPPORTED_CIPHER_SUITES.map((suite) => suite.id);
    this.endpoint.recordVersion = ProtocolVersion.DTLS_1_0;
  }

  /** What a WebRTC client offers, Chromium-like but DTLS 1.2 only. */
  hello(cookie: Uint8Array = new Uint8Array(0)): ClientHello {
    return {
      kind: 'client_hello',
      clientVersion: ProtocolVersion.DTLS_1_2,
      random: this.random,
      sessionId: new Uint8Array(0),
      cookie,
      cipherSuites: this.#cipherSuites,
      compressionMethods: [0],
      extensions: [
        { kind: 'supported_groups', groups: [NamedGroup.x25519, NamedGroup.secp256r1] },
        { kind: 'ec_point_formats', formats: [0] },
        { kind: 'signature_algorithms', schemes: [SignatureScheme.ecdsa_secp256r1_sha256] },
        { kind: 'use_srtp', profiles: [SRTP_AES128_CM_HMAC_SHA1_80], mki: new Uint8Array(0) },
        { kind: 'extended_master_secret' },
        { kind: 'renegotiation_info', renegotiatedConnection: new Uint8Array(0) },
      ],
    };
  }

  /** Flight 1 (or 3, with the HelloVerifyRequest cookie). Only the hello with the cookie enters the transcript. */
  sendHello(cookie?: Uint8Array): Uint8Array[] {
    const { messages, records } = this.endpoint.handshake([this.hello(cookie)]);
    this.transcript.reset();
    for (const message of messages) this.transcript.add(message);
    return TestEndpoint.datagrams(records);
  }

  /**
   * Takes the server's messages as they complete. Returns the cookie when a
   * HelloVerifyRequest arrives, 'done' after ServerHelloDone, else 'more'.
   */
  takeServerMessages(messages: readonly HandshakeMessage[]): Uint8Array | 'done' | 'more' {
    for (const message of messages) {
      const body = parseHandshakeBody(message.msgType, message.body);
      if (body.kind === 'hello_verify_request') return body.cookie;
      this.transcript.add(message);
      this.#server[body.kind] = body;
      // RFC 6347 §4.1: once the version is negotiated, every record carries it (0xfeff was only for the hello).
      if (body.kind === 'server_hello') this.endpoint.recordVersion = body.serverVersion;
      if (body.kind === 'server_hello_done') return 'done';
    }
    return 'more';
  }

  /** Flight 5: [Certificate], ClientKeyExchange, [CertificateVerify], ChangeCipherSpec, Finished. */
  secondFlight(): Uint8Array[] {
    const serverHello = this.#body('server_hello');
    const keyExchange = this.#body('server_key_exchange');
    const certificate = this.#body('certificate');
    const suite = requireCipherSuite(serverHello.cipherSuite);
    const serverKey = this.#certificateKey(certificate.certificates[0]!);
    const signedParams = serverKeyExchangeSignedData(this.random, serverHello.random, serializeEcdheParams(keyExchange.params));
    verifyWithScheme(keyExchange.signed.scheme, serverKey, signedParams, keyExchange.signed.signature);

    const ephemeral = generateEcdheKeyPair(keyExchange.params.namedGroup);
    const preMasterSecret = ephemeral.computePreMasterSecret(keyExchange.params.publicKey);
    const requested = this.#server.certificate_request !== undefined;
    const bodies: HandshakeBody[] = [];
    if (requested) bodies.push({ kind: 'certificate', certificates: this.#identity === undefined ? [] : [this.#identity.certificate] });
    bodies.push({ kind: 'client_key_exchange', publicKey: ephemeral.publicKey });
    const flight = this.endpoint.handshake(bodies);
    for (const message of flight.messages) this.transcript.add(message);

    // RFC 7627 §4: session_hash covers everything up to and including ClientKeyExchange.
    const ems = findExtension(serverHello.extensions, 'extended_master_secret') !== undefined;
    const master = ems
      ? extendedMasterSecret({ hash: suite.prfHash, preMasterSecret, sessionHash: this.transcript.hash(suite.prfHash) })
      : masterSecret({ hash: suite.prfHash, preMasterSecret, clientRandom: this.random, serverRandom: serverHello.random });

    const records = [...flight.records];
    if (requested && this.#identity !== undefined) {
      const signature = signWithScheme(SignatureScheme.ecdsa_secp256r1_sha256, this.#identity.privateKey, this.transcript.bytes());
      const verify = this.endpoint.handshake([{ kind: 'certificate_verify', signed: { scheme: SignatureScheme.ecdsa_secp256r1_sha256, signature } }]);
      for (const message of verify.messages) this.transcript.add(message);
      records.push(...verify.records);
    }
    const keys = expandTrafficKeys({ suite, masterSecret: master, clientRandom: this.random, serverRandom: serverHello.random });
    records.push(this.endpoint.changeCipherSpec(RecordProtection.forSender(suite, keys, 'client')));
    const verifyData = computeVerifyData({ suite, masterSecret: master, sender: 'client', handshakeHash: this.transcript.hash(suite.prfHash) });
    const finished = this.endpoint.handshake([{ kind: 'finished', verifyData }]);
    for (const message of finished.messages) this.transcript.add(message);
    records.push(...finished.records);

    this.#result = {
      suite,
      extendedMasterSecret: ems,
      masterSecret: master,
      keys,
      srtpProfile: findExtension(serverHello.extensions, 'use_srtp')?.profiles[0],
      clientRandom: this.random,
      serverRandom: serverHello.random,
    };
    this.endpoint.armNextEpoch(RecordProtection.forSender(suite, keys, 'server'));
    return TestEndpoint.datagrams(records);
  }

  /**
   * Takes the server's last flight (ChangeCipherSpec, Finished); returns the session once
   * the Finished verified (throws DECRYPT_ERROR if it does not), undefined while it has not arrived.
   */
  finish(datagrams: readonly Uint8Array[]): ClientResult | undefined {
    const result = this.#result;
    if (result === undefined) throw new Error('finish() before secondFlight()');
    const finished = this.endpoint.receive(datagrams).messages.at(-1);
    if (finished === undefined) return undefined;
    const body = parseHandshakeBody(finished.msgType, finished.body);
    if (body.kind !== 'finished') throw new DtlsError('UNEXPECTED_MESSAGE', `dtls: expected Finished, got ${body.kind}`);
    const expected = computeVerifyData({ suite: result.suite, masterSecret: result.masterSecret, sender: 'server', handshakeHash: this.transcript.hash(result.suite.prfHash) });
    checkVerifyData(body.verifyData, expected);
    return result;
  }

  /** The RFC 5764 SRTP keys for SRTP_AES128_CM_HMAC_SHA1_80, from the client's side. */
  srtpKeys(): SrtpKeyingMaterial {
    const result = this.#result!;
    const profile = SRTP_PROFILES.SRTP_AES128_CM_HMAC_SHA1_80;
    const material = exportKeyingMaterial({
      hash: result.suite.prfHash,
      masterSecret: result.masterSecret,
      label: DTLS_SRTP_EXPORTER_LABEL,
      clientRandom: result.clientRandom,
      serverRandom: result.serverRandom,
      length: srtpKeyingMaterialLength(profile),
    });
    return splitKeyingMaterial({ profile, material, role: 'client' });
  }

  #body<K extends HandshakeBody['kind']>(kind: K): Extract<HandshakeBody, { kind: K }> {
    const body = this.#server[kind];
    if (body === undefined) throw new DtlsError('UNEXPECTED_MESSAGE', `dtls: the server flight lacks ${kind}`);
    return body as Extract<HandshakeBody, { kind: K }>;
  }
}
