/**
 * A whole DTLS 1.2 handshake (RFC 6347 §4.2.4 flights 1–6, with the cookie
 * exchange and client authentication as WebRTC uses them) scripted from the
 * building blocks alone: the scripted client of test-client.ts against a server
 * written out step by step below. It is the outline the state machine will
 * follow, and shows that both roles agree on the transcript, the (extended)
 * master secret, both Finished messages, application data and the SRTP keys.
 */
import { type KeyObject, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CipherSuiteId, requireCipherSuite } from './crypto/cipher-suite.ts';
import { computeHelloCookie, verifyHelloCookie } from './crypto/cookie.ts';
import { generateEcdheKeyPair } from './crypto/ecdhe.ts';
import { DTLS_SRTP_EXPORTER_LABEL, SRTP_PROFILES, splitKeyingMaterial } from '../srtp/index.ts';
import { exportKeyingMaterial } from './crypto/exporter.ts';
import { checkVerifyData, computeVerifyData, expandTrafficKeys, extendedMasterSecret } from './crypto/key-schedule.ts';
import { SignatureScheme, serverKeyExchangeSignedData, signWithScheme, verifyWithScheme } from './crypto/signature.ts';
import { HandshakeTranscript } from './crypto/transcript.ts';
import { ClientCertificateType } from './messages/certificate-request.ts';
import { type HandshakeBody, parseHandshakeBody } from './messages/handshake-body.ts';
import type { HandshakeMessage } from './messages/handshake-header.ts';
import { serializeEcdheParams } from './messages/server-key-exchange.ts';
import { negotiate, serverHelloExtensions } from './negotiation.ts';
import { ProtocolVersion } from './protocol-version.ts';
import { RecordProtection } from './record/protection.ts';
import { SRTP_AES128_CM_HMAC_SHA1_80, ScriptedClient, testIdentity } from './test-client.ts';
import { TestEndpoint } from './test-endpoint.ts';
import { fixtureBytes } from './test-support.ts';

/** Certificates are opaque to the handshake; two distinct DER blobs stand for the two peers'. */
const SERVER_CERT = fixtureBytes('cert/chromium-dtls-client-cert.der');
const CLIENT_CERT = Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x07);

function bodies(messages: readonly HandshakeMessage[]): HandshakeBody[] {
  return messages.map((message) => parseHandshakeBody(message.msgType, message.body));
}

