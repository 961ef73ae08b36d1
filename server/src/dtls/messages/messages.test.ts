/**
 * Handshake message bodies (RFC 5246 §7.4, RFC 6347 §4.2), the handshake header
 * (RFC 6347 §4.2.2), ChangeCipherSpec (RFC 5246 §7.1) and Alert (§7.2): byte
 * vectors one field per line, a round trip per message type, and error tables.
 */
import { describe, expect, it } from 'vitest';
import { DTLS_ERROR_CODES, DtlsError } from '../errors.ts';
import { hexBytes } from '../test-support.ts';
import { AlertDescription, alertDescriptionName } from './alert-description.ts';
import { AlertLevel, parseAlert, serializeAlert } from './alert.ts';
import { parseChangeCipherSpec, serializeChangeCipherSpec } from './change-cipher-spec.ts';
import { type HandshakeBody, parseHandshakeBody, serializeHandshakeBody, toHandshakeMessage } from './handshake-body.ts';
import { parseHandshakeFragments, serializeHandshakeFragment, serializeHandshakeMessage } from './handshake-header.ts';
import { HandshakeType } from './handshake-type.ts';

const RANDOM_A = new Uint8Array(32).fill(0xaa);
const RANDOM_B = new Uint8Array(32).fill(0xbb);

/** One of each body kind, so every codec round-trips. */
const BODIES: readonly HandshakeBody[] = [
  { kind: 'hello_request' },
  {
    kind: 'client_hello',
    clientVersion: 0xfefd,
    random: RANDOM_A,
    sessionId: new Uint8Array(0),
    cookie: new Uint8Array(20).fill(7),
    cipherSuites: [0xc02b, 0xcca9, 0x00ff],
    compressionMethods: [0],
    extensions: [
      { kind: 'use_srtp', profiles: [1, 7], mki: new Uint8Array(0) },
      { kind: 'raw', type: 43, data: Uint8Array.of(4, 0xfe, 0xfc, 0xfe, 0xfd) },
      { kind: 'extended_master_secret' },
    ],
  },
  { kind: 'client_hello', clientVersion: 0xfefd, random: RANDOM_A, sessionId: new Uint8Array(32).fill(1), cookie: new Uint8Array(0), cipherSuites: [0xc02b], compressionMethods: [0], extensions: [] },
  {
    kind: 'server_hello',
    serverVersion: 0xfefd,
    random: RANDOM_B,
    sessionId: new Uint8Array(32).fill(2),
    cipherSuite: 0xc02b,
    compressionMethod: 0,
    extensions: [{ kind: 'extended_master_secret' }, { kind: 'renegotiation_info', renegotiatedConnection: new Uint8Array(0) }],
  },
  { kind: 'hello_verify_request', serverVersion: 0xfeff, cookie: new Uint8Array(32).fill(3) },
  { kind: 'certificate', certificates: [Uint8Array.of(0x30, 0x03, 1, 2, 3), Uint8Array.of(0x30, 0x00)] },
  { kind: 'certificate', certificates: [] },
  { kind: 'server_key_exchange', params: { namedGroup: 0x001d, publicKey: new Uint8Array(32).fill(4) }, signed: { scheme: 0x0403, signature: new Uint8Array(71).fill(5) } },
  { kind: 'certificate_request', certificateTypes: [1, 64], signatureSchemes: [0x0403, 0x0804], certificateAuthorities: [Uint8Array.of(0x30, 0x00)] },
  { kind: 'server_hello_done' },
  { kind: 'certificate_verify', signed: { scheme: 0x0403, signature: new Uint8Array(70).fill(6) } },
  { kind: 'client_key_exchange', publicKey: Uint8Array.of(4, ...new Uint8Array(64).fill(8)) },
  { kind: 'finished', verifyData: new Uint8Array(12).fill(9) },
];

