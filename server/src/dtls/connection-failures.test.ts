/**
 * DtlsConnection when things go wrong: a certificate that is not the one
 * signaling announced, a peer that never answers, a handshake that takes too
 * long, garbage and forged records (dropped and counted, RFC 6347 §4.1.2.7),
 * renegotiation (refused with a warning, RFC 5246 §7.2.2), a peer's fatal alert,
 * a message out of place. Each failure is a DtlsError with a stable code, and the
 * alert we send says why.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../timers/index.ts';
import { DtlsConnection } from './connection.ts';
import { AlertDescription } from './messages/alert-description.ts';
import { serializeAlert } from './messages/alert.ts';
import { toHandshakeMessage } from './messages/handshake-body.ts';
import { serializeHandshakeMessage } from './messages/handshake-header.ts';
import { ProtocolVersion } from './protocol-version.ts';
import { ContentType } from './record/content-type.ts';
import type { RecordProtection } from './record/protection.ts';
import { type DtlsRecord, parseRecords, serializeRecord } from './record/record.ts';
import { ScriptedClient } from './test-client.ts';
import { TestEndpoint } from './test-endpoint.ts';
import { fixtureBytes } from './test-support.ts';
import { Recorder, connectionPair, runHandshake, testCertificates, trafficKeysOf } from './test-connection.ts';

function lastRecord(datagrams: readonly Buffer[]): DtlsRecord {
  return parseRecords(datagrams.at(-1)!).at(-1)!;
}

/** A record under `protection` with a sequence number ahead of anything sent so far, yet close enough that the peer's genuine records stay inside the replay window. */
function forge(protection: RecordProtection, contentType: number, plaintext: Uint8Array, sequenceNumber = 40): Buffer {
  return Buffer.from(serializeRecord(protection.seal({ contentType, version: ProtocolVersion.DTLS_1_2, epoch: 1, sequenceNumber }, plaintext)));
}

function handshakeRecord(body: Parameters<typeof toHandshakeMessage>[0], messageSeq: number): Uint8Array {
  return serializeHandshakeMessage(toHandshakeMessage(body, messageSeq));
}

