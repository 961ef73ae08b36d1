/** Server-side negotiation (negotiation.ts): a Chromium-shaped hello, varied one rule at a time. */
import { describe, expect, it } from 'vitest';
import { CipherSuiteId } from './crypto/cipher-suite.ts';
import { NamedGroup } from './crypto/ecdhe.ts';
import { SignatureScheme } from './crypto/signature.ts';
import type { ClientHello } from './messages/client-hello.ts';
import type { Extension } from './messages/extensions/extension.ts';
import { type Negotiated, type ServerPolicy, negotiate, serverHelloExtensions } from './negotiation.ts';

const SRTP_AES128_CM_HMAC_SHA1_80 = 0x0001;
const AEAD_AES_128_GCM = 0x0007;
const AEAD_AES_256_GCM = 0x0008;
const POLICY: ServerPolicy = { srtpProfiles: [AEAD_AES_128_GCM, SRTP_AES128_CM_HMAC_SHA1_80] };

/** Chromium 156's offer (README "ClientHello"), with the DTLS 1.3 extensions raw. */
const CHROMIUM_EXTENSIONS: readonly Extension[] = [
  { kind: 'raw', type: 43, data: Uint8Array.of(4, 0xfe, 0xfc, 0xfe, 0xfd) },
  { kind: 'use_srtp', profiles: [SRTP_AES128_CM_HMAC_SHA1_80, AEAD_AES_256_GCM, AEAD_AES_128_GCM], mki: new Uint8Array(0) },
  { kind: 'supported_groups', groups: [NamedGroup.X25519MLKEM768, NamedGroup.x25519, NamedGroup.secp256r1, NamedGroup.secp384r1] },
  { kind: 'raw', type: 51, data: new Uint8Array(4) },
  { kind: 'signature_algorithms', schemes: [0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601, 0x0201] },
  { kind: 'raw', type: 45, data: Uint8Array.of(1, 1) },
  { kind: 'renegotiation_info', renegotiatedConnection: new Uint8Array(0) },
  { kind: 'extended_master_secret' },
  { kind: 'ec_point_formats', formats: [0] },
];

const CHROMIUM_HELLO: ClientHello = {
  kind: 'client_hello',
  clientVersion: 0xfefd,
  random: new Uint8Array(32),
  sessionId: new Uint8Array(0),
  cookie: new Uint8Array(0),
  cipherSuites: [0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xcca9, 0xcca8, 0xc009, 0xc013, 0xc00a, 0xc014, 0x009c, 0x002f, 0x0035],
  compressionMethods: [0],
  extensions: CHROMIUM_EXTENSIONS,
};

const CHROMIUM_RESULT: Negotiated = {
  version: 0xfefd,
  cipherSuite: expect.objectContaining({ id: CipherSuiteId.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 }) as Negotiated['cipherSuite'],
  group: NamedGroup.x25519,
  signatureScheme: SignatureScheme.ecdsa_secp256r1_sha256,
  srtpProfile: AEAD_AES_128_GCM,
  extendedMasterSecret: true,
  secureRenegotiation: true,
  ecPointFormats: true,
};

/** Replaces (or with `undefined`, removes) the extension of a kind. */
function withExtension(kind: Extension['kind'] | number, replacement?: Extension): ClientHello {
  const matches = (e: Extension): boolean => (typeof kind === 'number' ? e.kind === 'raw' && e.type === kind : e.kind === kind);
  const rest = CHROMIUM_EXTENSIONS.filter((e) => !matches(e));
  return { ...CHROMIUM_HELLO, extensions: replacement === undefined ? rest : [...rest, replacement] };
}

