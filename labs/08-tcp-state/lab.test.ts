/**
 * The lab's pieces: the scripted scenarios between two machines, the replay of the shipped
 * capture (every segment the kernel sent is one the reference machine would have sent), the
 * kernel watch, and the lab as a process.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loopbackCaptureFile } from '#fixtures/loopback/index.ts';
import { labsDir } from '#course/paths.ts';
import { runTypeScript, type RunningProcess } from '#course/testing.ts';
import { formatSegment } from './notation.ts';
import { replayCapture } from './replay.ts';
import { SCENARIOS, runScenario } from './scenarios.ts';
import { watchKernel } from './watch.ts';

const MAIN = path.join(labsDir, '08-tcp-state', 'main.ts');
const processes: RunningProcess[] = [];

afterEach(() => {
  processes.splice(0).forEach((child) => child.kill());
});

/** The states on the last line of a scenario: [A, B]. */
function finalStates(lines: string[]): string[] {
  return lines.at(-1)!.trim().split(/\s+/).filter((word) => /^[A-Z]+(-[A-Z0-9]+)*$/.test(word)).slice(0, 2);
}

describe('08-tcp-state: notation', () => {
  it('writes segments as RFC 9293 does, optionally relative to each ISS', () => {
    expect(formatSegment({ seq: 300, ack: 101, syn: true })).toBe('<SEQ=300><ACK=101><CTL=SYN,ACK>');
    expect(formatSegment({ seq: 101, ack: 301, length: 10 })).toBe('<SEQ=101><ACK=301><CTL=ACK><DATA=10>');
    expect(formatSegment({ seq: 5, ack: 2, fin: true }, { seq: 4294967295, ack: 1 })).toBe('<SEQ=6><ACK=1><CTL=FIN,ACK>');
  });
});

describe('08-tcp-state: scenarios', () => {
  const endings: Record<string, string[]> = {
    'handshake': ['ESTABLISHED', 'ESTABLISHED'],
    'simultaneous-open': ['ESTABLISHED', 'ESTABLISHED'],
    'old-duplicate-syn': ['ESTABLISHED', 'ESTABLISHED'],
    'half-open': ['SYN-SENT', 'CLOSED'],
    'close': ['CLOSED', 'CLOSED'],
    'close-three-segments': ['CLOSED', 'CLOSED'],
    'simultaneous-close': ['CLOSED', 'CLOSED'],
    'refused': ['CLOSED', 'CLOSED'],
    'abort': ['CLOSED', 'CLOSED'],
  };
  it('has exactly the scenarios listed here', () => expect(Object.keys(SCENARIOS).sort()).toEqual(Object.keys(endings).sort()));

  for (const [name, states] of Object.entries(endings)) {
    it(`${name} ends with A ${states[0]} and B ${states[1]}`, () => expect(finalStates(runScenario(name))).toEqual(states));
  }

  it('draws Figure 13 with both sides in CLOSING, then TIME-WAIT', () => {
    const lines = runScenario('simultaneous-close').join('\n');
    expect(lines).toMatch(/CLOSING +<-- <SEQ=300><ACK=100><CTL=FIN,ACK> +\.\.\. +FIN-WAIT-1/);
    expect(lines).toMatch(/TIME-WAIT .* TIME-WAIT/);
  });

  it('refuses an unknown scenario with a RangeError', () => expect(() => runScenario('nope')).toThrow(RangeError));
});

describe('08-tcp-state: replaying the loopback capture', () => {
  const lines = replayCapture(loopbackCaptureFile, { absolute: false });
  const segments = lines.filter((line) => /^ +\d+ +[\d.]+ ms /.test(line));

  it('explains every one of the 29 TCP segments as what its sender\'s machine would send', () => {
    expect(segments).toHaveLength(29);
    expect(segments.filter((line) => !line.includes('as its machine said'))).toEqual([]);
  });

  it('takes the client through FIN-WAIT-1, FIN-WAIT-2 and TIME-WAIT over IPv4, straight to TIME-WAIT over IPv6', () => {
    expect(segments[9]).toMatch(/^ +10 .* FIN-WAIT-1 +--> <SEQ=20><ACK=40><CTL=FIN,ACK> +--> CLOSE-WAIT +\(A: CLOSE\)/);
    expect(segments[10]).toMatch(/FIN-WAIT-2 +<-- <SEQ=40><ACK=21><CTL=ACK> +<-- CLOSE-WAIT/);
    expect(segments[11]).toMatch(/TIME-WAIT +<-- <SEQ=40><ACK=21><CTL=FIN,ACK> +<-- LAST-ACK +\(B: CLOSE\)/);
    expect(segments.find((line) => line.startsWith('  32'))).toMatch(/TIME-WAIT +<-- <SEQ=40><ACK=21><CTL=FIN,ACK> +<-- LAST-ACK/);
    expect(lines.filter((line) => line.includes('final states: A CLOSED, B CLOSED'))).toHaveLength(4);
  });

  it('answers the SYN to a closed port the way the kernel did', () => {
    expect(segments.find((line) => line.startsWith('  20'))).toMatch(/--> CLOSED +\(A: active OPEN\) as its machine said; B answers <SEQ=0><ACK=1><CTL=RST,ACK>$/);
  });
});

describe('08-tcp-state: the kernel watch', () => {
  it('shows the kernel going through ESTAB, FIN-WAIT-2 / CLOSE-WAIT and TIME-WAIT', async () => {
    const lines: string[] = [];
    await watchKernel((line) => lines.push(line));
    const text = lines.join('\n');
    if (text.includes('ss did not run')) return; // no iproute2 here: nothing to compare
    expect(text).toMatch(/connected[^\n]*:\n(?: +[^\n]*\n)*? +ESTAB /);
    expect(text).toMatch(/CLOSE-WAIT [^\n]*\n +FIN-WAIT-2 |FIN-WAIT-2 [^\n]*\n +CLOSE-WAIT /);
    expect(text).toMatch(/the server closed too:\n(?: +[^\n]*\n)*? +TIME-WAIT /);
  });
});

describe('08-tcp-state: the lab as a process', () => {
  it('prints usage with no arguments, and a scenario by name', async () => {
    const usage = runTypeScript(MAIN, []);
    processes.push(usage);
    expect((await usage.waitForExit(10_000)).code).toBe(0);
    expect(usage.stdout()).toMatch(/^usage:\n {2}npm run lab -- 08-tcp-state scenario/);
    const scenario = runTypeScript(MAIN, ['scenario', 'refused']);
    processes.push(scenario);
    expect((await scenario.waitForExit(10_000)).code).toBe(0);
    expect(scenario.stdout()).toContain('<SEQ=0><ACK=101><CTL=RST,ACK>');
  });
});
