/**
 * Our server connection answering Chromium 156's real ClientHellos
 * (server/fixtures/chromium-156, README "DTLS"): the two-fragment post-quantum
 * hello that also offers DTLS 1.3 and X25519MLKEM768, the `nopq` one, and the
 * hello of the DTLS 1.2 run. Each gets a stateless HelloVerifyRequest, then —
 * for the same hello with our cookie, again in two fragments, here even in the
 * wrong order — a DTLS 1.2 flight 4, parsed back with our own parsers.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../timers/index.ts';
import { DtlsConnection } from './connection.ts';
import { NamedGroup } from './crypto/ecdhe.ts';
import { SignatureScheme, serverKeyExchangeSignedData, verifyWithScheme } from './crypto/signature.ts';
import { type ClientHello, parseClientHello, serializeClientHello } from './messages/client-hello.ts';
import { ExtensionType, extensionType } from './messages/extensions/extension.ts';
import { fragmentHandshakeMessage, maxFragmentLength } from './messages/fragmentation.ts';
import { type HandshakeMessage, parseHandshakeFragments, serializeHandshakeFragment } from './messages/handshake-header.ts';
import { HandshakeType } from './messages/handshake-type.ts';
import { HandshakeReassembler } from './messages/reassembler.ts';
import { parseHandshakeBody } from './messages/handshake-body.ts';
import { serializeEcdheParams } from './messages/server-key-exchange.ts';
import { ProtocolVersion } from './protocol-version.ts';
import { ContentType } from './record/content-type.ts';
import { parseRecords, serializeRecord, serializeRecords } from './record/record.ts';
import { fixtureBytes, fixtureRecords, sentMessages } from './test-support.ts';
import { Recorder, testCertificates } from './test-connection.ts';

const HELLOS = [
  { name: 'the post-quantum ClientHello (1413 bytes, 2 fragments, offers DTLS 1.3)', files: ['dtls13-chromium-to-chromium/01-c2s-clienthello-frag1.bin', 'dtls13-chromium-to-chromium/02-c2s-clienthello-frag2.bin'] },
  { name: 'the nopq ClientHello (191 bytes, 1 datagram)', files: ['dtls13-chromium-to-chromium/nopq-01-c2s-clienthello.bin'] },
  { name: 'ClientHello #1 of the DTLS 1.2 run', files: ['dtls12-chromium-client/01-c2s-clienthello1-frag1.bin', 'dtls12-chromium-client/02-c2s-clienthello1-frag2.bin'] },
] as const;

const PEER = '127.0.0.1:50000';

function startServer() {
  const sent: Buffer[] = [];
  const server = new DtlsConnection({ role: 'server', certificate: testCertificates().server, peerAddress: PEER, send: (datagram) => sent.push(datagram), clock: new ManualClock() });
  const events = new Recorder(server);
  server.start();
  return { server, sent, events };
}

/** The messages in our datagrams, reassembled from `firstSeq`; every record checked for DTLS 1.2 epoch 0. */
function messagesIn(datagrams: readonly Buffer[], firstSeq: number): HandshakeMessage[] {
  const reassembler = new HandshakeReassembler({ nextMessageSeq: firstSeq });
  const messages: HandshakeMessage[] = [];
  for (const record of datagrams.flatMap((datagram) => parseRecords(datagram))) {
    expect(record).toMatchObject({ contentType: ContentType.Handshake, epoch: 0, version: ProtocolVersion.DTLS_1_2 });
    for (const fragment of parseHandshakeFragments(record.fragment)) reassembler.push(fragment);
    for (let message = reassembler.pop(); message !== undefined; message = reassembler.pop()) messages.push(message);
  }
  return messages;
}

/** The hello again with `cookie`, message_seq 1, cut like Chromium cuts it (1175-byte fragments), records numbered from `firstRecordSeq`. */
function helloWithCookie(hello: ClientHello, cookie: Uint8Array, firstRecordSeq: number): Buffer[] {
  const body = serializeClientHello({ ...hello, cookie });
  const fragments = fragmentHandshakeMessage({ msgType: HandshakeType.client_hello, messageSeq: 1, body }, maxFragmentLength({ maxDatagramSize: 1200 }));
  return fragments.map((fragment, i) =>
    Buffer.from(serializeRecord({ contentType: ContentType.Handshake, version: ProtocolVersion.DTLS_1_0, epoch: 0, sequenceNumber: firstRecordSeq + i, fragment: serializeHandshakeFragment(fragment) })),
  );
}

