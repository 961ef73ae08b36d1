/**
 * Parsers and serializers for the structured line values of RFC 8866 §5: o=,
 * c=, b=, t= and m=. Each parser takes the text after `x=` and the line number
 * for its error; each serializer returns that text again.
 */
import { SdpParseError, quote } from './errors.ts';
import { isToken, parseBigDecimal, parseDecimal, splitFields, splitOnce } from './grammar.ts';
import type { Bandwidth, Connection, MediaDescription, Origin } from './session-description.ts';

/** RFC 8866 §5.2: `o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>`. */
export function parseOrigin(value: string, line: number): Origin {
  const fields = splitFields(value);
  const bad = (reason: string) => new SdpParseError('BAD_ORIGIN', line, `bad o= line ${quote(`o=${value}`)}: ${reason}`);
  if (fields?.length !== 6) throw bad('want 6 fields separated by single spaces');
  const [username, id, version, netType, addressType, address] = fields as [string, string, string, string, string, string];
  const sessionId = parseBigDecimal(id);
  const sessionVersion = parseBigDecimal(version);
  if (sessionId === undefined) throw bad('<sess-id> is not a number');
  if (sessionVersion === undefined) throw bad('<sess-version> is not a number');
  if (!isToken(netType) || !isToken(addressType)) throw bad('<nettype> and <addrtype> must be tokens');
  return { username, sessionId, sessionVersion, netType, addressType, address };
}

export function serializeOrigin(origin: Origin): string {
  const { username, sessionId, sessionVersion, netType, addressType, address } = origin;
  return `${username} ${sessionId} ${sessionVersion} ${netType} ${addressType} ${address}`;
}

/** RFC 8866 §5.7: `c=<nettype> <addrtype> <connection-address>`. */
export function parseConnection(value: string, line: number): Connection {
  const fields = splitFields(value);
  if (fields?.length !== 3 || !isToken(fields[0]!) || !isToken(fields[1]!)) {
    throw new SdpParseError('BAD_CONNECTION', line, `bad c= line ${quote(`c=${value}`)}`);
  }
  return { netType: fields[0]!, addressType: fields[1]!, address: fields[2]! };
}

export function serializeConnection(connection: Connection): string {
  return `${connection.netType} ${connection.addressType} ${connection.address}`;
}

/** RFC 8866 §5.8: `b=<bwtype>:<bandwidth>`, bwtype a token and bandwidth `1*DIGIT`. */
export function parseBandwidth(value: string, line: number): Bandwidth {
  const [type, amount] = splitOnce(value, ':');
  const bandwidth = amount === undefined ? undefined : parseDecimal(amount, 0, Number.MAX_SAFE_INTEGER);
  if (!isToken(type) || bandwidth === undefined) {
    throw new SdpParseError('BAD_BANDWIDTH', line, `bad b= line ${quote(`b=${value}`)}`);
  }
  return { type, bandwidth };
}

export function serializeBandwidth(bandwidth: Bandwidth): string {
  return `${bandwidth.type}:${bandwidth.bandwidth}`;
}

/** RFC 8866 §5.9: `t=<start-time> <stop-time>`, both NTP seconds (`1*DIGIT`). */
export function parseTiming(value: string, line: number): { start: bigint; stop: bigint } {
  const fields = splitFields(value);
  const start = fields?.length === 2 ? parseBigDecimal(fields[0]!) : undefined;
  const stop = fields?.length === 2 ? parseBigDecimal(fields[1]!) : undefined;
  if (start === undefined || stop === undefined) {
    throw new SdpParseError('BAD_TIMING', line, `bad t= line ${quote(`t=${value}`)}`);
  }
  return { start, stop };
}

/** The parts of a media section that come from its m= line. */
export type MediaLine = Pick<MediaDescription, 'kind' | 'port' | 'numberOfPorts' | 'protocol' | 'formats'>;

/**
 * RFC 8866 §5.14: `m=<media> <port>[/<number of ports>] <proto> <fmt> ...`.
 * proto is `token *("/" token)` and there is at least one fmt (RFC 8866 §9).
 */
export function parseMediaLine(value: string, line: number): MediaLine {
  const fields = splitFields(value);
  const bad = () => new SdpParseError('BAD_MEDIA_LINE', line, `bad m= line ${quote(`m=${value}`)}`);
  if (fields === undefined || fields.length < 4) throw bad();
  const [kind, portText, protocol, ...formats] = fields as [string, string, string, ...string[]];
  const [portPart, countPart] = splitOnce(portText, '/');
  const port = parseDecimal(portPart, 0, 65535);
  const numberOfPorts = countPart === undefined ? undefined : parseDecimal(countPart, 1, 65535);
  if (!isToken(kind) || port === undefined || (countPart !== undefined && numberOfPorts === undefined)) throw bad();
  if (!protocol.split('/').every(isToken) || !formats.every(isToken)) throw bad();
  const media: MediaLine = { kind, port, protocol, formats };
  if (numberOfPorts !== undefined) media.numberOfPorts = numberOfPorts;
  return media;
}

export function serializeMediaLine(media: MediaLine): string {
  const port = media.numberOfPorts === undefined ? `${media.port}` : `${media.port}/${media.numberOfPorts}`;
  return `${media.kind} ${port} ${media.protocol} ${media.formats.join(' ')}`;
}
