/**
 * A router's RTP capabilities from the media codecs it is created with
 * (mediasoup's ortc.generateRouterRtpCapabilities): each codec is looked up
 * in `supportedRtpCapabilities` (its RTCP feedback comes from there), gets a
 * payload type, and every video codec gets an RTX payload type right after
 * it (RFC 4588 §8.6: `apt` names the codec it repairs). The header
 * extensions are all the supported ones.
 *
 *   routerRtpCapabilities([{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
 *                          { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 }]);
 *   // codecs: opus/96, VP8/97, rtx/98 (apt 97); headerExtensions: mid, abs-send-time, ...
 */
import { matchCodecs } from './codec-matching.ts';
import { UnsupportedError } from './errors.ts';
import type { RtpCapabilities, RtpCodecCapability } from './rtp-parameters.ts';
import { validateRtpCodecCapability } from './rtp-validation.ts';
import { supportedRtpCapabilities } from './supported-rtp-capabilities.ts';

/**
 * Payload types handed out, in order: RFC 3551 §3's dynamic range, then
 * 35-63, which libwebrtc also uses once 96-127 run out (Chromium 156 offers
 * H264 at 39 and AV1 at 45). 64-95 are never used: with rtcp-mux they would
 * collide with RTCP packet types 192-223 (RFC 5761 §4).
 */
const DYNAMIC_PAYLOAD_TYPES: readonly number[] = [...range(96, 127), ...range(35, 63)];
const RTCP_CONFLICT_MIN = 64;
const RTCP_CONFLICT_MAX = 95;

export function routerRtpCapabilities(mediaCodecs: readonly RtpCodecCapability[]): Required<RtpCapabilities> {
  if (!Array.isArray(mediaCodecs)) throw new TypeError('mediaCodecs must be an array');
  const codecs = mediaCodecs.map((codec, i) => validateRtpCodecCapability(codec, `mediaCodecs[${i}]`));
  // Payload types the application chose are reserved before any is handed out, so a later
  // explicit choice cannot collide with one picked for an earlier codec.
  const taken = new Set<number>();
  codecs.forEach((codec, i) => {
    const payloadType = codec.preferredPayloadType;
    if (payloadType === undefined) return;
    if (payloadType >= RTCP_CONFLICT_MIN && payloadType <= RTCP_CONFLICT_MAX) {
      throw new TypeError(`mediaCodecs[${i}].preferredPayloadType ${payloadType} collides with RTCP packet types under rtcp-mux (RFC 5761 §4)`);
    }
    if (taken.has(payloadType)) throw new TypeError(`mediaCodecs[${i}].preferredPayloadType ${payloadType} is used twice`);
    taken.add(payloadType);
  });
  const free = DYNAMIC_PAYLOAD_TYPES.filter((payloadType) => !taken.has(payloadType));
  const nextPayloadType = (): number => {
    const payloadType = free.shift();
    if (payloadType === undefined) throw new RangeError('mediaCodecs: no dynamic payload type left');
    return payloadType;
  };

  const result: RtpCodecCapability[] = [];
  codecs.forEach((mediaCodec, i) => {
    const supported = supportedRtpCapabilities.codecs.find((candidate) => matchCodecs(mediaCodec, candidate, { strict: true }));
    if (supported === undefined) throw new UnsupportedError(`mediaCodecs[${i}]: ${describe(mediaCodec)} is not supported`);
    const codec: RtpCodecCapability = structuredClone(supported);
    codec.preferredPayloadType = mediaCodec.preferredPayloadType ?? nextPayloadType();
    codec.parameters = { ...supported.parameters, ...mediaCodec.parameters };
    result.push(codec);
    if (codec.kind === 'video') {
      result.push({
        kind: 'video',
        mimeType: 'video/rtx',
        preferredPayloadType: nextPayloadType(),
        clockRate: codec.clockRate,
        parameters: { apt: codec.preferredPayloadType },
        rtcpFeedback: [],
      });
    }
  });
  return { codecs: result, headerExtensions: structuredClone([...supportedRtpCapabilities.headerExtensions]) };
}

function describe(codec: RtpCodecCapability): string {
  const parameters = Object.entries(codec.parameters ?? {}).map(([name, value]) => `${name}=${value}`);
  return `${codec.mimeType}/${codec.clockRate}${codec.channels === undefined ? '' : `/${codec.channels}`}${parameters.length > 0 ? ` (${parameters.join(';')})` : ''}`;
}

function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