describe.each(HELLOS)('our server and Chromium 156: $name', ({ files }) => {
  const [fixtureHello] = sentMessages(files, 0);
  const hello = parseClientHello(fixtureHello!.body);

  it('gets a HelloVerifyRequest: DTLS 1.0 record and version, message_seq 0, the hello’s record sequence number, no state kept', () => {
    const { server, sent } = startServer();
    files.forEach((file, i) => {
      server.handleDatagram(Buffer.from(fixtureBytes(file)));
      expect(sent).toHaveLength(i === files.length - 1 ? 1 : 0);
    });
    const [record] = parseRecords(sent[0]!);
    const lastHelloRecord = fixtureRecords(files.at(-1)!).at(-1)!;
    expect(record).toMatchObject({ contentType: ContentType.Handshake, version: ProtocolVersion.DTLS_1_0, epoch: 0, sequenceNumber: lastHelloRecord.sequenceNumber });
    const [fragment] = parseHandshakeFragments(record!.fragment);
    expect(fragment).toMatchObject({ msgType: HandshakeType.hello_verify_request, messageSeq: 0 });
    const body = parseHandshakeBody(fragment!.msgType, fragment!.fragment);
    expect(body).toMatchObject({ kind: 'hello_verify_request', serverVersion: ProtocolVersion.DTLS_1_0 });
    expect(server.state).toBe('connecting');
    // Chromium retransmits the same hello, in new records, if the HelloVerifyRequest is lost: it gets another.
    for (const file of files) {
      const records = fixtureRecords(file).map((record) => ({ ...record, sequenceNumber: record.sequenceNumber + 10 }));
      server.handleDatagram(Buffer.from(serializeRecords(records)));
    }
    expect(sent).toHaveLength(2);
  });

  it('with our cookie, reassembled from out-of-order fragments, gets a well-formed DTLS 1.2 flight 4', () => {
    const { server, sent, events } = startServer();
    for (const file of files) server.handleDatagram(Buffer.from(fixtureBytes(file)));
    const [verifyRecord] = parseRecords(sent[0]!);
    const verify = parseHandshakeBody(HandshakeType.hello_verify_request, parseHandshakeFragments(verifyRecord!.fragment)[0]!.fragment);
    if (verify.kind !== 'hello_verify_request') throw new Error('expected a HelloVerifyRequest');

    const second = helloWithCookie(hello, verify.cookie, 2);
    expect(second).toHaveLength(files.length);
    for (const datagram of [...second].reverse()) server.handleDatagram(datagram);
    expect(events.failed).toBeUndefined();
    const flight = sent.slice(1);
    expect(flight.every((datagram) => datagram.length <= 1200)).toBe(true);

    const messages = messagesIn(flight, 1);
    expect(messages.map((message) => [message.msgType, message.messageSeq])).toEqual([
      [HandshakeType.server_hello, 1],
      [HandshakeType.certificate, 2],
      [HandshakeType.server_key_exchange, 3],
      [HandshakeType.certificate_request, 4],
      [HandshakeType.server_hello_done, 5],
    ]);
    const [serverHello, certificate, keyExchange, request, done] = messages.map((message) => parseHandshakeBody(message.msgType, message.body));
    if (serverHello?.kind !== 'server_hello' || keyExchange?.kind !== 'server_key_exchange') throw new Error('unexpected flight');
    // DTLS 1.2, Chromium's first suite we share, only extensions it offered; no supported_versions or key_share.
    expect(serverHello).toMatchObject({ serverVersion: ProtocolVersion.DTLS_1_2, cipherSuite: 0xc02b, compressionMethod: 0 });
    expect(serverHello.extensions.map(extensionType)).toEqual([
      ExtensionType.extended_master_secret,
      ExtensionType.renegotiation_info,
      ExtensionType.ec_point_formats,
      ExtensionType.use_srtp,
    ]);
    expect(serverHello.extensions.at(-1)).toMatchObject({ kind: 'use_srtp', profiles: [0x0007], mki: new Uint8Array(0) });
    // RFC 8446 §4.1.3: a 1.2-only server never writes the downgrade sentinel.
    expect(Buffer.from(serverHello.random.subarray(24)).toString('latin1')).not.toMatch(/^DOWNGRD/);
    expect(certificate).toEqual({ kind: 'certificate', certificates: [new Uint8Array(testCertificates().server.der)] });
    expect(keyExchange.params.namedGroup).toBe(NamedGroup.x25519);
    expect(keyExchange.signed.scheme).toBe(SignatureScheme.ecdsa_secp256r1_sha256);
    const signed = serverKeyExchangeSignedData(hello.random, serverHello.random, serializeEcdheParams(keyExchange.params));
    expect(() => verifyWithScheme(keyExchange.signed.scheme, testCertificates().server.publicKey, signed, keyExchange.signed.signature)).not.toThrow();
    expect(request).toEqual({ kind: 'certificate_request', certificateTypes: [64], signatureSchemes: [0x0403], certificateAuthorities: [] });
    expect(done).toEqual({ kind: 'server_hello_done' });
    expect(server.state).toBe('connecting');
  });
});

it("Chromium's second hello carries openssl's cookie, which is not ours: it gets a fresh HelloVerifyRequest, not flight 4", () => {
  const { server, sent } = startServer();
  for (const file of ['dtls12-chromium-client/04-c2s-clienthello2-frag1.bin', 'dtls12-chromium-client/05-c2s-clienthello2-frag2.bin']) server.handleDatagram(Buffer.from(fixtureBytes(file)));
  expect(sent).toHaveLength(1);
  const [fragment] = parseHandshakeFragments(parseRecords(sent[0]!)[0]!.fragment);
  // It answers the hello's message_seq (1).
  expect(fragment).toMatchObject({ msgType: HandshakeType.hello_verify_request, messageSeq: 1 });
});