describe('DtlsConnection: certificates and fingerprints', () => {
  it("the server rejects a client certificate whose fingerprint is not the SDP's: bad_certificate, FINGERPRINT_MISMATCH", () => {
    const pair = connectionPair({ server: { remoteFingerprint: `sha-256 ${testCertificates().stranger.fingerprint()}` } });
    runHandshake(pair);
    expect(pair.server.state).toBe('failed');
    expect(pair.serverEvents.failed?.code).toBe('FINGERPRINT_MISMATCH');
    // The alert goes out in epoch 0, the server has no keys of its own yet: fatal(2) bad_certificate(42).
    const alert = lastRecord(pair.wire.sent.server);
    expect(alert).toMatchObject({ contentType: ContentType.Alert, epoch: 0, fragment: Uint8Array.of(2, 42) });
    expect(pair.clientEvents.failed).toMatchObject({ code: 'FATAL_ALERT_RECEIVED', receivedAlert: 42 });
    expect(pair.client.state).toBe('failed');
  });

  it("the client rejects a server certificate whose fingerprint is not the SDP's", () => {
    const pair = connectionPair({ client: { remoteFingerprint: `sha-256 ${testCertificates().stranger.fingerprint()}` } });
    runHandshake(pair);
    expect(pair.clientEvents.failed?.code).toBe('FINGERPRINT_MISMATCH');
    expect(pair.clientEvents.failed?.alertName).toBe('bad_certificate');
    expect(lastRecord(pair.wire.sent.client)).toMatchObject({ contentType: ContentType.Alert, fragment: Uint8Array.of(2, 42) });
    expect(pair.serverEvents.failed).toMatchObject({ code: 'FATAL_ALERT_RECEIVED', receivedAlert: 42 });
  });

  it('compares fingerprints in the algorithm the SDP names, case-insensitively', () => {
    const { client, server } = testCertificates();
    const pair = connectionPair({
      client: { remoteFingerprint: `SHA-512 ${server.fingerprint('sha-512').toLowerCase()}` },
      server: { remoteFingerprint: `sha-1 ${client.fingerprint('sha-1')}` },
    });
    runHandshake(pair);
    expect(pair.clientEvents.connected?.remoteFingerprint).toBe(`sha-512 ${server.fingerprint('sha-512')}`);
    expect(pair.serverEvents.connected?.remoteFingerprint).toBe(`sha-1 ${client.fingerprint('sha-1')}`);
  });

  it('the server requires a client certificate: an empty one is NO_CERTIFICATE, handshake_failure', () => {
    const { server: certificate } = testCertificates();
    const sent: Buffer[] = [];
    const server = new DtlsConnection({ role: 'server', certificate, peerAddress: 'p', send: (datagram) => sent.push(datagram), clock: new ManualClock() });
    const events = new Recorder(server);
    server.start();
    const client = new ScriptedClient();
    const exchange = (datagrams: readonly Uint8Array[]) => {
      const from = sent.length;
      for (const datagram of datagrams) server.handleDatagram(Buffer.from(datagram));
      return client.endpoint.receive(sent.slice(from)).messages;
    };
    const cookie = client.takeServerMessages(exchange(client.sendHello()));
    expect(cookie).toBeInstanceOf(Uint8Array);
    expect(client.takeServerMessages(exchange(client.sendHello(cookie as Uint8Array)))).toBe('done');
    exchange(client.secondFlight());
    expect(events.failed?.code).toBe('NO_CERTIFICATE');
    expect(lastRecord(sent).fragment).toEqual(Uint8Array.of(2, AlertDescription.handshake_failure));
  });

  it('the scripted client of the building blocks (with a certificate) completes against our server', () => {
    const { server: certificate, client: identity } = testCertificates();
    const sent: Buffer[] = [];
    const server = new DtlsConnection({ role: 'server', certificate, peerAddress: 'p', send: (datagram) => sent.push(datagram), clock: new ManualClock(), srtpProfiles: ['SRTP_AES128_CM_HMAC_SHA1_80'] });
    const events = new Recorder(server);
    server.start();
    const client = new ScriptedClient({ identity: { certificate: identity.der, privateKey: identity.privateKey } });
    const exchange = (datagrams: readonly Uint8Array[]) => {
      const from = sent.length;
      for (const datagram of datagrams) server.handleDatagram(Buffer.from(datagram));
      return sent.slice(from);
    };
    const cookie = client.takeServerMessages(client.endpoint.receive(exchange(client.sendHello())).messages) as Uint8Array;
    client.takeServerMessages(client.endpoint.receive(exchange(client.sendHello(cookie))).messages);
    const result = client.finish(exchange(client.secondFlight()));
    expect(events.connected?.srtpProfile?.name).toBe('SRTP_AES128_CM_HMAC_SHA1_80');
    expect(result?.masterSecret).toBeDefined();
    expect(client.srtpKeys().local).toEqual(server.srtpKeyingMaterial().remote);
    exchange([client.endpoint.applicationData(Buffer.from('scripted'))]);
    expect(events.data.map(String)).toEqual(['scripted']);
  });
});

describe('DtlsConnection: timers (RFC 6347 §4.2.4.1)', () => {
  function lonelyClient(retransmission?: { initialTimeoutMs?: number; maxTimeoutMs?: number; maxRetransmissions?: number }) {
    const clock = new ManualClock();
    const sentAt: number[] = [];
    const client = new DtlsConnection({
      role: 'client',
      certificate: testCertificates().client,
      send: () => sentAt.push(clock.now()),
      clock,
      handshakeTimeoutMs: 3_600_000,
      ...(retransmission === undefined ? {} : { retransmission }),
    });
    return { clock, sentAt, client, events: new Recorder(client) };
  }

  it('a peer that never answers: flight 1 at 0, 1, 3, 7, 15, 31, 63 s, then RETRANSMISSION_LIMIT at 123 s, no alert', () => {
    const { clock, sentAt, client, events } = lonelyClient();
    client.start();
    clock.advance(122_999);
    expect(client.state).toBe('connecting');
    clock.advance(1);
    expect(sentAt).toEqual([0, 1000, 3000, 7000, 15_000, 31_000, 63_000]);
    expect(events.failed?.code).toBe('RETRANSMISSION_LIMIT');
    expect(client.state).toBe('failed');
    expect(client.stats.retransmissions).toBe(6);
    clock.advance(1_000_000);
    expect(sentAt).toHaveLength(7);
  });

  it('the timer doubles up to its cap, and the bound is configurable', () => {
    const { clock, sentAt, client, events } = lonelyClient({ initialTimeoutMs: 100, maxTimeoutMs: 400, maxRetransmissions: 5 });
    client.start();
    clock.advance(10_000);
    expect(sentAt).toEqual([0, 100, 300, 700, 1100, 1500]);
    expect(events.failed?.code).toBe('RETRANSMISSION_LIMIT');
    expect(clock.pendingTimers).toBe(0);
  });

  it('the whole handshake is bounded too: HANDSHAKE_TIMEOUT for a server nobody calls', () => {
    const clock = new ManualClock();
    const server = new DtlsConnection({ role: 'server', certificate: testCertificates().server, send: () => {}, clock, handshakeTimeoutMs: 5000 });
    const events = new Recorder(server);
    server.start();
    clock.advance(4999);
    expect(server.state).toBe('connecting');
    clock.advance(1);
    expect(events.failed?.code).toBe('HANDSHAKE_TIMEOUT');
  });

  it('an unanswered server flight is resent in smaller datagrams from its second timeout on (§4.1.1.1)', () => {
    const pair = connectionPair({ server: { retransmission: { maxRetransmissions: 3 } } });
    // The client falls silent after its second ClientHello.
    pair.wire.filter = (from, _datagram, index) => (from === 'client' && index >= 2 ? 'drop' : 'deliver');
    runHandshake(pair, { maxSteps: 200, stepMs: 250 });
    expect(pair.serverEvents.failed?.code).toBe('RETRANSMISSION_LIMIT');
    const flights = pair.wire.sent.server.slice(1).map((datagram) => datagram.length);
    // Original + first retransmission in one datagram each, then two 548-byte-or-less datagrams per copy.
    expect(flights[0]).toBeGreaterThan(548);
    expect(flights[1]).toBe(flights[0]);
    expect(flights.slice(2)).toHaveLength(4);
    expect(flights.slice(2).every((length) => length <= 548)).toBe(true);
  });
});

