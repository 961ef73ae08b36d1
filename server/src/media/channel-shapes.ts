/**
 * The media plane's values in the shapes the control-plane channel carries
 * (server/src/sfu/webrtc-transport-parameters.ts, mediasoup's names): the
 * shared port's candidates, and a 5-tuple as the control plane reports it.
 */
import type { TransportTuple as IceTuple } from '../ice/index.ts';
import type { Candidate } from '../sdp/index.ts';
import type { IceCandidate, TransportTuple } from '../sfu/webrtc-transport-parameters.ts';
import type { UdpMuxAddress } from './udp-mux.ts';

export function channelCandidates(candidates: readonly Candidate[]): IceCandidate[] {
  return candidates.map((candidate) => ({
    foundation: candidate.foundation,
    priority: candidate.priority,
    address: candidate.address,
    protocol: 'udp',
    port: candidate.port,
    type: 'host',
  }));
}

/**
 * The tuple as the peer sees the SFU: the local half is the socket's
 * announced address (what the candidate said), not a wildcard it is bound to.
 */
export function channelTuple(tuple: IceTuple, sockets: readonly UdpMuxAddress[]): TransportTuple {
  const socket = sockets.find((bound) => bound.address === tuple.localAddress && bound.port === tuple.localPort);
  return {
    localAddress: socket?.announcedAddress ?? tuple.localAddress,
    localPort: tuple.localPort,
    remoteIp: tuple.remoteAddress,
    remotePort: tuple.remotePort,
    protocol: 'udp',
  };
}
