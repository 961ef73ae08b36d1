import { attributeFailure } from '../errors.ts';
import { isToken, parseDecimal, parsePayloadType, splitFields } from '../grammar.ts';
import { attributeCodec } from './attribute-list.ts';

/**
 * RFC 8866 §6.6: `a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]`,
 * e.g. `111 opus/48000/2` or `96 VP8/90000`.
 */
export interface Rtpmap {
  payloadType: number;
  /** As written; compare case-insensitively (RFC 4855 §3: media subtype names are case-insensitive). */
  encodingName: string;
  clockRate: number;
  /** RFC 8866 §6.6: "For audio streams, <encoding parameters> indicates the number of audio channels". */
  channels?: number;
}

const bad = attributeFailure('BAD_RTPMAP', 'rtpmap');

export function parseRtpmap(value: string): Rtpmap {
  const fields = splitFields(value);
  if (fields?.length !== 2) throw bad(value, 'want "<payload type> <encoding>/<clock rate>[/<channels>]"');
  const payloadType = parsePayloadType(fields[0]!);
  if (payloadType === undefined) throw bad(value, 'payload type is not 0-127');
  const [encodingName, rate, channelText, ...rest] = fields[1]!.split('/') as [string, ...string[]];
  // RFC 8866 §9: encoding-name is a token, clock rate an integer; a zero clock rate would divide by zero later.
  if (!isToken(encodingName) || rest.length > 0) throw bad(value, 'bad encoding');
  const clockRate = rate === undefined ? undefined : parseDecimal(rate, 1, 0xffffffff);
  if (clockRate === undefined) throw bad(value, 'clock rate is not a positive integer');
  const rtpmap: Rtpmap = { payloadType, encodingName, clockRate };
  if (channelText !== undefined) {
    const channels = parseDecimal(channelText, 1, 255);
    if (channels === undefined) throw bad(value, 'channel count is not a positive integer');
    rtpmap.channels = channels;
  }
  return rtpmap;
}

export function serializeRtpmap(rtpmap: Rtpmap): string {
  const channels = rtpmap.channels === undefined ? '' : `/${rtpmap.channels}`;
  return `${rtpmap.payloadType} ${rtpmap.encodingName}/${rtpmap.clockRate}${channels}`;
}

export const rtpmapAttribute = attributeCodec('rtpmap', parseRtpmap, serializeRtpmap);
