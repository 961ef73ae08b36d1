/**
 * How one stream's RTP is rewritten on its way through the SFU (mediasoup's
 * ortc, as pure functions). Three sets of numbers meet:
 *
 *   publisher ──(producer's PTs, ext ids, SSRCs)──► producer
 *        producerRtpMapping: producer → router (the router's PTs and ext ids, one fresh SSRC per encoding)
 *   router-side "consumable" parameters (consumableRtpParameters)
 *        consumerRtpParameters / consumerRtpMapping: router → what this subscriber negotiated
 *   consumer ──(subscriber's PTs, ext ids, a fresh SSRC + RTX SSRC)──► subscriber
 *
 * The media plane applies the two mappings to each packet (payload type,
 * header-extension ids, SSRC); these functions only decide the numbers. Input
 * parameters are expected to have passed `validateRtpParameters` /
 * `validateRtpCapabilities`; the exported wrappers on the classes do that.
 */
import { randomInt } from 'node:crypto';
import { isRtxCodec, matchCodecs } from './codec-matching.ts';
import { UnsupportedError } from './errors.ts';
import type {
  MediaKind,
  RtcpFeedback,
  RtpCapabilities,
  RtpCodecCapability,
  RtpCodecParameters,
  RtpEncodingParameters,
  RtpHeaderExtensionParameters,
  RtpParameters,
} from './rtp-parameters.ts';
import { validateRtpCapabilities } from './rtp-validation.ts';
import { RtpHeaderExtensionUri } from './supported-rtp-capabilities.ts';

export interface PayloadTypeMapping {
  payloadType: number;
  mappedPayloadType: number;
}

export interface HeaderExtensionMapping {
  uri: string;
  id: number;
  mappedId: number;
}

/** A producer encoding and the SSRC its packets carry inside the router. */
export interface EncodingMapping {
  ssrc?: number;
  rid?: string;
  scalabilityMode?: string;
  mappedSsrc: number;
}

/**
 * Producer → router. Codecs and RTX: producer PT → router PT. Header
 * extensions the router does not read (not in its capabilities, or
 * 'sendonly' there) have no entry: the media plane drops them.
 */
export interface RtpMapping {
  codecs: PayloadTypeMapping[];
  headerExtensions: HeaderExtensionMapping[];
  encodings: EncodingMapping[];
}

/** Router → one consumer: router PT → consumer PT, router ext id → consumer ext id. */
export interface ConsumerRtpMapping {
  codecs: PayloadTypeMapping[];
  headerExtensions: HeaderExtensionMapping[];
}

/** The kind of a stream's parameters: the type of its first codec's MIME type. */
export function kindOfParameters(params: Pick<RtpParameters, 'codecs'>): MediaKind {
  const first = params.codecs[0];
  if (first === undefined) throw new TypeError('rtpParameters.codecs must not be empty');
  return first.mimeType.toLowerCase().startsWith('audio/') ? 'audio' : 'video';
}

/**
 * Producer → router numbers. Throws UnsupportedError for a media codec the
 * router does not have (strict match: H264 profile and packetization-mode,
 * VP9 profile-id, AV1 profile) or an RTX codec whose media codec has no RTX
 * in the router, TypeError for encodings that cannot be told apart.
 */