const CHOICES: readonly { name: string; hello: ClientHello; policy?: Partial<ServerPolicy>; want: Partial<Negotiated> }[] = [
  { name: "Chromium's hello: AES-128-GCM, x25519 (not X25519MLKEM768), ECDSA P-256, our first SRTP profile, EMS", hello: CHROMIUM_HELLO, want: CHROMIUM_RESULT },
  {
    name: 'our cipher suite preference wins over the client order',
    hello: CHROMIUM_HELLO,
    policy: { cipherSuites: [CipherSuiteId.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, CipherSuiteId.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256] },
    want: { cipherSuite: expect.objectContaining({ name: 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256' }) as Negotiated['cipherSuite'] },
  },
  {
    name: 'AES-256-GCM when it is the only shared suite (SHA-384 PRF)',
    hello: { ...CHROMIUM_HELLO, cipherSuites: [0xc02c] },
    want: { cipherSuite: expect.objectContaining({ prfHash: 'sha384' }) as Negotiated['cipherSuite'] },
  },
  {
    name: 'P-256 when x25519 is not offered',
    hello: withExtension('supported_groups', { kind: 'supported_groups', groups: [NamedGroup.secp384r1, NamedGroup.secp256r1] }),
    want: { group: NamedGroup.secp256r1 },
  },
  { name: 'our first group when supported_groups is absent (RFC 8422 §5.1)', hello: withExtension('supported_groups'), want: { group: NamedGroup.x25519 } },
  { name: 'our SRTP preference over the client order', hello: CHROMIUM_HELLO, policy: { srtpProfiles: [SRTP_AES128_CM_HMAC_SHA1_80, AEAD_AES_128_GCM] }, want: { srtpProfile: SRTP_AES128_CM_HMAC_SHA1_80 } },
  { name: 'no SRTP when it is optional and not offered', hello: withExtension('use_srtp'), policy: { requireSrtp: false }, want: { srtpProfile: undefined } },
  { name: 'no EMS when not offered', hello: withExtension('extended_master_secret'), want: { extendedMasterSecret: false } },
  {
    name: 'secure renegotiation from the SCSV alone (RFC 5746 §3.3)',
    hello: { ...withExtension('renegotiation_info'), cipherSuites: [0xc02b, 0x00ff] },
    want: { secureRenegotiation: true },
  },
  { name: 'no secure renegotiation without either signal', hello: withExtension('renegotiation_info'), want: { secureRenegotiation: false } },
  { name: 'a DTLS 1.2-only hello without supported_versions', hello: withExtension(43), want: { version: 0xfefd } },
];

const FAILURES: readonly { name: string; hello: ClientHello; policy?: Partial<ServerPolicy>; code: string; alert: number }[] = [
  {
    name: 'only unsupported groups (X25519MLKEM768, secp384r1)',
    hello: withExtension('supported_groups', { kind: 'supported_groups', groups: [NamedGroup.X25519MLKEM768, NamedGroup.secp384r1] }),
    code: 'NO_SHARED_GROUP',
    alert: 40,
  },
  { name: 'only TLS 1.3 and RSA suites', hello: { ...CHROMIUM_HELLO, cipherSuites: [0x1301, 0xc02f, 0x002f] }, code: 'NO_SHARED_CIPHER_SUITE', alert: 40 },
  {
    name: 'no ECDSA-SHA256 in signature_algorithms',
    hello: withExtension('signature_algorithms', { kind: 'signature_algorithms', schemes: [0x0804, 0x0401] }),
    code: 'NO_SHARED_SIGNATURE_SCHEME',
    alert: 40,
  },
  { name: 'no signature_algorithms (implies {sha1, ecdsa}, RFC 5246 §7.4.1.4.1)', hello: withExtension('signature_algorithms'), code: 'NO_SHARED_SIGNATURE_SCHEME', alert: 40 },
  {
    name: 'no shared SRTP profile',
    hello: withExtension('use_srtp', { kind: 'use_srtp', profiles: [0x0002], mki: new Uint8Array(0) }),
    code: 'NO_SHARED_SRTP_PROFILE',
    alert: 40,
  },
  { name: 'no use_srtp at all (SRTP required by default)', hello: withExtension('use_srtp'), code: 'NO_SHARED_SRTP_PROFILE', alert: 40 },
  { name: 'no EMS when the policy requires it', hello: withExtension('extended_master_secret'), policy: { requireExtendedMasterSecret: true }, code: 'EXTENDED_MASTER_SECRET_REQUIRED', alert: 40 },
  { name: 'DTLS 1.0 only', hello: { ...withExtension(43), clientVersion: 0xfeff }, code: 'UNSUPPORTED_VERSION', alert: 70 },
  { name: 'supported_versions without DTLS 1.2', hello: withExtension(43, { kind: 'raw', type: 43, data: Uint8Array.of(2, 0xfe, 0xfc) }), code: 'UNSUPPORTED_VERSION', alert: 70 },
  { name: 'a TLS (not DTLS) client_version', hello: { ...CHROMIUM_HELLO, clientVersion: 0x0303 }, code: 'UNSUPPORTED_VERSION', alert: 70 },
  { name: 'a malformed supported_versions', hello: withExtension(43, { kind: 'raw', type: 43, data: Uint8Array.of(3, 0xfe, 0xfd, 0) }), code: 'BAD_VECTOR_LENGTH', alert: 50 },
  { name: 'no null compression', hello: { ...CHROMIUM_HELLO, compressionMethods: [1] }, code: 'ILLEGAL_PARAMETER', alert: 47 },
  { name: 'ec_point_formats without uncompressed', hello: withExtension('ec_point_formats', { kind: 'ec_point_formats', formats: [1, 2] }), code: 'ILLEGAL_PARAMETER', alert: 47 },
  {
    name: 'a non-empty renegotiation_info on an initial handshake (RFC 5746 §3.6)',
    hello: withExtension('renegotiation_info', { kind: 'renegotiation_info', renegotiatedConnection: new Uint8Array(12) }),
    code: 'RENEGOTIATION_INFO_MISMATCH',
    alert: 40,
  },
];

describe('negotiate', () => {
  it.each(CHOICES)('chooses $name', ({ hello, policy, want }) => {
    expect(negotiate(hello, { ...POLICY, ...policy })).toMatchObject(want);
  });

  it.each(FAILURES)('fails with $code for $name', ({ hello, policy, code, alert }) => {
    expect(() => negotiate(hello, { ...POLICY, ...policy })).toThrow(expect.objectContaining({ code, alertDescription: alert }));
  });
});

describe('serverHelloExtensions', () => {
  it("answers Chromium with EMS, empty renegotiation_info, ec_point_formats [0] and one SRTP profile (Chromium's own server order)", () => {
    expect(serverHelloExtensions(negotiate(CHROMIUM_HELLO, POLICY))).toEqual([
      { kind: 'extended_master_secret' },
      { kind: 'renegotiation_info', renegotiatedConnection: new Uint8Array(0) },
      { kind: 'ec_point_formats', formats: [0] },
      { kind: 'use_srtp', profiles: [AEAD_AES_128_GCM], mki: new Uint8Array(0) },
    ]);
  });

  it('sends only extensions the client offered (RFC 5246 §7.4.1.4)', () => {
    const bare: ClientHello = { ...CHROMIUM_HELLO, extensions: CHROMIUM_EXTENSIONS.filter((e) => e.kind === 'signature_algorithms') };
    expect(serverHelloExtensions(negotiate(bare, { ...POLICY, requireSrtp: false }))).toEqual([]);
  });
});
