/**
 * What the media plane reads out of the control plane's `transport.produce`
 * and `transport.consume` data (server/src/sfu/channel-messages.ts): the
 * numbers a ProducerStream, RtpListener and ConsumerStream are built with.
 * Pure functions, so every rule here is tested without sockets.
 *
 * Producer packets are kept as the publisher sent them (its payload types
 * and extension ids); a consumer rewrites them in one step with the
 * composition of the two mappings (publisher → router → subscriber).
 */
import { isRtxCodec } from '../sfu/codec-matching.ts';
import type { ConsumeData, ProduceData } from '../sfu/channel-messages.ts';
import { composeRtpMappings } from '../sfu/rtp-mapping.ts';
import type { RtpCodecParameters, RtpParameters } from '../sfu/rtp-parameters.ts';
import { RtpHeaderExtensionUri } from '../sfu/supported-rtp-capabilities.ts';
import type { ListenerHeaderExtensionIds } from './rtp-listener.ts';

/**
 * Extensions that describe one hop, never forwarded (sfu/README.md, "Per-hop
 * header extensions"): mid/rid/repaired-rid name the publisher's m-line and
 * encodings, transport-wide-cc numbers one transport's packets, and
 * abs-send-time is the send time of the hop; the sending transport stamps
 * its own MID, transport-wide sequence number and abs-send-time.
 */
export const PER_HOP_EXTENSIONS: ReadonlySet<string> = new Set([
  RtpHeaderExtensionUri.Mid,
  RtpHeaderExtensionUri.RtpStreamId,
  RtpHeaderExtensionUri.RepairedRtpStreamId,
  RtpHeaderExtensionUri.TransportWideCc01,
  RtpHeaderExtensionUri.AbsSendTime,
]);

/** The id `uri` has in these parameters (their a=extmap), if negotiated. */
export function extensionId(params: Pick<RtpParameters, 'headerExtensions'>, uri: string): number | undefined {
  return params.headerExtensions?.find((ext) => ext.uri === uri)?.id;
}

/** The first media (non-RTX) codec: what the stream carries. */
export function primaryCodec(params: Pick<RtpParameters, 'codecs'>): RtpCodecParameters {
  const codec = params.codecs.find((candidate) => !isRtxCodec(candidate));
  if (codec === undefined) throw new TypeError('media: rtpParameters have no media codec');
  return codec;
}

function hasFeedback(codec: RtpCodecParameters, type: string, parameter?: string): boolean {
  return (codec.rtcpFeedback ?? []).some((fb) => fb.type === type && (fb.parameter ?? '') === (parameter ?? ''));
}

/** RTX payload type → the media payload type it repairs (a=fmtp:<rtx> apt=<media>, RFC 4588 §8.1). */
export function rtxAptMap(params: Pick<RtpParameters, 'codecs'>): Map<number, number> {
  const apt = new Map<number, number>();
  for (const codec of params.codecs) {
    const media = Number(codec.parameters?.['apt']);
    if (isRtxCodec(codec) && Number.isInteger(media)) apt.set(codec.payloadType, media);
  }
  return apt;
}

/** What a producer's publisher negotiated that decides the SFU's RTCP towards it. */
export interface ProducerFeedback {
  /** RFC 4585 `nack pli`, else RFC 5104 `ccm fir`; PLI when neither says (every browser understands it). */
  readonly keyframeMethod: 'pli' | 'fir';
  /** The transport-wide-cc extension id: the SFU must send RTPFB 15 feedback for it. */
  readonly transportCcId: number | undefined;
  /** goog-remb without transport-cc: the SFU sends a REMB estimate instead. */
  readonly remb: boolean;
}

export function producerFeedback(params: RtpParameters): ProducerFeedback {
  const codec = primaryCodec(params);
  const pli = hasFeedback(codec, 'nack', 'pli');
  const fir = hasFeedback(codec, 'ccm', 'fir');
  const transportCcId = extensionId(params, RtpHeaderExtensionUri.TransportWideCc01);
  return {
    keyframeMethod: !pli && fir ? 'fir' : 'pli',
    transportCcId,
    remb: transportCcId === undefined && hasFeedback(codec, 'goog-remb') && extensionId(params, RtpHeaderExtensionUri.AbsSendTime) !== undefined,
  };
}

