/**
 * The codecs of an RTP media section, joined from its m= formats and its
 * rtpmap, fmtp and rtcp-fb attributes, plus the builder that writes them back.
 */
import { appendAttribute, readAttributes } from './attributes/attribute-list.ts';
import { fmtpAttribute } from './attributes/fmtp.ts';
import { type RtcpFeedback, rtcpFeedbackAttribute } from './attributes/rtcp-fb.ts';
import { type Rtpmap, rtpmapAttribute } from './attributes/rtpmap.ts';
import { SdpAttributeError } from './errors.ts';
import { parsePayloadType } from './grammar.ts';
import type { MediaDescription } from './session-description.ts';

export interface Codec {
  payloadType: number;
  /** The encoding name as written: `opus`, `VP8`, `H264`, `rtx`, `red`, `ulpfec`, … */
  name: string;
  clockRate: number;
  channels?: number;
  /** From a=fmtp; a bare parameter such as RED's `111/111` maps to `''`. RTX has `apt` (RFC 4588 §8.1). */
  parameters: Map<string, string>;
  /** From a=rtcp-fb lines for this payload type and for `*`, in order. */
  feedback: Omit<RtcpFeedback, 'payloadType'>[];
}

/**
 * RFC 3551 §6: static payload types that may come without an rtpmap line
 * (WebRTC always sends one, other SIP-era peers sometimes do not).
 */
const STATIC_PAYLOAD_TYPES: ReadonlyMap<number, Omit<Rtpmap, 'payloadType'>> = new Map([
  [0, { encodingName: 'PCMU', clockRate: 8000 }],
  [3, { encodingName: 'GSM', clockRate: 8000 }],
  [4, { encodingName: 'G723', clockRate: 8000 }],
  [8, { encodingName: 'PCMA', clockRate: 8000 }],
  [9, { encodingName: 'G722', clockRate: 8000 }],
  [13, { encodingName: 'CN', clockRate: 8000 }],
  [18, { encodingName: 'G729', clockRate: 8000 }],
]);

/** RFC 8866 §5.14: the formats are RTP payload types when the protocol is an RTP profile. */
export function isRtpMedia(media: MediaDescription): boolean {
  return media.protocol.split('/').includes('RTP');
}

/**
 * The section's codecs in m= line order, which is the order of preference
 * (RFC 3264 §5.1). Formats without an rtpmap that are not static payload
 * types are left out: nothing says what they are. Empty for non-RTP sections.
 */
export function getCodecs(media: MediaDescription): Codec[] {
  if (!isRtpMedia(media)) return [];
  const rtpmaps = firstByPayloadType(readAttributes(media, rtpmapAttribute).map((rtpmap) => [rtpmap.payloadType, rtpmap]));
  const fmtps = firstByPayloadType(readAttributes(media, fmtpAttribute).map((fmtp) => [parsePayloadType(fmtp.format), fmtp]));
  const codecs: Codec[] = [];
  for (const format of media.formats) {
    const payloadType = parsePayloadType(format);
    if (payloadType === undefined) throw new SdpAttributeError('BAD_PAYLOAD_TYPE', 'rtpmap', format, 'an RTP format must be a payload type 0-127');
    const rtpmap = rtpmaps.get(payloadType) ?? STATIC_PAYLOAD_TYPES.get(payloadType);
    if (rtpmap === undefined) continue;
    const codec: Codec = { payloadType, name: rtpmap.encodingName, clockRate: rtpmap.clockRate, parameters: new Map(), feedback: [] };
    if (rtpmap.channels !== undefined) codec.channels = rtpmap.channels;
    for (const { name, value } of fmtps.get(payloadType)?.parameters ?? []) {
      if (!codec.parameters.has(name)) codec.parameters.set(name, value ?? '');
    }
    codecs.push(codec);
  }
  addFeedback(codecs, readAttributes(media, rtcpFeedbackAttribute));
  return codecs;
}

/** Hands each a=rtcp-fb to its codec, or to every codec for `*`, keeping document order. */
function addFeedback(codecs: Codec[], lines: RtcpFeedback[]): void {
  const byPayloadType = new Map(codecs.map((codec) => [codec.payloadType, codec]));
  for (const { payloadType, type, parameter } of lines) {
    const targets = payloadType === '*' ? codecs : [byPayloadType.get(payloadType)];
    for (const codec of targets) codec?.feedback.push(parameter === undefined ? { type } : { type, parameter });
  }
}

/** A repeated rtpmap or fmtp for one payload type is ambiguous; the first one wins, as in libwebrtc. */
function firstByPayloadType<T>(entries: [number | undefined, T][]): Map<number, T> {
  const map = new Map<number, T>();
  for (const [payloadType, value] of entries) {
    if (payloadType !== undefined && !map.has(payloadType)) map.set(payloadType, value);
  }
  return map;
}

/** What `addCodec` needs; a `Codec` from `getCodecs` is one. */
export interface CodecInput {
  payloadType: number;
  name: string;
  clockRate: number;
  channels?: number;
  parameters?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  feedback?: readonly Omit<RtcpFeedback, 'payloadType'>[];
}

/**
 * Adds a codec to an RTP section: its payload type at the end of the m= formats,
 * then a=rtpmap, a=rtcp-fb and a=fmtp lines (the order browsers use). A
 * parameter whose value is `''` is written bare, like RED's `111/111`.
 */
export function addCodec(media: MediaDescription, codec: CodecInput): void {
  const { payloadType } = codec;
  if (parsePayloadType(`${payloadType}`) === undefined) throw new TypeError(`sdp: payload type ${payloadType} is not 0-127`);
  if (media.formats.includes(`${payloadType}`)) throw new TypeError(`sdp: payload type ${payloadType} is already in the section`);
  media.formats.push(`${payloadType}`);
  const rtpmap: Rtpmap = { payloadType, encodingName: codec.name, clockRate: codec.clockRate };
  if (codec.channels !== undefined) rtpmap.channels = codec.channels;
  appendAttribute(media, rtpmapAttribute, rtpmap);
  for (const feedback of codec.feedback ?? []) appendAttribute(media, rtcpFeedbackAttribute, { payloadType, ...feedback });
  const entries = codec.parameters instanceof Map ? [...codec.parameters] : Object.entries(codec.parameters ?? {});
  if (entries.length === 0) return;
  const parameters = entries.map(([name, value]) => (value === '' ? { name } : { name, value }));
  appendAttribute(media, fmtpAttribute, { format: `${payloadType}`, parameters });
}
