/**
 * What a browser can receive, read from an SDP it wrote (an offer with
 * recvonly or sendrecv transceivers, or its answer): the `rtpCapabilities` of
 * `transport.consume()` (mediasoup-client's extractRtpCapabilities). Payload
 * types and extension ids are the browser's; the consumer then uses them.
 * Browsers offer the same codecs in every section of a kind, so the first
 * audio and the first video section are read.
 */
import { type SessionDescription, extmapAttribute, getCodecs, readAttributes } from '../../sdp/index.ts';
import type { MediaKind, RtpCapabilities, RtpCodecCapability, RtpHeaderExtension } from '../rtp-parameters.ts';
import { readDescription } from './description-input.ts';
import { hasUsableApt, rtpCodecFromSdp } from './sdp-codecs.ts';

export function rtpCapabilitiesFromSdp(input: string | SessionDescription): RtpCapabilities {
  const description = readDescription(input);
  const codecs: RtpCodecCapability[] = [];
  const headerExtensions: RtpHeaderExtension[] = [];
  for (const kind of ['audio', 'video'] as const satisfies readonly MediaKind[]) {
    const media = description.media.find((section) => section.kind === kind && section.port !== 0);
    if (media === undefined) continue;
    for (const codec of getCodecs(media)) {
      const { payloadType, ...rest } = rtpCodecFromSdp(kind, codec);
      if (!hasUsableApt(rest)) continue;
      if (codecs.some((known) => known.preferredPayloadType === payloadType)) continue;
      codecs.push({ kind, ...rest, preferredPayloadType: payloadType });
    }
    for (const { id, uri } of readAttributes(media, extmapAttribute)) {
      // RFC 8285 §7: 4096-4351 are for negotiation only, never in a packet.
      if (id > 255) continue;
      if (!headerExtensions.some((known) => known.kind === kind && (known.uri === uri || known.preferredId === id))) headerExtensions.push({ kind, uri, preferredId: id });
    }
  }
  return { codecs, headerExtensions };
}