export function producerRtpMapping(params: RtpParameters, caps: RtpCapabilities): RtpMapping {
  const kind = kindOfParameters(params);
  const routerCodecs = caps.codecs ?? [];
  const mappedMedia = new Map<number, RtpCodecCapability>();
  const codecs: PayloadTypeMapping[] = [];
  for (const codec of params.codecs) {
    if (isRtxCodec(codec)) continue;
    const routerCodec = routerCodecs.find((candidate) => !isRtxCodec(candidate) && matchCodecs(codec, candidate, { strict: true }));
    if (routerCodec?.preferredPayloadType === undefined) {
      throw new UnsupportedError(`unsupported codec ${codec.mimeType} (payloadType ${codec.payloadType}): no router codec matches it`);
    }
    mappedMedia.set(codec.payloadType, routerCodec);
    codecs.push({ payloadType: codec.payloadType, mappedPayloadType: routerCodec.preferredPayloadType });
  }
  for (const codec of params.codecs) {
    if (!isRtxCodec(codec)) continue;
    const media = mappedMedia.get(Number(codec.parameters?.['apt']));
    if (media === undefined) throw new TypeError(`RTX payloadType ${codec.payloadType} repairs no media codec of the parameters`);
    const routerRtx = routerCodecs.find((candidate) => isRtxCodec(candidate) && candidate.parameters?.['apt'] === media.preferredPayloadType);
    if (routerRtx?.preferredPayloadType === undefined) {
      throw new UnsupportedError(`no RTX in the router for ${media.mimeType} (payloadType ${media.preferredPayloadType})`);
    }
    codecs.push({ payloadType: codec.payloadType, mappedPayloadType: routerRtx.preferredPayloadType });
  }

  const headerExtensions: HeaderExtensionMapping[] = [];
  const readable = (caps.headerExtensions ?? []).filter((candidate) => candidate.kind === kind && candidate.direction !== 'sendonly' && candidate.direction !== 'inactive');
  for (const ext of params.headerExtensions ?? []) {
    const routerExt = readable.find((candidate) => candidate.uri === ext.uri);
    if (routerExt !== undefined) headerExtensions.push({ uri: ext.uri, id: ext.id, mappedId: routerExt.preferredId });
  }

  const encodings = params.encodings ?? [];
  if (encodings.length === 0) throw new TypeError('rtpParameters.encodings must have at least one encoding');
  encodings.forEach((encoding, i) => {
    const identified = encoding.ssrc !== undefined || encoding.rid !== undefined || (encodings.length === 1 && params.mid !== undefined);
    if (!identified) throw new TypeError(`rtpParameters.encodings[${i}] needs an ssrc or a rid (or, alone, a mid in the parameters)`);
  });
  const firstMappedSsrc = randomSsrc(encodings.length);
  return {
    codecs,
    headerExtensions,
    encodings: encodings.map((encoding, i) => {
      const mapped: EncodingMapping = { mappedSsrc: firstMappedSsrc + i };
      if (encoding.ssrc !== undefined) mapped.ssrc = encoding.ssrc;
      if (encoding.rid !== undefined) mapped.rid = encoding.rid;
      if (encoding.scalabilityMode !== undefined) mapped.scalabilityMode = encoding.scalabilityMode;
      return mapped;
    }),
  };
}

/**
 * What the router offers its consumers for one producer: the router's codecs
 * (with the producer's codec parameters, which describe the actual bitstream)
 * and RTX, the header extensions the router sends for this kind, and one
 * encoding per producer encoding at its mapped SSRC.
 */
export function consumableRtpParameters(kind: MediaKind, params: RtpParameters, caps: RtpCapabilities, mapping: RtpMapping): RtpParameters {
  const routerCodecs = caps.codecs ?? [];
  const codecs: RtpCodecParameters[] = [];
  for (const codec of params.codecs) {
    if (isRtxCodec(codec)) continue;
    const mappedPayloadType = mapping.codecs.find((entry) => entry.payloadType === codec.payloadType)?.mappedPayloadType;
    const routerCodec = routerCodecs.find((candidate) => candidate.preferredPayloadType === mappedPayloadType);
    if (routerCodec?.preferredPayloadType === undefined) throw new TypeError(`the mapping has no router codec for payloadType ${codec.payloadType}`);
    codecs.push(codecParameters(routerCodec, routerCodec.preferredPayloadType, structuredClone(codec.parameters ?? {}), routerCodec.rtcpFeedback ?? []));
    const routerRtx = routerCodecs.find((candidate) => isRtxCodec(candidate) && candidate.parameters?.['apt'] === routerCodec.preferredPayloadType);
    if (routerRtx?.preferredPayloadType !== undefined) {
      codecs.push(codecParameters(routerRtx, routerRtx.preferredPayloadType, { apt: routerCodec.preferredPayloadType }, []));
    }
  }
  const headerExtensions: RtpHeaderExtensionParameters[] = (caps.headerExtensions ?? [])
    .filter((ext) => ext.kind === kind && ext.direction !== 'recvonly' && ext.direction !== 'inactive')
    .map((ext) => ({ uri: ext.uri, id: ext.preferredId }));
  const encodings = (params.encodings ?? []).map((encoding, i) => {
    const mapped = mapping.encodings[i];
    if (mapped === undefined) throw new TypeError(`the mapping has no encoding ${i}`);
    const { rid: _rid, rtx: _rtx, codecPayloadType: _codecPayloadType, ...rest } = encoding;
    return { ...structuredClone(rest), ssrc: mapped.mappedSsrc };
  });
  const rtcp: RtpParameters['rtcp'] = { reducedSize: true };
  if (params.rtcp?.cname !== undefined) rtcp.cname = params.rtcp.cname;
  return { codecs, headerExtensions, encodings, rtcp };
}

