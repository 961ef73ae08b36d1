import { SdpAttributeError } from '../errors.ts';
import { parseDecimal } from '../grammar.ts';
import { attributeCodec } from './attribute-list.ts';

/** RFC 8841 §5.2: `a=sctp-port:<port>`, the SCTP port inside DTLS (5000 by convention). */
export function parseSctpPort(value: string): number {
  const port = parseDecimal(value, 0, 65535);
  if (port === undefined) throw new SdpAttributeError('BAD_SCTP_PORT', 'sctp-port', value, 'not 0-65535');
  return port;
}

/** RFC 8841 §6.2: `a=max-message-size:<bytes>`; 0 means no limit (RFC 8841 §6.1). */
export function parseMaxMessageSize(value: string): number {
  const size = parseDecimal(value, 0, Number.MAX_SAFE_INTEGER);
  if (size === undefined) throw new SdpAttributeError('BAD_MAX_MESSAGE_SIZE', 'max-message-size', value, 'not a non-negative integer');
  return size;
}

const decimal = (value: number) => `${value}`;

export const sctpPortAttribute = attributeCodec('sctp-port', parseSctpPort, decimal);

export const maxMessageSizeAttribute = attributeCodec('max-message-size', parseMaxMessageSize, decimal);
