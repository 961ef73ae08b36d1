/**
 * The RTP capability and parameter types of the SFU's API, with the shape and
 * field names of mediasoup v3's `RtpParameters.ts`, so that code written for a
 * mediasoup server (or mediasoup-client's handlers) reads the same here.
 *
 * Capabilities say what an endpoint (or the router) can receive; parameters
 * say what one stream actually uses. Both are plain JSON: they cross the
 * `Channel` to the media plane unchanged.
 *
 * The vocabulary follows ORTC (W3C `RTCRtpCapabilities`/`RTCRtpParameters`);
 * the SDP side (a=rtpmap, a=fmtp, a=rtcp-fb, a=extmap, a=ssrc, a=rid) is
 * translated to and from these types by `sfu/sdp`.
 */

/** Media kind ('audio' or 'video'). */
export type MediaKind = 'audio' | 'video';

/** What an endpoint or the router can receive. */
export interface RtpCapabilities {
  /** Supported media and RTX codecs, in order of preference. */
  codecs?: RtpCodecCapability[];
  /** Supported RTP header extensions. */
  headerExtensions?: RtpHeaderExtension[];
}

/**
 * One value of a=fmtp. Numbers for the parameters matching compares
 * numerically (`packetization-mode`, `profile-id`, `apt`, `useinbandfec`, ...),
 * strings for the rest (`profile-level-id` is hex, so it stays a string).
 */
export type RtpCodecParameterValue = string | number;

/** Codec-specific parameters (the a=fmtp of SDP). */
export type RtpCodecParametersMap = Record<string, RtpCodecParameterValue>;

/**
 * One codec the router or an endpoint can receive. There is one entry per
 * combination of parameters that needs its own payload type (each H264
 * packetization-mode/profile, each VP9 profile-id).
 *
 * In a router's `mediaCodecs` option `preferredPayloadType` may be left out:
 * the router picks one from the dynamic range (RFC 3551 §3: 96-127).
 */
export interface RtpCodecCapability {
  kind: MediaKind;
  /** MIME type/subtype, e.g. 'audio/opus', 'video/VP8' (compared case-insensitively). */
  mimeType: string;
  preferredPayloadType?: number;
  /** Clock rate in Hz. */
  clockRate: number;
  /** Number of audio channels (2 for Opus, RFC 7587 §7). Audio only; default 1. */
  channels?: number;
  /** Codec parameters; some (H264 packetization-mode and profile-level-id, VP9 profile-id) decide matching. */
  parameters?: RtpCodecParametersMap;
  /** RTCP feedback messages the codec supports (RFC 4585 §4.2). */
  rtcpFeedback?: RtcpFeedback[];
}

/** Direction of a header extension in the router's capabilities (RFC 8285 §6). */
export type RtpHeaderExtensionDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

/**
 * A supported RTP header extension (RFC 8285). `direction` is only meaningful
 * in the router's capabilities ('sendonly': the SFU adds it but ignores it on
 * input, 'recvonly': it reads it but never sends it); it is ignored in an
 * endpoint's capabilities.
 */
export interface RtpHeaderExtension {
  kind: MediaKind;
  /** The extension's URI (RFC 8285 §5). */
  uri: string;
  /** The id (1-14 for one-byte headers, RFC 8285 §4.2) preferred in packets. Unique per kind. */
  preferredId: number;
  /** RFC 6904 encryption; not supported, present for shape compatibility. */
  preferredEncrypt?: boolean;
  direction?: RtpHeaderExtensionDirection;
}

/**
 * What one stream uses. A producer's parameters describe what the SFU
 * receives (its `mid` lets the media plane bind packets by the MID header
 * extension before their SSRC is known); a consumer's describe what the SFU
 * sends to one subscriber: always a single encoding with a fresh SSRC (and an
 * RTX SSRC when the subscriber supports RTX).
 */
export interface RtpParameters {
  /** The MID (RFC 8843 §15) of the m-line this stream belongs to. */
  mid?: string;
  /** Media codecs, each followed by its RTX codec if any. The first media codec is the one used. */
  codecs: RtpCodecParameters[];
  headerExtensions?: RtpHeaderExtensionParameters[];
  /** The RTP streams (one, or one per simulcast layer). */
  encodings?: RtpEncodingParameters[];
  rtcp?: RtcpParameters;
}

/** One codec of a stream, at the payload type the stream uses. */
export interface RtpCodecParameters {
  /** MIME type/subtype, e.g. 'video/VP8', 'video/rtx'. */
  mimeType: string;
  /** The RTP payload type (0-127, unique within the parameters). */
  payloadType: number;
  clockRate: number;
  channels?: number;
  /** For RTX, `apt` is the payload type it repairs (RFC 4588 §8.1). */
  parameters?: RtpCodecParametersMap;
  rtcpFeedback?: RtcpFeedback[];
}

/** One RTCP feedback message type: `{ type: 'nack', parameter: 'pli' }` is `a=rtcp-fb:<pt> nack pli`. */
export interface RtcpFeedback {
  type: string;
  parameter?: string;
}

/** One RTP stream (and its RTX stream) of a stream's parameters. */
export interface RtpEncodingParameters {
  /** The media SSRC. */
  ssrc?: number;
  /** The RtpStreamId (RFC 8852), for simulcast bound by header extension. Unique. */
  rid?: string;
  /** The codec this encoding uses; the first media codec when unset. */
  codecPayloadType?: number;
  /** The RTX stream repairing this one (RFC 4588). */
  rtx?: { ssrc: number };
  /** Discontinuous transmission (audio DTX, static screen content): silence is not a stall. */
  dtx?: boolean;
  /** Spatial and temporal layers, e.g. 'L1T3' (W3C webrtc-svc). */
  scalabilityMode?: string;
  scaleResolutionDownBy?: number;
  maxBitrate?: number;
}

/** A header extension of a stream, at the id the stream uses. */
export interface RtpHeaderExtensionParameters {
  uri: string;
  /** The id in the packets (RFC 8285 §4.2). Unique within the parameters. */
  id: number;
  /** RFC 6904 encryption; not supported, present for shape compatibility. */
  encrypt?: boolean;
  parameters?: RtpCodecParametersMap;
}

/** RTCP settings of a stream. */
export interface RtcpParameters {
  /** The CNAME (RFC 3550 §6.5.1) of the stream's SDES; the router picks one when a producer gives none. */
  cname?: string;
  /** Reduced-size RTCP (RFC 5506); the SFU always assumes true. Default true. */
  reducedSize?: boolean;
}
