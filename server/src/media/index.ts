/**
 * The media plane (see server/src/sfu/README.md): what runs per datagram.
 * The shared UDP port and the ICE layer of a transport on it:
 *
 *   const mux = await UdpMux.create({ address: '0.0.0.0', port: 40000, announcedAddress: '203.0.113.5' });
 *   const ice = new IceTransport(mux, new IceLiteAgent({ timers }), { onDtls, onRtp, onRtcp });
 *   // SDP: ice.agent.localParameters, mux.candidates()
 *
 * - udp-mux.ts: one socket (plus extra ports / IPv6) for every transport;
 *   STUN routed by USERNAME, the rest by the tuple ICE validated; unknown
 *   sources dropped and counted; route-datagram.ts is its per-datagram decision.
 * - muxed-transport.ts: the interface between the mux and a transport.
 * - ice-transport.ts: an IceLiteAgent (server/src/ice) on the mux.
 */
export { type UdpMuxErrorCode, UdpMuxError } from './udp-mux-errors.ts';
export { type CandidateSource, hostCandidates } from './host-candidates.ts';
export { type IceTransportHandlers, IceTransport } from './ice-transport.ts';
export type { MuxRegistration, MuxedTransport } from './muxed-transport.ts';
export { type Route, type RouteLookup, routeDatagram } from './route-datagram.ts';
export { type UdpMuxAddress, type UdpMuxOptions, UdpMux } from './udp-mux.ts';
export type { RoutedKind, UdpMuxDropReason, UdpMuxStats } from './udp-mux-stats.ts';
export type { SocketBufferOptions, UdpListenOptions } from './udp-sockets.ts';
