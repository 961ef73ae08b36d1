/**
 * Priorities against what Chromium 156 wrote (server/fixtures/chromium-156):
 * the a=candidate lines of every SDP, the PRIORITY of its checks, and the
 * candidate pair priority its getStats() reported for the selected pair.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFixtures, readFixture, readFixtureText } from '#fixtures/index.ts';
import { candidateAttribute, parseSessionDescription, readAttributes } from '../sdp/index.ts';
import { findAttribute, parseStunMessage } from '../stun/index.ts';
import { candidatePriority, pairPriority, priorityParts } from './priority.ts';

/** Chromium's type preference for TCP host candidates (RFC 6544 §4.2 leaves it to the agent). */
const CHROMIUM_TCP_HOST_PREFERENCE = 90;

const candidates = listFixtures('sdp').flatMap((file) => {
  const description = parseSessionDescription(readFixtureText(file));
  return description.media.flatMap((media) => readAttributes(media, candidateAttribute).map((candidate) => ({ file, candidate })));
});

describe('the a=candidate lines of the Chromium 156 SDP fixtures', () => {
  it('are there to check', () => {
    expect(candidates.length).toBeGreaterThan(30);
  });

  it.each(candidates)('$file: $candidate.priority is host, its component, and a local preference (RFC 8445 §5.1.2.1)', ({ candidate }) => {
    const { typePreference, localPreference, componentId } = priorityParts(candidate.priority);
    expect(candidate.type).toBe('host');
    expect(componentId).toBe(candidate.component);
    expect(typePreference).toBe(candidate.transport === 'udp' ? 126 : CHROMIUM_TCP_HOST_PREFERENCE);
    const rebuilt = candidatePriority({ type: 'host', localPreference, componentId, typePreference });
    expect(rebuilt).toBe(candidate.priority);
  });

  it('gives Chromium loopback UDP host candidates 2122260223: local preference 32542, component 1', () => {
    expect(candidatePriority({ type: 'host', localPreference: 32542, componentId: 1 })).toBe(2122260223);
    const chromiumUdp = candidates.filter(({ file, candidate }) => candidate.transport === 'udp' && !/lite.*answer/.test(file));
    expect(new Set(chromiumUdp.map(({ candidate }) => candidate.priority))).toEqual(new Set([2122260223]));
  });

  it("gives the ICE-lite probe's host candidate 2130706431: local preference 65535, component 1", () => {
    const lite = candidates.filter(({ file }) => /lite.*answer/.test(file)).map(({ candidate }) => candidate.priority);
    expect(new Set(lite)).toEqual(new Set([candidatePriority({ type: 'host', localPreference: 65535, componentId: 1 })]));
  });
});

describe('PRIORITY in the Chromium 156 Binding requests (RFC 8445 §7.1.1)', () => {
  const requests = listFixtures('stun').filter((file) => /request/.test(file));

  it.each(requests)('%s: prflx type preference, with the local preference of the host candidate it was sent from', (file) => {
    const priority = findAttribute(parseStunMessage(readFixture(file)), 'PRIORITY')?.value;
    expect(priority).toBe(candidatePriority({ type: 'prflx', localPreference: 32542, componentId: 1 }));
  });
});

interface Stat {
  readonly id: string;
  readonly type: string;
  readonly [field: string]: unknown;
}

/** Each getStats() report in a stats fixture: two for a call (A and B), one for a lite run. */
function reportsOf(file: string): Stat[][] {
  const json = JSON.parse(readFixtureText(file)) as { stats?: Stat[]; statsA?: Stat[]; statsB?: Stat[] };
  return json.stats ? [json.stats] : [json.statsA!, json.statsB!];
}

/** The selected pair of a report, its priority, and the priorities of its two candidates by role. */
function selectedPair(report: readonly Stat[]): { reported: number; controlling: number; controlled: number } {
  const byId = new Map(report.map((stat) => [stat.id, stat]));
  const transport = report.find((stat) => stat.type === 'transport')!;
  const pair = byId.get(transport['selectedCandidatePairId'] as string)!;
  const local = byId.get(pair['localCandidateId'] as string)!['priority'] as number;
  const remote = byId.get(pair['remoteCandidateId'] as string)!['priority'] as number;
  const localIsControlling = transport['iceRole'] === 'controlling';
  return {
    reported: pair['priority'] as number,
    controlling: localIsControlling ? local : remote,
    controlled: localIsControlling ? remote : local,
  };
}

describe('the candidate-pair priority Chromium 156 reports in getStats()', () => {
  const reports = listFixtures('stats').flatMap((file) => reportsOf(file).map((report, i) => ({ name: `${path.basename(file)} #${i + 1}`, report })));

  it.each(reports)('$name: is pairPriority(G, D) rounded to a double', ({ report }) => {
    const { reported, controlling, controlled } = selectedPair(report);
    const exact = pairPriority(controlling, controlled);
    expect(Number(exact)).toBe(reported);
    // JSON numbers are doubles: the low bits, and the G > D bit with them, are already gone.
    expect(BigInt(reported)).not.toBe(exact);
  });
});