describe.each(Object.values(CipherSuiteId).map(requireCipherSuite))('a handshake built from the blocks with $name', (suite) => {
  it('completes: cookie exchange, ECDHE, mutual ECDSA authentication, EMS, Finished both ways, data and SRTP keys', () => {
    const server = testIdentity(SERVER_CERT);
    const clientIdentity = testIdentity(CLIENT_CERT);
    const keysByCertificate = new Map<Uint8Array, KeyObject>([[SERVER_CERT, server.publicKey]]);
    const client = new ScriptedClient({ identity: clientIdentity, cipherSuites: [suite.id], certificateKey: (der) => keysByCertificate.get(der) ?? server.publicKey });
    const serverEndpoint = new TestEndpoint();
    const serverTranscript = new HandshakeTranscript();
    const cookieSecret = new Uint8Array(randomBytes(32));
    const peer = '192.0.2.1:50000';

    // Flight 1 → 2: a cookieless ClientHello gets a HelloVerifyRequest; the server keeps no state.
    const [firstHello] = bodies(serverEndpoint.receive(client.sendHello()).messages);
    expect(firstHello?.kind).toBe('client_hello');
    if (firstHello?.kind !== 'client_hello') return;
    const cookie = computeHelloCookie(cookieSecret, peer, firstHello);
    const verifyRequest = serverEndpoint.handshake([{ kind: 'hello_verify_request', serverVersion: ProtocolVersion.DTLS_1_0, cookie }]);
    const fromServer = client.endpoint.receive(TestEndpoint.datagrams(verifyRequest.records)).messages;
    expect(client.takeServerMessages(fromServer)).toEqual(cookie);

    // Flight 3 → 4: the hello with the cookie starts both transcripts (RFC 6347 §4.2.6).
    const [helloMessage] = serverEndpoint.receive(client.sendHello(cookie)).messages;
    const hello = parseHandshakeBody(helloMessage!.msgType, helloMessage!.body);
    if (hello.kind !== 'client_hello') throw new Error(`expected a ClientHello, got ${hello.kind}`);
    expect(helloMessage!.messageSeq).toBe(1);
    expect(verifyHelloCookie(cookieSecret, peer, hello)).toBe(true);
    serverTranscript.add(helloMessage!);

    const negotiated = negotiate(hello, { srtpProfiles: [SRTP_AES128_CM_HMAC_SHA1_80] });
    expect(negotiated.cipherSuite).toBe(suite);
    const serverRandom = new Uint8Array(randomBytes(32));
    const ephemeral = generateEcdheKeyPair(negotiated.group);
    const params = { namedGroup: negotiated.group, publicKey: ephemeral.publicKey };
    const signedParams = serverKeyExchangeSignedData(hello.random, serverRandom, serializeEcdheParams(params));
    const serverFlight = serverEndpoint.handshake([
      { kind: 'server_hello', serverVersion: negotiated.version, random: serverRandom, sessionId: new Uint8Array(0), cipherSuite: suite.id, compressionMethod: 0, extensions: serverHelloExtensions(negotiated) },
      { kind: 'certificate', certificates: [server.certificate] },
      { kind: 'server_key_exchange', params, signed: { scheme: negotiated.signatureScheme, signature: signWithScheme(negotiated.signatureScheme, server.privateKey, signedParams) } },
      { kind: 'certificate_request', certificateTypes: [ClientCertificateType.ecdsa_sign], signatureSchemes: [SignatureScheme.ecdsa_secp256r1_sha256], certificateAuthorities: [] },
      { kind: 'server_hello_done' },
    ]);
    for (const message of serverFlight.messages) serverTranscript.add(message);
    expect(client.takeServerMessages(client.endpoint.receive(TestEndpoint.datagrams(serverFlight.records)).messages)).toBe('done');

    // Flight 5: the server reads Certificate, ClientKeyExchange, CertificateVerify and the
    // ChangeCipherSpec; the epoch-1 Finished waits until it has the keys.
    const clientFlight = client.secondFlight();
    const firstPass = serverEndpoint.receive(clientFlight);
    expect(firstPass.changeCipherSpec).toBe(true);
    const [certificate, keyExchange, certificateVerify] = firstPass.messages;
    const clientCertificate = parseHandshakeBody(certificate!.msgType, certificate!.body);
    const clientKeyExchange = parseHandshakeBody(keyExchange!.msgType, keyExchange!.body);
    const verify = parseHandshakeBody(certificateVerify!.msgType, certificateVerify!.body);
    if (clientCertificate.kind !== 'certificate' || clientKeyExchange.kind !== 'client_key_exchange' || verify.kind !== 'certificate_verify') {
      throw new Error('unexpected client flight');
    }
    expect(clientCertificate.certificates).toEqual([CLIENT_CERT]);
    serverTranscript.add(certificate!);
    serverTranscript.add(keyExchange!);
    const sessionHash = serverTranscript.hash(suite.prfHash);
    verifyWithScheme(verify.signed.scheme, clientIdentity.publicKey, serverTranscript.bytes(), verify.signed.signature);
    serverTranscript.add(certificateVerify!);

    const preMasterSecret = ephemeral.computePreMasterSecret(clientKeyExchange.publicKey);
    const master = extendedMasterSecret({ hash: suite.prfHash, preMasterSecret, sessionHash });
    const keys = expandTrafficKeys({ suite, masterSecret: master, clientRandom: hello.random, serverRandom });
    serverEndpoint.expectEpoch(RecordProtection.forSender(suite, keys, 'client'));
    const [clientFinished] = serverEndpoint.receive(clientFlight).messages;
    const finished = parseHandshakeBody(clientFinished!.msgType, clientFinished!.body);
    if (finished.kind !== 'finished') throw new Error(`expected Finished, got ${finished.kind}`);
    checkVerifyData(finished.verifyData, computeVerifyData({ suite, masterSecret: master, sender: 'client', handshakeHash: serverTranscript.hash(suite.prfHash) }));
    serverTranscript.add(clientFinished!);

    // Flight 6: ChangeCipherSpec and the server's Finished.
    const ccs = serverEndpoint.changeCipherSpec(RecordProtection.forSender(suite, keys, 'server'));
    const serverVerifyData = computeVerifyData({ suite, masterSecret: master, sender: 'server', handshakeHash: serverTranscript.hash(suite.prfHash) });
    const serverFinished = serverEndpoint.handshake([{ kind: 'finished', verifyData: serverVerifyData }]);
    const result = client.finish(TestEndpoint.datagrams([ccs, ...serverFinished.records]));

    expect(result).toMatchObject({ suite, extendedMasterSecret: true, srtpProfile: SRTP_AES128_CM_HMAC_SHA1_80 });
    expect(result!.masterSecret).toEqual(master);
    expect(client.transcript.bytes()).toEqual(serverTranscript.bytes());

    // Application data both ways, under each side's write key.
    const ping = new TextEncoder().encode('SCTP INIT, say');
    expect(serverEndpoint.receive([client.endpoint.applicationData(ping)]).applicationData).toEqual([ping]);
    expect(client.endpoint.receive([serverEndpoint.applicationData(ping)]).applicationData).toEqual([ping]);
    // A replayed record is dropped by the window.
    const replayed = client.endpoint.applicationData(ping);
    expect(serverEndpoint.receive([replayed, replayed]).applicationData).toHaveLength(1);

    // The server's view of the same export: its local keys are the client's remote ones.
    const serverMaterial = exportKeyingMaterial({
      hash: suite.prfHash, masterSecret: master, label: DTLS_SRTP_EXPORTER_LABEL,
      clientRandom: hello.random, serverRandom, length: 60,
    });
    const serverKeys = splitKeyingMaterial({ profile: SRTP_PROFILES.SRTP_AES128_CM_HMAC_SHA1_80, material: serverMaterial, role: 'server' });
    expect(client.srtpKeys().local).toEqual(serverKeys.remote);
    expect(client.srtpKeys().remote).toEqual(serverKeys.local);
  });
});

