/**
 * One codec in the two vocabularies: the SDP package's `Codec` (a=rtpmap,
 * a=fmtp, a=rtcp-fb of one payload type) and the API's `RtpCodecParameters`
 * (mediasoup's shape). MIME types keep the encoding name as the SDP wrote it
 * (`video/VP8`, `audio/opus`); matching compares them case-insensitively.
 */
import type { Codec, CodecInput } from '../../sdp/index.ts';
import { isRtxCodec } from '../codec-matching.ts';
import type { MediaKind, RtcpFeedback, RtpCodecParametersMap, RtpCodecParameters } from '../rtp-parameters.ts';

export function rtpCodecFromSdp(kind: MediaKind, codec: Codec): RtpCodecParameters {
  const result: RtpCodecParameters = {
    mimeType: `${kind}/${codec.name}`,
    payloadType: codec.payloadType,
    clockRate: codec.clockRate,
    parameters: codecParametersFromSdp(codec.parameters),
    rtcpFeedback: codec.feedback.map(({ type, parameter }): RtcpFeedback => (parameter === undefined ? { type } : { type, parameter })),
  };
  if (codec.channels !== undefined) result.channels = codec.channels;
  return result;
}

/**
 * a=fmtp values stay strings (`profile-level-id=42001f` is hex, and the
 * matching reads numbers with `Number()`), except RTX's `apt`, which the API
 * compares with payload types (RFC 4588 §8.1).
 */
export function codecParametersFromSdp(parameters: ReadonlyMap<string, string>): RtpCodecParametersMap {
  const result: RtpCodecParametersMap = {};
  for (const [name, value] of parameters) result[name] = name === 'apt' && /^\d{1,3}$/.test(value) ? Number(value) : value;
  return result;
}

/**
 * RFC 4588 §8.1: `apt` names a payload type (0-127); RTX must have one. A
 * codec that breaks this is left out of what the SFU reads, as the API
 * would refuse it.
 */
export function hasUsableApt(codec: Pick<RtpCodecParameters, 'mimeType' | 'parameters'>): boolean {
  const apt = codec.parameters?.['apt'];
  if (apt === undefined) return !isRtxCodec(codec);
  return typeof apt === 'number' && apt <= 127;
}

export function sdpCodecFromRtp(codec: RtpCodecParameters): CodecInput {
  const parameters = Object.entries(codec.parameters ?? {}).map(([name, value]): [string, string] => [name, String(value)]);
  const result: CodecInput = {
    payloadType: codec.payloadType,
    name: codec.mimeType.slice(codec.mimeType.indexOf('/') + 1),
    clockRate: codec.clockRate,
    parameters: new Map(parameters),
    feedback: (codec.rtcpFeedback ?? []).map(({ type, parameter }) => (parameter === undefined || parameter === '' ? { type } : { type, parameter })),
  };
  if (codec.channels !== undefined) result.channels = codec.channels;
  return result;
}
