/**
 * The Chromium 156 DTLS captures (server/fixtures/chromium-156/README.md, "DTLS"):
 * every datagram splits into records and re-serializes byte for byte; every
 * plaintext handshake message parses and re-serializes byte for byte; the
 * two-fragment ClientHello reassembles to the 1413-byte message the README describes.
 */
import { describe, expect, it } from 'vitest';
import { CipherSuiteId } from './crypto/cipher-suite.ts';
import { NamedGroup } from './crypto/ecdhe.ts';
import { SignatureScheme } from './crypto/signature.ts';
import { parseCertificate } from './messages/certificate.ts';
import { parseCertificateRequest } from './messages/certificate-request.ts';
import { parseCertificateVerify } from './messages/certificate-verify.ts';
import { type ClientHello, parseClientHello, serializeClientHello } from './messages/client-hello.ts';
import { parseClientKeyExchange } from './messages/client-key-exchange.ts';
import { ExtensionType, extensionType, findExtension, findRawExtension } from './messages/extensions/extension.ts';
import { fragmentHandshakeMessage, maxFragmentLength } from './messages/fragmentation.ts';
import { parseHandshakeBody, serializeHandshakeBody } from './messages/handshake-body.ts';
import { completeMessage, parseHandshakeFragments, serializeHandshakeFragment } from './messages/handshake-header.ts';
import { HandshakeType } from './messages/handshake-type.ts';
import { parseHelloVerifyRequest } from './messages/hello-verify-request.ts';
import { parseServerHello } from './messages/server-hello.ts';
import { negotiate, offeredVersions } from './negotiation.ts';
import { ProtocolVersion } from './protocol-version.ts';
import { ContentType } from './record/content-type.ts';
import { parseRecords, serializeRecord, serializeRecords } from './record/record.ts';
import { datagramFixtures, fixtureBytes, fixtureRecords, sentMessages } from './test-support.ts';
import { Reader } from './wire.ts';

const CLIENT_RUN = 'dtls12-chromium-client';
const SERVER_RUN = 'dtls12-chromium-server';
const C2C_RUN = 'dtls13-chromium-to-chromium';

/** README: "Cipher suites (14, fixed order, no GREASE)". */
const CHROMIUM_SUITES = [0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xcca9, 0xcca8, 0xc009, 0xc013, 0xc00a, 0xc014, 0x009c, 0x002f, 0x0035];
/** README: signature_algorithms = [0403 0804 0401 0503 0805 0501 0806 0601 0201]. */
const CHROMIUM_SIGALGS = [0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601, 0x0201];
const SRTP_AES128_CM_HMAC_SHA1_80 = 0x0001;

/** The two-fragment ClientHellos: [first datagram, second datagram, message_seq]. */
const FRAGMENTED_HELLOS = [
  { name: 'ClientHello #1 of the DTLS 1.2 run', files: [`${CLIENT_RUN}/01-c2s-clienthello1-frag1.bin`, `${CLIENT_RUN}/02-c2s-clienthello1-frag2.bin`], messageSeq: 0, length: 1413 },
  { name: 'ClientHello #2 (with cookie) of the DTLS 1.2 run', files: [`${CLIENT_RUN}/04-c2s-clienthello2-frag1.bin`, `${CLIENT_RUN}/05-c2s-clienthello2-frag2.bin`], messageSeq: 1, length: 1433 },
  { name: 'ClientHello of the Chromium-to-Chromium run', files: [`${C2C_RUN}/01-c2s-clienthello-frag1.bin`, `${C2C_RUN}/02-c2s-clienthello-frag2.bin`], messageSeq: 0, length: 1413 },
] as const;

function helloFrom(files: readonly string[], messageSeq: number): ClientHello {
  const [message] = sentMessages(files, messageSeq);
  if (message === undefined) throw new Error(`no complete message in ${files.join(', ')}`);
  expect(message.msgType).toBe(HandshakeType.client_hello);
  return parseClientHello(message.body);
}

/** key_share (RFC 8446 §4.2.8) is kept raw; decode it here to check the README's sizes. */
function keyShares(hello: ClientHello): { group: number; length: number }[] {
  const raw = findRawExtension(hello.extensions, ExtensionType.key_share);
  if (raw === undefined) return [];
  const shares = new Reader(new Reader(raw.data, 'key_share').vector(2, 'client_shares'), 'client_shares');
  const out: { group: number; length: number }[] = [];
  while (shares.remaining > 0) out.push({ group: shares.u16('group'), length: shares.vector(2, 'key_exchange').length });
  return out;
}

