/**
 * What a WebRTC transport tells the remote endpoint (ICE and DTLS parameters,
 * candidates) and the states it goes through, with mediasoup's names. The
 * SDP layer turns these into a=ice-ufrag/ice-pwd/ice-lite, a=candidate,
 * a=fingerprint and a=setup.
 */

/** RFC 8445 §5.3: the transport's short-term credentials; the SFU is always ICE-lite (§2.5). */
export interface IceParameters {
  usernameFragment: string;
  password: string;
  iceLite?: boolean;
}

/** One local candidate (RFC 8839 §5.1); the SFU gathers host candidates only. */
export interface IceCandidate {
  foundation: string;
  priority: number;
  /** IP address or hostname to put in a=candidate. */
  address: string;
  protocol: 'udp' | 'tcp';
  port: number;
  type: 'host';
  /** RFC 6544: an ICE-lite SFU's TCP candidates are passive. */
  tcpType?: 'passive';
}

/** The SFU is ICE-lite, so always the controlled agent (RFC 8445 §6.1.1). */
export type IceRole = 'controlled';

/**
 * mediasoup's ICE states: 'connected' after the first valid check,
 * 'completed' once a check carries USE-CANDIDATE, 'disconnected' when
 * consent (RFC 7675) lapses, 'closed' when the transport closes.
 */
export type IceState = 'new' | 'connected' | 'completed' | 'disconnected' | 'closed';

/** The 5-tuple media flows on (the ICE selected pair, seen from the SFU). */
export interface TransportTuple {
  localAddress: string;
  localPort: number;
  remoteIp: string;
  remotePort: number;
  protocol: 'udp' | 'tcp';
}

/**
 * RFC 8842 §5 (a=setup): 'client' is active, 'server' passive; 'auto' lets
 * the SFU choose (as ICE-lite it then takes the client role, like mediasoup).
 */
export type DtlsRole = 'auto' | 'client' | 'server';

export type DtlsState = 'new' | 'connecting' | 'connected' | 'failed' | 'closed';

/** RFC 8122 §5: hash function names of a=fingerprint. */
export type FingerprintAlgorithm = 'sha-1' | 'sha-224' | 'sha-256' | 'sha-384' | 'sha-512';

export const FINGERPRINT_ALGORITHMS: readonly FingerprintAlgorithm[] = ['sha-1', 'sha-224', 'sha-256', 'sha-384', 'sha-512'];

/** RFC 8122 §5: `value` is upper-case hex bytes separated by colons. */
export interface DtlsFingerprint {
  algorithm: FingerprintAlgorithm;
  value: string;
}

export interface DtlsParameters {
  role?: DtlsRole;
  fingerprints: DtlsFingerprint[];
}

/** The local DTLS role a remote role leaves the SFU (RFC 8842 §5.3: the two ends take opposite roles). */
export function localDtlsRole(remoteRole: DtlsRole | undefined): Exclude<DtlsRole, 'auto'> {
  // RFC 8842 §5.3: the ends take opposite roles. With the peer's actpass ('auto') the SFU is the
  // server, so the browser, the client, starts the handshake as soon as ICE lets it.
  return remoteRole === 'server' ? 'client' : 'server';
}

/** RFC 8122 §5: fingerprint = 2UHEX *(":" 2UHEX); lower case is accepted (browsers compare case-insensitively). */
const FINGERPRINT_VALUE = /^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2})*$/;
const DTLS_ROLES: readonly DtlsRole[] = ['auto', 'client', 'server'];

/** A normalised copy of remote DTLS parameters; TypeError naming the field otherwise. */
export function validateDtlsParameters(value: unknown, path = 'dtlsParameters'): DtlsParameters {
  if (typeof value !== 'object' || value === null) throw new TypeError(`${path} must be an object`);
  const { role, fingerprints } = value as Record<string, unknown>;
  if (role !== undefined && !DTLS_ROLES.includes(role as DtlsRole)) throw new TypeError(`${path}.role must be one of ${DTLS_ROLES.join(', ')}`);
  if (!Array.isArray(fingerprints) || fingerprints.length === 0) throw new TypeError(`${path}.fingerprints must be a non-empty array`);
  const result: DtlsParameters = {
    fingerprints: fingerprints.map((fingerprint: unknown, i) => {
      const { algorithm, value: hex } = (typeof fingerprint === 'object' && fingerprint !== null ? fingerprint : {}) as Record<string, unknown>;
      if (!FINGERPRINT_ALGORITHMS.includes(algorithm as FingerprintAlgorithm)) {
        throw new TypeError(`${path}.fingerprints[${i}].algorithm must be one of ${FINGERPRINT_ALGORITHMS.join(', ')}`);
      }
      if (typeof hex !== 'string' || !FINGERPRINT_VALUE.test(hex)) throw new TypeError(`${path}.fingerprints[${i}].value must be hex bytes separated by ':' (RFC 8122 §5)`);
      return { algorithm: algorithm as FingerprintAlgorithm, value: hex.toUpperCase() };
    }),
  };
  if (role !== undefined) result.role = role as DtlsRole;
  return result;
}