/** Whether an endpoint with these capabilities can receive the producer: some media codec matches strictly. */
export function canConsume(consumable: RtpParameters, caps: RtpCapabilities): boolean {
  const { codecs } = validateRtpCapabilities(caps);
  return consumable.codecs.some((codec) => !isRtxCodec(codec) && codecs.some((capCodec) => matchCodecs(capCodec, codec, { strict: true })));
}

export interface ConsumerRtpParametersOptions {
  /** Offer RTX to the subscriber when both sides have it; default true. */
  enableRtx?: boolean;
  /** The MID of the subscriber's m-line. */
  mid?: string;
}

/**
 * One consumer's parameters: the consumable codecs the subscriber can
 * decode, at the subscriber's payload types (`preferredPayloadType` of its
 * capabilities, the router's when it names none), RTX when both sides have
 * it, the header extensions both know (at the subscriber's ids), the RTCP
 * feedback both support (transport-cc over REMB, as mediasoup), one encoding
 * with a fresh SSRC (+ RTX SSRC), and the producer's CNAME so that the
 * subscriber keeps a publisher's audio and video in sync (RFC 3550 §6.5.1).
 * Throws UnsupportedError when no media codec matches.
 */
export function consumerRtpParameters(consumable: RtpParameters, capabilities: RtpCapabilities, options: ConsumerRtpParametersOptions = {}): RtpParameters {
  const caps = validateRtpCapabilities(capabilities, 'rtpCapabilities');
  const kind = kindOfParameters(consumable);
  const enableRtx = options.enableRtx ?? true;
  const codecs: RtpCodecParameters[] = [];
  for (const codec of consumable.codecs) {
    if (isRtxCodec(codec)) continue;
    const capCodec = caps.codecs.find((candidate) => !isRtxCodec(candidate) && matchCodecs(candidate, codec, { strict: true }));
    if (capCodec === undefined) continue;
    const payloadType = capCodec.preferredPayloadType ?? codec.payloadType;
    codecs.push(codecParameters(codec, payloadType, structuredClone(codec.parameters ?? {}), intersectFeedback(codec.rtcpFeedback ?? [], capCodec.rtcpFeedback ?? [])));
    if (!enableRtx) continue;
    const consumableRtx = consumable.codecs.find((candidate) => isRtxCodec(candidate) && candidate.parameters?.['apt'] === codec.payloadType);
    const capRtx = caps.codecs.find((candidate) => isRtxCodec(candidate) && (capCodec.preferredPayloadType === undefined || candidate.parameters?.['apt'] === payloadType));
    if (consumableRtx !== undefined && capRtx !== undefined) {
      codecs.push(codecParameters(consumableRtx, capRtx.preferredPayloadType ?? consumableRtx.payloadType, { apt: payloadType }, []));
    }
  }
  if (codecs.length === 0) throw new UnsupportedError(`no compatible media codecs: the subscriber can decode none of ${describeCodecs(consumable)}`);
  const collision = codecs.find((codec, i) => codecs.findIndex((other) => other.payloadType === codec.payloadType) !== i);
  if (collision !== undefined) throw new UnsupportedError(`payload type ${collision.payloadType} would be used twice; give every codec of the capabilities a preferredPayloadType`);

  const headerExtensions: RtpHeaderExtensionParameters[] = [];
  for (const ext of consumable.headerExtensions ?? []) {
    const capExt = caps.headerExtensions.find((candidate) => candidate.kind === kind && candidate.uri === ext.uri);
    if (capExt !== undefined) headerExtensions.push({ uri: ext.uri, id: capExt.preferredId });
  }
  reduceBandwidthFeedback(codecs, headerExtensions);

  const ssrc = randomSsrc(2);
  const encoding: RtpEncodingParameters = { ssrc };
  if (codecs.some(isRtxCodec)) encoding.rtx = { ssrc: ssrc + 1 };
  const scalabilityMode = consumerScalabilityMode(consumable.encodings ?? []);
  if (scalabilityMode !== undefined) encoding.scalabilityMode = scalabilityMode;
  const maxBitrate = Math.max(0, ...(consumable.encodings ?? []).map((e) => e.maxBitrate ?? 0));
  if (maxBitrate > 0) encoding.maxBitrate = maxBitrate;

  const rtcp: RtpParameters['rtcp'] = { reducedSize: true };
  if (consumable.rtcp?.cname !== undefined) rtcp.cname = consumable.rtcp.cname;
  const result: RtpParameters = { codecs, headerExtensions, encodings: [encoding], rtcp };
  if (options.mid !== undefined) result.mid = options.mid;
  return result;
}

