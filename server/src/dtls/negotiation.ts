/**
 * Server-side negotiation: from a parsed ClientHello, our DTLS 1.2 answer. Pure
 * functions, no I/O, so every rule is a table test (negotiation.test.ts).
 *
 * The hello may come from a DTLS 1.3 client (Chromium 156 offers 1.3 and 1.2, and
 * groups such as X25519MLKEM768 that exist only in 1.3); we answer as a 1.2-only
 * server, which such a client accepts (RFC 8446 §4.1.3 downgrade rules apply to it,
 * not to us). The checks, in order:
 *
 *  1. version: client_version must be DTLS 1.2 or newer (RFC 6347 §4.2.1), and a
 *     supported_versions list, if sent, must include DTLS 1.2 → UNSUPPORTED_VERSION;
 *  2. compression: the list MUST contain null (RFC 5246 §7.4.1.2) → ILLEGAL_PARAMETER;
 *  3. renegotiation_info must be empty on an initial handshake (RFC 5746 §3.6);
 *  4. cipher suite: our preference order among those offered → NO_SHARED_CIPHER_SUITE;
 *  5. group: our preference among supported_groups (X25519, then P-256); with no
 *     supported_groups we may pick any (RFC 8422 §5.1) and take our first → NO_SHARED_GROUP;
 *     ec_point_formats, if sent, must include uncompressed (RFC 8422 §5.1.2) → ILLEGAL_PARAMETER;
 *  6. signature scheme: ours that the client lists in signature_algorithms; without the
 *     extension the client implies {sha1, ecdsa} (RFC 5246 §7.4.1.4.1), which we do not
 *     sign with → NO_SHARED_SIGNATURE_SCHEME;
 *  7. SRTP profile: our preference order among use_srtp's → NO_SHARED_SRTP_PROFILE
 *     unless SRTP is optional (RFC 5764 §4.1.3 lets a server omit use_srtp; WebRTC cannot);
 *  8. extended master secret whenever offered (RFC 7627 §5.2); refuse if required and absent;
 *  9. secure renegotiation signalled (empty renegotiation_info or the SCSV) → echo it.
 */
import { type CipherSuite, SUPPORTED_CIPHER_SUITES, TLS_EMPTY_RENEGOTIATION_INFO_SCSV, findCipherSuite } from './crypto/cipher-suite.ts';
import { SUPPORTED_GROUPS, isSupportedGroup } from './crypto/ecdhe.ts';
import { SUPPORTED_SIGNATURE_SCHEMES } from './crypto/signature.ts';
import { DtlsError } from './errors.ts';
import type { ClientHello } from './messages/client-hello.ts';
import { EC_POINT_FORMAT_UNCOMPRESSED } from './messages/extensions/ec-point-formats.ts';
import { type Extension, ExtensionType, findExtension, findRawExtension } from './messages/extensions/extension.ts';
import { ProtocolVersion, isAtLeastVersion } from './protocol-version.ts';
import { readAll } from './wire.ts';

/** RFC 5246 §6.1 CompressionMethod null. */
export const COMPRESSION_NULL = 0;

export interface ServerPolicy {
  /** SRTP protection profile ids in our preference order (from the SRTP module). */
  readonly srtpProfiles: readonly number[];
  /** Fail the handshake when no SRTP profile is shared (default true: WebRTC media needs one). */
  readonly requireSrtp?: boolean;
  /** Cipher suite ids in preference order (default: all supported, AES-128-GCM first). */
  readonly cipherSuites?: readonly number[];
  /** NamedGroups in preference order (default: x25519, secp256r1). */
  readonly groups?: readonly number[];
  /** SignatureSchemes our certificate key can sign with, in preference order (default: ecdsa_secp256r1_sha256). */
  readonly signatureSchemes?: readonly number[];
  /** Refuse clients without extended_master_secret (default false; RFC 7627 §5.2 allows either). */
  readonly requireExtendedMasterSecret?: boolean;
}

export interface Negotiated {
  readonly version: typeof ProtocolVersion.DTLS_1_2;
  readonly cipherSuite: CipherSuite;
  readonly group: number;
  readonly signatureScheme: number;
  /** The chosen SRTP profile id, or undefined when the client offered none we take and SRTP is optional. */
  readonly srtpProfile: number | undefined;
  readonly extendedMasterSecret: boolean;
  readonly secureRenegotiation: boolean;
  /** The client sent ec_point_formats, so the ServerHello answers with it (RFC 8422 §5.2). */
  readonly ecPointFormats: boolean;
}

