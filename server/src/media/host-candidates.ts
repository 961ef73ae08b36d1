/**
 * The candidates of the shared port: one host candidate per socket (RFC 8445
 * §5.1.1.1), at its announced address. Every transport on the port has the
 * same ones, so they do not depend on the transport; the SDP builder writes
 * them as a=candidate lines (sdp/attributes/candidate.ts).
 */
import { MAX_LOCAL_PREFERENCE, candidateFoundation, candidatePriority } from '../ice/index.ts';
import type { Candidate } from '../sdp/index.ts';

export interface CandidateSource {
  readonly announcedAddress: string;
  readonly port: number;
}

/**
 * Earlier sockets first and preferred: local preferences 65535, 65534, ...
 * (RFC 8445 §5.1.2.1: they MUST differ between candidates of one type in a
 * data stream). Component 1 only: WebRTC multiplexes RTCP (RFC 8843, RFC 5761).
 */
export function hostCandidates(sockets: readonly CandidateSource[]): Candidate[] {
  return sockets.map(({ announcedAddress, port }, index) => ({
    foundation: candidateFoundation({ type: 'host', baseAddress: announcedAddress, transport: 'udp' }),
    component: 1,
    transport: 'udp',
    priority: candidatePriority({ type: 'host', localPreference: MAX_LOCAL_PREFERENCE - index, componentId: 1 }),
    address: announcedAddress,
    port,
    type: 'host',
    extensions: [],
  }));
}
