/**
 * Candidates for the 10-ice tests: builders whose priority and foundation come
 * from the production formulas, a readable label per pair, and the UDP
 * candidates of a Chromium SDP fixture.
 */
import { isIPv6 } from 'node:net';
import { readFixtureText } from '#fixtures/index.ts';
import { type CandidateType, candidateFoundation, candidatePriority } from '#server/ice/index.ts';
import { candidateAttribute, getMid, parseSessionDescription, readAttributes } from '#server/sdp/index.ts';
import type { Candidate, CandidatePair } from '../checklist.ts';

interface Options {
  readonly localPreference?: number;
  readonly componentId?: number;
  /** Instead of the foundation RFC 8445 §5.1.1.3 gives the type and base address. */
  readonly foundation?: string;
  /** Instead of candidatePriority(type, localPreference, componentId). */
  readonly priority?: number;
}

function candidate(type: CandidateType, address: string, port: number, options: Options, base?: Candidate): Candidate {
  const { localPreference = 65535, componentId = 1 } = options;
  return {
    type,
    address,
    port,
    componentId,
    priority: options.priority ?? candidatePriority({ type, localPreference, componentId }),
    foundation: options.foundation ?? candidateFoundation({ type, baseAddress: base?.address ?? address }),
    ...(base === undefined ? {} : { base }),
  };
}

export const host = (address: string, port: number, options: Options = {}): Candidate => candidate('host', address, port, options);
export const relay = (address: string, port: number, options: Options = {}): Candidate => candidate('relay', address, port, options);
export const srflx = (address: string, port: number, base: Candidate, options: Options = {}): Candidate => candidate('srflx', address, port, options, base);
export const prflx = (address: string, port: number, base: Candidate, options: Options = {}): Candidate => candidate('prflx', address, port, options, base);

function endpoint({ address, port, type }: Candidate): string {
  return `${isIPv6(address) ? `[${address}]` : address}:${port} ${type}`;
}

/** e.g. "10.0.0.1:5000 host -> [2001:db8::9]:6000 srflx". */
export function label(pair: CandidatePair): string {
  return `${endpoint(pair.local)} -> ${endpoint(pair.remote)}`;
}

/**
 * The UDP candidates of one media section (by mid) of a Chromium SDP fixture,
 * or of every section. TCP candidates (RFC 6544) are left out: the exercise is UDP only.
 */
export function sdpCandidates(file: string, mid?: string): Candidate[] {
  const description = parseSessionDescription(readFixtureText(`sdp/${file}`));
  const sections = description.media.filter((media) => mid === undefined || getMid(media) === mid);
  return sections.flatMap((media) =>
    readAttributes(media, candidateAttribute)
      .filter((c) => c.transport.toLowerCase() === 'udp')
      .map((c) => ({
        foundation: c.foundation,
        componentId: c.component,
        type: c.type as CandidateType,
        priority: c.priority,
        address: c.address,
        port: c.port,
      })),
  );
}
