/**
 * When two codec descriptions name the same codec (mediasoup's ortc
 * `matchCodecs`). The loose match (MIME type, clock rate, channels) picks the
 * supported entry for a router's media codec; the strict match also compares
 * the parameters that change the bitstream, and decides whether a stream from
 * one side can be decoded by the other:
 * - H264: packetization-mode (RFC 6184 §8.1; absent means 0) and profile (§8.2.2).
 * - VP9: profile-id (draft-ietf-payload-vp9 §6; absent means 0).
 * - AV1: profile (AV1 RTP specification §7.2.1; absent means 0).
 */
import { isSameH264Profile } from './h264-profile-level-id.ts';
import type { RtpCodecCapability, RtpCodecParameters, RtpCodecParametersMap } from './rtp-parameters.ts';

type CodecDescription = Pick<RtpCodecCapability | RtpCodecParameters, 'mimeType' | 'clockRate' | 'channels' | 'parameters'>;

/** RFC 4588: 'video/rtx' (or audio/rtx) repairs another payload type. */
export function isRtxCodec(codec: Pick<CodecDescription, 'mimeType'>): boolean {
  return /\/rtx$/i.test(codec.mimeType);
}

export function matchCodecs(a: CodecDescription, b: CodecDescription, { strict }: { strict: boolean }): boolean {
  const mimeType = a.mimeType.toLowerCase();
  if (mimeType !== b.mimeType.toLowerCase()) return false;
  if (a.clockRate !== b.clockRate) return false;
  if (channelsOf(a) !== channelsOf(b)) return false;
  if (!strict) return true;
  switch (mimeType) {
    case 'video/h264':
      return numericParameter(a.parameters, 'packetization-mode') === numericParameter(b.parameters, 'packetization-mode') && isSameH264Profile(a.parameters, b.parameters);
    case 'video/vp9':
      return numericParameter(a.parameters, 'profile-id') === numericParameter(b.parameters, 'profile-id');
    case 'video/av1':
      return numericParameter(a.parameters, 'profile') === numericParameter(b.parameters, 'profile');
    default:
      return true;
  }
}

/** Audio defaults to one channel (RFC 4566 §6: encoding parameters); video has none. */
function channelsOf(codec: CodecDescription): number | undefined {
  return codec.mimeType.toLowerCase().startsWith('audio/') ? (codec.channels ?? 1) : undefined;
}

/** A parameter compared as a number, 0 when absent; '1' from SDP and 1 from code compare equal. */
export function numericParameter(parameters: RtpCodecParametersMap | undefined, name: string): number {
  const value = parameters?.[name];
  return value === undefined ? 0 : Number(value);
}
