/**
 * DtlsConnection, our client against our server in memory (test-connection.ts):
 * the whole RFC 6347 handshake with the cookie exchange, every cipher suite and
 * SRTP profile, data both ways, identical exporter output, close_notify, and the
 * wire details openssl and Chromium rely on (record versions, message_seq, the
 * HelloVerifyRequest's record sequence number).
 */
import { describe, expect, it } from 'vitest';
import { SRTP_PROFILES, type SrtpProfileName, srtpKeyingMaterialLength } from '../srtp/index.ts';
import { CipherSuiteId } from './crypto/cipher-suite.ts';
import { DtlsConnection } from './connection.ts';
import { parseHandshakeFragments } from './messages/handshake-header.ts';
import { HandshakeType } from './messages/handshake-type.ts';
import { parseHelloVerifyRequest } from './messages/hello-verify-request.ts';
import { ProtocolVersion } from './protocol-version.ts';
import { ContentType } from './record/content-type.ts';
import { parseRecords } from './record/record.ts';
import { connectionPair, runHandshake, testCertificates } from './test-connection.ts';

const SUITES = Object.entries(CipherSuiteId).map(([name, id]) => ({ name, id }));
const PROFILES = Object.keys(SRTP_PROFILES) as SrtpProfileName[];

function records(datagrams: readonly Buffer[]) {
  return datagrams.flatMap((datagram) => parseRecords(datagram));
}