/** RFC 4585 §4.2 plain `nack`: the publisher resends what the SFU's generic NACKs ask for. */
export function producerNegotiatedNack(params: RtpParameters): boolean {
  return hasFeedback(primaryCodec(params), 'nack');
}

/** The ids the RtpListener binds unknown SSRCs by. */
export function listenerExtensionIds(params: RtpParameters): ListenerHeaderExtensionIds {
  const ids: { mid?: number; rid?: number; repairedRid?: number } = {};
  const mid = extensionId(params, RtpHeaderExtensionUri.Mid);
  const rid = extensionId(params, RtpHeaderExtensionUri.RtpStreamId);
  const repairedRid = extensionId(params, RtpHeaderExtensionUri.RepairedRtpStreamId);
  if (mid !== undefined) ids.mid = mid;
  if (rid !== undefined) ids.rid = rid;
  if (repairedRid !== undefined) ids.repairedRid = repairedRid;
  return ids;
}

/** How one consumer rewrites its producer's packets (ConsumerStream options without the callbacks). */
export interface ConsumerRewrite {
  readonly kind: 'audio' | 'video';
  readonly mimeType: string;
  readonly clockRate: number;
  readonly ssrc: number;
  /** Publisher media PT → subscriber PT. */
  readonly payloadTypes: ReadonlyMap<number, number>;
  readonly rtx: { readonly ssrc: number; readonly payloadType: number } | undefined;
  /** Publisher ext id → subscriber ext id, end-to-end extensions only. */
  readonly headerExtensionIds: ReadonlyMap<number, number>;
  readonly mid: { readonly id: number; readonly value: string } | undefined;
  /** The subscriber's ids of the extensions the sending transport stamps. */
  readonly transportCcId: number | undefined;
  readonly absSendTimeId: number | undefined;
  readonly cname: string | undefined;
}

export function consumerRewrite(producer: Pick<ProduceData, 'rtpParameters' | 'rtpMapping'>, consumer: Pick<ConsumeData, 'kind' | 'rtpParameters' | 'rtpMapping'>): ConsumerRewrite {
  const params = consumer.rtpParameters;
  const composed = composeRtpMappings(producer.rtpMapping, consumer.rtpMapping);
  const producerRtx = rtxAptMap(producer.rtpParameters);
  const payloadTypes = new Map(composed.codecs.filter((entry) => !producerRtx.has(entry.payloadType)).map((entry) => [entry.payloadType, entry.mappedPayloadType]));
  const headerExtensionIds = new Map(
    composed.headerExtensions.filter((entry) => !PER_HOP_EXTENSIONS.has(entry.uri)).map((entry) => [entry.id, entry.mappedId]),
  );
  const codec = primaryCodec(params);
  const encoding = params.encodings?.[0];
  if (encoding?.ssrc === undefined) throw new TypeError('media: consumer rtpParameters.encodings[0].ssrc is missing');
  const rtxCodec = params.codecs.find((candidate) => isRtxCodec(candidate) && Number(candidate.parameters?.['apt']) === codec.payloadType);
  const midId = extensionId(params, RtpHeaderExtensionUri.Mid);
  return {
    kind: consumer.kind,
    mimeType: codec.mimeType,
    clockRate: codec.clockRate,
    ssrc: encoding.ssrc,
    payloadTypes,
    rtx: encoding.rtx !== undefined && rtxCodec !== undefined ? { ssrc: encoding.rtx.ssrc, payloadType: rtxCodec.payloadType } : undefined,
    headerExtensionIds,
    mid: midId !== undefined && params.mid !== undefined ? { id: midId, value: params.mid } : undefined,
    transportCcId: extensionId(params, RtpHeaderExtensionUri.TransportWideCc01),
    absSendTimeId: extensionId(params, RtpHeaderExtensionUri.AbsSendTime),
    cname: params.rtcp?.cname,
  };
}