const ALL_DATAGRAMS = [CLIENT_RUN, SERVER_RUN, C2C_RUN].flatMap(datagramFixtures);
/** The c2c run's DTLS 1.3 ciphertext datagrams use the unified header and are not DTLS 1.2 records. */
const DTLS12_DATAGRAMS = ALL_DATAGRAMS.filter((path) => !/(0[4-8]-.*encrypted|nopq-02)/.test(path));

describe('Chromium 156 DTLS records', () => {
  it.each(DTLS12_DATAGRAMS)('%s splits into records that serialize back byte for byte', (path) => {
    const datagram = fixtureBytes(path);
    const records = parseRecords(datagram);
    expect(records.length).toBeGreaterThan(0);
    expect(serializeRecords(records)).toEqual(datagram);
  });

  it.each(DTLS12_DATAGRAMS)('%s: every plaintext handshake fragment and complete body re-serializes byte for byte', (path) => {
    for (const record of fixtureRecords(path)) {
      if (record.contentType !== ContentType.Handshake || record.epoch !== 0) continue;
      const fragments = parseHandshakeFragments(record.fragment);
      expect(Buffer.concat(fragments.map(serializeHandshakeFragment))).toEqual(Buffer.from(record.fragment));
      for (const fragment of fragments) {
        const message = completeMessage(fragment);
        if (message === undefined) continue;
        expect(serializeHandshakeBody(parseHandshakeBody(message.msgType, message.body))).toEqual(message.body);
      }
    }
  });

  it('the DTLS 1.3 unified-header datagrams are rejected as UNKNOWN_CONTENT_TYPE, not misparsed', () => {
    for (const path of ALL_DATAGRAMS.filter((p) => !DTLS12_DATAGRAMS.includes(p))) {
      expect(() => parseRecords(fixtureBytes(path)), path).toThrow(expect.objectContaining({ code: 'UNKNOWN_CONTENT_TYPE' }));
    }
  });

  it('the no-PQ server flight starts with a plaintext DTLS 1.3 ServerHello record that parses', () => {
    const datagram = fixtureBytes(`${C2C_RUN}/nopq-02-s2c-serverhello-flight.bin`);
    const [fragment] = parseHandshakeFragments(parseRecords(datagram.subarray(0, 111))[0]!.fragment);
    const hello = parseServerHello(fragment!.fragment);
    expect(hello.cipherSuite).toBe(0x1301);
    expect(findRawExtension(hello.extensions, ExtensionType.supported_versions)?.data).toEqual(Uint8Array.of(0xfe, 0xfc));
  });
});

