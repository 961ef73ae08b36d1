import { attributeFailure } from '../errors.ts';
import { isToken, parseDecimal, splitFields } from '../grammar.ts';
import { attributeCodec } from './attribute-list.ts';

/**
 * RFC 8839 §5.1 (with RFC 6544 §4.5 for tcptype):
 *
 *   candidate-attribute = "candidate" ":" foundation SP component-id SP transport SP priority SP
 *                         connection-address SP port SP "typ" SP cand-type
 *                         [SP "raddr" SP connection-address] [SP "rport" SP port]
 *                         [SP "tcptype" SP tcp-type] *(SP extension-att-name SP extension-att-value)
 *
 * e.g. `4187750 1 udp 2122260223 127.0.0.1 53631 typ host generation 0 network-id 1 network-cost 50`.
 */
export interface Candidate {
  /** RFC 8839 §5.1: 1*32 ice-char. */
  foundation: string;
  /** 1 for RTP; 2 for RTCP without rtcp-mux. */
  component: number;
  /** `udp` or `tcp`, case as written (RFC 8839 compares it case-insensitively). */
  transport: string;
  priority: number;
  /** An IP address, or an mDNS `.local` name. */
  address: string;
  port: number;
  /** `host`, `srflx`, `prflx`, `relay` (RFC 8839 §5.1), or a later extension. */
  type: string;
  relatedAddress?: string;
  relatedPort?: number;
  /** RFC 6544 §4.5: `active`, `passive` or `so`. */
  tcpType?: string;
  /** Everything after, as name/value pairs in order: `generation`, `network-id`, `network-cost`, `ufrag`, … */
  extensions: { name: string; value: string }[];
}

type EightOrMore = [string, string, string, string, string, string, string, string, ...string[]];

/** RFC 8839 §5.1: ice-char = ALPHA / DIGIT / "+" / "/". */
const FOUNDATION = /^[A-Za-z0-9+/]{1,32}$/;

const bad = attributeFailure('BAD_CANDIDATE', 'candidate');

export function parseCandidate(value: string): Candidate {
  // Trickled candidates (RFC 8840 §4.1, RTCIceCandidate.candidate) carry the attribute name too.
  const fields = splitFields(value.startsWith('candidate:') ? value.slice('candidate:'.length) : value);
  if (fields === undefined || fields.length < 8 || fields.length % 2 !== 0) throw bad(value, 'wrong number of fields');
  const [foundation, componentText, transport, priorityText, address, portText, typ, type] = fields as EightOrMore;
  if (!FOUNDATION.test(foundation)) throw bad(value, 'foundation is not 1-32 ice-chars');
  // RFC 8445 §5.1.1.1: component IDs are 1 to 256; §5.1.2.1: priority is 1 to 2^31 - 1.
  const component = parseDecimal(componentText, 1, 256);
  const priority = parseDecimal(priorityText, 1, 2 ** 31 - 1);
  const port = parseDecimal(portText, 0, 65535);
  if (component === undefined) throw bad(value, 'component is not 1-256');
  if (priority === undefined) throw bad(value, 'priority is not 1 to 2^31-1');
  if (port === undefined) throw bad(value, 'port is not 0-65535');
  if (!isToken(transport) || typ !== 'typ' || !isToken(type)) throw bad(value, 'want "<transport> ... typ <type>"');
  const candidate: Candidate = { foundation, component, transport, priority, address, port, type, extensions: [] };
  readOptionalFields(candidate, fields.slice(8), value);
  return candidate;
}

/** raddr, rport and tcptype in their grammar positions, then the extension pairs. */
function readOptionalFields(candidate: Candidate, rest: string[], value: string): void {
  let at = 0;
  if (rest[at] === 'raddr') {
    candidate.relatedAddress = rest[at + 1]!;
    at += 2;
  }
  if (rest[at] === 'rport') {
    const relatedPort = parseDecimal(rest[at + 1]!, 0, 65535);
    if (relatedPort === undefined) throw bad(value, 'rport is not 0-65535');
    candidate.relatedPort = relatedPort;
    at += 2;
  }
  if (rest[at] === 'tcptype') {
    candidate.tcpType = rest[at + 1]!;
    at += 2;
  }
  for (; at < rest.length; at += 2) {
    const name = rest[at]!;
    // A second raddr or rport would be ambiguous; RFC 8839 §5.1 allows each once, before the extensions.
    if (!isToken(name) || name === 'raddr' || name === 'rport') throw bad(value, `bad extension name ${JSON.stringify(name)}`);
    candidate.extensions.push({ name, value: rest[at + 1]! });
  }
}

export function serializeCandidate(candidate: Candidate): string {
  const fields: (string | number)[] = [
    candidate.foundation, candidate.component, candidate.transport, candidate.priority,
    candidate.address, candidate.port, 'typ', candidate.type,
  ];
  if (candidate.relatedAddress !== undefined) fields.push('raddr', candidate.relatedAddress);
  if (candidate.relatedPort !== undefined) fields.push('rport', candidate.relatedPort);
  if (candidate.tcpType !== undefined) fields.push('tcptype', candidate.tcpType);
  for (const { name, value } of candidate.extensions) fields.push(name, value);
  return fields.join(' ');
}

export const candidateAttribute = attributeCodec('candidate', parseCandidate, serializeCandidate);
