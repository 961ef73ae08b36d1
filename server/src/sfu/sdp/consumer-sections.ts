/**
 * The m= sections of the SFU's offers to a subscriber, one per consumer slot
 * (subscriber-offer.ts decides which kind each slot gets):
 *
 * - active: the consumer's stream, sendonly, exactly its `rtpParameters`
 *   (payload types, RTCP feedback, extension ids, SSRC and RTX SSRC), since the
 *   media plane sends what those say;
 * - disabled: the section that tags the BUNDLE group, after its consumer
 *   closed: a=inactive with the transport lines kept, so the bundled
 *   transport stays where it is. Chromium 150 does accept an offer that
 *   rejects the tagged section and moves the tag (RFC 8843 §7.5.3), but the
 *   transport then belongs to another section; mediasoup-client avoids that
 *   the same way;
 * - closed: port 0 (RFC 3264 §8.2), kept in place so the sections still pair
 *   up, until a new consumer recycles it.
 */
import {
  type MediaDescription,
  type SessionDescription,
  type SetupRole,
  addCodec,
  addMediaSection,
  appendAttribute,
  extmapAttribute,
  msidAttribute,
  ssrcAttribute,
  ssrcGroupAttribute,
} from '../../sdp/index.ts';
import type { MediaKind, RtpCodecParameters, RtpParameters } from '../rtp-parameters.ts';
import { WEBRTC_RTP_PROTOCOL } from './offered-sections.ts';
import { sdpCodecFromRtp } from './sdp-codecs.ts';
import { type LocalTransportParameters, defaultDestination, writeTransportAttributes } from './transport-attributes.ts';

/** One consumer as its subscriber's SDP shows it. */
export interface ConsumerTrack {
  /** `consumer.id`. */
  consumerId: string;
  kind: MediaKind;
  /** `consumer.rtpParameters`: with its mid, one encoding with an SSRC (and RTX SSRC), the producer's CNAME. */
  rtpParameters: RtpParameters;
  /**
   * a=msid stream id (RFC 8830): the browser puts tracks with the same one in
   * one MediaStream and plays them in sync, so give a publisher's audio and
   * video the same (e.g. its peer id). Default: the CNAME, made a token.
   */
  streamId?: string;
  /** a=msid track id. Default: the consumer id. */
  trackId?: string;
}

export function addActiveSection(offer: SessionDescription, track: ConsumerTrack, transport: LocalTransportParameters, setup: SetupRole): void {
  const { rtpParameters } = track;
  const media = addTransportSection(offer, track.kind, rtpParameters.mid!, transport, setup);
  for (const { id, uri } of rtpParameters.headerExtensions ?? []) appendAttribute(media, extmapAttribute, { id, uri });
  const msid = { streamId: track.streamId ?? streamIdFromCname(rtpParameters.rtcp?.cname), trackId: track.trackId ?? track.consumerId };
  media.attributes.push({ name: 'sendonly' });
  appendAttribute(media, msidAttribute, msid);
  media.attributes.push({ name: 'rtcp-mux' });
  if (rtpParameters.rtcp?.reducedSize !== false) media.attributes.push({ name: 'rtcp-rsize' });
  for (const codec of rtpParameters.codecs) addCodec(media, sdpCodecFromRtp(codec));
  const encoding = rtpParameters.encodings?.[0];
  if (encoding?.ssrc === undefined) return;
  const ssrcs = encoding.rtx === undefined ? [encoding.ssrc] : [encoding.ssrc, encoding.rtx.ssrc];
  // RFC 5576 §4.2, RFC 4588 §8.3: FID pairs the media SSRC with its RTX SSRC.
  if (ssrcs.length === 2) appendAttribute(media, ssrcGroupAttribute, { semantics: 'FID', ssrcs });
  const cname = rtpParameters.rtcp?.cname;
  for (const ssrc of ssrcs) {
    if (cname !== undefined) appendAttribute(media, ssrcAttribute, { ssrc, attribute: 'cname', value: cname });
    appendAttribute(media, ssrcAttribute, { ssrc, attribute: 'msid', value: msidAttribute.serialize(msid) });
  }
}

export function addDisabledSection(offer: SessionDescription, kind: MediaKind, mid: string, codecs: readonly RtpCodecParameters[], transport: LocalTransportParameters, setup: SetupRole): void {
  const media = addTransportSection(offer, kind, mid, transport, setup);
  media.attributes.push({ name: 'inactive' }, { name: 'rtcp-mux' }, { name: 'rtcp-rsize' });
  for (const codec of codecs) addCodec(media, sdpCodecFromRtp(codec));
}

export function addClosedSection(offer: SessionDescription, kind: MediaKind, mid: string, codecs: readonly RtpCodecParameters[]): void {
  const media = addMediaSection(offer, { kind, port: 0, mid, direction: 'inactive' });
  for (const codec of codecs) addCodec(media, sdpCodecFromRtp(codec));
}

function addTransportSection(offer: SessionDescription, kind: MediaKind, mid: string, transport: LocalTransportParameters, setup: SetupRole): MediaDescription {
  const { port, connection } = defaultDestination(transport.iceCandidates);
  const media = addMediaSection(offer, { kind, port, protocol: WEBRTC_RTP_PROTOCOL, connection, mid });
  writeTransportAttributes(media, transport, setup);
  return media;
}

/** RFC 8830 §2: msid ids are 1*64 token-chars; a CNAME may hold others (Chromium's have '/'). */
function streamIdFromCname(cname: string | undefined): string {
  if (cname === undefined || cname === '') return '-';
  return cname.slice(0, 64).replace(/[^\x21\x23-\x27\x2a\x2b\x2d\x2e\x30-\x39\x41-\x5a\x5e-\x7e]/g, '_');
}
