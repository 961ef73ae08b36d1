/**
 * The client's side of negotiation: what it offers in the ClientHello, and the
 * checks on the ServerHello that answers it (RFC 5246 §7.4.1.3, §7.4.1.4;
 * RFC 5764 §4.1.3; RFC 5746 §3.4; RFC 7627 §5.2). The server's side is
 * negotiation.ts.
 */
import { randomBytes } from 'node:crypto';
import { requireCipherSuite, type CipherSuite } from '../crypto/cipher-suite.ts';
import { SUPPORTED_GROUPS } from '../crypto/ecdhe.ts';
import { SignatureScheme } from '../crypto/signature.ts';
import { DtlsError } from '../errors.ts';
import { RANDOM_LENGTH, type ClientHello } from '../messages/client-hello.ts';
import { EC_POINT_FORMAT_UNCOMPRESSED } from '../messages/extensions/ec-point-formats.ts';
import { type Extension, extensionType, findExtension } from '../messages/extensions/extension.ts';
import type { ServerHello } from '../messages/server-hello.ts';
import { COMPRESSION_NULL } from '../negotiation.ts';
import { ProtocolVersion } from '../protocol-version.ts';

/**
 * The schemes we accept on the server's ServerKeyExchange: the ECDSA ones, since
 * every suite we offer is ECDHE_ECDSA (RFC 8422 §5.4).
 */
export const CLIENT_SIGNATURE_SCHEMES = [SignatureScheme.ecdsa_secp256r1_sha256, SignatureScheme.ecdsa_secp384r1_sha384, SignatureScheme.ecdsa_secp521r1_sha512];

export interface ClientOffer {
  /** The same random goes in both ClientHellos (RFC 6347 §4.2.1: the second repeats the first). */
  readonly random: Uint8Array;
  readonly cipherSuites: readonly number[];
  readonly groups: readonly number[];
  readonly signatureSchemes: readonly number[];
  readonly srtpProfileIds: readonly number[];
}

export function makeClientOffer(cipherSuites: readonly number[], srtpProfileIds: readonly number[]): ClientOffer {
  return {
    random: new Uint8Array(randomBytes(RANDOM_LENGTH)),
    cipherSuites,
    groups: SUPPORTED_GROUPS,
    signatureSchemes: CLIENT_SIGNATURE_SCHEMES,
    srtpProfileIds,
  };
}

/** A DTLS 1.2-only ClientHello; `cookie` is empty in the first one. */
export function buildClientHello(offer: ClientOffer, cookie: Uint8Array): ClientHello {
  const extensions: Extension[] = [
    { kind: 'supported_groups', groups: offer.groups },
    { kind: 'ec_point_formats', formats: [EC_POINT_FORMAT_UNCOMPRESSED] },
    { kind: 'signature_algorithms', schemes: offer.signatureSchemes },
  ];
  if (offer.srtpProfileIds.length > 0) extensions.push({ kind: 'use_srtp', profiles: offer.srtpProfileIds, mki: new Uint8Array(0) });
  extensions.push({ kind: 'extended_master_secret' }, { kind: 'renegotiation_info', renegotiatedConnection: new Uint8Array(0) });
  return {
    kind: 'client_hello',
    clientVersion: ProtocolVersion.DTLS_1_2,
    random: offer.random,
    sessionId: new Uint8Array(0),
    cookie,
    cipherSuites: offer.cipherSuites,
    compressionMethods: [COMPRESSION_NULL],
    extensions,
  };
}

export interface ServerChoice {
  readonly suite: CipherSuite;
  readonly extendedMasterSecret: boolean;
  readonly srtpProfileId: number | undefined;
}

/** What the ServerHello chose, after checking that it chose among what we offered. */
export function checkServerHello(hello: ServerHello, offer: ClientOffer): ServerChoice {
  if (hello.serverVersion !== ProtocolVersion.DTLS_1_2) {
    throw new DtlsError('UNSUPPORTED_VERSION', `dtls: ServerHello version 0x${hello.serverVersion.toString(16)}, we offered only DTLS 1.2`);
  }
  if (!offer.cipherSuites.includes(hello.cipherSuite)) {
    throw new DtlsError('UNSUPPORTED_CIPHER_SUITE', `dtls: ServerHello chose cipher suite 0x${hello.cipherSuite.toString(16)}, which we did not offer`);
  }
  const suite = requireCipherSuite(hello.cipherSuite);
  if (hello.compressionMethod !== COMPRESSION_NULL) {
    throw new DtlsError('ILLEGAL_PARAMETER', `dtls: ServerHello chose compression ${hello.compressionMethod}, we offered only null`);
  }
  // RFC 5246 §7.4.1.4: a server must not answer with an extension the client did not send.
  const offered = new Set(buildClientHello(offer, new Uint8Array(0)).extensions.map(extensionType));
  for (const extension of hello.extensions) {
    if (!offered.has(extensionType(extension))) {
      throw new DtlsError('UNSUPPORTED_EXTENSION', `dtls: ServerHello has extension ${extensionType(extension)}, which we did not offer`);
    }
  }
  const renegotiationInfo = findExtension(hello.extensions, 'renegotiation_info');
  if (renegotiationInfo !== undefined && renegotiationInfo.renegotiatedConnection.length > 0) {
    throw new DtlsError('RENEGOTIATION_INFO_MISMATCH', 'dtls: non-empty renegotiation_info in an initial ServerHello (RFC 5746 §3.4)');
  }
  return { suite, extendedMasterSecret: findExtension(hello.extensions, 'extended_master_secret') !== undefined, srtpProfileId: chosenSrtpProfile(hello, offer) };
}

/** RFC 5764 §4.1.3: exactly one profile, one we offered, and no MKI (we sent none). */
function chosenSrtpProfile(hello: ServerHello, offer: ClientOffer): number | undefined {
  const useSrtp = findExtension(hello.extensions, 'use_srtp');
  if (useSrtp === undefined) {
    if (offer.srtpProfileIds.length > 0) throw new DtlsError('NO_SHARED_SRTP_PROFILE', 'dtls: the ServerHello has no use_srtp');
    return undefined;
  }
  const [profile, ...others] = useSrtp.profiles;
  if (profile === undefined || others.length > 0 || !offer.srtpProfileIds.includes(profile)) {
    throw new DtlsError('ILLEGAL_PARAMETER', `dtls: ServerHello use_srtp [${useSrtp.profiles.join(', ')}] is not one profile we offered`);
  }
  if (useSrtp.mki.length > 0) throw new DtlsError('ILLEGAL_PARAMETER', 'dtls: ServerHello use_srtp carries an MKI we did not offer');
  return profile;
}
