/**
 * Exercise 11-sdp: an offer summary and an ICE-lite SFU's answer (reference solution).
 * See exercises/11-sdp/answer.ts for the contract.
 *
 * Everything SDP is the SFU's package (server/src/sdp): its parser and typed attribute codecs read
 * the offer, its builders write the answer. What is here is only the answerer's policy: which
 * sections to accept, which codecs, extensions and feedback to keep, and which direction and DTLS
 * role to answer with (RFC 3264 §6, RFC 8829 §5.3.1, RFC 8843 §7.3, RFC 8842 §5.3).
 */
import { MAX_LOCAL_PREFERENCE, candidatePriority } from '#server/ice/index.ts';
import {
  type Codec,
  type CodecInput,
  type Direction,
  type HasAttributes,
  type MediaDescription,
  type SetupRole,
  SdpAttributeError,
  addCodec,
  addMediaSection,
  appendAttribute,
  createSessionDescription,
  extmapAttribute,
  fingerprintAttribute,
  getBundleGroups,
  getCodecs,
  getDirection,
  getMid,
  hasAttribute,
  icePwdAttribute,
  iceUfragAttribute,
  parseSessionDescription,
  readAttributes,
  readInheritedAttribute,
  serializeSessionDescription,
  setBundleGroup,
  setupAttribute,
  validateAttributes,
} from '#server/sdp/index.ts';
import { type LocalTransportParameters, answerSetup, defaultDestination, writeTransportAttributes } from '#server/sfu/sdp/index.ts';

export const SFU_HEADER_EXTENSIONS: readonly string[] = [
  'urn:ietf:params:rtp-hdrext:sdes:mid',
  'urn:ietf:params:rtp-hdrext:ssrc-audio-level',
  'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',
  'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01',
  'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id',
  'urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id',
];

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

export interface OfferedExtension { id: number; uri: string }

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

export interface OfferSummary { bundleMids: string[]; media: OfferedMedia[] }

export interface AnswerOptions {
  iceUfrag: string;
  icePwd: string;
  fingerprint: { algorithm: string; value: string };
  candidates: readonly { address: string; port: number }[];
  setup?: 'active' | 'passive';
}

export function parseOffer(text: string): OfferSummary {
  const offer = parseSessionDescription(text);
  // RFC 8829 §5.8: a description with an attribute that cannot be parsed is rejected as a whole.
  validateAttributes(offer);
  return {
    bundleMids: getBundleGroups(offer)[0]?.mids ?? [],
    media: offer.media.map((media, index) => summarizeMedia(media, index, offer)),
  };
}

function summarizeMedia(media: MediaDescription, index: number, session: HasAttributes): OfferedMedia {
  const mid = getMid(media);
  if (mid === undefined) throw new SdpAttributeError('BAD_MID', 'mid', '', `m=${media.kind} section ${index + 1} has no a=mid (RFC 8829 §5.2.1)`);
  const summary: OfferedMedia = {
    mid,
    kind: media.kind,
    protocol: media.protocol,
    formats: [...media.formats],
    direction: getDirection(media, session),
    codecs: summarizeCodecs(getCodecs(media)),
    extensions: readAttributes(media, extmapAttribute).map(({ id, uri }) => ({ id, uri })),
    rtcpMux: hasAttribute(media, 'rtcp-mux'),
  };
  // RFC 8839 §5.4, RFC 8122 §5, RFC 4145 §4: these may sit at session level and apply to every section.
  const iceUfrag = readInheritedAttribute(media, session, iceUfragAttribute);
  const icePwd = readInheritedAttribute(media, session, icePwdAttribute);
  const fingerprint = readInheritedAttribute(media, session, fingerprintAttribute);
  const setup = readInheritedAttribute(media, session, setupAttribute);
  if (iceUfrag !== undefined) summary.iceUfrag = iceUfrag;
  if (icePwd !== undefined) summary.icePwd = icePwd;
  if (fingerprint !== undefined) {
    // The codec writes '<hash> <HEX:PAIRS>'; the value is what follows the hash name.
    summary.fingerprint = { algorithm: fingerprint.hashFunction, value: fingerprintAttribute.serialize(fingerprint).slice(fingerprint.hashFunction.length + 1) };
  }
  if (setup !== undefined) summary.setup = setup;
  return summary;
}

const isRtx = (codec: Codec) => codec.name.toLowerCase() === 'rtx';