describe('Chromium 156 ClientHello', () => {
  it.each(FRAGMENTED_HELLOS)('$name: two fragments (0–1175, 1175–end) in two datagrams, the first exactly 1200 bytes', ({ files, messageSeq, length }) => {
    const [first, second] = files.map(fixtureRecords);
    expect(fixtureBytes(files[0]).length).toBe(1200);
    const [a] = parseHandshakeFragments(first![0]!.fragment);
    const [b] = parseHandshakeFragments(second![0]!.fragment);
    expect({ ...a, fragment: a!.fragment.length }).toEqual({ msgType: 1, length, messageSeq, fragmentOffset: 0, fragment: 1175 });
    expect({ ...b, fragment: b!.fragment.length }).toEqual({ msgType: 1, length, messageSeq, fragmentOffset: 1175, fragment: length - 1175 });
    expect(first![0]!.version).toBe(ProtocolVersion.DTLS_1_0);
  });

  it.each(FRAGMENTED_HELLOS)('$name reassembles (in either order) into the whole message', ({ files, messageSeq, length }) => {
    const forward = sentMessages(files, messageSeq);
    const backward = sentMessages([...files].reverse(), messageSeq);
    expect(forward).toHaveLength(1);
    expect(forward[0]!.body.length).toBe(length);
    expect(backward).toEqual(forward);
  });

  it.each(FRAGMENTED_HELLOS)('$name re-fragments for a 1200-byte datagram into the same records', ({ files, messageSeq }) => {
    const [message] = sentMessages(files, messageSeq);
    const fragments = fragmentHandshakeMessage(message!, maxFragmentLength({ maxDatagramSize: 1200 }));
    files.forEach((file, i) => {
      const [original] = fixtureRecords(file);
      expect(serializeRecord({ ...original!, fragment: serializeHandshakeFragment(fragments[i]!) })).toEqual(fixtureBytes(file));
    });
  });

  it.each(FRAGMENTED_HELLOS)('$name has the README facts: versions, suites, compression, the 9 extensions', ({ files, messageSeq }) => {
    const hello = helloFrom(files, messageSeq);
    expect(hello.clientVersion).toBe(ProtocolVersion.DTLS_1_2);
    expect(hello.sessionId).toEqual(new Uint8Array(0));
    expect(hello.cipherSuites).toEqual(CHROMIUM_SUITES);
    expect(hello.compressionMethods).toEqual([0]);
    expect(hello.extensions.map(extensionType).sort((a, b) => a - b)).toEqual(
      [
        ExtensionType.supported_versions,
        ExtensionType.use_srtp,
        ExtensionType.supported_groups,
        ExtensionType.key_share,
        ExtensionType.signature_algorithms,
        ExtensionType.psk_key_exchange_modes,
        ExtensionType.renegotiation_info,
        ExtensionType.extended_master_secret,
        ExtensionType.ec_point_formats,
      ].sort((a, b) => a - b),
    );
    expect(offeredVersions(hello)).toEqual([ProtocolVersion.DTLS_1_3, ProtocolVersion.DTLS_1_2]);
    expect(findExtension(hello.extensions, 'use_srtp')).toEqual({ kind: 'use_srtp', profiles: [0x0001, 0x0008, 0x0007], mki: new Uint8Array(0) });
    expect(findExtension(hello.extensions, 'supported_groups')?.groups).toEqual([
      NamedGroup.X25519MLKEM768,
      NamedGroup.x25519,
      NamedGroup.secp256r1,
      NamedGroup.secp384r1,
    ]);
    expect(keyShares(hello)).toEqual([
      { group: NamedGroup.X25519MLKEM768, length: 1216 },
      { group: NamedGroup.x25519, length: 32 },
    ]);
    expect(findExtension(hello.extensions, 'signature_algorithms')?.schemes).toEqual(CHROMIUM_SIGALGS);
    expect(findRawExtension(hello.extensions, ExtensionType.psk_key_exchange_modes)?.data).toEqual(Uint8Array.of(1, 1));
    expect(findExtension(hello.extensions, 'renegotiation_info')?.renegotiatedConnection).toEqual(new Uint8Array(0));
    expect(findExtension(hello.extensions, 'extended_master_secret')).toBeDefined();
    expect(findExtension(hello.extensions, 'ec_point_formats')?.formats).toEqual([0]);
  });

  it('orders its extensions differently per connection, and parsing keeps each order', () => {
    const orders = FRAGMENTED_HELLOS.map(({ files, messageSeq }) => helloFrom(files, messageSeq).extensions.map(extensionType).join(','));
    // The two hellos of one connection share an order; the c2c connection has its own.
    expect(orders[0]).toBe(orders[1]);
    expect(orders[2]).not.toBe(orders[0]);
  });

  it('ClientHello #2 repeats #1 with the HelloVerifyRequest cookie added', () => {
    const [first, second] = FRAGMENTED_HELLOS.slice(0, 2).map(({ files, messageSeq }) => helloFrom(files, messageSeq));
    const [hvrMessage] = sentMessages([`${CLIENT_RUN}/03-s2c-helloverifyrequest.bin`], 0);
    const hvr = parseHelloVerifyRequest(hvrMessage!.body);
    expect(hvr.cookie.length).toBe(20);
    expect(fixtureRecords(`${CLIENT_RUN}/03-s2c-helloverifyrequest.bin`)[0]!.version).toBe(ProtocolVersion.DTLS_1_0);
    expect(first!.cookie).toEqual(new Uint8Array(0));
    expect(second!.cookie).toEqual(hvr.cookie);
    expect(serializeClientHello({ ...second!, cookie: new Uint8Array(0) })).toEqual(serializeClientHello(first!));
  });

  it('with WebRtcPqcForDtls disabled: 191 bytes in one 216-byte datagram, x25519-only key_share', () => {
    const file = `${C2C_RUN}/nopq-01-c2s-clienthello.bin`;
    expect(fixtureBytes(file).length).toBe(216);
    const [message] = sentMessages([file], 0);
    expect(message!.body.length).toBe(191);
    const hello = parseClientHello(message!.body);
    expect(findExtension(hello.extensions, 'supported_groups')?.groups).toEqual([NamedGroup.x25519, NamedGroup.secp256r1, NamedGroup.secp384r1]);
    expect(keyShares(hello)).toEqual([{ group: NamedGroup.x25519, length: 32 }]);
  });

  it.each(FRAGMENTED_HELLOS)('$name negotiates to AES-128-GCM, x25519, ECDSA P-256, SRTP_AES128_CM_HMAC_SHA1_80, EMS', ({ files, messageSeq }) => {
    const negotiated = negotiate(helloFrom(files, messageSeq), { srtpProfiles: [SRTP_AES128_CM_HMAC_SHA1_80] });
    expect(negotiated).toMatchObject({
      version: ProtocolVersion.DTLS_1_2,
      cipherSuite: { id: CipherSuiteId.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 },
      group: NamedGroup.x25519,
      signatureScheme: SignatureScheme.ecdsa_secp256r1_sha256,
      srtpProfile: SRTP_AES128_CM_HMAC_SHA1_80,
      extendedMasterSecret: true,
      secureRenegotiation: true,
    });
  });
});