describe('a handshake built from the blocks, failing', () => {
  it('a tampered ServerKeyExchange signature stops the client with DECRYPT_ERROR', () => {
    const server = testIdentity(SERVER_CERT);
    const client = new ScriptedClient({ certificateKey: () => server.publicKey });
    const serverEndpoint = new TestEndpoint();
    const [hello] = bodies(serverEndpoint.receive(client.sendHello()).messages);
    if (hello?.kind !== 'client_hello') throw new Error('expected a ClientHello');
    const negotiated = negotiate(hello, { srtpProfiles: [SRTP_AES128_CM_HMAC_SHA1_80] });
    const ephemeral = generateEcdheKeyPair(negotiated.group);
    const params = { namedGroup: negotiated.group, publicKey: ephemeral.publicKey };
    const serverRandom = new Uint8Array(32).fill(1);
    const signature = signWithScheme(negotiated.signatureScheme, server.privateKey, serverKeyExchangeSignedData(hello.random, new Uint8Array(32), serializeEcdheParams(params)));
    const flight = serverEndpoint.handshake([
      { kind: 'server_hello', serverVersion: 0xfefd, random: serverRandom, sessionId: new Uint8Array(0), cipherSuite: negotiated.cipherSuite.id, compressionMethod: 0, extensions: serverHelloExtensions(negotiated) },
      { kind: 'certificate', certificates: [server.certificate] },
      { kind: 'server_key_exchange', params, signed: { scheme: negotiated.signatureScheme, signature } },
      { kind: 'server_hello_done' },
    ]);
    client.takeServerMessages(client.endpoint.receive(TestEndpoint.datagrams(flight.records)).messages);
    expect(() => client.secondFlight()).toThrow(expect.objectContaining({ code: 'DECRYPT_ERROR', alertDescription: 51 }));
  });
});
