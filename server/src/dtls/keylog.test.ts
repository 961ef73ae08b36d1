/**
 * The two decryptable Chromium 156 DTLS 1.2 handshakes (openssl wrote the master
 * secrets to keylog/*.keylog; README "ICE-lite runs"). From the real flights:
 * key expansion → decrypting the Finished and application-data records (AES-128-GCM
 * and ChaCha20-Poly1305) → the Finished verify_data recomputed over our transcript
 * (proves the PRF, the RFC 6347 §4.2.6 transcript form and the exclusion of the
 * first ClientHello and HelloVerifyRequest) → the ServerKeyExchange and
 * CertificateVerify signatures checked with the certificates' keys → the
 * RFC 5764 exporter giving srtp-keys.json.
 *
 * Not checkable here: the master secret derivation itself (extended or not),
 * because the ECDHE private keys were not logged. The EMS formula is checked
 * against OpenSSL's TLS1-PRF in rfc5246-prf.test.ts instead.
 */
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readFixtureText } from '#fixtures/index.ts';
import { requireCipherSuite } from './crypto/cipher-suite.ts';
import { DTLS_SRTP_EXPORTER_LABEL, SRTP_PROFILES, splitKeyingMaterial } from '../srtp/index.ts';
import { exportKeyingMaterial } from './crypto/exporter.ts';
import { checkVerifyData, computeVerifyData, expandTrafficKeys } from './crypto/key-schedule.ts';
import { serverKeyExchangeSignedData, verifyWithScheme } from './crypto/signature.ts';
import { HandshakeTranscript } from './crypto/transcript.ts';
import { parseCertificate } from './messages/certificate.ts';
import { parseCertificateVerify } from './messages/certificate-verify.ts';
import { parseClientHello } from './messages/client-hello.ts';
import { parseFinished } from './messages/finished.ts';
import { type HandshakeMessage, completeMessage, parseHandshakeFragments } from './messages/handshake-header.ts';
import { HandshakeType } from './messages/handshake-type.ts';
import { parseServerHello } from './messages/server-hello.ts';
import { parseServerKeyExchange, serializeEcdheParams } from './messages/server-key-exchange.ts';
import { ContentType } from './record/content-type.ts';
import { RecordProtection } from './record/protection.ts';
import type { DtlsRecord } from './record/record.ts';
import { fixtureBytes, fixtureRecords, hexBytes, readKeylog, sentMessages, toHex } from './test-support.ts';

interface Capture {
  readonly name: string;
  readonly keylog: string;
  /** The ClientHello the transcript starts with (the one with the cookie, if any) and its message_seq. */
  readonly clientHello: { readonly files: readonly string[]; readonly messageSeq: number };
  readonly serverFlight: { readonly file: string; readonly messageSeq: number };
  /** Certificate, ClientKeyExchange, CertificateVerify, CCS, Finished (epoch 1). */
  readonly clientFlight: string;
  /** CCS, Finished (epoch 1). */
  readonly serverFinished: string;
  readonly clientFinishedPlaintext?: string;
  readonly applicationData: { readonly file: string; readonly sender: 'client' | 'server'; readonly plaintext: string };
  readonly suiteName: string;
}

const CLIENT = 'dtls12-chromium-client';
const SERVER = 'dtls12-chromium-server';

const CAPTURES: readonly Capture[] = [
  {
    name: 'Chromium as DTLS client, openssl server',
    keylog: 'keylog/lite-dtls12-chromium-client.keylog',
    clientHello: { files: [`${CLIENT}/04-c2s-clienthello2-frag1.bin`, `${CLIENT}/05-c2s-clienthello2-frag2.bin`], messageSeq: 1 },
    serverFlight: { file: `${CLIENT}/06-s2c-serverhello-certificate-serverkeyexchange-certificaterequest-serverhellodone.bin`, messageSeq: 1 },
    clientFlight: `${CLIENT}/07-c2s-certificate-clientkeyexchange-certificateverify-changecipherspec-finished.bin`,
    serverFinished: `${CLIENT}/08-s2c-changecipherspec-finished.bin`,
    clientFinishedPlaintext: `${CLIENT}/07-c2s-finished.decrypted.bin`,
    applicationData: { file: `${CLIENT}/09-c2s-appdata-sctp-init.bin`, sender: 'client', plaintext: `${CLIENT}/09-c2s-appdata-sctp-init.decrypted.bin` },
    suiteName: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  },
  {
    name: 'Chromium as DTLS server, openssl client',
    keylog: 'keylog/lite-dtls12-chromium-server.keylog',
    clientHello: { files: [`${SERVER}/01-c2s-openssl-clienthello.bin`], messageSeq: 0 },
    serverFlight: { file: `${SERVER}/02-s2c-serverhello-certificate-serverkeyexchange-certificaterequest-serverhellodone.bin`, messageSeq: 0 },
    clientFlight: `${SERVER}/03-c2s-openssl-certificate-clientkeyexchange-certificateverify-ccs-finished.bin`,
    serverFinished: `${SERVER}/04-s2c-changecipherspec-finished.bin`,
    applicationData: { file: `${SERVER}/05-s2c-appdata-sctp-init.bin`, sender: 'server', plaintext: `${SERVER}/05-s2c-appdata-sctp-init.decrypted.bin` },
    suiteName: 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  },
];

