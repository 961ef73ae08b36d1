/**
 * Exercise 11-sdp: read a browser's SDP offer, and answer it the way an ICE-lite SFU does.
 *
 * You may (and should) use the SFU's SDP package, `#server/sdp/index.ts`: its parser
 * (parseSessionDescription), typed attribute readers (readAttributes, readInheritedAttribute with
 * extmapAttribute, fingerprintAttribute, ...), getCodecs, getDirection, getBundleGroups and its
 * builders (createSessionDescription, addMediaSection, addCodec, setBundleGroup,
 * serializeSessionDescription). The exercise is what goes into an answer, not splitting lines.
 *
 * parseOffer(text) -> OfferSummary
 *   bundleMids    the mids of the offer's first a=group:BUNDLE, in order ([] if it has none).
 *   media         one entry per m= section, in order:
 *     mid           its a=mid. JSEP gives every m= section one; a section without one throws
 *                   SdpAttributeError 'BAD_MID'.
 *     kind, protocol, formats   from the m= line: 'video', 'UDP/TLS/RTP/SAVPF', ['96', '97', ...].
 *     direction     the section's a=sendrecv/sendonly/recvonly/inactive, else the session's, else
 *                   'sendrecv' (RFC 8866 §6.7).
 *     codecs        one per m= payload type that has an a=rtpmap (or is a static type such as 0 PCMU),
 *                   in m= line order (the order of preference), RTX included; [] for a section that
 *                   is not RTP (the data channel):
 *                     pt, name (as written: 'opus', 'VP8', 'rtx'), clockRate, channels (only if the
 *                     rtpmap has them),
 *                     fmtp      the a=fmtp parameters as an object: { minptime: '10', useinbandfec: '1' };
 *                               a bare parameter maps to '' (RED's '111/111' -> { '111/111': '' }); {} if none
 *                     feedback  the a=rtcp-fb lines for this pt and for '*', in order, each 'type' or
 *                               'type parameter': ['goog-remb', 'transport-cc', 'ccm fir', 'nack', 'nack pli']
 *                     rtxPt     the pt of the rtx codec whose fmtp apt= names this codec (absent if none)
 *     extensions    the a=extmap lines as { id, uri }, in order.
 *     rtcpMux       whether the section has a=rtcp-mux.
 *     iceUfrag, icePwd, fingerprint { algorithm: 'sha-256', value: 'F9:83:...' (uppercase hex pairs) },
 *     setup         each the section's own, else the session's; absent if neither has one.
 *   Malformed SDP throws the package's SdpParseError (its .line says where); a malformed attribute
 *   value (a=rtpmap, a=fingerprint, a=candidate, ...) throws SdpAttributeError with its .code.
 *
 * buildAnswer(offer, options) -> string: the answer's SDP text (CRLF line ends) that an ICE-lite SFU
 * receiving this browser's media sends back.
 *   Session    a=ice-lite, and one a=group:BUNDLE listing the mids of the accepted sections, in order.
 *   Sections   one per offered section, same order, same kind, protocol and mid (RFC 3264 §6).
 *     A section is accepted when its mid is in the offer's BUNDLE group, it has a=rtcp-mux, and:
 *       audio: it offers Opus (opus/48000/2): the answer has exactly that codec, same pt, same fmtp;
 *       video: it offers VP8 (VP8/90000): the answer has the first VP8, then its RTX if the offer has
 *              one (same pts, fmtp apt=<VP8 pt>). No H264, VP9, AV1, red, ulpfec, telephone-event...
 *     Anything else is rejected, the data channel (m=application) included: the SFU of this
 *     exercise has no SCTP. A rejected section is 'm=<kind> 0 <protocol> <the offer's formats>',
 *     'c=IN IP4 0.0.0.0' and its a=mid, nothing else; its mid is not in the BUNDLE group.
 *   An accepted section has:
 *     m= port and c= address: those of options.candidates[0] (port 9 and 0.0.0.0 if there are none),
 *       c=IN IP6 for an IPv6 address;
 *     a=ice-ufrag, a=ice-pwd, a=fingerprint from the options; a=setup (below);
 *     a=candidate for each options.candidate: foundation = its index + 1, component 1, udp, priority
 *       126 << 24 | (65535 - index) << 8 | 255 (RFC 8445 §5.1.2.1: host, component 1), typ host;
 *       then a=end-of-candidates (an ICE-lite server knows all its candidates up front);
 *     a=extmap for each offered extension whose URI is in SFU_HEADER_EXTENSIONS, with the offer's id;
 *     a direction: offer sendrecv or sendonly -> recvonly (the SFU receives a publisher; it sends
 *       media on m= sections of its own, never back on the publisher's), recvonly -> sendonly,
 *       inactive -> inactive;
 *     a=rtcp-mux;
 *     the codecs, each with the offered feedback that is in SFU_FEEDBACK (in the offer's order).
 *   a=setup: the offer's 'actpass' gets options.setup ('passive' if not given: the SFU is the DTLS
 *   server); an offer that already chose ('active' or 'passive') gets the other role.
 *
 *   const answer = buildAnswer(parseOffer(offerText), {
 *     iceUfrag: 'sfuL', icePwd: 'sfuLitePwd0123456789abcd',
 *     fingerprint: { algorithm: 'sha-256', value: '7F:A7:...:86' },
 *     candidates: [{ address: '127.0.0.1', port: 50320 }],
 *   });
 */