describe('DtlsConnection: bad input is dropped and counted, never fatal', () => {
  it('garbage, DTLS 1.3 records, truncated records, unknown epochs, replays and forgeries', () => {
    const pair = connectionPair();
    pair.server.start();
    pair.client.start();
    const garbage = [
      Buffer.alloc(0),
      Buffer.from('GET / HTTP/1.1\r\n\r\n'),
      Buffer.from(fixtureBytes('dtls13-chromium-to-chromium/04-s2c-encrypted.bin')),
      Buffer.from('16fefd000000000000000000ff01', 'hex'),
      Buffer.from(serializeRecord({ contentType: ContentType.Handshake, version: ProtocolVersion.DTLS_1_2, epoch: 5, sequenceNumber: 0, fragment: Uint8Array.of(1) })),
    ];
    for (const datagram of garbage) {
      pair.client.handleDatagram(datagram);
      pair.server.handleDatagram(datagram);
    }
    runHandshake(pair);
    expect([pair.client.state, pair.server.state]).toEqual(['connected', 'connected']);
    expect(pair.client.stats.dropped).toMatchObject({ malformed: 4, unexpectedEpoch: 1 });

    // After the handshake: the server's flight 4 again (replayed), and application data with a broken tag.
    const replayed = pair.wire.sent.server[1]!;
    pair.client.handleDatagram(replayed);
    const keys = trafficKeysOf(pair);
    const forged = forge(keys.server, ContentType.ApplicationData, Buffer.from('forged'));
    forged[forged.length - 1]! ^= 1;
    pair.client.handleDatagram(forged);
    pair.client.handleDatagram(Buffer.from(garbage[1]!));
    // Flight 4 is five records.
    expect(pair.client.stats.dropped).toMatchObject({ replayed: 5, undecryptable: 1, malformed: 5 });
    expect(pair.client.state).toBe('connected');
    expect(pair.clientEvents.data).toHaveLength(0);

    // A forged record with the right key is data, once: the replay window drops its copy.
    const genuine = forge(keys.server, ContentType.ApplicationData, Buffer.from('real'), 41);
    pair.client.handleDatagram(genuine);
    pair.client.handleDatagram(genuine);
    expect(pair.clientEvents.data.map(String)).toEqual(['real']);
    expect(pair.client.stats.dropped.replayed).toBe(6);

    pair.server.send(Buffer.from('still working'));
    pair.wire.flush();
    expect(pair.clientEvents.data.map(String)).toEqual(['real', 'still working']);
  });

  it('plaintext application data and an unencrypted Finished are dropped', () => {
    const pair = connectionPair();
    // Hold back the server's flight 6, so the client waits for the Finished.
    pair.wire.filter = (from, _datagram, index) => (from === 'server' && index === 2 ? 'drop' : 'deliver');
    pair.server.start();
    pair.client.start();
    pair.wire.flush();
    expect([pair.client.state, pair.server.state]).toEqual(['connecting', 'connected']);
    // Sequence numbers a little ahead of the genuine ones, inside the replay window.
    const clear = (contentType: number, fragment: Uint8Array) =>
      Buffer.from(serializeRecord({ contentType, version: ProtocolVersion.DTLS_1_2, epoch: 0, sequenceNumber: 20, fragment }));
    pair.client.handleDatagram(clear(ContentType.Handshake, handshakeRecord({ kind: 'finished', verifyData: new Uint8Array(12) }, 6)));
    pair.server.handleDatagram(clear(ContentType.ApplicationData, Uint8Array.of(1, 2)));
    expect(pair.client.stats.dropped.unexpectedRecord).toBe(1);
    expect(pair.server.stats.dropped.unexpectedRecord).toBe(1);
    expect(pair.serverEvents.data).toHaveLength(0);
    expect([pair.client.state, pair.server.state]).toEqual(['connecting', 'connected']);
    // The client's timer resends flight 5, the server answers with flight 6 again.
    pair.clock.advance(1000);
    pair.wire.flush();
    expect(pair.client.state).toBe('connected');
  });
});