const VECTORS: readonly { name: string; msgType: number; bytes: string; want: HandshakeBody }[] = [
  {
    name: 'HelloVerifyRequest (RFC 6347 §4.2.1)',
    msgType: HandshakeType.hello_verify_request,
    bytes: [
      'feff', //   server_version = DTLS 1.0
      '04', //     cookie length
      'c0ffee00', // cookie
    ].join(''),
    want: { kind: 'hello_verify_request', serverVersion: 0xfeff, cookie: hexBytes('c0ffee00') },
  },
  {
    name: 'ServerKeyExchange, x25519 (RFC 8422 §5.4)',
    msgType: HandshakeType.server_key_exchange,
    bytes: [
      '03', //     curve_type = named_curve
      '001d', //   namedcurve = x25519
      '02', //     point length (a real one is 32)
      'abcd', //   point
      '0403', //   signature_algorithm = ecdsa_secp256r1_sha256
      '0003', //   signature length
      '300102', // signature
    ].join(''),
    want: { kind: 'server_key_exchange', params: { namedGroup: 0x1d, publicKey: hexBytes('abcd') }, signed: { scheme: 0x0403, signature: hexBytes('300102') } },
  },
  {
    name: 'CertificateRequest, no CAs (RFC 5246 §7.4.4)',
    msgType: HandshakeType.certificate_request,
    bytes: [
      '02', '0140', // certificate_types = [rsa_sign, ecdsa_sign]
      '0002', '0403', // supported_signature_algorithms = [ecdsa_secp256r1_sha256]
      '0000', //       certificate_authorities = []
    ].join(''),
    want: { kind: 'certificate_request', certificateTypes: [1, 64], signatureSchemes: [0x0403], certificateAuthorities: [] },
  },
  {
    name: 'ClientKeyExchange, ECDHE (RFC 8422 §5.7)',
    msgType: HandshakeType.client_key_exchange,
    bytes: ['03', '010203'].join(''), // ecdh_Yc length, point
    want: { kind: 'client_key_exchange', publicKey: hexBytes('010203') },
  },
  {
    name: 'Certificate with one certificate (RFC 5246 §7.4.2)',
    msgType: HandshakeType.certificate,
    bytes: [
      '000005', //   certificate_list length
      '000002', '3000', // ASN.1Cert
    ].join(''),
    want: { kind: 'certificate', certificates: [hexBytes('3000')] },
  },
  {
    name: 'ServerHello without an extensions block (RFC 5246 §7.4.1.3)',
    msgType: HandshakeType.server_hello,
    bytes: ['fefd', 'bb'.repeat(32), '00', 'c02b', '00'].join(''),
    want: { kind: 'server_hello', serverVersion: 0xfefd, random: RANDOM_B, sessionId: new Uint8Array(0), cipherSuite: 0xc02b, compressionMethod: 0, extensions: [] },
  },
];

const CLIENT_HELLO_HEAD = ['fefd', 'aa'.repeat(32), '00', '00'].join(''); // version, random, empty session_id, empty cookie