import type { Direction, SetupRole } from '#server/sdp/index.ts';

/** Header extensions the SFU reads or writes; every other offered a=extmap is left out of the answer. */
export const SFU_HEADER_EXTENSIONS: readonly string[] = [
  'urn:ietf:params:rtp-hdrext:sdes:mid',
  'urn:ietf:params:rtp-hdrext:ssrc-audio-level',
  'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',
  'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01',
  'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id',
  'urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id',
];

/** RTCP feedback the SFU answers (a=rtcp-fb as 'type' or 'type parameter'); goog-remb is not one. */
export const SFU_FEEDBACK: readonly string[] = ['transport-cc', 'nack', 'nack pli', 'ccm fir'];

export interface OfferedCodec {
  pt: number;
  name: string;
  clockRate: number;
  channels?: number;
  fmtp: Record<string, string>;
  feedback: string[];
  rtxPt?: number;
}

export interface OfferedExtension {
  id: number;
  uri: string;
}

export interface OfferedMedia {
  mid: string;
  kind: string;
  protocol: string;
  formats: string[];
  direction: Direction;
  codecs: OfferedCodec[];
  extensions: OfferedExtension[];
  rtcpMux: boolean;
  iceUfrag?: string;
  icePwd?: string;
  fingerprint?: { algorithm: string; value: string };
  setup?: SetupRole;
}

export interface OfferSummary {
  bundleMids: string[];
  media: OfferedMedia[];
}

export interface AnswerOptions {
  iceUfrag: string;
  icePwd: string;
  fingerprint: { algorithm: string; value: string };
  /** The SFU's host candidates (UDP); the first one is also the m= port and c= address. */
  candidates: readonly { address: string; port: number }[];
  /** The DTLS role to take when the offer says actpass; default 'passive'. */
  setup?: 'active' | 'passive';
}

export function parseOffer(text: string): OfferSummary {
  // TODO: parseSessionDescription(text), then one OfferedMedia per m= section (getCodecs gives the
  // codecs; readInheritedAttribute looks in the section, then the session).
  throw new Error(`TODO: summarize an offer of ${text.length} characters`);
}

export function buildAnswer(offer: OfferSummary, options: AnswerOptions): string {
  // TODO: createSessionDescription with a=ice-lite, one addMediaSection per offered section
  // (accepted or rejected), addCodec for Opus or VP8 (+ RTX), setBundleGroup, then serialize.
  throw new Error(`TODO: answer ${offer.media.length} sections as ICE-lite ${options.setup ?? 'passive'}`);
}
