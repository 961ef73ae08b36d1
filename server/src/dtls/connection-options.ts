/**
 * DtlsConnection's options, their defaults, and their checks. A bad option is
 * the caller's bug (or bad signaling, for the fingerprint): it throws
 * TypeError/RangeError from the constructor, never later.
 */
import { type SrtpProfileName, resolveSrtpProfile } from '../srtp/index.ts';
import { type TimerClock, TimerQueue, systemClock } from '../timers/index.ts';
import { type CipherSuiteId, SUPPORTED_CIPHER_SUITES, requireCipherSuite } from './crypto/cipher-suite.ts';
import { CookieSecrets } from './flights/cookie-secrets.ts';
import type { LocalIdentity, ServerConfig } from './flights/handshake-io.ts';
import { type ExpectedFingerprint, parseSdpFingerprint } from './flights/peer-certificate.ts';
import { DEFAULT_RETRANSMISSION_POLICY, type RetransmissionPolicy } from './fsm.ts';
import { DEFAULT_MAX_DATAGRAM_SIZE } from './record/datagram.ts';

export interface DtlsConnectionOptions {
  /** RFC 5763 §5: a=setup:active is the DTLS client, passive the server. */
  readonly role: 'client' | 'server';
  /** Our certificate and key: a LocalCertificate from `generateCertificate()` (#server/x509), ECDSA P-256. */
  readonly certificate: LocalIdentity;
  /** The peer's a=fingerprint, 'sha-256 AB:CD:…'. If given, a peer certificate that differs fails the handshake (bad_certificate). */
  readonly remoteFingerprint?: string;
  /** SRTP profiles to offer (client) or accept (server), in preference order; [] for none (data channels only). */
  readonly srtpProfiles?: readonly SrtpProfileName[];
  /** Where our datagrams go (the ICE transport). */
  readonly send: (datagram: Buffer) => void;
  /** The peer's transport address, e.g. '192.0.2.1:5000'; the server binds its cookies to it. */
  readonly peerAddress?: string;
  /** Largest UDP payload we send, in bytes (default 1200, as Chromium). */
  readonly mtu?: number;
  /** The RFC 6347 §4.2.4.1 timer: 1 s initial, doubling up to 60 s, 6 retransmissions by default. */
  readonly retransmission?: Partial<RetransmissionPolicy>;
  /** The whole handshake, from start() to connected, must take no longer (default 30 s). */
  readonly handshakeTimeoutMs?: number;
  /** Cipher suites in preference order (default: every supported one, AES-128-GCM first). */
  readonly cipherSuites?: readonly CipherSuiteId[];
  /** The clock for the timers and the cookie rotation (tests pass a ManualClock). */
  readonly clock?: TimerClock;
  /** A shared timer queue (it must run on `clock`); default: a queue of the connection's own. */
  readonly timers?: TimerQueue;
  /** Gets one NSS key log line per handshake ('CLIENT_RANDOM <hex> <hex>'), for Wireshark. Never log it in production. */
  readonly keyLog?: (line: string) => void;
}

export const DEFAULT_SRTP_PROFILES: readonly SrtpProfileName[] = ['SRTP_AEAD_AES_128_GCM', 'SRTP_AES128_CM_HMAC_SHA1_80'];
export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 30_000;
/** Below this a flight fragments into too many pieces to be worth it. */
export const MIN_MTU = 256;
/** Largest UDP payload over IPv4. */
export const MAX_MTU = 65_507;
/**
 * RFC 6347 §4.1.1.1: "If repeated retransmissions do not result in a response,
 * and the PMTU is unknown, subsequent retransmissions SHOULD back off to a
 * smaller record size". From the second expiry of a flight's timer on, we send
 * 548-byte datagrams: the 576 bytes every IPv4 host must accept, minus the IPv4
 * and UDP headers.
 */
export const FALLBACK_MTU = 548;
export const SHRINK_AFTER_TIMEOUTS = 2;

export interface ResolvedOptions {
  readonly role: 'client' | 'server';
  readonly send: (datagram: Buffer) => void;
  readonly mtu: number;
  readonly fallbackMtu: number;
  readonly retransmission: RetransmissionPolicy;
  readonly handshakeTimeoutMs: number;
  readonly clock: TimerClock;
  readonly timers: TimerQueue;
  readonly ownsTimers: boolean;
  readonly keyLog: ((line: string) => void) | undefined;
  readonly remoteFingerprint: ExpectedFingerprint | undefined;
  readonly handshake: ServerConfig;
}

export function resolveOptions(options: DtlsConnectionOptions): ResolvedOptions {
  if (options.role !== 'client' && options.role !== 'server') throw new TypeError(`dtls: role must be 'client' or 'server', got ${String(options.role)}`);
  if (typeof options.send !== 'function') throw new TypeError('dtls: send must be a function');
  if (!(options.certificate?.der instanceof Uint8Array) || options.certificate.privateKey?.asymmetricKeyType !== 'ec') {
    throw new TypeError('dtls: certificate must have the DER bytes and an ECDSA private key (generateCertificate() from #server/x509)');
  }
  const mtu = options.mtu ?? DEFAULT_MAX_DATAGRAM_SIZE;
  if (!Number.isInteger(mtu) || mtu < MIN_MTU || mtu > MAX_MTU) throw new RangeError(`dtls: mtu must be an integer in [${MIN_MTU}, ${MAX_MTU}], got ${mtu}`);
  const retransmission = { ...DEFAULT_RETRANSMISSION_POLICY, ...options.retransmission };
  checkPositive('retransmission.initialTimeoutMs', retransmission.initialTimeoutMs);
  checkPositive('retransmission.maxTimeoutMs', retransmission.maxTimeoutMs);
  if (!Number.isInteger(retransmission.maxRetransmissions) || retransmission.maxRetransmissions < 0) {
    throw new RangeError(`dtls: retransmission.maxRetransmissions must be an integer >= 0, got ${retransmission.maxRetransmissions}`);
  }
  const handshakeTimeoutMs = options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;
  checkPositive('handshakeTimeoutMs', handshakeTimeoutMs);
  const cipherSuites = options.cipherSuites ?? SUPPORTED_CIPHER_SUITES.map((suite) => suite.id);
  if (cipherSuites.length === 0) throw new RangeError('dtls: cipherSuites is empty');
  for (const id of cipherSuites) {
    try {
      requireCipherSuite(id);
    } catch {
      throw new RangeError(`dtls: cipher suite 0x${Number(id).toString(16)} is not supported`);
    }
  }
  const clock = options.clock ?? systemClock;
  const remoteFingerprint = options.remoteFingerprint === undefined ? undefined : parseSdpFingerprint(options.remoteFingerprint);
  return {
    role: options.role,
    send: options.send,
    mtu,
    fallbackMtu: Math.min(mtu, FALLBACK_MTU),
    retransmission,
    handshakeTimeoutMs,
    clock,
    timers: options.timers ?? new TimerQueue({ clock }),
    ownsTimers: options.timers === undefined,
    keyLog: options.keyLog,
    remoteFingerprint,
    handshake: {
      certificate: options.certificate,
      remoteFingerprint,
      srtpProfileIds: (options.srtpProfiles ?? DEFAULT_SRTP_PROFILES).map((name) => resolveSrtpProfile(name).id),
      cipherSuites,
      peerAddress: options.peerAddress ?? '',
      cookies: new CookieSecrets(clock),
    },
  };
}

function checkPositive(name: string, value: number): void {
  if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`dtls: ${name} must be a positive number of ms, got ${value}`);
}
