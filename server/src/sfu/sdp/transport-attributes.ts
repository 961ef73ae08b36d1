/**
 * The transport lines of a media section: the SFU's own, written into its
 * answers and offers (ICE-lite credentials, host candidates, fingerprint,
 * a=setup), and the browser's, read from what it sends (for
 * `transport.connect()`). With BUNDLE (RFC 8843) every accepted section
 * describes the same transport, so the same lines go into each.
 */
import { isIP } from 'node:net';
import {
  type Candidate,
  type Connection,
  type HasAttributes,
  type SessionDescription,
  type SetupRole,
  appendAttribute,
  candidateAttribute,
  fingerprintAttribute,
  icePwdAttribute,
  iceUfragAttribute,
  readInheritedAttribute,
  readInheritedAttributes,
  setupAttribute,
  writeAttribute,
} from '../../sdp/index.ts';
import type { DtlsFingerprint, IceCandidate, IceParameters } from '../webrtc-transport-parameters.ts';
import { SdpNegotiationError } from './errors.ts';
import { type DtlsFingerprintLike, dtlsFingerprintsFromSdp, preferredFingerprint } from './dtls-setup.ts';

/**
 * The SFU side of one transport as its SDP shows it. A `WebRtcTransport` is
 * one (`iceParameters`, `iceCandidates`, `dtlsParameters`).
 */
export interface LocalTransportParameters {
  readonly iceParameters: Pick<IceParameters, 'usernameFragment' | 'password'>;
  readonly iceCandidates: readonly IceCandidate[];
  readonly dtlsParameters: { readonly fingerprints: readonly DtlsFingerprintLike[] };
}

/** The browser's side of the transport, from one of its sections (own lines, else the session's). */
export interface RemoteTransportParameters {
  iceParameters: { usernameFragment: string; password: string };
  fingerprints: DtlsFingerprint[];
  setup: SetupRole | undefined;
}

/**
 * a=ice-ufrag, a=ice-pwd, a=fingerprint, a=setup, one a=candidate per
 * candidate, then a=end-of-candidates: an ICE-lite server gathers nothing
 * later (RFC 8840 §4.1.2 has it say so, so the browser stops waiting).
 */
export function writeTransportAttributes(section: HasAttributes, transport: LocalTransportParameters, setup: SetupRole): void {
  writeAttribute(section, iceUfragAttribute, transport.iceParameters.usernameFragment);
  writeAttribute(section, icePwdAttribute, transport.iceParameters.password);
  const fingerprint = preferredFingerprint(transport.dtlsParameters.fingerprints);
  if (fingerprint === undefined) throw new TypeError('dtlsParameters.fingerprints must not be empty');
  // Parsing checks the value: a typo would otherwise only show when the browser refuses the description.
  writeAttribute(section, fingerprintAttribute, fingerprintAttribute.parse(`${fingerprint.algorithm} ${fingerprint.value}`));
  writeAttribute(section, setupAttribute, setup);
  for (const candidate of transport.iceCandidates) appendAttribute(section, candidateAttribute, sdpCandidate(candidate));
  section.attributes.push({ name: 'end-of-candidates' });
}

/** RFC 8839 §5.1; component 1 only: WebRTC multiplexes RTCP (RFC 5761, RFC 8843). */
function sdpCandidate(candidate: IceCandidate): Candidate {
  const result: Candidate = {
    foundation: candidate.foundation,
    component: 1,
    transport: candidate.protocol,
    priority: candidate.priority,
    address: candidate.address,
    port: candidate.port,
    type: candidate.type,
    extensions: [],
  };
  if (candidate.tcpType !== undefined) result.tcpType = candidate.tcpType;
  return result;
}

const UNSPECIFIED: Connection = { netType: 'IN', addressType: 'IP4', address: '0.0.0.0' };

/**
 * The m= port and c= line of an accepted section: those of the first UDP
 * candidate (RFC 8839 §4.2.1.1 calls it the default candidate); port 9 and
 * 0.0.0.0 without one, as before candidates are known (RFC 8840 §4.1.1).
 */
export function defaultDestination(candidates: readonly IceCandidate[]): { port: number; connection: Connection } {
  const first = candidates.find((candidate) => candidate.protocol === 'udp') ?? candidates[0];
  const family = first === undefined ? 0 : isIP(first.address);
  if (first === undefined || family === 0) return { port: first?.port ?? 9, connection: { ...UNSPECIFIED } };
  return { port: first.port, connection: { netType: 'IN', addressType: family === 6 ? 'IP6' : 'IP4', address: first.address } };
}

/**
 * The browser's ICE credentials, fingerprints and a=setup as they apply to
 * `media` (RFC 8839 §5.4, RFC 8122 §5, RFC 4145 §4: a section's own lines,
 * else the session's). Throws SdpNegotiationError when the credentials or a
 * usable fingerprint are missing: nothing could be connected.
 */
export function readRemoteTransport(description: SessionDescription, media: HasAttributes, mid: string): RemoteTransportParameters {
  const usernameFragment = readInheritedAttribute(media, description, iceUfragAttribute);
  const password = readInheritedAttribute(media, description, icePwdAttribute);
  if (usernameFragment === undefined || password === undefined) {
    throw new SdpNegotiationError('MISSING_ICE_CREDENTIALS', `mid ${mid} has no a=ice-ufrag and a=ice-pwd (RFC 8839 §5.4)`);
  }
  const fingerprints = dtlsFingerprintsFromSdp(readInheritedAttributes(media, description, fingerprintAttribute));
  if (fingerprints.length === 0) throw new SdpNegotiationError('MISSING_FINGERPRINT', `mid ${mid} has no a=fingerprint with a known hash (RFC 8122 §5)`);
  return { iceParameters: { usernameFragment, password }, fingerprints, setup: readInheritedAttribute(media, description, setupAttribute) };
}