/** Everything a capture yields once parsed: messages in transcript order and the session keys. */
function openCapture(capture: Capture) {
  const [clientHelloMessage] = sentMessages(capture.clientHello.files, capture.clientHello.messageSeq);
  const serverMessages = sentMessages([capture.serverFlight.file], capture.serverFlight.messageSeq);
  const clientMessages = sentMessages([capture.clientFlight], capture.clientHello.messageSeq + 1);
  const clientHello = parseClientHello(clientHelloMessage!.body);
  const serverHello = parseServerHello(serverMessages[0]!.body);
  const masterSecret = readKeylog(capture.keylog).get(toHex(clientHello.random));
  if (masterSecret === undefined) throw new Error(`no keylog line for ${toHex(clientHello.random)}`);
  const suite = requireCipherSuite(serverHello.cipherSuite);
  const keys = expandTrafficKeys({ suite, masterSecret, clientRandom: clientHello.random, serverRandom: serverHello.random });
  const transcript = new HandshakeTranscript();
  for (const message of [clientHelloMessage!, ...serverMessages, ...clientMessages]) transcript.add(message);
  return { clientHello, serverHello, serverMessages, clientMessages, masterSecret, suite, keys, transcript };
}

function epochOneRecord(path: string, contentType: number): DtlsRecord {
  const record = fixtureRecords(path).find((r) => r.epoch === 1 && r.contentType === contentType);
  if (record === undefined) throw new Error(`no epoch-1 record of type ${contentType} in ${path}`);
  return record;
}

function finishedMessage(plaintext: Uint8Array): HandshakeMessage {
  const [fragment] = parseHandshakeFragments(plaintext);
  const message = completeMessage(fragment!);
  expect(message?.msgType).toBe(HandshakeType.finished);
  return message!;
}

function certificateKey(message: HandshakeMessage) {
  const [der] = parseCertificate(message.body).certificates;
  return new X509Certificate(der!).publicKey;
}

