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
 *
 * RTP/RTCP routing, as pure classes: they take parsed RTP and RTCP and return
 * (or hand to a callback) what to send; time from an injected clock, timers
 * from a TimerQueue:
 * - transport-cc-feedback.ts: every packet's arrival → RTPFB 15 to the publisher.
 * - rtp-listener.ts: packet → producer stream (SSRC, else MID/RID); probes dropped.
 * - producer-stream.ts: stats, retransmission buffer, key frames, RR blocks, last SR.
 * - consumer-stream.ts: per-subscriber rewrite, NACK → RTX, SR for lip sync.
 * - keyframe-requester.ts: PLI/FIR to the publisher, one per second.
 * - rtcp-scheduler.ts: when RRs and SRs go out.
 *
 * The media plane assembled from them (README.md): MediaWorker, the
 * control plane's MediaWorkerHandler (server/src/sfu/channel-messages.ts):
 *
 *   const mediaWorker = await MediaWorker.create({ listen: { address: '0.0.0.0', port: 40000, announcedAddress: '203.0.113.5' } });
 *   const worker = await createWorker({ mediaWorker });   // server/src/sfu
 */
export { type UdpMuxErrorCode, UdpMuxError } from './udp-mux-errors.ts';
export { type CandidateSource, hostCandidates } from './host-candidates.ts';
export { type IceTransportHandlers, IceTransport } from './ice-transport.ts';
export type { MuxRegistration, MuxedTransport } from './muxed-transport.ts';
export { type Route, type RouteLookup, routeDatagram } from './route-datagram.ts';
export { type UdpMuxAddress, type UdpMuxOptions, UdpMux } from './udp-mux.ts';
export type { RoutedKind, UdpMuxDropReason, UdpMuxStats } from './udp-mux-stats.ts';
export type { SocketBufferOptions, UdpListenOptions } from './udp-sockets.ts';
export { type MediaClock, systemMediaClock } from './media-clock.ts';
export {
  type ListenerEncoding,
  type ListenerHeaderExtensionIds,
  type ListenerProducer,
  type RtpDropReason,
  type RtpListenerErrorCode,
  type RtpListenerStats,
  type RtpRoute,
  RtpListener,
  RtpListenerError,
} from './rtp-listener.ts';
export {
  type ConsumerSource,
  type ProducerDropReason,
  type ProducerPacketResult,
  type ProducerStreamOptions,
  type ProducerStreamStats,
  type SenderReportMapping,
  ProducerStream,
} from './producer-stream.ts';
export { type ConsumerStreamOptions, type ConsumerStreamStats, ConsumerStream } from './consumer-stream.ts';
export {
  AUDIO_RETRANSMISSION_BUFFER,
  VIDEO_RETRANSMISSION_BUFFER,
  type RetransmissionBufferOptions,
  type RetransmissionSource,
  RetransmissionBuffer,
  ownedRtpPacket,
} from './retransmission-buffer.ts';
export { SequenceMapper } from './sequence-mapper.ts';
export { type HeaderExtensionRewrite, midExtensionValue, rewriteHeaderExtensions } from './header-extension-rewriter.ts';
export { detectsKeyframes, keyframeDetectorFor } from './keyframe-detector.ts';
export { type KeyframeRequesterOptions, type KeyframeRequesterStats, KeyframeRequester } from './keyframe-requester.ts';
export { type TransportCcFeedbackOptions, type TransportCcFeedbackStats, TransportCcFeedback } from './transport-cc-feedback.ts';
export { type RembEstimatorOptions, RembEstimator } from './remb-estimator.ts';
export { type RtcpSchedulerOptions, RtcpScheduler } from './rtcp-scheduler.ts';
export { buildReceiverReferenceTime, buildReceiverReports } from './receiver-reports.ts';
export { type RateCalculatorOptions, RateCalculator } from './rate-calculator.ts';
export { StreamScore, intervalScore } from './stream-score.ts';
export { type MediaWorkerOptions, MediaWorker } from './media-worker.ts';
