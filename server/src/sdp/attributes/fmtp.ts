import { attributeFailure } from '../errors.ts';
import { type Parameter, isToken, serializeParameter, splitOnce } from '../grammar.ts';
import { attributeCodec } from './attribute-list.ts';

/**
 * RFC 8866 §6.15: `a=fmtp:<format> <format specific parameters>`.
 *
 * The parameters are opaque to SDP; almost every RTP payload format writes them
 * as `name=value` pairs separated by `;` (RFC 4855 §3), e.g. Opus
 * `minptime=10;useinbandfec=1`. RED (RFC 2198) writes `111/111`, which reads as
 * one parameter with a name and no value, so nothing is lost.
 */
export interface Fmtp {
  /** The `<fmt>` of the m= line this applies to: an RTP payload type in WebRTC. */
  format: string;
  parameters: Parameter[];
}

const bad = attributeFailure('BAD_FMTP', 'fmtp');

export function parseFmtp(value: string): Fmtp {
  const [format, text] = splitOnce(value, ' ');
  if (!isToken(format)) throw bad(value, 'format is not a token');
  const parameters: Parameter[] = [];
  // Spaces around each pair are dropped (many senders write `a=b; c=d`), and so is a trailing `;`.
  for (const piece of text?.split(';') ?? []) {
    const pair = piece.trim();
    if (pair === '') continue;
    const [name, parameterValue] = splitOnce(pair, '=');
    const trimmedName = name.trim();
    if (trimmedName === '' || /[\s;]/.test(trimmedName)) throw bad(value, `bad parameter name in ${JSON.stringify(pair)}`);
    parameters.push(parameterValue === undefined ? { name: trimmedName } : { name: trimmedName, value: parameterValue.trim() });
  }
  // RFC 8866 §9: format-specific-params is required.
  if (parameters.length === 0) throw bad(value, 'no parameters');
  return { format, parameters };
}

export function serializeFmtp(fmtp: Fmtp): string {
  return `${fmtp.format} ${fmtp.parameters.map(serializeParameter).join(';')}`;
}

export const fmtpAttribute = attributeCodec('fmtp', parseFmtp, serializeFmtp);