describe('Chromium 156 DTLS 1.2 flights', () => {
  it('Chromium as client: Certificate (288-byte message, the 282-byte DER of cert/), ClientKeyExchange (33), CertificateVerify (0x0403, 71-byte signature), CCS, Finished in one 546-byte datagram', () => {
    const file = `${CLIENT_RUN}/07-c2s-certificate-clientkeyexchange-certificateverify-changecipherspec-finished.bin`;
    expect(fixtureBytes(file).length).toBe(546);
    const records = fixtureRecords(file);
    expect(records.map((r) => [r.contentType, r.epoch])).toEqual([[22, 0], [22, 0], [22, 0], [20, 0], [22, 1]]);
    expect(records[4]!.fragment.length + 13).toBe(61);
    const [certificate, keyExchange, verify] = sentMessages([file], 2);
    expect(certificate!.body.length).toBe(288);
    expect(parseCertificate(certificate!.body).certificates).toEqual([fixtureBytes('cert/chromium-dtls-client-cert.der')]);
    expect(keyExchange!.body.length).toBe(33);
    expect(parseClientKeyExchange(keyExchange!.body).publicKey.length).toBe(32);
    const { signed } = parseCertificateVerify(verify!.body);
    expect(signed.scheme).toBe(SignatureScheme.ecdsa_secp256r1_sha256);
    expect(signed.signature.length).toBe(71);
  });

  it('Chromium as server: one 645-byte flight, ServerHello (32-byte session_id, ChaCha20, EMS, renegotiation_info, ec_point_formats, use_srtp 0x0001) … ServerHelloDone', () => {
    const file = `${SERVER_RUN}/02-s2c-serverhello-certificate-serverkeyexchange-certificaterequest-serverhellodone.bin`;
    expect(fixtureBytes(file).length).toBe(645);
    const messages = sentMessages([file], 0);
    expect(messages.map((m) => m.msgType)).toEqual([2, 11, 12, 13, 14]);
    const hello = parseServerHello(messages[0]!.body);
    expect(hello.sessionId.length).toBe(32);
    expect(hello.cipherSuite).toBe(CipherSuiteId.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256);
    expect(hello.extensions).toEqual([
      { kind: 'extended_master_secret' },
      { kind: 'renegotiation_info', renegotiatedConnection: new Uint8Array(0) },
      { kind: 'ec_point_formats', formats: [0] },
      { kind: 'use_srtp', profiles: [SRTP_AES128_CM_HMAC_SHA1_80], mki: new Uint8Array(0) },
    ]);
    const keyExchange = parseHandshakeBody(messages[2]!.msgType, messages[2]!.body);
    expect(keyExchange).toMatchObject({ kind: 'server_key_exchange', params: { namedGroup: NamedGroup.x25519 }, signed: { scheme: 0x0403 } });
    expect(parseCertificateRequest(messages[3]!.body)).toEqual({
      kind: 'certificate_request',
      certificateTypes: [1, 64],
      signatureSchemes: CHROMIUM_SIGALGS,
      certificateAuthorities: [],
    });
  });

  it('openssl as server chose AES-128-GCM, x25519, EMS and SRTP_AES128_CM_HMAC_SHA1_80', () => {
    const [serverHello, , keyExchange] = sentMessages([`${CLIENT_RUN}/06-s2c-serverhello-certificate-serverkeyexchange-certificaterequest-serverhellodone.bin`], 1);
    const hello = parseServerHello(serverHello!.body);
    expect(hello.cipherSuite).toBe(CipherSuiteId.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
    expect(findExtension(hello.extensions, 'extended_master_secret')).toBeDefined();
    expect(findExtension(hello.extensions, 'use_srtp')?.profiles).toEqual([SRTP_AES128_CM_HMAC_SHA1_80]);
    expect(parseHandshakeBody(keyExchange!.msgType, keyExchange!.body)).toMatchObject({ params: { namedGroup: NamedGroup.x25519 } });
  });
});