const ERRORS: readonly { name: string; msgType: number; bytes: string; code: string }[] = [
  { name: 'ClientHello cut inside random', msgType: 1, bytes: 'fefd' + 'aa'.repeat(10), code: 'MESSAGE_TRUNCATED' },
  { name: 'ClientHello with a 33-byte session_id', msgType: 1, bytes: 'fefd' + 'aa'.repeat(32) + '21' + '00'.repeat(33), code: 'BAD_VECTOR_LENGTH' },
  { name: 'ClientHello with an odd cipher_suites length', msgType: 1, bytes: CLIENT_HELLO_HEAD + '0003c02b00' + '0100', code: 'BAD_VECTOR_LENGTH' },
  { name: 'ClientHello with no cipher suites', msgType: 1, bytes: CLIENT_HELLO_HEAD + '0000' + '0100', code: 'BAD_VECTOR_LENGTH' },
  { name: 'ClientHello with no compression methods', msgType: 1, bytes: CLIENT_HELLO_HEAD + '0002c02b' + '00', code: 'BAD_VECTOR_LENGTH' },
  { name: 'ClientHello with a 1-byte extensions block', msgType: 1, bytes: CLIENT_HELLO_HEAD + '0002c02b' + '0100' + '00', code: 'MESSAGE_TRUNCATED' },
  { name: 'ClientHello with bytes after its extensions', msgType: 1, bytes: CLIENT_HELLO_HEAD + '0002c02b' + '0100' + '0000' + 'ff', code: 'TRAILING_BYTES' },
  { name: 'ClientHello repeating an extension', msgType: 1, bytes: CLIENT_HELLO_HEAD + '0002c02b' + '0100' + '0008' + '00170000' + '00170000', code: 'DUPLICATE_EXTENSION' },
  { name: 'ServerKeyExchange with explicit_prime curve', msgType: 12, bytes: '01001d0100', code: 'ILLEGAL_PARAMETER' },
  { name: 'ServerKeyExchange with an empty point', msgType: 12, bytes: '03001d00' + '04030000', code: 'BAD_VECTOR_LENGTH' },
  { name: 'ServerKeyExchange without its signature', msgType: 12, bytes: '03001d0101', code: 'MESSAGE_TRUNCATED' },
  { name: 'Certificate with an empty ASN.1Cert', msgType: 11, bytes: '000003000000', code: 'BAD_VECTOR_LENGTH' },
  { name: 'Certificate whose list overruns the body', msgType: 11, bytes: '0000ff', code: 'MESSAGE_TRUNCATED' },
  { name: 'CertificateRequest with no certificate types', msgType: 13, bytes: '00' + '00020403' + '0000', code: 'BAD_VECTOR_LENGTH' },
  { name: 'ServerHelloDone with a body', msgType: 14, bytes: '00', code: 'TRAILING_BYTES' },
  { name: 'CertificateVerify with trailing bytes', msgType: 15, bytes: '0403000100ff', code: 'TRAILING_BYTES' },
  { name: 'ClientKeyExchange with an empty point', msgType: 16, bytes: '00', code: 'BAD_VECTOR_LENGTH' },
  { name: 'HelloVerifyRequest cut inside the cookie', msgType: 3, bytes: 'feff0501', code: 'MESSAGE_TRUNCATED' },
  { name: 'an unknown msg_type (new_session_ticket)', msgType: 4, bytes: '', code: 'UNKNOWN_HANDSHAKE_TYPE' },
];

describe('handshake message bodies', () => {
  it.each(VECTORS)('parses $name and serializes it back', ({ msgType, bytes, want }) => {
    expect(parseHandshakeBody(msgType, hexBytes(bytes))).toEqual(want);
    expect(serializeHandshakeBody(want)).toEqual(hexBytes(bytes));
  });

  it.each(BODIES.map((body) => ({ kind: body.kind, body })))('$kind round-trips through toHandshakeMessage and parseHandshakeBody', ({ body }) => {
    const message = toHandshakeMessage(body, 3);
    expect(message.msgType).toBe(HandshakeType[body.kind]);
    expect(parseHandshakeBody(message.msgType, message.body)).toEqual(body);
  });

  it.each(ERRORS)('rejects $name with $code', ({ msgType, bytes, code }) => {
    expect(() => parseHandshakeBody(msgType, hexBytes(bytes))).toThrow(expect.objectContaining({ code }));
  });

  it('refuses to serialize a random that is not 32 bytes (RangeError naming it)', () => {
    const hello = BODIES[1]!;
    expect(() => serializeHandshakeBody({ ...hello, random: new Uint8Array(31) } as HandshakeBody)).toThrow(/ClientHello.random must be 32 bytes/);
  });
});

