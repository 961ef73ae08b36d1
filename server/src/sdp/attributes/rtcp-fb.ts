import { attributeFailure } from '../errors.ts';
import { isToken, parsePayloadType, splitOnce } from '../grammar.ts';
import { attributeCodec } from './attribute-list.ts';

/**
 * RFC 4585 §4.2: `a=rtcp-fb:<payload type or *> <type> [<parameter>]`, e.g.
 * `96 nack pli`, `96 ccm fir`, `* transport-cc` (RFC 8888 and the transport-cc
 * draft reuse the same syntax). `*` applies to every payload type of the section.
 */
export interface RtcpFeedback {
  payloadType: number | '*';
  /** `ack`, `nack`, `trr-int`, `ccm`, `goog-remb`, `transport-cc`, … */
  type: string;
  /** Everything after the type, e.g. `pli`, `fir`, or `tmmbr smaxpr=120`. */
  parameter?: string;
}

const bad = attributeFailure('BAD_RTCP_FB', 'rtcp-fb');

export function parseRtcpFeedback(value: string): RtcpFeedback {
  const [format, rest] = splitOnce(value, ' ');
  const payloadType = format === '*' ? '*' : parsePayloadType(format);
  if (payloadType === undefined) throw bad(value, 'payload type is not 0-127 or *');
  if (rest === undefined) throw bad(value, 'no feedback type');
  const [type, parameter] = splitOnce(rest, ' ');
  // RFC 4585 §4.2: rtcp-fb-id and rtcp-fb-param are tokens separated by single spaces.
  if (!isToken(type)) throw bad(value, 'feedback type is not a token');
  if (parameter === undefined) return { payloadType, type };
  if (parameter === '' || parameter.startsWith(' ') || parameter.endsWith(' ')) throw bad(value, 'stray space');
  return { payloadType, type, parameter };
}

export function serializeRtcpFeedback(feedback: RtcpFeedback): string {
  const parameter = feedback.parameter === undefined ? '' : ` ${feedback.parameter}`;
  return `${feedback.payloadType} ${feedback.type}${parameter}`;
}

export const rtcpFeedbackAttribute = attributeCodec('rtcp-fb', parseRtcpFeedback, serializeRtcpFeedback);
