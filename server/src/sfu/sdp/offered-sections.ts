/**
 * What the SFU makes of each m= section a publisher offers: whether it can
 * take it, and if so with which codecs and header extensions. Both the answer
 * (publisher-answer.ts) and the producer's parameters (producer-parameters.ts)
 * come from this one reading, so what Chromium is told and what the media
 * plane expects cannot differ.
 */
import {
  type Direction,
  type MediaDescription,
  type SessionDescription,
  extmapAttribute,
  getBundleGroups,
  getCodecs,
  getDirection,
  getMid,
  hasAttribute,
  readAttribute,
  readAttributes,
  ridAttribute,
  type SimulcastRid,
  simulcastAttribute,
} from '../../sdp/index.ts';
import { isRtxCodec, matchCodecs } from '../codec-matching.ts';
import type { MediaKind, RtpCapabilities, RtpCodecParameters, RtpHeaderExtensionParameters } from '../rtp-parameters.ts';
import { SdpNegotiationError } from './errors.ts';
import { hasUsableApt, rtpCodecFromSdp } from './sdp-codecs.ts';

/** RFC 8829 §5.1.2: the one profile WebRTC media uses (SRTP keyed by DTLS, RTCP feedback). */
export const WEBRTC_RTP_PROTOCOL = 'UDP/TLS/RTP/SAVPF';

export interface OfferedSection {
  /** Its position in the offer, which the answer keeps (RFC 3264 §6). */
  index: number;
  mid: string;
  media: MediaDescription;
  /** Why the SFU turns it down (the answer gives it port 0); absent when accepted. */
  rejection?: string;
  /** Set when accepted. */
  kind?: MediaKind;
  direction: Direction;
  /** Accepted and the browser sends on it (sendonly or sendrecv): a producer. */
  receiving: boolean;
  /** The router's codecs the section offers, at the offer's payload types, in the router's order, each followed by its RTX. */
  codecs: RtpCodecParameters[];
  /** The extensions the router reads, at the offer's ids. */
  headerExtensions: RtpHeaderExtensionParameters[];
  /**
   * RFC 8853: the simulcast streams the browser sends, each a list of
   * alternative rids (Chromium: one each, lowest resolution first), keeping
   * only rids it declares with a=rid send (RFC 8853 §5.2). Absent without simulcast.
   */
  simulcast?: SimulcastRid[][];
}

/**
 * Each offered section, in order. Throws SdpNegotiationError when a section
 * has no mid or shares one (they name the sections in BUNDLE, in the MID
 * header extension and in the answer).
 */
export function readOfferedSections(offer: SessionDescription, routerRtpCapabilities: RtpCapabilities): OfferedSection[] {
  const bundled = new Set(getBundleGroups(offer)[0]?.mids ?? []);
  const seen = new Set<string>();
  return offer.media.map((media, index) => {
    const mid = getMid(media);
    if (mid === undefined) throw new SdpNegotiationError('MISSING_MID', `m=${media.kind} section ${index + 1} has no a=mid (RFC 8829 §5.2.1)`);
    if (seen.has(mid)) throw new SdpNegotiationError('DUPLICATE_MID', `two m= sections have mid ${mid} (RFC 5888 §4)`);
    seen.add(mid);
    const direction = getDirection(media, offer);
    const section: OfferedSection = { index, mid, media, direction, receiving: false, codecs: [], headerExtensions: [] };
    const rejection = structuralRejection(media, bundled.has(mid));
    if (rejection !== undefined) return { ...section, rejection };
    const kind = media.kind as MediaKind;
    const codecs = negotiateCodecs(kind, media, routerRtpCapabilities);
    if (codecs.length === 0) return { ...section, rejection: `no ${kind} codec in common with the router` };
    const accepted: OfferedSection = {
      ...section,
      kind,
      receiving: direction === 'sendonly' || direction === 'sendrecv',
      codecs,
      headerExtensions: negotiateHeaderExtensions(kind, media, routerRtpCapabilities),
    };
    const simulcast = accepted.receiving ? sentSimulcastStreams(media) : undefined;
    if (simulcast !== undefined) accepted.simulcast = simulcast;
    return accepted;
  });
}

function sentSimulcastStreams(media: MediaDescription): SimulcastRid[][] | undefined {
  const streams = readAttribute(media, simulcastAttribute)?.send;
  if (streams === undefined) return undefined;
  const declared = new Set(readAttributes(media, ridAttribute).filter((rid) => rid.direction === 'send').map((rid) => rid.id));
  const seen = new Set<string>();
  const kept = streams
    .map((alternatives) => alternatives.filter(({ rid }) => declared.has(rid) && !seen.has(rid) && seen.add(rid)))
    .filter((alternatives) => alternatives.length > 0);
  return kept.length > 0 ? kept : undefined;
}