export function negotiate(hello: ClientHello, policy: ServerPolicy): Negotiated {
  checkVersion(hello);
  if (!hello.compressionMethods.includes(COMPRESSION_NULL)) {
    throw new DtlsError('ILLEGAL_PARAMETER', 'dtls: ClientHello compression_methods lacks null (RFC 5246 §7.4.1.2)');
  }
  const renegotiationInfo = findExtension(hello.extensions, 'renegotiation_info');
  if (renegotiationInfo !== undefined && renegotiationInfo.renegotiatedConnection.length > 0) {
    throw new DtlsError('RENEGOTIATION_INFO_MISMATCH', 'dtls: non-empty renegotiation_info on an initial handshake (RFC 5746 §3.6)');
  }
  const cipherSuite = chooseCipherSuite(hello, policy.cipherSuites ?? SUPPORTED_CIPHER_SUITES.map((suite) => suite.id));
  const group = chooseGroup(hello, policy.groups ?? SUPPORTED_GROUPS);
  const signatureScheme = chooseSignatureScheme(hello, policy.signatureSchemes ?? SUPPORTED_SIGNATURE_SCHEMES);
  const srtpProfile = chooseSrtpProfile(hello, policy);
  const extendedMasterSecret = findExtension(hello.extensions, 'extended_master_secret') !== undefined;
  if (!extendedMasterSecret && policy.requireExtendedMasterSecret === true) {
    throw new DtlsError('EXTENDED_MASTER_SECRET_REQUIRED', 'dtls: ClientHello lacks extended_master_secret');
  }
  const secureRenegotiation = renegotiationInfo !== undefined || hello.cipherSuites.includes(TLS_EMPTY_RENEGOTIATION_INFO_SCSV);
  const ecPointFormats = findExtension(hello.extensions, 'ec_point_formats') !== undefined;
  return { version: ProtocolVersion.DTLS_1_2, cipherSuite, group, signatureScheme, srtpProfile, extendedMasterSecret, secureRenegotiation, ecPointFormats };
}

/**
 * The ServerHello extensions for a negotiation result, in the order Chromium's
 * DTLS 1.2 server sends them. A server sends only extensions the client offered
 * (RFC 5246 §7.4.1.4), which `negotiate` guarantees for each of these.
 */
export function serverHelloExtensions(negotiated: Negotiated): Extension[] {
  const extensions: Extension[] = [];
  if (negotiated.extendedMasterSecret) extensions.push({ kind: 'extended_master_secret' });
  if (negotiated.secureRenegotiation) extensions.push({ kind: 'renegotiation_info', renegotiatedConnection: new Uint8Array(0) });
  if (negotiated.ecPointFormats) extensions.push({ kind: 'ec_point_formats', formats: [EC_POINT_FORMAT_UNCOMPRESSED] });
  if (negotiated.srtpProfile !== undefined) extensions.push({ kind: 'use_srtp', profiles: [negotiated.srtpProfile], mki: new Uint8Array(0) });
  return extensions;
}

/** The DTLS versions in supported_versions (RFC 8446 §4.2.1), or undefined if the extension is absent. */
export function offeredVersions(hello: ClientHello): number[] | undefined {
  const raw = findRawExtension(hello.extensions, ExtensionType.supported_versions);
  if (raw === undefined) return undefined;
  return readAll(raw.data, 'supported_versions', (reader) => reader.u16List(1, 'versions', { min: 2, max: 254 }));
}

function checkVersion(hello: ClientHello): void {
  if (!isAtLeastVersion(hello.clientVersion, ProtocolVersion.DTLS_1_2)) {
    throw new DtlsError('UNSUPPORTED_VERSION', `dtls: client_version 0x${hello.clientVersion.toString(16)} is older than DTLS 1.2`);
  }
  const versions = offeredVersions(hello);
  if (versions !== undefined && !versions.includes(ProtocolVersion.DTLS_1_2)) {
    throw new DtlsError('UNSUPPORTED_VERSION', `dtls: supported_versions [${versions.map(hex).join(', ')}] lacks DTLS 1.2`);
  }
}

function chooseCipherSuite(hello: ClientHello, preference: readonly number[]): CipherSuite {
  for (const id of preference) {
    const suite = findCipherSuite(id);
    if (suite !== undefined && hello.cipherSuites.includes(id)) return suite;
  }
  throw new DtlsError('NO_SHARED_CIPHER_SUITE', `dtls: no shared cipher suite (offered ${hello.cipherSuites.map(hex).join(' ')})`);
}

function chooseGroup(hello: ClientHello, preference: readonly number[]): number {
  const offered = findExtension(hello.extensions, 'supported_groups');
  const group = offered === undefined ? preference.find(isSupportedGroup) : preference.find((id) => isSupportedGroup(id) && offered.groups.includes(id));
  if (group === undefined) {
    throw new DtlsError('NO_SHARED_GROUP', `dtls: no shared group (offered ${offered?.groups.map(hex).join(' ') ?? 'none'})`);
  }
  const formats = findExtension(hello.extensions, 'ec_point_formats');
  if (formats !== undefined && !formats.formats.includes(EC_POINT_FORMAT_UNCOMPRESSED)) {
    throw new DtlsError('ILLEGAL_PARAMETER', 'dtls: ec_point_formats lacks uncompressed (RFC 8422 §5.1.2)');
  }
  return group;
}

function chooseSignatureScheme(hello: ClientHello, preference: readonly number[]): number {
  const offered = findExtension(hello.extensions, 'signature_algorithms')?.schemes ?? [];
  const scheme = preference.find((id) => offered.includes(id));
  if (scheme === undefined) {
    throw new DtlsError('NO_SHARED_SIGNATURE_SCHEME', `dtls: no shared signature scheme (offered ${offered.map(hex).join(' ') || 'none'})`);
  }
  return scheme;
}

function chooseSrtpProfile(hello: ClientHello, policy: ServerPolicy): number | undefined {
  const offered = findExtension(hello.extensions, 'use_srtp')?.profiles ?? [];
  const profile = policy.srtpProfiles.find((id) => offered.includes(id));
  if (profile === undefined && (policy.requireSrtp ?? true)) {
    throw new DtlsError('NO_SHARED_SRTP_PROFILE', `dtls: no shared SRTP profile (offered ${offered.map(hex).join(' ') || 'none'})`);
  }
  return profile;
}

function hex(value: number): string {
  return `0x${value.toString(16).padStart(4, '0')}`;
}