describe('handshake header (RFC 6347 §4.2.2)', () => {
  const HEADER = [
    '0e', //     msg_type = server_hello_done
    '000000', // length
    '0005', //   message_seq
    '000000', // fragment_offset
    '000000', // fragment_length
  ].join('');

  it('parses several fragments from one record and serializes them back', () => {
    const bytes = hexBytes(HEADER + ['14', '000003', '0006', '000001', '000002', 'aabb'].join(''));
    const fragments = parseHandshakeFragments(bytes);
    expect(fragments).toEqual([
      { msgType: 14, length: 0, messageSeq: 5, fragmentOffset: 0, fragment: new Uint8Array(0) },
      { msgType: 20, length: 3, messageSeq: 6, fragmentOffset: 1, fragment: hexBytes('aabb') },
    ]);
    expect(Buffer.concat(fragments.map(serializeHandshakeFragment))).toEqual(Buffer.from(bytes));
  });

  it('serializes a whole message as offset 0, fragment_length = length (the transcript form)', () => {
    expect(serializeHandshakeMessage({ msgType: 20, messageSeq: 6, body: hexBytes('010203') })).toEqual(hexBytes(['14', '000003', '0006', '000000', '000003', '010203'].join('')));
  });

  it.each([
    { name: 'an 11-byte header', bytes: HEADER.slice(0, 22), code: 'MESSAGE_TRUNCATED' },
    { name: 'a fragment past the record end', bytes: '14000003000000000000000003aabb', code: 'MESSAGE_TRUNCATED' },
    { name: 'offset + fragment_length > length', bytes: '14000003000000000002000002aabb', code: 'BAD_FRAGMENT' },
  ])('rejects $name with $code', ({ bytes, code }) => {
    expect(() => parseHandshakeFragments(hexBytes(bytes))).toThrow(expect.objectContaining({ code }));
  });
});

describe('ChangeCipherSpec and Alert', () => {
  it('ChangeCipherSpec is the single byte 1 (RFC 5246 §7.1)', () => {
    expect(serializeChangeCipherSpec()).toEqual(Uint8Array.of(1));
    expect(parseChangeCipherSpec(Uint8Array.of(1))).toEqual({ kind: 'change_cipher_spec' });
    expect(() => parseChangeCipherSpec(Uint8Array.of(2))).toThrow(expect.objectContaining({ code: 'ILLEGAL_PARAMETER' }));
    expect(() => parseChangeCipherSpec(Uint8Array.of(1, 1))).toThrow(expect.objectContaining({ code: 'TRAILING_BYTES' }));
    expect(() => parseChangeCipherSpec(new Uint8Array(0))).toThrow(expect.objectContaining({ code: 'MESSAGE_TRUNCATED' }));
  });

  it('a fatal handshake_failure alert is 02 28 (RFC 5246 §7.2)', () => {
    const alert = { level: AlertLevel.Fatal, description: AlertDescription.handshake_failure };
    expect(serializeAlert(alert)).toEqual(Uint8Array.of(2, 40));
    expect(parseAlert(Uint8Array.of(2, 40))).toEqual(alert);
  });

  it('keeps an unknown description as its number', () => {
    expect(parseAlert(Uint8Array.of(1, 200))).toEqual({ level: 1, description: 200 });
    expect(alertDescriptionName(200)).toBe('unknown(200)');
    expect(alertDescriptionName(0)).toBe('close_notify');
  });

  it.each([
    { name: 'one byte', bytes: [2], code: 'MESSAGE_TRUNCATED' },
    { name: 'three bytes', bytes: [2, 40, 0], code: 'TRAILING_BYTES' },
    { name: 'level 3', bytes: [3, 40], code: 'ILLEGAL_PARAMETER' },
  ])('rejects an alert of $name with $code', ({ bytes, code }) => {
    expect(() => parseAlert(Uint8Array.from(bytes))).toThrow(expect.objectContaining({ code }));
  });

  it('names every RFC 5246 §7.2 description', () => {
    for (const value of [0, 10, 20, 21, 22, 30, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 60, 70, 71, 80, 90, 100, 110]) {
      expect(alertDescriptionName(value)).not.toMatch(/^unknown\(/);
    }
  });
});

describe('DtlsError', () => {
  it.each(DTLS_ERROR_CODES)('%s maps to a defined alert description', (code) => {
    const error = new DtlsError(code, 'dtls: test');
    expect(alertDescriptionName(error.alertDescription)).toBe(error.alertName);
    expect(error.name).toBe('DtlsError');
  });

  it('maps the negotiation failures to handshake_failure and a bad MAC to bad_record_mac', () => {
    expect(new DtlsError('NO_SHARED_GROUP', 'x').alertDescription).toBe(AlertDescription.handshake_failure);
    expect(new DtlsError('BAD_RECORD_MAC', 'x').alertDescription).toBe(AlertDescription.bad_record_mac);
    expect(new DtlsError('DECRYPT_ERROR', 'x').alertDescription).toBe(AlertDescription.decrypt_error);
  });
});
