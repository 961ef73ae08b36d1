/**
 * The SFU's control-plane API, shaped after mediasoup v3's TypeScript layer
 * (see README.md for the architecture):
 *
 *   const worker = await createWorker({ mediaWorker });             // or { channel } for IPC
 *   const router = await worker.createRouter({ mediaCodecs: DEFAULT_MEDIA_CODECS });
 *   const sendTransport = await router.createWebRtcTransport();
 *   await sendTransport.connect({ dtlsParameters });                // from the browser's SDP
 *   const producer = await sendTransport.produce({ kind: 'video', rtpParameters });
 *   if (router.canConsume({ producerId: producer.id, rtpCapabilities })) {
 *     const consumer = await recvTransport.consume({ producerId: producer.id, rtpCapabilities, paused: true });
 *     consumer.on('producerclose', () => ...);                       // renegotiate the subscriber
 *   }
 *
 * Every method that acts on media is async and is one request over a
 * `Channel` (channel-messages.ts has the whole vocabulary); `close()` is
 * synchronous, idempotent and cascades. Errors: TypeError (bad argument),
 * InvalidStateError (closed), UnsupportedError (codec the router cannot
 * route), MediaWorkerError (any other media-plane failure).
 *
 * The RTP capability matching (mediasoup's ortc) is pure and exported for the
 * SDP layer: routerRtpCapabilities, validate*, producerRtpMapping,
 * consumableRtpParameters, canConsume, consumerRtpParameters, consumerRtpMapping.
 */
export type { AppData } from './app-data.ts';
export * from './rtp-parameters.ts';
export * from './webrtc-transport-parameters.ts';
export * from './stats.ts';
export * from './errors.ts';
export { DEFAULT_MEDIA_CODECS, RtpHeaderExtensionUri, SUPPORTED_H264_PROFILE_LEVEL_IDS, supportedRtpCapabilities } from './supported-rtp-capabilities.ts';
export { routerRtpCapabilities } from './rtp-capabilities.ts';
export {
  validateRtcpFeedback,
  validateRtcpParameters,
  validateRtpCapabilities,
  validateRtpCodecCapability,
  validateRtpCodecParameters,
  validateRtpEncodingParameters,
  validateRtpHeaderExtension,
  validateRtpHeaderExtensionParameters,
  validateRtpParameters,
} from './rtp-validation.ts';
export {
  type ConsumerRtpMapping,
  type ConsumerRtpParametersOptions,
  type EncodingMapping,
  type HeaderExtensionMapping,
  type PayloadTypeMapping,
  type RtpMapping,
  canConsume,
  composeRtpMappings,
  consumableRtpParameters,
  consumerRtpMapping,
  consumerRtpParameters,
  kindOfParameters,
  producerRtpMapping,
} from './rtp-mapping.ts';
export { isRtxCodec, matchCodecs } from './codec-matching.ts';
export {
  DEFAULT_H264_PROFILE_LEVEL_ID,
  type H264Profile,
  type H264ProfileLevelId,
  isSameH264Profile,
  parseH264ProfileLevelId,
} from './h264-profile-level-id.ts';
export * from './channel-messages.ts';
export { type Channel, type ChannelCloseListener, type ChannelEventListener, type ChannelTrace, InProcessChannel, type InProcessChannelOptions } from './channel.ts';
export { assertJsonSerializable, toWire } from './json-message.ts';
export { FakeMediaWorker, type RecordedRequest } from './fake-media-worker.ts';
export { type RouterOptions, type WorkerEvents, type WorkerObserverEvents, type WorkerOptions, Worker, createWorker } from './worker.ts';
export { Router, type RouterEvents, type RouterObserverEvents } from './router.ts';
export { type ConsumerOptions, type ProducerOptions, Transport, type TransportEvents, type TransportObserverEvents, producerType } from './transport.ts';
export {
  DEFAULT_ICE_CONSENT_TIMEOUT,
  WebRtcTransport,
  type WebRtcTransportEvents,
  type WebRtcTransportObserverEvents,
  type WebRtcTransportOptions,
} from './webrtc-transport.ts';
export { Producer, type ProducerEvents, type ProducerObserverEvents } from './producer.ts';
export { Consumer, type ConsumerEvents, type ConsumerObserverEvents } from './consumer.ts';