/**
 * Router → consumer numbers for parameters made by `consumerRtpParameters`:
 * each consumer media codec is the consumable codec with the same codec and
 * parameters, each consumer RTX repairs the media codec its `apt` names.
 */
export function consumerRtpMapping(consumable: RtpParameters, consumer: RtpParameters): ConsumerRtpMapping {
  const codecs: PayloadTypeMapping[] = [];
  for (const codec of consumer.codecs) {
    if (isRtxCodec(codec)) continue;
    const source = consumable.codecs.find((candidate) => !isRtxCodec(candidate) && matchCodecs(candidate, codec, { strict: true }) && sameParameters(candidate, codec));
    if (source === undefined) throw new TypeError(`consumer codec ${codec.mimeType} (payloadType ${codec.payloadType}) is not one of the consumable codecs`);
    codecs.push({ payloadType: source.payloadType, mappedPayloadType: codec.payloadType });
  }
  for (const codec of consumer.codecs) {
    if (!isRtxCodec(codec)) continue;
    const media = codecs.find((entry) => entry.mappedPayloadType === codec.parameters?.['apt']);
    const source = consumable.codecs.find((candidate) => isRtxCodec(candidate) && candidate.parameters?.['apt'] === media?.payloadType);
    if (source === undefined) throw new TypeError(`consumer RTX payloadType ${codec.payloadType} has no consumable RTX`);
    codecs.push({ payloadType: source.payloadType, mappedPayloadType: codec.payloadType });
  }
  const headerExtensions: HeaderExtensionMapping[] = [];
  for (const ext of consumer.headerExtensions ?? []) {
    const source = (consumable.headerExtensions ?? []).find((candidate) => candidate.uri === ext.uri);
    if (source !== undefined) headerExtensions.push({ uri: ext.uri, id: source.id, mappedId: ext.id });
  }
  return { codecs, headerExtensions };
}

/**
 * Producer → consumer in one step, for a media plane that rewrites each
 * packet once: the producer's payload types and extension ids as the
 * subscriber negotiated them. An extension the router reads but does not send
 * (rid, repaired-rid) has no entry, nor has one the subscriber lacks. Per-hop
 * extensions (mid, transport-wide-cc) do have one; the media plane stamps
 * those itself (see server/src/media/header-extension-rewriter.ts).
 */