/**
 * The SFU takes RTP over DTLS-SRTP, bundled, with RTCP multiplexed (RFC 8843,
 * RFC 5761): one 5-tuple per peer connection. No data channels (no SCTP).
 */
function structuralRejection(media: MediaDescription, bundled: boolean): string | undefined {
  // RFC 3264 §8.2: port 0 withdraws a section, unless it only waits for BUNDLE (RFC 8843 §6).
  if (media.port === 0 && !hasAttribute(media, 'bundle-only')) return 'the offer rejects it (port 0)';
  if (media.kind !== 'audio' && media.kind !== 'video') return `the SFU does not take m=${media.kind}`;
  if (media.protocol !== WEBRTC_RTP_PROTOCOL) return `protocol ${media.protocol} is not ${WEBRTC_RTP_PROTOCOL}`;
  if (!bundled) return 'it is not in the offer BUNDLE group';
  if (!hasAttribute(media, 'rtcp-mux')) return 'it has no a=rtcp-mux';
  return undefined;
}

/**
 * For each router media codec in turn, the first offered codec that matches it
 * strictly (H264 profile and packetization-mode, VP9 profile-id, AV1 profile),
 * with the offered RTCP feedback the router also has; then the offered RTX
 * that repairs it, when the router has RTX for that codec.
 *
 * RED and ULPFEC never make it: the router has neither (README "Codecs":
 * their payloads nest payload types the SFU's rewrite cannot reach), so
 * Chromium, told only the plain codecs, sends plain VP8/VP9/H264/AV1 and Opus.
 */
function negotiateCodecs(kind: MediaKind, media: MediaDescription, caps: RtpCapabilities): RtpCodecParameters[] {
  const offered = getCodecs(media).map((codec) => rtpCodecFromSdp(kind, codec)).filter(hasUsableApt);
  const taken = new Set<number>();
  const result: RtpCodecParameters[] = [];
  for (const routerCodec of caps.codecs ?? []) {
    if (routerCodec.kind !== kind || isRtxCodec(routerCodec)) continue;
    const match = offered.find((codec) => !isRtxCodec(codec) && !taken.has(codec.payloadType) && matchCodecs(codec, routerCodec, { strict: true }));
    if (match === undefined) continue;
    taken.add(match.payloadType);
    const routerFeedback = routerCodec.rtcpFeedback ?? [];
    const rtcpFeedback = (match.rtcpFeedback ?? []).filter((fb) => routerFeedback.some((ours) => ours.type === fb.type && (ours.parameter ?? '') === (fb.parameter ?? '')));
    result.push({ ...match, rtcpFeedback });
    const routerHasRtx = (caps.codecs ?? []).some((codec) => isRtxCodec(codec) && codec.parameters?.['apt'] === routerCodec.preferredPayloadType);
    const rtx = offered.find((codec) => isRtxCodec(codec) && codec.parameters?.['apt'] === match.payloadType);
    if (routerHasRtx && rtx !== undefined && !taken.has(rtx.payloadType)) {
      taken.add(rtx.payloadType);
      result.push({ ...rtx, rtcpFeedback: [] });
    }
  }
  return result;
}

/**
 * Offered a=extmap lines the router reads (not its 'sendonly' or 'inactive'
 * ones), with the offer's ids (RFC 8285 §6). Ids that cannot appear in a
 * packet (4096-4351 are for negotiation only, RFC 8285 §7) and a second line
 * for an id or a URI already taken are left out.
 */
function negotiateHeaderExtensions(kind: MediaKind, media: MediaDescription, caps: RtpCapabilities): RtpHeaderExtensionParameters[] {
  const readable = new Set((caps.headerExtensions ?? []).filter((ext) => ext.kind === kind && ext.direction !== 'sendonly' && ext.direction !== 'inactive').map((ext) => ext.uri));
  const result: RtpHeaderExtensionParameters[] = [];
  for (const { id, uri } of readAttributes(media, extmapAttribute)) {
    if (!readable.has(uri) || id > MAX_PACKET_EXTENSION_ID || result.some((ext) => ext.id === id || ext.uri === uri)) continue;
    result.push({ uri, id });
  }
  return result;
}

/** RFC 8285 §4.3: the two-byte header's ids end at 255. */
const MAX_PACKET_EXTENSION_ID = 255;
