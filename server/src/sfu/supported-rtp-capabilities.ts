/**
 * What the SFU can route: the codecs and header extensions a router may be
 * configured with (`routerRtpCapabilities` picks from these).
 *
 * The SFU never decodes media, so "supported" means: the media plane knows
 * how to find key frames in the payload (server/src/rtp/codecs), answer NACK
 * with RTX and rewrite the header. The list keeps to what Chromium 156 offers
 * (server/fixtures/chromium-156/sdp/plain-offer.sdp), minus:
 * - red and ulpfec (RFC 2198, RFC 5109): their payloads nest other payload
 *   types, which the per-subscriber payload-type rewrite would have to reach
 *   into; NACK + RTX repairs loss instead (see README).
 * - H264 packetization-mode 0 (RFC 6184 §6.2, single NAL unit): browsers
 *   prefer mode 1 and the router offers one H264 payload type per profile.
 * - toffset, playout-delay, video-timing, color-space, video-content-type:
 *   the SFU does not forward them (abs-send-time and transport-cc replace toffset).
 */
import type { RtcpFeedback, RtpCapabilities, RtpCodecCapability, RtpHeaderExtension } from './rtp-parameters.ts';

/** The header extensions the SFU knows, by URI (RFC 8285 §5). */
export const RtpHeaderExtensionUri = {
  /** RFC 8843 §15.2: the m-line's MID, so the first packets of a stream bind before its SSRC is known. */
  Mid: 'urn:ietf:params:rtp-hdrext:sdes:mid',
  /** RFC 8852 §3.1: the RtpStreamId of a simulcast encoding. */
  RtpStreamId: 'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id',
  /** RFC 8852 §3.2: the RtpStreamId an RTX stream repairs. */
  RepairedRtpStreamId: 'urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id',
  /** webrtc.org abs-send-time: 6.18 fixed-point send time, for REMB. */
  AbsSendTime: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',
  /** draft-holmer-rmcat-transport-wide-cc-extensions-01 §2: transport-wide sequence number. */
  TransportWideCc01: 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01',
  /** RFC 6464: the audio level of the packet. */
  SsrcAudioLevel: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level',
  /** 3GPP TS 26.114 §7.4.5: camera rotation and flip (coordination of video orientation). */
  VideoOrientation: 'urn:3gpp:video-orientation',
} as const;

export type RtpHeaderExtensionUri = (typeof RtpHeaderExtensionUri)[keyof typeof RtpHeaderExtensionUri];

/** RFC 4585 §4.2, RFC 5104 §7.1, transport-cc and REMB: the feedback the SFU reads from subscribers for video. */
const VIDEO_FEEDBACK: readonly RtcpFeedback[] = [
  { type: 'nack' },
  { type: 'nack', parameter: 'pli' },
  { type: 'ccm', parameter: 'fir' },
  { type: 'goog-remb' },
  { type: 'transport-cc' },
];

const AUDIO_FEEDBACK: readonly RtcpFeedback[] = [{ type: 'transport-cc' }];

/** RFC 6184 §8.1 profile-level-ids the SFU offers for H264, one payload type each (Chromium 156's list, mode 1). */
export const SUPPORTED_H264_PROFILE_LEVEL_IDS = ['42001f', '42e01f', '4d001f'] as const;

/**
 * The codecs without payload types (the router assigns them) and the header
 * extensions with the ids Chromium uses, so that a Chromium publisher's ids
 * usually need no rewriting.
 *
 * Header-extension directions are the SFU's: 'recvonly' extensions are read
 * from publishers but never sent (rid, repaired-rid: each consumer gets one
 * plain stream; transport-cc on audio: the SFU does not estimate bandwidth
 * towards subscribers from audio).
 */
export const supportedRtpCapabilities: Readonly<Required<RtpCapabilities>> = deepFreeze<Required<RtpCapabilities>>({
  codecs: [
    // RFC 7587 §7: always opus/48000/2 in SDP, whatever is actually encoded.
    { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2, parameters: {}, rtcpFeedback: [...AUDIO_FEEDBACK] },
    { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: {}, rtcpFeedback: [...VIDEO_FEEDBACK] },
    // draft-ietf-payload-vp9 §6: profile-id 0 (8-bit 4:2:0) and 2 (10-bit), the two Chromium offers.
    { kind: 'video', mimeType: 'video/VP9', clockRate: 90000, parameters: { 'profile-id': 0 }, rtcpFeedback: [...VIDEO_FEEDBACK] },
    { kind: 'video', mimeType: 'video/VP9', clockRate: 90000, parameters: { 'profile-id': 2 }, rtcpFeedback: [...VIDEO_FEEDBACK] },
    ...SUPPORTED_H264_PROFILE_LEVEL_IDS.map((profileLevelId) => ({
      kind: 'video' as const,
      mimeType: 'video/H264',
      clockRate: 90000,
      parameters: { 'level-asymmetry-allowed': 1, 'packetization-mode': 1, 'profile-level-id': profileLevelId },
      rtcpFeedback: [...VIDEO_FEEDBACK],
    })),
    // AV1 RTP specification §7.2: profile 0 (Main), the one Chromium offers.
    { kind: 'video', mimeType: 'video/AV1', clockRate: 90000, parameters: { profile: 0 }, rtcpFeedback: [...VIDEO_FEEDBACK] },
  ],
  headerExtensions: [
    extension('audio', RtpHeaderExtensionUri.SsrcAudioLevel, 1, 'sendrecv'),
    extension('audio', RtpHeaderExtensionUri.AbsSendTime, 2, 'sendrecv'),
    extension('audio', RtpHeaderExtensionUri.TransportWideCc01, 3, 'recvonly'),
    extension('audio', RtpHeaderExtensionUri.Mid, 4, 'sendrecv'),
    extension('video', RtpHeaderExtensionUri.AbsSendTime, 2, 'sendrecv'),
    extension('video', RtpHeaderExtensionUri.TransportWideCc01, 3, 'sendrecv'),
    extension('video', RtpHeaderExtensionUri.Mid, 4, 'sendrecv'),
    extension('video', RtpHeaderExtensionUri.RtpStreamId, 10, 'recvonly'),
    extension('video', RtpHeaderExtensionUri.RepairedRtpStreamId, 11, 'recvonly'),
    extension('video', RtpHeaderExtensionUri.VideoOrientation, 13, 'sendrecv'),
  ],
});

function extension(kind: RtpHeaderExtension['kind'], uri: RtpHeaderExtensionUri, preferredId: number, direction: RtpHeaderExtension['direction']): RtpHeaderExtension {
  return { kind, uri, preferredId, preferredEncrypt: false, direction };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * Media codecs for a room when the application names none: Opus, VP8, VP9
 * profile 0, H264 constrained baseline (mode 1) and AV1, in that order of
 * preference (VP8 first: every browser encodes it in software and hardware).
 */
export const DEFAULT_MEDIA_CODECS: readonly RtpCodecCapability[] = deepFreeze<RtpCodecCapability[]>([
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 },
  { kind: 'video', mimeType: 'video/VP9', clockRate: 90000, parameters: { 'profile-id': 0 } },
  { kind: 'video', mimeType: 'video/H264', clockRate: 90000, parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1 } },
  { kind: 'video', mimeType: 'video/AV1', clockRate: 90000 },
]);