export function composeRtpMappings(producer: Pick<RtpMapping, 'codecs' | 'headerExtensions'>, consumer: ConsumerRtpMapping): ConsumerRtpMapping {
  const codecs: PayloadTypeMapping[] = [];
  for (const { payloadType, mappedPayloadType } of producer.codecs) {
    const onward = consumer.codecs.find((entry) => entry.payloadType === mappedPayloadType);
    if (onward !== undefined) codecs.push({ payloadType, mappedPayloadType: onward.mappedPayloadType });
  }
  const headerExtensions: HeaderExtensionMapping[] = [];
  for (const { uri, id, mappedId } of producer.headerExtensions) {
    const onward = consumer.headerExtensions.find((entry) => entry.id === mappedId && entry.uri === uri);
    if (onward !== undefined) headerExtensions.push({ uri, id, mappedId: onward.mappedId });
  }
  return { codecs, headerExtensions };
}

function codecParameters(
  codec: Pick<RtpCodecParameters, 'mimeType' | 'clockRate' | 'channels'>,
  payloadType: number,
  parameters: RtpCodecParameters['parameters'],
  rtcpFeedback: readonly RtcpFeedback[],
): RtpCodecParameters {
  const result: RtpCodecParameters = { mimeType: codec.mimeType, payloadType, clockRate: codec.clockRate };
  if (codec.channels !== undefined) result.channels = codec.channels;
  result.parameters = parameters ?? {};
  result.rtcpFeedback = rtcpFeedback.map((fb) => ({ ...fb }));
  return result;
}

/** RTCP feedback both sides support, in the router's order. */
function intersectFeedback(ours: readonly RtcpFeedback[], theirs: readonly RtcpFeedback[]): RtcpFeedback[] {
  return ours.filter((fb) => theirs.some((other) => other.type === fb.type && (other.parameter ?? '') === (fb.parameter ?? '')));
}

/**
 * One bandwidth estimator per subscriber: transport-cc when the
 * transport-wide sequence number goes out, else REMB when abs-send-time does
 * (REMB needs it), else neither.
 */
function reduceBandwidthFeedback(codecs: RtpCodecParameters[], headerExtensions: readonly RtpHeaderExtensionParameters[]): void {
  const has = (uri: string): boolean => headerExtensions.some((ext) => ext.uri === uri);
  const drop = has(RtpHeaderExtensionUri.TransportWideCc01) ? ['goog-remb'] : has(RtpHeaderExtensionUri.AbsSendTime) ? ['transport-cc'] : ['goog-remb', 'transport-cc'];
  for (const codec of codecs) codec.rtcpFeedback = (codec.rtcpFeedback ?? []).filter((fb) => !drop.includes(fb.type));
}

/**
 * The consumer gets one stream; with simulcast its spatial layers are the
 * producer's encodings (mediasoup: `L<encodings>T<temporal layers>`).
 */
function consumerScalabilityMode(encodings: readonly RtpEncodingParameters[]): string | undefined {
  const mode = encodings.find((encoding) => encoding.scalabilityMode !== undefined)?.scalabilityMode;
  if (encodings.length <= 1) return mode;
  const temporalLayers = /^[LS]\d+T(\d+)/.exec(mode ?? '')?.[1] ?? '1';
  return `L${encodings.length}T${temporalLayers}`;
}

function sameParameters(a: RtpCodecParameters, b: RtpCodecParameters): boolean {
  const left = a.parameters ?? {};
  const right = b.parameters ?? {};
  const names = new Set([...Object.keys(left), ...Object.keys(right)]);
  return [...names].every((name) => String(left[name]) === String(right[name]));
}

/** A random SSRC with room for `count` consecutive ones (never 0, never wrapping). */
function randomSsrc(count: number): number {
  return randomInt(1, 0xffff_ffff - count);
}

function describeCodecs(params: RtpParameters): string {
  return params.codecs.filter((codec) => !isRtxCodec(codec)).map((codec) => codec.mimeType).join(', ');
}
