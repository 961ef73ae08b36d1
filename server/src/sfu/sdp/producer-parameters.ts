/**
 * A publisher's section as the `rtpParameters` of `transport.produce()`: the
 * codecs and header extensions the answer kept (offered-sections.ts, the same
 * reading the answer is written from), and the streams the browser will send
 * (mediasoup-client's getSendingRtpParameters, from the offer instead of the
 * local description).
 */
import {
  type MediaDescription,
  type SessionDescription,
  hasAttribute,
  msidAttribute,
  readAttribute,
  readAttributes,
  ssrcAttribute,
  ssrcGroupAttribute,
} from '../../sdp/index.ts';
import { isRtxCodec } from '../codec-matching.ts';
import type { RtpCapabilities, RtpEncodingParameters, RtpParameters } from '../rtp-parameters.ts';
import { readDescription } from './description-input.ts';
import { SdpNegotiationError } from './errors.ts';
import { type OfferedSection, readOfferedSections } from './offered-sections.ts';

/**
 * Throws SdpNegotiationError 'UNKNOWN_MID' when `mid` is not a section the
 * answer accepts with the browser sending (AnsweredSection.receiving).
 */
export function producerParametersFromOffer(offer: string | SessionDescription, mid: string, routerRtpCapabilities: RtpCapabilities): RtpParameters {
  const description = readDescription(offer);
  const section = readOfferedSections(description, routerRtpCapabilities).find((candidate) => candidate.mid === mid);
  if (section === undefined || !section.receiving) {
    throw new SdpNegotiationError('UNKNOWN_MID', `mid ${mid} is not a section the SFU receives (${section?.rejection ?? (section ? `it is ${section.direction}` : 'no such section')})`);
  }
  const encodings = sentEncodings(section);
  const primarySsrc = encodings[0]?.ssrc;
  const cname = cnameOf(description, section.media, primarySsrc);
  return {
    mid,
    codecs: section.codecs.map((codec) => structuredClone(codec)),
    headerExtensions: section.headerExtensions.map((ext) => ({ ...ext })),
    encodings,
    rtcp: { ...(cname === undefined ? {} : { cname }), reducedSize: hasAttribute(section.media, 'rtcp-rsize') },
  };
}

/**
 * The RTP streams, in this order of evidence:
 * 1. a=simulcast send: one encoding per stream, by rid (RFC 8853; Chromium
 *    then lists no SSRCs, the media plane binds by the rid header extension);
 * 2. a=ssrc-group:SIM (simulcast before rids): one per SSRC, with its FID RTX;
 * 3. a=ssrc-group:FID: the media SSRC and its RTX SSRC (RFC 4588 §8.3, RFC 5576 §4.2);
 * 4. the first a=ssrc;
 * 5. none at all: one encoding the media plane binds by the MID header extension.
 * RTX SSRCs only when RTX was negotiated.
 */
function sentEncodings(section: OfferedSection): RtpEncodingParameters[] {
  if (section.simulcast !== undefined) return section.simulcast.map((alternatives) => ({ rid: alternatives[0]!.rid }));
  const withRtx = section.codecs.some(isRtxCodec);
  const groups = readAttributes(section.media, ssrcGroupAttribute);
  const fid = (ssrc: number) => groups.find((group) => group.semantics === 'FID' && group.ssrcs[0] === ssrc && group.ssrcs.length === 2)?.ssrcs[1];
  const encoding = (ssrc: number): RtpEncodingParameters => {
    const rtx = withRtx ? fid(ssrc) : undefined;
    return rtx === undefined ? { ssrc } : { ssrc, rtx: { ssrc: rtx } };
  };
  const sim = groups.find((group) => group.semantics === 'SIM' && group.ssrcs.length > 0);
  if (sim !== undefined) return [...new Set(sim.ssrcs)].map(encoding);
  const primary = groups.find((group) => group.semantics === 'FID' && group.ssrcs.length === 2)?.ssrcs[0] ?? readAttributes(section.media, ssrcAttribute)[0]?.ssrc;
  return [primary === undefined ? {} : encoding(primary)];
}

/**
 * RFC 3550 §6.5.1: the CNAME of the browser's SDES. Chromium uses one per
 * peer connection and lists it with each SSRC; a simulcast section lists no
 * SSRC, so the CNAME of the session's other sections serves, then the msid
 * stream id as the last resort (the transport picks one when there is none).
 */
function cnameOf(description: SessionDescription, media: MediaDescription, ssrc: number | undefined): string | undefined {
  const cnames = (section: MediaDescription) => readAttributes(section, ssrcAttribute).filter((line) => line.attribute === 'cname' && line.value !== undefined && line.value !== '');
  const own = cnames(media);
  const found = own.find((line) => line.ssrc === ssrc) ?? own[0] ?? description.media.flatMap(cnames)[0];
  return found?.value ?? readAttribute(media, msidAttribute)?.streamId;
}