describe('DtlsConnection: renegotiation is refused (RFC 5246 §7.2.2 no_renegotiation)', () => {
  it('a HelloRequest to the client and a ClientHello to the server get a no_renegotiation warning; both stay connected', () => {
    const pair = connectionPair();
    runHandshake(pair);
    const keys = trafficKeysOf(pair);

    pair.client.handleDatagram(forge(keys.server, ContentType.Handshake, handshakeRecord({ kind: 'hello_request' }, 2)));
    const clientAnswer = lastRecord(pair.wire.sent.client);
    expect(keys.client.open(clientAnswer)).toEqual(Uint8Array.of(1, AlertDescription.no_renegotiation));

    const client = new ScriptedClient();
    pair.server.handleDatagram(forge(keys.client, ContentType.Handshake, handshakeRecord(client.hello(), 5)));
    const serverAnswer = lastRecord(pair.wire.sent.server);
    expect(keys.server.open(serverAnswer)).toEqual(Uint8Array.of(1, AlertDescription.no_renegotiation));

    expect([pair.client.state, pair.server.state]).toEqual(['connected', 'connected']);
    pair.client.send(Buffer.from('after'));
    pair.wire.flush();
    expect(pair.serverEvents.data.map(String)).toEqual(['after']);
  });
});

describe('DtlsConnection: alerts and unexpected messages', () => {
  it("the peer's fatal alert fails the handshake with FATAL_ALERT_RECEIVED and sends nothing back", () => {
    const pair = connectionPair();
    pair.client.start();
    const sentBefore = pair.wire.sent.client.length;
    const alert = serializeRecord({ contentType: ContentType.Alert, version: ProtocolVersion.DTLS_1_2, epoch: 0, sequenceNumber: 9, fragment: serializeAlert({ level: 2, description: AlertDescription.handshake_failure }) });
    pair.client.handleDatagram(Buffer.from(alert));
    expect(pair.clientEvents.failed).toMatchObject({ code: 'FATAL_ALERT_RECEIVED', receivedAlert: 40 });
    expect(pair.wire.sent.client).toHaveLength(sentBefore);
  });

  it('a close_notify during the handshake closes; after it, input is counted as inactive', () => {
    const pair = connectionPair();
    pair.client.start();
    const closeNotify = serializeRecord({ contentType: ContentType.Alert, version: ProtocolVersion.DTLS_1_2, epoch: 0, sequenceNumber: 9, fragment: Uint8Array.of(1, 0) });
    pair.client.handleDatagram(Buffer.from(closeNotify));
    expect(pair.client.state).toBe('closed');
    expect(pair.clientEvents.events).toEqual(['closed']);
    pair.client.handleDatagram(Buffer.from(closeNotify));
    expect(pair.client.stats.dropped.inactive).toBe(1);
  });

  it('a ServerHello sent to a server is unexpected_message', () => {
    const pair = connectionPair();
    pair.wire.filter = (from, _datagram, index) => (from === 'client' && index >= 2 ? 'drop' : 'deliver');
    pair.server.start();
    pair.client.start();
    pair.wire.flush();
    // The server has the cookie-bearing ClientHello (message_seq 1) and waits for the client's Certificate.
    const endpoint = new TestEndpoint({ firstMessageSeq: 2 });
    const { records } = endpoint.handshake([
      { kind: 'server_hello', serverVersion: 0xfefd, random: new Uint8Array(32), sessionId: new Uint8Array(0), cipherSuite: 0xc02b, compressionMethod: 0, extensions: [] },
    ]);
    const datagram = Buffer.from(records[0]!);
    datagram.writeUIntBE(900, 5, 6); // a sequence number the replay window has not seen
    pair.server.handleDatagram(datagram);
    expect(pair.serverEvents.failed?.code).toBe('UNEXPECTED_MESSAGE');
    expect(lastRecord(pair.wire.sent.server).fragment).toEqual(Uint8Array.of(2, AlertDescription.unexpected_message));
  });
});