describe.each(CAPTURES)('$name', (capture) => {
  const session = openCapture(capture);

  it(`negotiated ${capture.suiteName} and the keylog has its master secret`, () => {
    expect(session.suite.name).toBe(capture.suiteName);
    expect(session.masterSecret.length).toBe(48);
    expect(session.transcript.messageCount).toBe(9);
  });

  it("decrypts the client's Finished record with the client write key", () => {
    const record = epochOneRecord(capture.clientFlight, ContentType.Handshake);
    const plaintext = RecordProtection.forSender(session.suite, session.keys, 'client').open(record);
    if (capture.clientFinishedPlaintext !== undefined) expect(plaintext).toEqual(fixtureBytes(capture.clientFinishedPlaintext));
    expect(plaintext.length).toBe(24);
  });

  it('re-encrypting the plaintext under the same header reproduces the wire record (nonce construction)', () => {
    const record = epochOneRecord(capture.clientFlight, ContentType.Handshake);
    const protection = RecordProtection.forSender(session.suite, session.keys, 'client');
    expect(protection.seal(record, protection.open(record))).toEqual(record);
  });

  it("the client's verify_data equals PRF(master, 'client finished', Hash(transcript))", () => {
    const record = epochOneRecord(capture.clientFlight, ContentType.Handshake);
    const finished = parseFinished(finishedMessage(RecordProtection.forSender(session.suite, session.keys, 'client').open(record)).body);
    const expected = computeVerifyData({ suite: session.suite, masterSecret: session.masterSecret, sender: 'client', handshakeHash: session.transcript.hash(session.suite.prfHash) });
    expect(toHex(finished.verifyData)).toBe(toHex(expected));
    expect(() => checkVerifyData(finished.verifyData, expected)).not.toThrow();
  });

  it("the server's verify_data covers the transcript including the client's Finished", () => {
    const clientRecord = epochOneRecord(capture.clientFlight, ContentType.Handshake);
    const transcript = new HandshakeTranscript();
    transcript.addSerialized(session.transcript.bytes());
    transcript.add(finishedMessage(RecordProtection.forSender(session.suite, session.keys, 'client').open(clientRecord)));
    const serverRecord = epochOneRecord(capture.serverFinished, ContentType.Handshake);
    const finished = parseFinished(finishedMessage(RecordProtection.forSender(session.suite, session.keys, 'server').open(serverRecord)).body);
    const expected = computeVerifyData({ suite: session.suite, masterSecret: session.masterSecret, sender: 'server', handshakeHash: transcript.hash(session.suite.prfHash) });
    expect(toHex(finished.verifyData)).toBe(toHex(expected));
    // And the client's verify_data does not pass for the server (the labels differ).
    expect(() => checkVerifyData(finished.verifyData, computeVerifyData({ ...session, sender: 'client', handshakeHash: transcript.hash('sha256') }))).toThrow(
      expect.objectContaining({ code: 'DECRYPT_ERROR' }),
    );
  });

  it(`decrypts the first application_data record (an SCTP INIT) with the ${capture.applicationData.sender} write key`, () => {
    const record = epochOneRecord(capture.applicationData.file, ContentType.ApplicationData);
    const plaintext = RecordProtection.forSender(session.suite, session.keys, capture.applicationData.sender).open(record);
    expect(plaintext).toEqual(fixtureBytes(capture.applicationData.plaintext));
  });

  it('rejects the application_data record with a flipped bit, or under the other direction key, as BAD_RECORD_MAC', () => {
    const record = epochOneRecord(capture.applicationData.file, ContentType.ApplicationData);
    const other = capture.applicationData.sender === 'client' ? 'server' : 'client';
    const flipped = Uint8Array.from(record.fragment);
    flipped[flipped.length - 20]! ^= 0x01;
    expect(() => RecordProtection.forSender(session.suite, session.keys, capture.applicationData.sender).open({ ...record, fragment: flipped })).toThrow(
      expect.objectContaining({ code: 'BAD_RECORD_MAC' }),
    );
    expect(() => RecordProtection.forSender(session.suite, session.keys, other).open(record)).toThrow(expect.objectContaining({ code: 'BAD_RECORD_MAC' }));
    // The additional data covers the header: a different sequence number fails too.
    expect(() => RecordProtection.forSender(session.suite, session.keys, capture.applicationData.sender).open({ ...record, sequenceNumber: 2 })).toThrow(
      expect.objectContaining({ code: 'BAD_RECORD_MAC' }),
    );
  });

  it("the ServerKeyExchange signature verifies with the server certificate's key over client_random ‖ server_random ‖ params", () => {
    const [, certificate, keyExchange] = session.serverMessages;
    const { params, signed } = parseServerKeyExchange(keyExchange!.body);
    const data = serverKeyExchangeSignedData(session.clientHello.random, session.serverHello.random, serializeEcdheParams(params));
    expect(() => verifyWithScheme(signed.scheme, certificateKey(certificate!), data, signed.signature)).not.toThrow();
    const swapped = serverKeyExchangeSignedData(session.serverHello.random, session.clientHello.random, serializeEcdheParams(params));
    expect(() => verifyWithScheme(signed.scheme, certificateKey(certificate!), swapped, signed.signature)).toThrow(expect.objectContaining({ code: 'DECRYPT_ERROR' }));
  });

  it("the CertificateVerify signature verifies with the client certificate's key over the messages before it", () => {
    const [certificate, , verify] = session.clientMessages;
    const { signed } = parseCertificateVerify(verify!.body);
    const before = new HandshakeTranscript();
    for (const message of [...sentMessages(capture.clientHello.files, capture.clientHello.messageSeq), ...session.serverMessages, ...session.clientMessages.slice(0, 2)]) {
      before.add(message);
    }
    expect(() => verifyWithScheme(signed.scheme, certificateKey(certificate!), before.bytes(), signed.signature)).not.toThrow();
  });
});

describe('RFC 5764 §4.2 exporter on the Chromium-client capture', () => {
  it('EXTRACTOR-dtls_srtp with the keylog master secret gives the keys and salts of srtp-keys.json', () => {
    const keys = JSON.parse(readFixtureText('srtp-dtls12-decryptable/srtp-keys.json')) as Record<string, string>;
    const session = openCapture(CAPTURES[0]!);
    expect(toHex(session.clientHello.random)).toBe(keys['client_random']);
    expect(toHex(session.serverHello.random)).toBe(keys['server_random']);
    expect(toHex(session.masterSecret)).toBe(keys['master_secret']);
    const material = exportKeyingMaterial({
      hash: session.suite.prfHash,
      masterSecret: hexBytes(keys['master_secret']!),
      label: DTLS_SRTP_EXPORTER_LABEL,
      clientRandom: session.clientHello.random,
      serverRandom: session.serverHello.random,
      length: 60,
    });
    const { local: client, remote: server } = splitKeyingMaterial({ profile: SRTP_PROFILES.SRTP_AES128_CM_HMAC_SHA1_80, material, role: 'client' });
    expect({
      client_write_master_key: toHex(client.masterKey),
      server_write_master_key: toHex(server.masterKey),
      client_write_master_salt: toHex(client.masterSalt),
      server_write_master_salt: toHex(server.masterSalt),
    }).toEqual({
      client_write_master_key: keys['client_write_master_key'],
      server_write_master_key: keys['server_write_master_key'],
      client_write_master_salt: keys['client_write_master_salt'],
      server_write_master_salt: keys['server_write_master_salt'],
    });
  });
});