describe('DtlsConnection: our client and our server in memory', () => {
  it.each(SUITES)('$name: handshake, info, data both ways, the same keying material, close_notify', ({ name, id }) => {
    const pair = connectionPair({ client: { cipherSuites: [id] } });
    runHandshake(pair);
    const { client, server, clientEvents, serverEvents } = pair;
    expect([client.state, server.state]).toEqual(['connected', 'connected']);
    const { client: clientCertificate, server: serverCertificate } = testCertificates();
    expect(clientEvents.connected).toMatchObject({
      role: 'client',
      cipherSuite: name,
      srtpProfile: SRTP_PROFILES.SRTP_AEAD_AES_128_GCM,
      remoteFingerprint: `sha-256 ${serverCertificate.fingerprint()}`,
      extendedMasterSecret: true,
      group: 'x25519',
    });
    expect(clientEvents.connected!.remoteCertificate).toEqual(serverCertificate.der);
    expect(serverEvents.connected).toMatchObject({ role: 'server', cipherSuite: name, remoteFingerprint: `sha-256 ${clientCertificate.fingerprint()}` });
    expect(serverEvents.connected!.remoteCertificate).toEqual(clientCertificate.der);
    // Flights 1-6 with the cookie exchange, nothing resent; both sides logged the same master secret.
    expect([pair.wire.sent.client.length, pair.wire.sent.server.length]).toEqual([3, 3]);
    expect([client.stats.retransmissions, server.stats.retransmissions]).toEqual([0, 0]);
    expect(pair.keyLog).toHaveLength(2);
    expect(pair.keyLog[0]).toBe(pair.keyLog[1]);

    client.send(Buffer.from('from the client'));
    server.send(Buffer.from('from the server'));
    pair.wire.flush();
    expect(serverEvents.data.map(String)).toEqual(['from the client']);
    expect(clientEvents.data.map(String)).toEqual(['from the server']);

    expect(client.exportKeyingMaterial('EXTRACTOR-test', 40)).toEqual(server.exportKeyingMaterial('EXTRACTOR-test', 40));
    const context = Buffer.from('context');
    expect(client.exportKeyingMaterial('EXTRACTOR-test', 40, context)).toEqual(server.exportKeyingMaterial('EXTRACTOR-test', 40, context));
    expect(client.exportKeyingMaterial('EXTRACTOR-test', 40, context)).not.toEqual(client.exportKeyingMaterial('EXTRACTOR-test', 40));

    client.close();
    pair.wire.flush();
    expect([client.state, server.state]).toEqual(['closed', 'closed']);
    expect([clientEvents.events.at(-1), serverEvents.events.at(-1)]).toEqual(['closed', 'closed']);
    // The server answered the client's close_notify with its own (RFC 5246 §7.2.1), encrypted in epoch 1.
    const [answer] = records(pair.wire.sent.server.slice(-1));
    expect(answer).toMatchObject({ contentType: ContentType.Alert, epoch: 1 });
  });

  it.each(PROFILES)('%s: negotiated, and srtpKeyingMaterial() gives each side the other’s keys', (profile) => {
    const pair = connectionPair({ client: { srtpProfiles: [profile] }, server: { srtpProfiles: PROFILES } });
    runHandshake(pair);
    expect(pair.clientEvents.connected?.srtpProfile?.name).toBe(profile);
    expect(pair.serverEvents.connected?.srtpProfile?.name).toBe(profile);
    const client = pair.client.srtpKeyingMaterial();
    const server = pair.server.srtpKeyingMaterial();
    expect(client.profile.name).toBe(profile);
    expect(client.local).toEqual(server.remote);
    expect(client.remote).toEqual(server.local);
    expect(client.local.masterKey).toHaveLength(SRTP_PROFILES[profile].keyLength);
    expect(client.local.masterSalt).toHaveLength(SRTP_PROFILES[profile].saltLength);
    expect(Buffer.concat([client.local.masterKey, client.remote.masterKey, client.local.masterSalt, client.remote.masterSalt])).toEqual(
      pair.client.exportKeyingMaterial('EXTRACTOR-dtls_srtp', srtpKeyingMaterialLength(SRTP_PROFILES[profile])),
    );
  });

  it("the server's preference order picks the profile", () => {
    const pair = connectionPair({
      client: { srtpProfiles: ['SRTP_AES128_CM_HMAC_SHA1_80', 'SRTP_AEAD_AES_256_GCM'] },
      server: { srtpProfiles: ['SRTP_AEAD_AES_256_GCM', 'SRTP_AES128_CM_HMAC_SHA1_80'] },
    });
    runHandshake(pair);
    expect(pair.clientEvents.connected?.srtpProfile?.name).toBe('SRTP_AEAD_AES_256_GCM');
  });

  it('without SRTP on either side: no use_srtp, and srtpKeyingMaterial() throws', () => {
    const pair = connectionPair({ client: { srtpProfiles: [] }, server: { srtpProfiles: [] } });
    runHandshake(pair);
    expect(pair.clientEvents.connected?.srtpProfile).toBeUndefined();
    expect(() => pair.client.srtpKeyingMaterial()).toThrow(/no SRTP profile/);
  });

  it('no shared SRTP profile: the server fails with handshake_failure, the client gets the alert', () => {
    const pair = connectionPair({ client: { srtpProfiles: ['SRTP_AES128_CM_HMAC_SHA1_32'] }, server: { srtpProfiles: ['SRTP_AEAD_AES_128_GCM'] } });
    runHandshake(pair);
    expect(pair.serverEvents.failed?.code).toBe('NO_SHARED_SRTP_PROFILE');
    expect(pair.clientEvents.failed).toMatchObject({ code: 'FATAL_ALERT_RECEIVED', receivedAlert: 40 });
  });

  it('puts the right versions, sequence numbers and message_seq on the wire (RFC 6347 §4.2.1, §4.2.2)', () => {
    const pair = connectionPair();
    runHandshake(pair);
    const [hello1, hello2] = records(pair.wire.sent.client.slice(0, 2));
    const [verifyRequest] = records(pair.wire.sent.server.slice(0, 1));
    // The ClientHello and HelloVerifyRequest records say DTLS 1.0; the HelloVerifyRequest takes the hello's sequence number.
    expect(hello1).toMatchObject({ version: ProtocolVersion.DTLS_1_0, epoch: 0, sequenceNumber: 0 });
    expect(verifyRequest).toMatchObject({ version: ProtocolVersion.DTLS_1_0, epoch: 0, sequenceNumber: hello1!.sequenceNumber });
    const [verifyFragment] = parseHandshakeFragments(verifyRequest!.fragment);
    expect(verifyFragment).toMatchObject({ msgType: HandshakeType.hello_verify_request, messageSeq: 0 });
    expect(parseHelloVerifyRequest(verifyFragment!.fragment).serverVersion).toBe(ProtocolVersion.DTLS_1_0);
    expect(hello2).toMatchObject({ version: ProtocolVersion.DTLS_1_0, sequenceNumber: 1 });
    expect(parseHandshakeFragments(hello2!.fragment)[0]).toMatchObject({ msgType: HandshakeType.client_hello, messageSeq: 1 });
    // Everything after the hellos is DTLS 1.2; the ServerHello answers with the second hello's message_seq.
    const later = records([...pair.wire.sent.client.slice(2), ...pair.wire.sent.server.slice(1)]);
    expect(later.every((record) => record.version === ProtocolVersion.DTLS_1_2)).toBe(true);
    const serverFlight = records(pair.wire.sent.server.slice(1, 2)).flatMap((record) => parseHandshakeFragments(record.fragment));
    expect(serverFlight.map((fragment) => [fragment.msgType, fragment.messageSeq])).toEqual([
      [HandshakeType.server_hello, 1],
      [HandshakeType.certificate, 2],
      [HandshakeType.server_key_exchange, 3],
      [HandshakeType.certificate_request, 4],
      [HandshakeType.server_hello_done, 5],
    ]);
    // Flight 5: three epoch-0 handshake records, the CCS, then the Finished in epoch 1.
    const clientFlight = records(pair.wire.sent.client.slice(2, 3));
    expect(clientFlight.map((record) => [record.contentType, record.epoch])).toEqual([
      [ContentType.Handshake, 0],
      [ContentType.Handshake, 0],
      [ContentType.Handshake, 0],
      [ContentType.ChangeCipherSpec, 0],
      [ContentType.Handshake, 1],
    ]);
    expect(pair.wire.sent.client.every((datagram) => datagram.length <= 1200)).toBe(true);
  });

  it('fragments a flight to fit a small mtu, and the peer reassembles it', () => {
    const pair = connectionPair({ server: { mtu: 300 }, client: { mtu: 300 } });
    runHandshake(pair);
    expect(pair.client.state).toBe('connected');
    expect(pair.wire.sent.server.every((datagram) => datagram.length <= 300)).toBe(true);
    const certificateFragments = records(pair.wire.sent.server)
      .filter((record) => record.epoch === 0 && record.contentType === ContentType.Handshake)
      .flatMap((record) => parseHandshakeFragments(record.fragment))
      .filter((fragment) => fragment.msgType === HandshakeType.certificate);
    expect(certificateFragments.length).toBeGreaterThan(1);
  });

  it('application data over 2^14 bytes goes in several records', () => {
    const pair = connectionPair();
    runHandshake(pair);
    const big = Buffer.alloc(20_000, 7);
    pair.client.send(big);
    pair.wire.flush();
    expect(pair.serverEvents.data.map((data) => data.length)).toEqual([16_384, 20_000 - 16_384]);
    expect(Buffer.concat(pair.serverEvents.data)).toEqual(big);
  });

  it('application data that overtakes the peer’s Finished is delivered right after connected', () => {
    const pair = connectionPair();
    let droppedFinished = false;
    pair.wire.filter = (from, datagram) => {
      const [first] = parseRecords(datagram);
      if (from === 'server' && first?.contentType === ContentType.ChangeCipherSpec && !droppedFinished) {
        droppedFinished = true;
        return 'drop';
      }
      return 'deliver';
    };
    pair.server.on('connected', () => pair.server.send(Buffer.from('early SCTP INIT')));
    runHandshake(pair, { maxSteps: 50, stepMs: 250 });
    expect(droppedFinished).toBe(true);
    expect(pair.clientEvents.events.slice(0, 2)).toEqual(['connected', 'data']);
    expect(pair.clientEvents.data.map(String)).toEqual(['early SCTP INIT']);
  });

  it('refuses API misuse with clear errors', () => {
    const pair = connectionPair();
    expect(() => pair.client.send(Buffer.from('x'))).toThrow(/connected/);
    expect(() => pair.client.exportKeyingMaterial('EXTRACTOR-x', 16)).toThrow(/completed handshake/);
    runHandshake(pair);
    expect(() => pair.client.exportKeyingMaterial('master secret', 48)).toThrow(RangeError);
    expect(() => pair.client.exportKeyingMaterial('EXTRACTOR-x', 0)).toThrow(RangeError);
    const { client } = testCertificates();
    const options = { role: 'client', certificate: client, send: () => {} } as const;
    expect(() => new DtlsConnection({ ...options, remoteFingerprint: 'AB:CD' })).toThrow(TypeError);
    expect(() => new DtlsConnection({ ...options, remoteFingerprint: 'md5 AB:CD' })).toThrow(TypeError);
    expect(() => new DtlsConnection({ ...options, srtpProfiles: ['SRTP_NULL' as SrtpProfileName] })).toThrow(TypeError);
    expect(() => new DtlsConnection({ ...options, mtu: 100 })).toThrow(RangeError);
    expect(() => new DtlsConnection({ ...options, cipherSuites: [0x1301 as CipherSuiteId] })).toThrow(RangeError);
    expect(() => new DtlsConnection({ ...options, role: 'peer' as 'client' })).toThrow(TypeError);
  });

  it('start() twice sends flight 1 once; close() before start() just closes', () => {
    const pair = connectionPair();
    pair.client.start();
    pair.client.start();
    expect(pair.wire.sent.client).toHaveLength(1);
    pair.server.close();
    expect(pair.server.state).toBe('closed');
    expect(pair.serverEvents.events).toEqual(['closed']);
    expect(pair.wire.sent.server).toHaveLength(0);
  });
});
