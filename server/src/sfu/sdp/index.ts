/**
 * The SDP the SFU reads and writes, built on the SDP package (server/src/sdp)
 * and the SFU's RTP types (mediasoup's shapes). A browser speaks SDP only:
 *
 * - Publishing (publisher-answer.ts, producer-parameters.ts): the browser
 *   offers its send transceivers; `createPublisherAnswer` answers as an
 *   ICE-lite receiver (BUNDLE, rtcp-mux, the router's codecs at the offer's
 *   payload types, no RED/ULPFEC, simulcast by rid), and
 *   `producerParametersFromOffer` gives each sending section's
 *   `rtpParameters` for `transport.produce()`.
 * - Subscribing (subscriber-offer.ts): a `SubscriberSession` per receive
 *   transport offers one sendonly section per consumer and renegotiates as
 *   consumers come and go (closed sections go to port 0 and are recycled);
 *   `applyAnswer` reads the browser's answer.
 * - `rtpCapabilitiesFromSdp`: what a browser can receive, from SDP it wrote
 *   (the `rtpCapabilities` of `transport.consume()`).
 *
 * The SFU is the DTLS server unless told otherwise (dtls-setup.ts). Errors:
 * SdpParseError / SdpAttributeError (server/src/sdp) for malformed SDP,
 * SdpNegotiationError (errors.ts) for SDP the SFU cannot negotiate with,
 * TypeError for bad arguments from the caller.
 */
export { SdpNegotiationError, type SdpNegotiationErrorCode } from './errors.ts';
export { type AnsweredSection, type PublisherAnswer, type PublisherAnswerOptions, createPublisherAnswer } from './publisher-answer.ts';
export { producerParametersFromOffer } from './producer-parameters.ts';
export { type OfferedSection, WEBRTC_RTP_PROTOCOL, readOfferedSections } from './offered-sections.ts';
export { type SubscriberOffer, SubscriberSession, type SubscriberSessionOptions } from './subscriber-offer.ts';
export { type AnsweredConsumerSection, type OfferedConsumerSection, type SubscriberAnswer, readSubscriberAnswer } from './subscriber-answer.ts';
export type { ConsumerTrack } from './consumer-sections.ts';
export { rtpCapabilitiesFromSdp } from './rtp-capabilities-from-sdp.ts';
export {
  type LocalTransportParameters,
  type RemoteTransportParameters,
  defaultDestination,
  readRemoteTransport,
  writeTransportAttributes,
} from './transport-attributes.ts';
export {
  type DtlsFingerprintLike,
  type NegotiatedDtlsRole,
  answerSetup,
  dtlsFingerprintsFromSdp,
  dtlsRoleForSetup,
  preferredFingerprint,
  setupForDtlsRole,
} from './dtls-setup.ts';
export { codecParametersFromSdp, rtpCodecFromSdp, sdpCodecFromRtp } from './sdp-codecs.ts';
export { readDescription } from './description-input.ts';