function summarizeCodecs(codecs: Codec[]): OfferedCodec[] {
  return codecs.map((codec) => {
    const summary: OfferedCodec = {
      pt: codec.payloadType,
      name: codec.name,
      clockRate: codec.clockRate,
      fmtp: Object.fromEntries(codec.parameters),
      feedback: codec.feedback.map(({ type, parameter }) => (parameter === undefined ? type : `${type} ${parameter}`)),
    };
    if (codec.channels !== undefined) summary.channels = codec.channels;
    // RFC 4588 §8.1: an rtx payload type names the one it repairs in its fmtp apt=.
    const rtx = codecs.find((other) => isRtx(other) && other.parameters.get('apt') === `${codec.payloadType}`);
    if (rtx !== undefined) summary.rtxPt = rtx.payloadType;
    return summary;
  });
}

/** RFC 3264 §6.1, from the side of an SFU that takes a publisher's media and sends on m= sections of its own. */
const ANSWER_DIRECTION: Readonly<Record<Direction, Direction>> = {
  sendrecv: 'recvonly',
  sendonly: 'recvonly',
  recvonly: 'sendonly',
  inactive: 'inactive',
};

export function buildAnswer(offer: OfferSummary, options: AnswerOptions): string {
  const answer = createSessionDescription({ attributes: [{ name: 'ice-lite' }] });
  const transport = sfuTransport(options);
  const { port, connection } = defaultDestination(transport.iceCandidates);
  const accepted: string[] = [];
  for (const media of offer.media) {
    const codecs = offer.bundleMids.includes(media.mid) && media.rtcpMux ? chooseCodecs(media) : [];
    if (codecs.length === 0) {
      // RFC 3264 §6: port 0 rejects the section; it stays so the m= lines still pair up by position.
      addMediaSection(answer, { kind: media.kind, port: 0, protocol: media.protocol, formats: media.formats, mid: media.mid });
      continue;
    }
    const section = addMediaSection(answer, { kind: media.kind, port, protocol: media.protocol, connection, mid: media.mid });
    // The ICE and DTLS lines are the SFU's own (server/src/sfu/sdp): RFC 8842 §5.3 for a=setup.
    writeTransportAttributes(section, transport, answerSetup(media.setup, options.setup ?? 'passive'));
    for (const { id, uri } of media.extensions) {
      if (SFU_HEADER_EXTENSIONS.includes(uri)) appendAttribute(section, extmapAttribute, { id, uri });
    }
    section.attributes.push({ name: ANSWER_DIRECTION[media.direction] }, { name: 'rtcp-mux' });
    for (const codec of codecs) addCodec(section, answerCodec(codec));
    accepted.push(media.mid);
  }
  setBundleGroup(answer, accepted);
  return serializeSessionDescription(answer);
}

/** Opus for audio, VP8 and its RTX for video; [] when the section offers neither. */
function chooseCodecs(media: OfferedMedia): OfferedCodec[] {
  const find = (name: string, clockRate: number, channels?: number) =>
    media.codecs.find((codec) => codec.name.toLowerCase() === name && codec.clockRate === clockRate && codec.channels === channels);
  if (media.kind === 'audio') {
    const opus = find('opus', 48000, 2);
    return opus ? [opus] : [];
  }
  if (media.kind !== 'video') return [];
  const vp8 = find('vp8', 90000);
  if (vp8 === undefined) return [];
  const rtx = media.codecs.find((codec) => codec.pt === vp8.rtxPt);
  return rtx ? [vp8, rtx] : [vp8];
}

function answerCodec(codec: OfferedCodec): CodecInput {
  const feedback = codec.feedback.filter((line) => SFU_FEEDBACK.includes(line)).map((line) => {
    const [type = line, ...parameter] = line.split(' ');
    return parameter.length === 0 ? { type } : { type, parameter: parameter.join(' ') };
  });
  return { payloadType: codec.pt, name: codec.name, clockRate: codec.clockRate, ...(codec.channels === undefined ? {} : { channels: codec.channels }), parameters: codec.fmtp, feedback };
}

/**
 * The options as the SFU's transport parameters: host candidates numbered from 1, with
 * RFC 8445 §5.1.2.1 priorities (type preference 126, local preference 65535 - index, component 1).
 */
function sfuTransport(options: AnswerOptions): LocalTransportParameters {
  return {
    iceParameters: { usernameFragment: options.iceUfrag, password: options.icePwd },
    iceCandidates: options.candidates.map(({ address, port }, index) => ({
      foundation: `${index + 1}`,
      priority: candidatePriority({ type: 'host', localPreference: MAX_LOCAL_PREFERENCE - index, componentId: 1 }),
      address,
      port,
      protocol: 'udp',
      type: 'host',
    })),
    dtlsParameters: { fingerprints: [options.fingerprint] },
  };
}
